/**
 * Analysing a plan read from a workbook, as the command line and the task pane both do: the sheets
 * parsed once, analysed as they stand or with a what-if scenario applied, and fingerprinted for
 * the history.
 */
import type { SheetData } from "../domain/common/cells";
import type { AnalysisOptions, AnalysisResult } from "../domain/analysis/result";
import { parsePlan, type ParsedPlan, type ParseOptions } from "../domain/plan/parse";
import { planFingerprint } from "../domain/review/history";
import type { Scenario } from "../domain/whatIf/scenario";
import { analyzeParsed, whatIf, type WhatIf } from "../domain/whatIf/whatIf";

export interface PlanAnalysis {
  /** The plan as parsed, kept for a what-if to analyse again without reading the workbook. */
  readonly parsed: ParsedPlan;
  /** The plan's analysis, or with a scenario the scenario's. */
  readonly result: AnalysisResult;
  /** With a scenario: the plan's analysis and the scenario's, compared. */
  readonly whatIf?: WhatIf;
  /** planFingerprint of the sheets read, kept with the run in the history. */
  readonly fingerprint: string;
}

/**
 * The plan's sheets, as a workbook port reads them, analysed with these options and, when given,
 * this scenario. `parse` says where each part comes from (readPlan.ts gives the sources) and how
 * text numbers are typed; the fingerprint is of the sheets alone, so that it stays what the
 * history already holds for a plan read as before.
 */
export function analyzePlanSheets(
  sheets: readonly SheetData[],
  options: AnalysisOptions,
  scenario?: Scenario,
  parse: ParseOptions = {},
): PlanAnalysis {
  const fingerprint = planFingerprint(sheets);
  const parsed = parsePlan(sheets, parse);
  if (!scenario) return { parsed, result: analyzeParsed(parsed, options), fingerprint };
  const analysis = whatIf(parsed, scenario, options);
  return { parsed, result: analysis.scenario, whatIf: analysis, fingerprint };
}
