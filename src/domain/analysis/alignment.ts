/**
 * The six-aspect coverage of each strategic bet, the budget that follows each bet, and the
 * plan's alignment score.
 */
import { ASPECTS, type Aspect } from "../plan/contract";
import type { Bet, Plan } from "../plan/model";
import type { BetAlignment } from "./result";
import type { TraceIndex } from "./trace";
import { idKey } from "../common/values";

export interface BudgetFlow {
  /** Undefined when an initiative's budget is unknown, or the budgets add up past what a number holds. */
  readonly totalBudget?: number;
  /** Budget of the initiatives that trace to no bet; undefined when one of those budgets is unknown. */
  readonly untracedBudget?: number;
  /** Bet keys that receive an unknown budget: their total is unknown. */
  readonly unknownBets: ReadonlySet<string>;
  /**
   * Sums that went past what a number holds (budgets of 1e308 added up): unknown, each with a
   * finding (see checkSums in rules.ts). `bets` holds the keys of the bets whose sum did.
   */
  readonly overflow: { readonly total: boolean; readonly bets: ReadonlySet<string> };
  /** Budget per bet key; an initiative that traces to several bets splits its budget equally. */
  readonly byBet: ReadonlyMap<string, number>;
  /** Initiative IDs per bet key, in sheet order. */
  readonly initiativesByBet: ReadonlyMap<string, readonly string[]>;
  /**
   * The bet keys of each initiative, by its position in plan.initiatives: the rules need them
   * again, and resolving them once keeps a large plan's analysis linear in practice too.
   */
  readonly initiativeBetKeys: readonly (readonly string[])[];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function budgetFlow(plan: Plan, index: TraceIndex): BudgetFlow {
  let totalBudget = 0;
  let untracedBudget = 0;
  let totalUnknown = false;
  let untracedUnknown = false;
  const unknownBets = new Set<string>();
  const byBet = new Map<string, number>();
  const initiativesByBet = new Map<string, string[]>();
  const initiativeBetKeys: string[][] = [];
  for (const initiative of plan.initiatives) {
    const budget = initiative.budget ?? 0;
    const unknown = initiative.budgetUnknown === true;
    totalBudget += budget;
    totalUnknown ||= unknown;
    const bets = index.betKeys(initiative);
    initiativeBetKeys.push(bets);
    if (bets.length === 0) {
      untracedBudget += budget;
      untracedUnknown ||= unknown;
    }
    for (const bet of bets) {
      byBet.set(bet, (byBet.get(bet) ?? 0) + budget / bets.length);
      if (unknown) unknownBets.add(bet);
      pushTo(initiativesByBet, bet, initiative.id);
    }
  }
  // Budgets are never negative, so a sum past the largest number stays infinite: checked once here.
  const overflowedBets = new Set<string>();
  for (const [bet, budget] of byBet) {
    if (Number.isFinite(budget)) continue;
    overflowedBets.add(bet);
    unknownBets.add(bet);
  }
  return {
    totalBudget: totalUnknown || !Number.isFinite(totalBudget) ? undefined : totalBudget,
    untracedBudget: untracedUnknown || !Number.isFinite(untracedBudget) ? undefined : untracedBudget,
    unknownBets,
    overflow: { total: !Number.isFinite(totalBudget), bets: overflowedBets },
    byBet,
    initiativesByBet,
    initiativeBetKeys,
  };
}

/** The weights typed, added up; not finite when they add up past the largest number. */
export function weightSum(bets: readonly Bet[]): number {
  let sum = 0;
  for (const bet of bets) sum += bet.weight ?? 0;
  return sum;
}

/**
 * Weights are normalised over the bets that have one; with no usable weight at all every bet
 * counts the same, so that a plan without weights still gets a score and an allocation check.
 * Undefined when a weight is unknown, or the weights add up past the largest number: every
 * share of such a sum is unknown.
 */
export function normalizedWeights(bets: readonly Bet[]): Map<string, number> | undefined {
  if (bets.some((b) => b.weightUnknown)) return undefined;
  const weighted = bets.filter((b) => b.weight !== undefined);
  const sum = weightSum(weighted);
  if (!Number.isFinite(sum)) return undefined;
  const weights = new Map<string, number>();
  if (sum > 0) {
    for (const bet of weighted) weights.set(idKey(bet.id), (bet.weight ?? 0) / sum);
  } else {
    for (const bet of bets) weights.set(idKey(bet.id), 1 / bets.length);
  }
  return weights;
}

interface BetLinks {
  readonly personas: Map<string, { needs: boolean; alternatives: boolean }[]>;
  readonly kpiIds: Map<string, string[]>;
  readonly kpiWithTarget: Set<string>;
}

function betLinks(plan: Plan, index: TraceIndex): BetLinks {
  const personas = new Map<string, { needs: boolean; alternatives: boolean }[]>();
  for (const persona of plan.personas) {
    for (const bet of index.betKeys(persona)) {
      pushTo(personas, bet, { needs: persona.needs !== "", alternatives: persona.alternatives !== "" });
    }
  }
  const kpiIds = new Map<string, string[]>();
  const kpiWithTarget = new Set<string>();
  for (const kpi of plan.kpis) {
    for (const bet of index.betKeys(kpi)) {
      pushTo(kpiIds, bet, kpi.id);
      // A target that is a formula not computed here is still a target the planner has set.
      if (kpi.target !== undefined || kpi.unknownFigures?.includes("target")) kpiWithTarget.add(bet);
    }
  }
  return { personas, kpiIds, kpiWithTarget };
}

function aspectsOf(bet: Bet, key: string, links: BetLinks, flow: BudgetFlow): Record<Aspect, boolean> {
  const personas = links.personas.get(key) ?? [];
  return {
    Persona: personas.length > 0,
    Needs: personas.some((p) => p.needs),
    Alternatives: personas.some((p) => p.alternatives),
    Strategy: bet.strategy !== "" || bet.statement !== "",
    "Business objective": links.kpiWithTarget.has(key) || bet.objective !== "",
    "Major initiatives": (flow.initiativesByBet.get(key) ?? []).length > 0,
  };
}

export interface Alignment {
  readonly bets: BetAlignment[];
  /** Undefined when a weight is unknown, or the weights add up past the largest number. */
  readonly score?: number;
  readonly flow: BudgetFlow;
  /** The weights add up past the largest number (reported by checkSums in rules.ts). */
  readonly weightsOverflow: boolean;
}

export function analyzeAlignment(plan: Plan, index: TraceIndex, allocationThreshold: number): Alignment {
  const flow = budgetFlow(plan, index);
  const links = betLinks(plan, index);
  const weights = normalizedWeights(plan.bets);
  const bets = plan.bets.map((bet): BetAlignment => {
    const key = idKey(bet.id);
    const aspects = aspectsOf(bet, key, links, flow);
    const coverage = ASPECTS.filter((a) => aspects[a]).length / ASPECTS.length;
    const normalizedWeight = weights?.get(key);
    const budget = flow.unknownBets.has(key) ? undefined : (flow.byBet.get(key) ?? 0);
    const budgetShare =
      budget !== undefined && flow.totalBudget !== undefined && flow.totalBudget > 0 ? budget / flow.totalBudget : undefined;
    const allocationGapPoints =
      budgetShare !== undefined && normalizedWeight !== undefined ? (budgetShare - normalizedWeight) * 100 : undefined;
    return {
      betId: bet.id,
      statement: bet.statement,
      aspects,
      coverage,
      weight: bet.weight,
      normalizedWeight,
      budget,
      budgetShare,
      allocationGapPoints,
      // A small epsilon keeps a gap of exactly the threshold from being flagged by rounding.
      allocationFlag: allocationGapPoints !== undefined && Math.abs(allocationGapPoints) > allocationThreshold * 100 + 1e-9,
      kpiIds: links.kpiIds.get(key) ?? [],
      initiativeIds: flow.initiativesByBet.get(key) ?? [],
    };
  });
  const weightsOverflow = !plan.bets.some((b) => b.weightUnknown) && !Number.isFinite(weightSum(plan.bets));
  return { bets, score: weights === undefined ? undefined : alignmentScore(bets), flow, weightsOverflow };
}

/** Weighted mean of coverage over the bets that have a normalised weight. */
export function alignmentScore(bets: readonly BetAlignment[]): number {
  let weightSum = 0;
  let total = 0;
  for (const bet of bets) {
    if (bet.normalizedWeight === undefined) continue;
    weightSum += bet.normalizedWeight;
    total += bet.normalizedWeight * bet.coverage;
  }
  return weightSum > 0 ? total / weightSum : 0;
}
