/**
 * The three questions a general manager asks of a plan, each answered with its own figures and
 * never folded into one composite: are the bets aligned (the six aspects' coverage), does the
 * plan close the KPIs' gaps (the bridge's closures), does the money follow the priorities (each
 * bet's budget share against its weight, and the budget that traces to no bet). Then the few
 * findings that matter most.
 */
import type { KpiStatus } from "../plan/contract";
import { SEVERITIES, type Finding, type RuleCode } from "../plan/model";
import { CLOSURES, type AnalysisResult, type BetAlignment, type Closure } from "./result";

export interface AlignedAnswer {
  /** The bets' coverage of the six aspects, averaged with their weights: the report's alignment score. */
  readonly coverage?: number;
  readonly bets: number;
  /** Bets that cover all six aspects. */
  readonly fullyCovered: number;
}

export interface GapsAnswer {
  readonly kpis: number;
  /** How many KPIs have each status now. */
  readonly statuses: Readonly<Record<KpiStatus, number>>;
  /** How many KPIs the planned impacts leave in each closure; undefined without an Impacts sheet. */
  readonly closures?: Readonly<Record<Closure, number>>;
}

export interface MoneyAnswer {
  /** Bets whose budget share is above their weight by more than the threshold. */
  readonly overFunded: readonly BetAlignment[];
  readonly underFunded: readonly BetAlignment[];
  readonly bets: number;
  readonly totalBudget?: number;
  readonly untracedBudget?: number;
  readonly threshold: number;
}

export interface PlanAnswers {
  readonly aligned: AlignedAnswer;
  readonly gaps: GapsAnswer;
  readonly money: MoneyAnswer;
}

const STATUSES: readonly KpiStatus[] = ["On track", "At risk", "Off track", "No data"];

export function planAnswers(result: AnalysisResult): PlanAnswers {
  const statuses = Object.fromEntries(STATUSES.map((s) => [s, result.kpis.filter((k) => k.status === s).length])) as Record<
    KpiStatus,
    number
  >;
  const withBridge = result.kpis.some((k) => k.closure !== undefined);
  const closures = withBridge
    ? (Object.fromEntries(CLOSURES.map((c) => [c, result.kpis.filter((k) => k.closure === c).length])) as Record<Closure, number>)
    : undefined;
  const flagged = result.bets.filter((b) => b.allocationFlag);
  return {
    aligned: { coverage: result.score, bets: result.bets.length, fullyCovered: result.bets.filter((b) => b.coverage >= 1).length },
    gaps: { kpis: result.kpis.length, statuses, closures },
    money: {
      overFunded: flagged.filter((b) => (b.allocationGapPoints ?? 0) > 0),
      underFunded: flagged.filter((b) => (b.allocationGapPoints ?? 0) < 0),
      bets: result.bets.length,
      totalBudget: result.totalBudget,
      untracedBudget: result.untracedBudget,
      threshold: result.options.allocationThreshold,
    },
  };
}

/**
 * The warnings that bear on the three answers, most telling first: a gap nothing addresses, money
 * off its bet's weight or on no bet, a bet with nothing to move it, an impact the wrong way.
 */
const RULE_RANK: readonly RuleCode[] = [
  "BRIDGE_NOT_ADDRESSED",
  "ALLOCATION_GAP",
  "UNTRACED_BUDGET",
  "BET_NO_INITIATIVE",
  "BET_NO_KPI",
  "IMPACT_WRONG_DIRECTION",
  "BRIDGE_PARTLY_CLOSED",
  "KPI_NO_DATA",
  "INITIATIVE_UNTRACED",
];

const rank = (rule: RuleCode) => {
  const at = RULE_RANK.indexOf(rule);
  return at < 0 ? RULE_RANK.length : at;
};

/**
 * The findings to read first: errors before warnings before notes; within a severity, by the rank
 * above, one finding per rule before a second of any, in the order the analysis found them.
 */
export function topFindings(findings: readonly Finding[], count: number): Finding[] {
  const ordered = findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) ||
        rank(a.finding.rule) - rank(b.finding.rule) ||
        a.order - b.order,
    );
  const severest = ordered[0]?.finding.severity;
  const rules = new Set<RuleCode>();
  // The first of each rule among the severest findings; then the rest, to fill up.
  const firsts = ordered.filter(({ finding }) => {
    if (finding.severity !== severest || rules.has(finding.rule)) return false;
    rules.add(finding.rule);
    return true;
  });
  const picked = [...firsts, ...ordered];
  const seen = new Set<number>();
  const top: Finding[] = [];
  for (const { finding, order } of picked) {
    if (top.length === count) break;
    if (seen.has(order)) continue;
    seen.add(order);
    top.push(finding);
  }
  return top;
}
