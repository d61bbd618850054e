/**
 * "Since last review" in the report: one line under the header and the table CVM_Changes, from
 * the comparison of review.ts. The command line's summary and the pane say the same in words
 * made here.
 */
import { serialText } from "../common/cells";
import type { ReportReviewSection } from "../sheets/report";
import type { OutFormat, OutTable, OutValue } from "../sheets/reportLayout";
import { defineTable, layoutTable } from "../sheets/tableSchema";
import type { ReviewFinding, SinceLast, StatusChange } from "./review";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "score +2.1 points": the sign always shown, a tenth of a point. */
export function pointsText(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${Math.abs(rounded).toFixed(1)} points`;
}

/**
 * The one line: "Since 2026-11-20 09:30: score +2.1 points, 3 resolved, 1 new, 2 KPI statuses
 * changed", or that this is the first review the workbook has. `from` names the baseline when it
 * is not the last run but another file (`cvm-gap compare`).
 */
export function sinceLastLine(since: SinceLast | undefined, from?: string): string {
  if (!since) return "First review in this workbook: there is no earlier report to compare with.";
  const when =
    from !== undefined
      ? `Since ${from}`
      : since.previousRunAt === undefined
        ? "Since the last review"
        : `Since ${serialText(since.previousRunAt)}`;
  const parts = [
    since.scoreDeltaPoints === undefined ? "score not comparable" : `score ${pointsText(since.scoreDeltaPoints)}`,
    `${since.resolvedFindings.length} resolved`,
    `${since.newFindings.length} new`,
  ];
  if (since.statusChanges.length) parts.push(`${plural(since.statusChanges.length, "KPI status", "KPI statuses")} changed`);
  if (since.coverageChanges.length) parts.push(`${plural(since.coverageChanges.length, "bet's coverage", "bets' coverage")} changed`);
  return `${when}: ${parts.join(", ")}`;
}

/** A KPI's status with its closure beside it when it has one: "Off track (Partly closed)". */
export const statusText = (s: StatusChange["before"]) => (s.closure ? `${s.status} (${s.closure})` : s.status);

/** One line of CVM_Changes: a change to the score, a finding, a KPI's status or a bet's coverage. */
export interface ChangeLine {
  readonly change: string;
  readonly item: string;
  readonly id: string;
  readonly what: string;
  readonly before: OutValue;
  readonly after: OutValue;
  readonly detail: string;
  /** Before and after are shares, shown as percentages. */
  readonly share?: boolean;
}

const shareFormat = (line: ChangeLine): OutFormat | undefined => (line.share ? "percent" : undefined);

export const CHANGES_TABLE = defineTable<ChangeLine>()({
  name: "CVM_Changes",
  columns: [
    { key: "change", header: "Change", format: "text", width: 16, value: (l) => l.change, status: true },
    { key: "item", header: "Item", format: "text", width: 8, value: (l) => l.item },
    { key: "id", header: "ID", format: "text", width: 10, value: (l) => l.id },
    { key: "what", header: "What", format: "text", width: 30, value: (l) => l.what },
    { key: "before", header: "Before", format: "text", width: 18, value: (l) => l.before, cellFormat: shareFormat },
    { key: "after", header: "After", format: "text", width: 18, value: (l) => l.after, cellFormat: shareFormat },
    { key: "detail", header: "Detail", format: "text", width: 90, value: (l) => l.detail },
  ],
});

export const CHANGES_TABLE_NAME = CHANGES_TABLE.name;

/** The changes one by one: score, resolved and new findings, KPI statuses, bets' coverage. */
export function changeLines(since: SinceLast | undefined): ChangeLine[] {
  const lines: ChangeLine[] = [];
  if (since) {
    if (since.scoreDeltaPoints !== undefined && Math.abs(since.scoreDeltaPoints) >= 0.05) {
      lines.push({
        change: "Score changed",
        item: "Plan",
        id: "",
        what: "Alignment score",
        before: since.score.before ?? null,
        after: since.score.after ?? null,
        detail: pointsText(since.scoreDeltaPoints),
        share: true,
      });
    }
    const finding = (change: "Resolved" | "New") => (f: ReviewFinding) =>
      lines.push({
        change,
        item: "Finding",
        id: f.itemId,
        what: f.rule,
        before: change === "Resolved" ? f.severity : "",
        after: change === "New" ? f.severity : "",
        detail: `${f.sheet}!${f.cell}: ${f.message}`,
      });
    since.resolvedFindings.forEach(finding("Resolved"));
    since.newFindings.forEach(finding("New"));
    for (const k of since.statusChanges) {
      lines.push({
        change: "Status changed",
        item: "KPI",
        id: k.kpiId,
        what: k.name,
        before: statusText(k.before),
        after: statusText(k.after),
        detail: "",
      });
    }
    for (const b of since.coverageChanges) {
      lines.push({
        change: "Coverage changed",
        item: "Bet",
        id: b.betId,
        what: b.statement,
        before: b.before ?? null,
        after: b.after ?? null,
        detail: "",
        share: true,
      });
    }
  }
  return lines;
}

/** CVM_Changes at `row`: the changes, or a row that says there are none or nothing to compare with. */
export function changesTable(since: SinceLast | undefined, row: number): OutTable {
  const empty = since ? "Nothing changed since the last review" : "First review in this workbook: nothing to compare with yet";
  return layoutTable(CHANGES_TABLE, changeLines(since), { row, empty });
}

/** What a review adds to the report it writes: the line under its header and CVM_Changes. */
export function reviewSection(since: SinceLast | undefined): ReportReviewSection {
  return { line: sinceLastLine(since), changes: (row) => changesTable(since, row) };
}
