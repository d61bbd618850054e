/**
 * The what-if view's words and numbers: reading what a planner types into its fields as the
 * sheets read a cell, and writing figures, changes and the sentence the live region announces.
 */
import type { ScenarioLine } from "../../../domain/whatIf/scenario";
import { readNumber } from "../../../domain/common/values";
import { percentOf } from "../../../domain/common/units";
import { CLOSURES } from "../../../domain/analysis/result";
import type { Change, KpiChange, ScenarioComparison } from "../../../domain/whatIf/whatIf";
import { amount, count, percent, wholeNumber } from "../shared/format";

/** What a field's text means: a number, the plan's own figure (a blank field), or a mistake to show. */
export type Typed = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

const UNCHANGED = "The scenario was not changed.";

function typedNumber(text: string, notANumber: string, check: (value: number) => string | undefined): Typed {
  const read = readNumber(text);
  if (read.kind === "blank") return { ok: true, value: null };
  if (read.kind !== "number") return { ok: false, message: `"${text.trim()}" ${notANumber} ${UNCHANGED}` };
  const problem = check(read.value);
  return problem ? { ok: false, message: `${problem} ${UNCHANGED}` } : { ok: true, value: read.value };
}

export const typedBudget = (text: string): Typed =>
  typedNumber(text, "is not an amount: type one as on the sheet, e.g. 300,000 or €300,000.", (v) =>
    v < 0 ? "A budget cannot be below 0." : undefined,
  );

export const typedWeight = (text: string): Typed =>
  typedNumber(text, "is not a weight: type one as on the sheet, e.g. 25% or 0.25.", (v) =>
    v < 0 ? "A weight cannot be below 0." : undefined,
  );

export const typedConfidence = (text: string): Typed =>
  typedNumber(text, "is not a confidence: type a share, e.g. 80% or 0.8.", (v) =>
    v < 0 || v > 1 ? "A confidence is a share from 0% to 100%, e.g. 80% or 0.8." : undefined,
  );

const MINUS = "−";

/** Amounts as everywhere in the pane (shared/format.ts): without a currency the plan does not state. */
export { amount };

/** A share typed or shown as a percentage, exact enough to type back: 0.25 → "25%", 1/3 → "33.33%". */
export const shareText = (value: number) => percentOf(value, { decimals: 2, trimZeros: true });

/** Weights on the sheets are shares (0.25) or points (3): a plan's are all shown the way it writes them. */
export const weightText = (value: number | undefined, asShares: boolean) =>
  value === undefined ? "–" : asShares ? shareText(value) : amount(value);

const signOf = (value: number) => (value > 0 ? "+" : value < 0 ? MINUS : "±");

/** A change of money, or undefined when there is none to show. */
export function amountDelta(plan: number | undefined, scenario: number | undefined): string | undefined {
  if (plan === undefined || scenario === undefined || plan === scenario) return undefined;
  const delta = scenario - plan;
  if (Math.abs(delta) < 0.005) return undefined;
  return `${signOf(delta)}${amount(Math.abs(delta))}`;
}

/** A change of a share in percentage points, or undefined when it rounds to nothing. */
export function pointsDelta(plan: number | undefined, scenario: number | undefined, unit = "pp"): string | undefined {
  if (plan === undefined || scenario === undefined) return undefined;
  const points = (scenario - plan) * 100;
  if (Math.abs(points) < 0.05) return undefined;
  return `${signOf(points)}${Math.abs(points).toFixed(1)} ${unit}`;
}

/** What the live region says after an edit: "Scenario: score 90.7% (−1.0 points), 1 finding appears, 2 go away". */
export function announcement(comparison: ScenarioComparison): string {
  const { score, appeared, resolved } = comparison;
  const delta = pointsDelta(score.plan, score.scenario, "points");
  const scoreText = score.scenario === undefined ? "score unknown" : `score ${percent(score.scenario)} (${delta ?? "unchanged"})`;
  const appears =
    appeared.length === 0
      ? "no finding appears"
      : appeared.length === 1
        ? "1 finding appears"
        : `${wholeNumber(appeared.length)} findings appear`;
  const goes = resolved.length === 0 ? "none goes away" : resolved.length === 1 ? "1 goes away" : `${wholeNumber(resolved.length)} go away`;
  return `Scenario: ${scoreText}, ${appears}, ${goes}`;
}

/**
 * What a field holds in the scenario while the text typed in it is refused: the last figure
 * that could be used, or the plan's when none was typed.
 */
export const inEffectText = (figure: string, fromPlan: boolean): string =>
  fromPlan ? `In effect: ${figure}, the plan's figure.` : `In effect: ${figure}, the last figure that could be used.`;

/** A bet's weight as the analysis counts it: the weights are scaled to add up to 100%. */
export interface NormalizedWeight {
  /** The bet's weight over all the weights, in the plan and in the scenario. */
  readonly share: Change<number>;
  /** What the scenario's weights add up to, as typed. */
  readonly total?: number;
}

/**
 * "Counted as 33.3% (plan: 20.0%): the weights add up to 120%, scaled to 100%." Weights are
 * shares of all the weights, so raising one lowers the others' shares.
 */
