/**
 * The short human summary the command line prints: what was read, the score, the findings by
 * severity, the worst KPI gaps, then every finding with the cell to fix.
 */
import { CLOSURES, type AnalysisResult, type KpiGap, type SheetReport } from "../domain/model";
import { findingCounts } from "../domain/report";
import type { SinceLast } from "../domain/review";
import { sinceLastLine, statusText } from "../domain/reviewReport";
import type { ScenarioLine } from "../domain/scenario";
import { amountInUnit, percentOf } from "../domain/units";
import type { WhatIf } from "../domain/whatIf";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const amount = (value: number) => Math.round(value).toLocaleString("en-US");

function sheetLine(sheet: SheetReport): string {
  if (!sheet.found) return `  ${sheet.label}: not found${sheet.required ? " (required)" : ""}`;
  const where = sheet.tableName ? `table ${sheet.tableName}` : `header ${sheet.headerRange ?? "not found"}`;
  const missing = sheet.missingColumns.length ? `; missing ${sheet.missingColumns.join(", ")}` : "";
  return `  ${sheet.label}: ${sheet.rowsRead} ${sheet.rowsRead === 1 ? "row" : "rows"} from "${sheet.sheetName}" (${where})${missing}`;
}

const STATUS_RANK: Readonly<Record<KpiGap["status"], number>> = { "Off track": 0, "At risk": 1, "No data": 3, "On track": 2 };

/** Off track before at risk, and within each the KPIs furthest from their target first. */
export function worstKpiGaps(kpis: readonly KpiGap[], count: number): KpiGap[] {
  const distance = (k: KpiGap) => k.progress ?? k.attainment ?? 0;
  return kpis
    .filter((k) => k.status === "Off track" || k.status === "At risk")
    .map((k, i) => ({ k, i }))
    .sort((a, b) => STATUS_RANK[a.k.status] - STATUS_RANK[b.k.status] || distance(a.k) - distance(b.k) || a.i - b.i)
    .slice(0, count)
    .map(({ k }) => k);
}

function kpiLine(kpi: KpiGap): string {
  const measure = kpi.progress !== undefined ? `progress ${percent(kpi.progress)}` : kpi.attainment !== undefined ? `attainment ${percent(kpi.attainment)}` : "";
  const gap = kpi.gap !== undefined ? `gap ${amountInUnit(kpi.gap, kpi.unit)}` : "";
  return `  ${kpi.kpiId} ${kpi.name}: ${kpi.status}, ${[gap, measure].filter(Boolean).join(", ")}`;
}

/** How many KPIs the planned impacts close, then the ones still short, with what is left to find. */
function bridgeLines(kpis: readonly KpiGap[], count: number): string[] {
  if (!kpis.some((k) => k.closure)) return [];
  const tally = CLOSURES.map((c) => [c, kpis.filter((k) => k.closure === c).length] as const).filter(([, n]) => n > 0);
  const short = kpis.filter((k) => k.closure === "Not addressed" || k.closure === "Partly closed");
  const lines = [`Gap-to-target bridge: ${tally.map(([c, n]) => `${n} ${c.toLowerCase()}`).join(", ")}${short.length ? "; still short:" : ""}`];
  for (const k of short.slice(0, count)) {
    const planned = k.closure === "Partly closed" && k.coverage !== undefined ? `${percentOf(k.coverage)} of the gap planned` : "no impact planned towards the target";
    const residual = k.residual !== undefined ? `, ${amountInUnit(k.residual, k.unit)} still to find` : "";
    lines.push(`  ${k.kpiId} ${k.name}: ${k.closure?.toLowerCase()}, ${planned}${residual}`);
  }
  if (short.length > count) lines.push(`  and ${short.length - count} more (see the findings)`);
  return lines;
}

