/**
 * The overview's words: the three answers, each with its own figures, and the places the most
 * telling findings lead to. Kept apart from React so that what is shown, what the live region says
 * and the tests share them.
 */
import type { AnalysisResult, Closure } from "../../../domain/analysis/result";
import type { KpiStatus } from "../../../domain/plan/contract";
import type { Finding } from "../../../domain/plan/model";
import type { PlanAnswers } from "../../../domain/analysis/answers";
import { whyUnknown } from "../../../domain/analysis/unknownReason";
import { countBySeverity } from "../../../domain/analysis/findingCounts";
import { budget, count, percent, percentNumber } from "../shared/format";

/** One figure of an answer: "5" "closed". */
export interface Tally {
  readonly key: string;
  readonly n: number;
  readonly label: string;
}

/** The closures in the order a GM reads them: what is done, what is half done, what is not, what needs nothing. */
const CLOSURE_WORDS: readonly [Closure, string][] = [
  ["Closed", "closed"],
  ["Partly closed", "partly closed"],
  ["Not addressed", "not addressed"],
  ["On track", "on track"],
  ["No data", "no data"],
  ["Unknown", "unknown"],
];

const STATUS_WORDS: readonly [KpiStatus, string][] = [
  ["Off track", "off track"],
  ["At risk", "at risk"],
  ["On track", "on track"],
  ["No data", "no data"],
];

/** The KPIs by closure, the ones with none left out; by status when the plan has no bridge. */
export function gapsTally(answers: PlanAnswers): Tally[] {
  const { closures, statuses } = answers.gaps;
  const words = closures
    ? CLOSURE_WORDS.map(([key, label]) => ({ key, n: closures[key], label }))
    : STATUS_WORDS.map(([key, label]) => ({ key, n: statuses[key], label }));
  return words.filter((t) => t.n > 0);
}

/** "Now 6 off track, 5 at risk, 4 on track, 1 no data": the statuses, under the closures. */
export function statusLine(answers: PlanAnswers): string {
  const parts = STATUS_WORDS.filter(([key]) => answers.gaps.statuses[key] > 0).map(
    ([key, label]) => `${answers.gaps.statuses[key]} ${label}`,
  );
  return `Now: ${parts.join(", ")}.`;
}

/** What the aspect coverage is, and what it is not. */
export function alignedText(answers: PlanAnswers, result: AnalysisResult): string {
  const { aligned } = answers;
  if (aligned.coverage === undefined)
    return `The aspect coverage cannot be weighted, as ${whyUnknown(result, "a bet's weight")}: see the findings.`;
  return `${aligned.fullyCovered} of ${count(aligned.bets, "bet", "bets")} cover all six aspects; weighted by bet. It says nothing of KPIs or money.`;
}

/** "2 of 5 bets off their weight" and which way each. */
export function moneyHeadline(answers: PlanAnswers): string {
  const { overFunded, underFunded, bets } = answers.money;
  const off = overFunded.length + underFunded.length;
  return off === 0 ? `None of ${count(bets, "bet", "bets")} off its weight` : `${off} of ${count(bets, "bet", "bets")} off their weight`;
}

export function moneyLines(answers: PlanAnswers): string[] {
  const { overFunded, underFunded, totalBudget, untracedBudget, threshold } = answers.money;
  const lines: string[] = [];
  const named = (bets: PlanAnswers["money"]["overFunded"]) => bets.map((b) => b.betId).join(", ");
  if (overFunded.length) lines.push(`Over-funded: ${named(overFunded)}.`);
  if (underFunded.length) lines.push(`Under-funded: ${named(underFunded)}.`);
  if (overFunded.length + underFunded.length === 0)
    lines.push(`Every bet's budget share is within ${percentNumber(threshold)} points of its weight.`);
  if (totalBudget === undefined) lines.push("The total budget is unknown: see the findings.");
  else if (totalBudget > 0 && untracedBudget !== undefined)
    lines.push(
      untracedBudget > 0
        ? `${budget(untracedBudget)} of ${budget(totalBudget)} (${percent(untracedBudget / totalBudget)}) traces to no bet.`
        : "Every budget traces to a bet.",
    );
  return lines;
}

/** The overview's way to the findings: "All 23 findings: 21 warnings, 2 info", the severities there are. */
export function allFindingsText(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = [
    counts.error ? count(counts.error, "error", "errors") : "",
    counts.warning ? count(counts.warning, "warning", "warnings") : "",
    counts.info ? count(counts.info, "info", "info") : "",
  ].filter(Boolean);
  return `All ${count(findings.length, "finding", "findings")}: ${parts.join(", ")}`;
}

/** The live region's sentence after an analysis: the three answers and the findings, never one score alone. */
export function analysisDoneText(answers: PlanAnswers, findingCountsText: string): string {
  const coverage = answers.aligned.coverage === undefined ? "unknown" : percent(answers.aligned.coverage);
  const gaps = gapsTally(answers)
    .map((t) => `${t.n} ${t.label}`)
    .join(", ");
  return `Analysis done: aspect coverage ${coverage}; KPIs ${gaps}; ${moneyHeadline(answers).toLowerCase()}; ${findingCountsText}`;
}

/** Where a finding leads from the overview: its KPI's bridge, its bet's budget, or itself in the list. */
export type FindingPlace =
  | { readonly view: "kpis"; readonly kpiId: string }
  | { readonly view: "bets"; readonly betId?: string }
  | { readonly view: "findings"; readonly key: number };

export function placeOf(finding: Finding, key: number, result: AnalysisResult): FindingPlace {
  const id = finding.itemId.toLowerCase();
  const kpi = result.kpis.find((k) => k.kpiId.toLowerCase() === id);
  if (kpi && id) return { view: "kpis", kpiId: kpi.kpiId };
  const bet = result.bets.find((b) => b.betId.toLowerCase() === id);
  if (bet && id) return { view: "bets", betId: bet.betId };
  if (finding.rule === "UNTRACED_BUDGET" || finding.rule === "NO_BUDGET") return { view: "bets" };
  return { view: "findings", key };
}
