/**
 * The plan's analysis beside a scenario's: the same parsed plan analysed as it stands and with
 * the scenario applied, and what changes between the two (score, each bet's coverage, weight,
 * budget share and allocation, each KPI's bridge, the findings that appear or go away). The pane's
 * what-if view, its "CVM Scenario" sheet and `cvm-gap analyze --scenario` all use this.
 */
import { analyzePlan } from "../analysis/analyze";
import type { KpiStatus } from "../plan/contract";
import { type Finding } from "../plan/model";
import { findingIdentityWithinPlan } from "../analysis/findingIdentity";
import { DEFAULT_OPTIONS, type AnalysisOptions, type AnalysisResult, type Closure } from "../analysis/result";
import type { ParsedPlan } from "../plan/parse";
import { allocationLabel } from "../sheets/reportTables";
import { FindingSink } from "../plan/rowReader";
import { applyScenario, type AppliedScenario, type Scenario } from "./scenario";

/** A figure in the plan and in the scenario; undefined where there is none (or it is unknown). */
export interface Change<T> {
  readonly plan?: T;
  readonly scenario?: T;
}

export interface BetChange {
  readonly betId: string;
  readonly statement: string;
  readonly coverage: Change<number>;
  /** The normalised weight. */
  readonly weight: Change<number>;
  readonly budget: Change<number>;
  readonly budgetShare: Change<number>;
  readonly allocationGapPoints: Change<number>;
  readonly allocation: Change<string>;
}

export interface KpiChange {
  readonly kpiId: string;
  readonly name: string;
  readonly unit: string;
  readonly planned: Change<number>;
  readonly residual: Change<number>;
  readonly coverage: Change<number>;
  readonly closure: Change<Closure>;
  readonly projected: Change<number>;
  readonly projectedStatus: Change<KpiStatus>;
}

export interface ScenarioComparison {
  readonly score: Change<number>;
  readonly totalBudget: Change<number>;
  readonly untracedBudget: Change<number>;
  readonly bets: readonly BetChange[];
  readonly kpis: readonly KpiChange[];
  /** Findings of the scenario the plan does not have, and the plan's the scenario does not. */
  readonly appeared: readonly Finding[];
  readonly resolved: readonly Finding[];
}

export interface WhatIf {
  readonly plan: AnalysisResult;
  readonly scenario: AnalysisResult;
  readonly applied: AppliedScenario;
  readonly comparison: ScenarioComparison;
}

/** The analysis of a parsed plan; the parse's findings are copied, so it can run again. */
export function analyzeParsed(parsed: ParsedPlan, options: AnalysisOptions = DEFAULT_OPTIONS): AnalysisResult {
  return analyzePlan(parsed.plan, new FindingSink(parsed.findings.findings), options);
}

/** The parsed plan with the scenario applied, analysed. */
export function analyzeScenario(
  parsed: ParsedPlan,
  scenario: Scenario,
  options: AnalysisOptions = DEFAULT_OPTIONS,
): { result: AnalysisResult; applied: AppliedScenario } {
  const applied = applyScenario(parsed.plan, scenario);
  return { result: analyzePlan(applied.plan, new FindingSink(parsed.findings.findings), options, applied.bridgeInputs), applied };
}

/** The plan and the scenario side by side; `plan` may be given when it was analysed already. */
export function whatIf(
  parsed: ParsedPlan,
  scenario: Scenario,
  options: AnalysisOptions = DEFAULT_OPTIONS,
  plan: AnalysisResult = analyzeParsed(parsed, options),
): WhatIf {
  const { result, applied } = analyzeScenario(parsed, scenario, options);
  return { plan, scenario: result, applied, comparison: compareResults(plan, result) };
}

/** The findings with no match in the other analysis of the same plan (src/domain/analysis/findingIdentity.ts). */
function missingFrom(findings: readonly Finding[], other: readonly Finding[]): Finding[] {
  const keys = new Set(other.map(findingIdentityWithinPlan));
  return findings.filter((f) => !keys.has(findingIdentityWithinPlan(f)));
}

const change = <T>(plan: T | undefined, scenario: T | undefined): Change<T> => ({ plan, scenario });

export function compareResults(plan: AnalysisResult, scenario: AnalysisResult): ScenarioComparison {
  const scenarioBets = new Map(scenario.bets.map((b) => [b.betId, b]));
  const scenarioKpis = new Map(scenario.kpis.map((k) => [k.kpiId, k]));
  return {
    score: change(plan.score, scenario.score),
    totalBudget: change(plan.totalBudget, scenario.totalBudget),
    untracedBudget: change(plan.untracedBudget, scenario.untracedBudget),
    bets: plan.bets.map((b): BetChange => {
      const s = scenarioBets.get(b.betId);
      return {
        betId: b.betId,
        statement: b.statement,
        coverage: change(b.coverage, s?.coverage),
        weight: change(b.normalizedWeight, s?.normalizedWeight),
        budget: change(b.budget, s?.budget),
        budgetShare: change(b.budgetShare, s?.budgetShare),
        allocationGapPoints: change(b.allocationGapPoints, s?.allocationGapPoints),
        allocation: change(allocationLabel(b), s && allocationLabel(s)),
      };
    }),
    kpis: plan.kpis.map((k): KpiChange => {
      const s = scenarioKpis.get(k.kpiId);
      return {
        kpiId: k.kpiId,
        name: k.name,
        unit: k.unit,
        planned: change(k.planned, s?.planned),
        residual: change(k.residual, s?.residual),
        coverage: change(k.coverage, s?.coverage),
        closure: change(k.closure, s?.closure),
        projected: change(k.projected, s?.projected),
        projectedStatus: change(k.projectedStatus, s?.projectedStatus),
      };
    }),
    appeared: missingFrom(scenario.findings, plan.findings),
    resolved: missingFrom(plan.findings, scenario.findings),
  };
}