export function formatSummary(result: AnalysisResult, input: string): string {
  const lines = [`CVM gap analysis of ${input}`, "Sheets:", ...result.sheets.map(sheetLine)];
  lines.push(`Alignment score: ${result.score === undefined ? "unknown (a weight is a formula that could not be computed)" : percent(result.score)} over ${result.bets.length} strategic bets`);
  lines.push(`Findings: ${findingCounts(result.findings)}`);
  if (result.totalBudget === undefined) {
    lines.push("Budget: unknown (a budget is a formula that could not be computed; see the findings)");
  } else if (result.totalBudget > 0) {
    const untraced = result.untracedBudget === undefined ? "an unknown amount" : `${amount(result.untracedBudget)} (${percent(result.untracedBudget / result.totalBudget)})`;
    lines.push(`Budget: ${amount(result.totalBudget)}, of which ${untraced} traces to no bet`);
  }
  const worst = worstKpiGaps(result.kpis, 5);
  const unknown = result.kpis.filter((k) => k.unknown).length;
  const unknownNote = unknown ? ` (${unknown} ${unknown === 1 ? "KPI's status is" : "KPIs' statuses are"} unknown: a figure is a formula that could not be computed)` : "";
  lines.push(worst.length ? `Worst KPI gaps${unknownNote}:` : `Worst KPI gaps: none, every KPI with known data is on track${unknownNote}`);
  lines.push(...worst.map(kpiLine));
  lines.push(...bridgeLines(result.kpis, 5));
  if (result.findings.length) {
    lines.push("All findings:");
    for (const f of result.findings) {
      lines.push(`  ${f.severity.padEnd(7)} ${`${f.sheet}!${f.cell}`.padEnd(24)} ${f.rule.padEnd(20)} ${f.message}`);
    }
  }
  return lines.join("\n");
}

const shareOrUnknown = (share: number | undefined) => (share === undefined ? "unknown" : percent(share));

function lineText(line: ScenarioLine): string {
  const show = (value: number | boolean | undefined) =>
    typeof value === "boolean" ? (value ? "on" : "off") : value === undefined ? "unknown" : line.what === "Budget" ? amount(value) : percent(value);
  return `  ${line.kind} ${line.id}${line.name ? ` (${line.name})` : ""}: ${line.what.toLowerCase()} ${show(line.plan)} → ${show(line.scenario)}`;
}

/** What the scenario changed and what that does: the score, allocations, closures, findings. */
export function formatScenario(whatIf: WhatIf, file: string): string {
  const { applied, comparison } = whatIf;
  const lines = [`What-if: the figures above are the plan with the scenario ${file} applied (${applied.lines.length} ${applied.lines.length === 1 ? "change" : "changes"}):`];
  lines.push(...applied.lines.map(lineText));
  lines.push(...applied.problems.map((p) => `  left out: ${p}`));
  lines.push(`Alignment score: ${shareOrUnknown(comparison.score.plan)} in the plan, ${shareOrUnknown(comparison.score.scenario)} with the scenario`);
  for (const bet of comparison.bets) {
    if (bet.allocation.plan !== bet.allocation.scenario) lines.push(`  ${bet.betId} ${bet.statement}: ${bet.allocation.plan} → ${bet.allocation.scenario}`);
  }
  for (const kpi of comparison.kpis) {
    if (kpi.closure.plan !== kpi.closure.scenario) lines.push(`  ${kpi.kpiId} ${kpi.name}: ${kpi.closure.plan} → ${kpi.closure.scenario}`);
  }
  lines.push(`Findings: ${comparison.appeared.length} appear, ${comparison.resolved.length} go away`);
  return lines.join("\n");
}

/** What changed since the last review, in words: the header line, then each change. */
export function formatSinceLast(since: SinceLast | undefined, label?: string): string {
  const lines = [sinceLastLine(since, label)];
  if (!since) return lines.join("\n");
  for (const f of since.resolvedFindings) lines.push(`  resolved  ${f.rule.padEnd(22)} ${f.itemId || f.sheet}: ${f.message}`);
  for (const f of since.newFindings) lines.push(`  new       ${f.rule.padEnd(22)} ${f.itemId || f.sheet}: ${f.message}`);
  for (const k of since.statusChanges) lines.push(`  status    ${k.kpiId} ${k.name}: ${statusText(k.before)} → ${statusText(k.after)}`);
  for (const b of since.coverageChanges) lines.push(`  coverage  ${b.betId} ${b.statement}: ${shareOrUnknown(b.before)} → ${shareOrUnknown(b.after)}`);
  return lines.join("\n");
}
