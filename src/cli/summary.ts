/**
 * The short human summary the command line prints: what was read, the score, the findings by
 * severity, the worst KPI gaps, then the findings with the cell to fix. Every list is bounded,
 * with a count of the rest: a scenario of 500,000 changes or a plan of 100,000 findings gives a
 * summary a person can read; the report and --json hold every one.
 */
import { type SheetReport } from "../domain/plan/model";
import { CLOSURES, type AnalysisResult, type KpiGap } from "../domain/analysis/result";
import { findingCounts } from "../domain/analysis/findingCounts";
import { byStatusWorstFirst } from "../domain/analysis/statusOrder";
import type { SinceLast } from "../domain/review/review";
import { sinceLastLine, statusText } from "../domain/review/reviewReport";
import type { ScenarioLine } from "../domain/whatIf/scenario";
import { amountInUnit, levelInUnit, percentOf } from "../domain/common/units";
import type { WhatIf } from "../domain/whatIf/whatIf";
import { whyUnknown } from "../domain/analysis/unknownReason";

const percent = (share: number) => percentOf(share, { decimals: 1 });
const amount = (value: number) => Math.round(value).toLocaleString("en-US");

/** Findings listed before the rest are counted; far more than a plan in good order has. */
export const LISTED_FINDINGS = 200;
/** Lines of any other list (a scenario's changes, what it left out, what changed since the last review). */
export const LISTED_LINES = 50;

/**
 * Appends `items` as lines, at most `max` of them, then one line counting the rest: with a loop
 * rather than push(...lines), whose arguments a huge list would overflow the stack with.
 */
function pushBounded<T>(
  lines: string[],
  items: readonly T[],
  line: (item: T) => string,
  max: number,
  rest: (count: string) => string,
): void {
  const shown = Math.min(items.length, max);
  for (let i = 0; i < shown; i++) lines.push(line(items[i]));
  if (items.length > shown) lines.push(rest((items.length - shown).toLocaleString("en-US")));
}

function sheetLine(sheet: SheetReport): string {
  if (!sheet.found) return `  ${sheet.label}: not found${sheet.required ? " (required)" : ""}`;
  const where = sheet.tableName ? `table ${sheet.tableName}` : `header ${sheet.headerRange ?? "not found"}`;
  const missing = sheet.missingColumns.length ? `; missing ${sheet.missingColumns.join(", ")}` : "";
  return `  ${sheet.label}: ${sheet.rowsRead} ${sheet.rowsRead === 1 ? "row" : "rows"} from "${sheet.sheetName}" (${where})${missing}`;
}

/**
 * Off track before at risk, and within each the KPIs furthest from their target first (in the
 * plan's order when level): the first `count` kept as the KPIs go by, rather than every KPI off
 * track or at risk sorted to show five of them (thousands on a large plan).
 */
export function worstKpiGaps(kpis: readonly KpiGap[], count: number): KpiGap[] {
  const distance = (k: KpiGap) => k.progress ?? k.attainment ?? 0;
  const before = (a: KpiGap, b: KpiGap) => (byStatusWorstFirst(a.status, b.status) || distance(a) - distance(b)) < 0;
  const worst: KpiGap[] = [];
  if (count <= 0) return worst;
  for (const kpi of kpis) {
    if (kpi.status !== "Off track" && kpi.status !== "At risk") continue;
    if (worst.length === count && !before(kpi, worst[count - 1])) continue;
    // After every KPI it does not come before: a later KPI of the same rank stays behind the earlier.
    let at = worst.length;
    while (at > 0 && before(kpi, worst[at - 1])) at--;
    worst.splice(at, 0, kpi);
    if (worst.length > count) worst.pop();
  }
  return worst;
}

function kpiLine(kpi: KpiGap): string {
  const measure =
    kpi.progress !== undefined
      ? `progress ${percent(kpi.progress)}`
      : kpi.attainment !== undefined
        ? `attainment ${percent(kpi.attainment)}`
        : "";
  const gap = kpi.gap !== undefined ? `gap ${amountInUnit(kpi.gap, kpi.unit)}` : "";
  return `  ${kpi.kpiId} ${kpi.name}: ${kpi.status}, ${[gap, measure].filter(Boolean).join(", ")}`;
}