export function normalizedWeightText(weight: NormalizedWeight, weightsAsShares: boolean): string {
  const { share, total } = weight;
  if (share.scenario === undefined) return "Not counted: without a weight, the bet has no share of the weights.";
  const plan = share.plan !== undefined && share.plan !== share.scenario ? ` (plan: ${percent(share.plan)})` : "";
  const counted = `Counted as ${percent(share.scenario)}${plan}`;
  if (total === undefined) return `${counted}: the weights are scaled to add up to 100%.`;
  if (weightsAsShares && Math.abs(total - 1) < 1e-9) return `${counted}: the weights add up to 100%.`;
  return `${counted}: the weights add up to ${weightText(total, weightsAsShares)}, scaled to 100%.`;
}

const lineValue = (what: ScenarioLine["what"], value: number | boolean | undefined, weightsAsShares: boolean): string => {
  if (value === undefined) return "unknown";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (what === "Budget") return amount(value);
  if (what === "Weight") return weightText(value, weightsAsShares);
  return shareText(value);
};

/**
 * One change of the scenario in words: "I16 City marathon sponsorship: switched off". A weight
 * is said as typed and, given its bet's share of all the weights, as the analysis counts it:
 * "weight 20% → 40%, counted as 20.0% → 33.3% of all the weights".
 */
export function changeText(line: ScenarioLine, weightsAsShares: boolean, share?: Change<number>): string {
  const name = line.name ? `${line.id} ${line.name}` : line.id;
  if (line.what === "Active") return `${name}: switched ${line.scenario ? "on" : "off"}`;
  const value = (v: number | boolean | undefined) => lineValue(line.what, v, weightsAsShares);
  const typed = `${name}: ${line.what.toLowerCase()} ${value(line.plan)} → ${value(line.scenario)}`;
  if (line.what !== "Weight" || share === undefined) return typed;
  return `${typed}, counted as ${percent(share.plan)} → ${percent(share.scenario)} of all the weights`;
}

export const changesCount = (n: number) =>
  n === 0 ? "No change yet: the scenario is the plan as it stands." : `${count(n, "change", "changes")} to the plan:`;

export interface ListWords {
  readonly one: string;
  readonly many: string;
}

/** What the list under the search shows, so that a bounded list never looks like the whole plan. */
export function listCaption(
  words: ListWords,
  shown: { readonly matches: number; readonly total: number },
  query: string,
  limit: number,
): string {
  const q = query.trim();
  const { matches, total } = shown;
  if (!q) {
    if (total === 0) return `The plan has no ${words.many}.`;
    if (total <= limit) return `${count(total, words.one, words.many)}.`;
    return `The first ${limit} of ${count(total, words.one, words.many)}; search by ID or name to find others. Changed ones are always listed.`;
  }
  if (matches === 0) return `No ${words.one} matches "${q}". Changed ones are always listed.`;
  const found = `${count(matches, words.one, words.many)} ${matches === 1 ? "matches" : "match"} "${q}"`;
  return matches <= limit
    ? `${found}. Changed ones are always listed.`
    : `${found}; the first ${limit} are listed: type more to narrow them. Changed ones are always listed.`;
}

/** One figure of the summary kept in view while editing: the scenario's figure and its change from the plan, if any. */
export interface EffectItem {
  readonly key: "score" | "budget" | "closures" | "findings";
  readonly label: string;
  readonly value: string;
  readonly change?: string;
}

/** How many KPIs each closure has, in the plan and the scenario, for the closures whose count moves: "Closed 3 → 4". */
export function closureMoves(kpis: readonly KpiChange[]): string[] {
  const moves: string[] = [];
  for (const closure of CLOSURES) {
    const plan = kpis.filter((k) => k.closure.plan === closure).length;
    const scenario = kpis.filter((k) => k.closure.scenario === closure).length;
    if (plan !== scenario) moves.push(`${closure} ${wholeNumber(plan)} → ${wholeNumber(scenario)}`);
  }
  return moves;
}

/**
 * The summary of the scenario's effect kept in view while editing: the score, the budget, the
 * bridge's closures (when the plan has impacts) and the findings that appear or go away.
 */
export function effectItems(comparison: ScenarioComparison, withBridge: boolean): EffectItem[] {
  const { score, totalBudget, appeared, resolved } = comparison;
  const items: EffectItem[] = [
    { key: "score", label: "Alignment score", value: percent(score.scenario), change: pointsDelta(score.plan, score.scenario, "points") },
    { key: "budget", label: "Budget", value: amount(totalBudget.scenario), change: amountDelta(totalBudget.plan, totalBudget.scenario) },
  ];
  if (withBridge) {
    const moves = closureMoves(comparison.kpis);
    items.push({ key: "closures", label: "Bridge", value: moves.length ? moves.join(", ") : "no closure changes" });
  }
  const findings = [
    appeared.length && `${count(appeared.length, "appears", "appear")}`,
    resolved.length && `${wholeNumber(resolved.length)} ${resolved.length === 1 ? "goes" : "go"} away`,
  ].filter(Boolean);
  items.push({ key: "findings", label: "Findings", value: findings.length ? findings.join(", ") : "none appears or goes away" });
  return items;
}
