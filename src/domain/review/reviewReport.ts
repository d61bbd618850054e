/**
 * "Since last review" in the report: one line under the header and the table CVM_Changes, from
 * the comparison of review.ts. The command line's summary and the pane say the same in words
 * made here.
 */
import { serialText } from "../common/cells";
import { orPlaceholder } from "../sheets/layoutParts";
import type { ReportReviewSection } from "../sheets/report";
import type { OutColumn, OutFormat, OutTable, OutValue } from "../sheets/reportLayout";
import type { ReviewFinding, SinceLast, StatusChange } from "./review";

export const CHANGES_TABLE_NAME = "CVM_Changes";

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

/** The changes one by one: score, resolved and new findings, KPI statuses, bets' coverage. */
export function changesTable(since: SinceLast | undefined, row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Change", format: "text", width: 16 },
    { header: "Item", format: "text", width: 8 },
    { header: "ID", format: "text", width: 10 },
    { header: "What", format: "text", width: 30 },
    { header: "Before", format: "text", width: 18 },
    { header: "After", format: "text", width: 18 },
    { header: "Detail", format: "text", width: 90 },
  ];
  const rows: OutValue[][] = [];
  const formats: (OutFormat | undefined)[][] = [];
  const add = (values: OutValue[], share = false) => {
    rows.push(values);
    formats.push(share ? [undefined, undefined, undefined, undefined, "percent", "percent", undefined] : []);
  };
  if (since) {
    if (since.scoreDeltaPoints !== undefined && Math.abs(since.scoreDeltaPoints) >= 0.05) {
      add(
        [
          "Score changed",
          "Plan",
          "",
          "Alignment score",
          since.score.before ?? null,
          since.score.after ?? null,
          pointsText(since.scoreDeltaPoints),
        ],
        true,
      );
    }
    const finding = (change: string) => (f: ReviewFinding) =>
      add([
        change,
        "Finding",
        f.itemId,
        f.rule,
        change === "Resolved" ? f.severity : "",
        change === "New" ? f.severity : "",
        `${f.sheet}!${f.cell}: ${f.message}`,
      ]);
    since.resolvedFindings.forEach(finding("Resolved"));
    since.newFindings.forEach(finding("New"));
    for (const k of since.statusChanges) add(["Status changed", "KPI", k.kpiId, k.name, statusText(k.before), statusText(k.after), ""]);
    for (const b of since.coverageChanges)
      add(["Coverage changed", "Bet", b.betId, b.statement, b.before ?? null, b.after ?? null, ""], true);
  }
  const empty = since ? "Nothing changed since the last review" : "First review in this workbook: nothing to compare with yet";
  return {
    name: CHANGES_TABLE_NAME,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, empty),
    cellFormats: rows.length ? formats : undefined,
    statusColumns: [0],
  };
}

/** What a review adds to the report it writes: the line under its header and CVM_Changes. */
export function reviewSection(since: SinceLast | undefined): ReportReviewSection {
  return { line: sinceLastLine(since), changes: (row) => changesTable(since, row) };
}