/** How many KPIs the planned impacts close, then the ones still short, with what is left to find. */
function bridgeLines(kpis: readonly KpiGap[], count: number): string[] {
  if (!kpis.some((k) => k.closure)) return [];
  const tally = CLOSURES.map((c) => [c, kpis.filter((k) => k.closure === c).length] as const).filter(([, n]) => n > 0);
  const short = kpis.filter((k) => k.closure === "Not addressed" || k.closure === "Partly closed");
  const lines = [
    `Gap-to-target bridge: ${tally.map(([c, n]) => `${n} ${c.toLowerCase()}`).join(", ")}${short.length ? "; still short:" : ""}`,
  ];
  for (const k of short.slice(0, count)) {
    const planned =
      k.closure === "Partly closed" && k.coverage !== undefined
        ? `${percentOf(k.coverage)} of the gap planned`
        : "no impact planned towards the target";
    const residual = k.residual !== undefined ? `, ${amountInUnit(k.residual, k.unit)} still to find` : "";
    lines.push(`  ${k.kpiId} ${k.name}: ${k.closure?.toLowerCase()}, ${planned}${residual}`);
  }
  if (short.length > count) lines.push(`  and ${short.length - count} more (see the findings)`);
  return lines;
}

/** With a KPI Series: the KPIs whose trend misses the target by its due month. Nothing without one. */
function trendLines(kpis: readonly KpiGap[], count: number): string[] {
  const trended = kpis.filter((k) => k.trend);
  if (trended.length === 0) return [];
  const missing = trended.filter((k) => k.trend?.status === "Off track" || k.trend?.status === "At risk");
  if (missing.length === 0) return [`Trends: all ${trended.length} KPIs with a trend reach their target`];
  const lines = [`Trends: ${missing.length} of ${trended.length} KPIs with a trend miss their target:`];
  for (const k of missing.slice(0, count)) {
    const trend = k.trend as NonNullable<KpiGap["trend"]>;
    const target = k.target === undefined ? "" : `, target ${levelInUnit(k.target, k.unit)}`;
    lines.push(
      `  ${k.kpiId} ${k.name}: on trend ${levelInUnit(trend.projected, k.unit)}${target} (${trend.status.toLowerCase()}, as of ${trend.asOf})`,
    );
  }
  if (missing.length > count) lines.push(`  and ${missing.length - count} more (see --json)`);
  return lines;
}

export function formatSummary(result: AnalysisResult, input: string): string {
  const lines = [`CVM gap analysis of ${input}`, "Sheets:"];
  for (const sheet of result.sheets) lines.push(sheetLine(sheet));
  lines.push(
    `Alignment score: ${result.score === undefined ? `unknown (${whyUnknown(result, "a weight")})` : percent(result.score)} over ${result.bets.length} strategic bets`,
  );
  lines.push(`Findings: ${findingCounts(result.findings)}`);
  if (result.totalBudget === undefined) {
    lines.push(`Budget: unknown (${whyUnknown(result, "a budget")}; see the findings)`);
  } else if (result.totalBudget > 0) {
    const untraced =
      result.untracedBudget === undefined
        ? "an unknown amount"
        : `${amount(result.untracedBudget)} (${percent(result.untracedBudget / result.totalBudget)})`;
    lines.push(`Budget: ${amount(result.totalBudget)}, of which ${untraced} traces to no bet`);
  }
  const worst = worstKpiGaps(result.kpis, 5);
  const unknown = result.kpis.filter((k) => k.unknown).length;
  const unknownNote = unknown
    ? ` (${unknown} ${unknown === 1 ? "KPI's status is" : "KPIs' statuses are"} unknown: ${whyUnknown(result, "a figure")})`
    : "";
  lines.push(worst.length ? `Worst KPI gaps${unknownNote}:` : `Worst KPI gaps: none, every KPI with known data is on track${unknownNote}`);
  for (const kpi of worst) lines.push(kpiLine(kpi));
  for (const line of bridgeLines(result.kpis, 5)) lines.push(line);
  for (const line of trendLines(result.kpis, 5)) lines.push(line);
  if (result.findings.length) {
    lines.push(result.findings.length > LISTED_FINDINGS ? `Findings, the first ${LISTED_FINDINGS}:` : "All findings:");
    pushBounded(
      lines,
      result.findings,
      (f) => `  ${f.severity.padEnd(7)} ${`${f.sheet}!${f.cell}`.padEnd(24)} ${f.rule.padEnd(20)} ${f.message}`,
      LISTED_FINDINGS,
      (rest) => `  … and ${rest} more findings: the report sheet and --json list every one.`,
    );
  }
  return lines.join("\n");
}

