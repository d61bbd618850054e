/**
 * The gap analysis from sheets to result: parse, trace, evaluate the KPIs, check the rules, and
 * sort the findings so that the same plan always gives the same output in the same order.
 */
import { parseCellAddress, type SheetData } from "../common/cells";
import { SHEETS } from "../plan/contract";
import { analyzeAlignment } from "./alignment";
import { bridgeKpis, type BridgeInputs } from "./bridge";
import { kpiGaps } from "./kpiGaps";
import { type Finding, type Plan, type Severity } from "../plan/model";
import { DEFAULT_OPTIONS, type AnalysisOptions, type AnalysisResult } from "./result";
import { parsePlan, type ParseOptions } from "../plan/parse";
import {
  checkBudget,
  checkHandshakes,
  checkKpiData,
  checkReferences,
  checkSums,
  checkTraceability,
  checkUntracedBudget,
  handshakeStatuses,
} from "./rules";
import type { FindingSink } from "../plan/rowReader";
import { TraceIndex } from "./trace";
import { seriesActuals, seriesTrends } from "./seriesKpis";

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Severity first, then the plan's sheet order, then position on the sheet. */
export function sortFindings(findings: readonly Finding[], plan: Plan): Finding[] {
  const sheetOrder = new Map<string, number>();
  SHEETS.forEach((spec, i) => {
    const name = plan.sheets.find((s) => s.key === spec.key)?.sheetName ?? spec.label;
    sheetOrder.set(name, i);
  });
  const keyed = findings.map((finding, i) => {
    const at = parseCellAddress(finding.cell) ?? { row: 0, col: 0 };
    return { finding, i, sheet: sheetOrder.get(finding.sheet) ?? SHEETS.length, ...at };
  });
  keyed.sort(
    (a, b) =>
      SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
      a.sheet - b.sheet ||
      a.row - b.row ||
      a.col - b.col ||
      a.i - b.i,
  );
  return keyed.map((k) => k.finding);
}

export function analyzePlan(
  parsed: Plan,
  sink: FindingSink,
  options: AnalysisOptions = DEFAULT_OPTIONS,
  bridgeInputs?: BridgeInputs,
): AnalysisResult {
  // A KPI Series fills the actuals its KPIs' cells leave empty; without one the plan is as parsed.
  const plan = seriesActuals(parsed, sink);
  const index = new TraceIndex(plan);
  const alignment = analyzeAlignment(plan, index, options.allocationThreshold);
  const gaps = kpiGaps(plan, options.tolerance, sink);
  // The bridge only adds to a plan with an Impacts sheet; without one the result is as before.
  const bridged = plan.present.impacts ? bridgeKpis(plan, gaps, options.tolerance, sink, bridgeInputs, index) : gaps;
  const kpis = plan.series ? seriesTrends(plan, bridged, options.tolerance, sink) : bridged;
  const handshakes = handshakeStatuses(plan);
  checkReferences(plan, sink);
  checkTraceability(plan, index, alignment, sink);
  checkKpiData(plan, kpis, sink);
  checkBudget(plan, alignment, options.allocationThreshold, sink);
  checkUntracedBudget(plan, index, alignment, sink);
  checkSums(plan, alignment, sink);
  checkHandshakes(plan, handshakes, sink);
  return {
    score: alignment.score,
    bets: alignment.bets,
    kpis,
    findings: sortFindings(sink.findings, plan),
    handshakes,
    totalBudget: alignment.flow.totalBudget,
    untracedBudget: alignment.flow.untracedBudget,
    sheets: plan.sheets,
    options,
  };
}

/** `parse`: where the parts come from and how text numbers are typed (see parsePlan). */
export function analyzeSheets(
  sheets: readonly SheetData[],
  options: AnalysisOptions = DEFAULT_OPTIONS,
  parse: ParseOptions = {},
): AnalysisResult {
  const { plan, findings } = parsePlan(sheets, parse);
  return analyzePlan(plan, findings, options);
}

/** True when the plan lacks a sheet that the analysis cannot do without. */
export function missingRequiredSheets(result: AnalysisResult): string[] {
  return result.sheets.filter((s) => s.required && !s.found).map((s) => s.label);
}