const shareOrUnknown = (share: number | undefined) => (share === undefined ? "unknown" : percent(share));

function lineText(line: ScenarioLine): string {
  const show = (value: number | boolean | undefined) =>
    typeof value === "boolean"
      ? value
        ? "on"
        : "off"
      : value === undefined
        ? "unknown"
        : line.what === "Budget"
          ? amount(value)
          : percent(value);
  return `  ${line.kind} ${line.id}${line.name ? ` (${line.name})` : ""}: ${line.what.toLowerCase()} ${show(line.plan)} → ${show(line.scenario)}`;
}

/** What the scenario changed and what that does: the score, allocations, closures, findings. */
export function formatScenario(whatIf: WhatIf, file: string): string {
  const { applied, comparison } = whatIf;
  const lines = [
    `What-if: the figures above are the plan with the scenario ${file} applied (${applied.lines.length} ${applied.lines.length === 1 ? "change" : "changes"}):`,
  ];
  pushBounded(
    lines,
    applied.lines,
    lineText,
    LISTED_LINES,
    (rest) => `  … and ${rest} more changes: the "CVM Scenario" sheet and --json list every one.`,
  );
  pushBounded(
    lines,
    applied.problems,
    (p) => `  left out: ${p}`,
    LISTED_LINES,
    (rest) => `  … and ${rest} more changes left out: --json lists every one under scenario.problems.`,
  );
  lines.push(
    `Alignment score: ${shareOrUnknown(comparison.score.plan)} in the plan, ${shareOrUnknown(comparison.score.scenario)} with the scenario`,
  );
  const allocations = comparison.bets.filter((bet) => bet.allocation.plan !== bet.allocation.scenario);
  pushBounded(
    lines,
    allocations,
    (bet) => `  ${bet.betId} ${bet.statement}: ${bet.allocation.plan} → ${bet.allocation.scenario}`,
    LISTED_LINES,
    (rest) => `  … and ${rest} more bets whose allocation changes.`,
  );
  const closures = comparison.kpis.filter((kpi) => kpi.closure.plan !== kpi.closure.scenario);
  pushBounded(
    lines,
    closures,
    (kpi) => `  ${kpi.kpiId} ${kpi.name}: ${kpi.closure.plan} → ${kpi.closure.scenario}`,
    LISTED_LINES,
    (rest) => `  … and ${rest} more KPIs whose closure changes.`,
  );
  lines.push(`Findings: ${comparison.appeared.length} appear, ${comparison.resolved.length} go away`);
  return lines.join("\n");
}

/** What changed since the last review, in words: the header line, then each change. */
export function formatSinceLast(since: SinceLast | undefined, label?: string): string {
  const lines = [sinceLastLine(since, label)];
  if (!since) return lines.join("\n");
  const rest = (what: string) => (count: string) => `  … and ${count} more ${what} (--json lists every one).`;
  pushBounded(
    lines,
    since.resolvedFindings,
    (f) => `  resolved  ${f.rule.padEnd(22)} ${f.itemId || f.sheet}: ${f.message}`,
    LISTED_LINES,
    rest("resolved findings"),
  );
  pushBounded(
    lines,
    since.newFindings,
    (f) => `  new       ${f.rule.padEnd(22)} ${f.itemId || f.sheet}: ${f.message}`,
    LISTED_LINES,
    rest("new findings"),
  );
  pushBounded(
    lines,
    since.statusChanges,
    (k) => `  status    ${k.kpiId} ${k.name}: ${statusText(k.before)} → ${statusText(k.after)}`,
    LISTED_LINES,
    rest("KPI status changes"),
  );
  pushBounded(
    lines,
    since.coverageChanges,
    (b) => `  coverage  ${b.betId} ${b.statement}: ${shareOrUnknown(b.before)} → ${shareOrUnknown(b.after)}`,
    LISTED_LINES,
    rest("coverage changes"),
  );
  return lines.join("\n");
}
