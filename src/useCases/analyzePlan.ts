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
 * A plan's sheets handed over to its analysis, which lets go of them once they are parsed. The
 * command line keeps no other reference to them, so that a large plan's cells (some 20 MB of a
 * 100,000-initiative plan) can be collected before the analysis builds its own structures, which
 * is where the run's memory peaked (issue 22).
 */
export class HandedOverSheets {
  private sheets: readonly SheetData[] | undefined;

  constructor(sheets: readonly SheetData[]) {
    this.sheets = sheets;
  }

  /** The sheets, once: the holder is empty afterwards. */
  take(): readonly SheetData[] {
    const sheets = this.sheets;
    if (sheets === undefined) throw new Error("The plan's sheets were handed over once already");
    this.sheets = undefined;
    return sheets;
  }
}

/**
 * The plan's sheets, as a workbook port reads them, analysed with these options and, when given,
 * this scenario. `parse` says where each part comes from (readPlan.ts gives the sources) and how
 * text numbers are typed; the fingerprint is of the sheets alone, so that it stays what the
 * history already holds for a plan read as before. `afterParse` runs once the sheets are parsed,
 * when handed over sheets are no longer referenced from here.
 */
export function analyzePlanSheets(
  sheets: readonly SheetData[] | HandedOverSheets,
  options: AnalysisOptions,
  scenario?: Scenario,
  parse: ParseOptions = {},
  afterParse?: () => void,
): PlanAnalysis {
  const { fingerprint, parsed } = fingerprintAndParse(sheets, parse);
  afterParse?.();
  if (!scenario) return { parsed, result: analyzeParsed(parsed, options), fingerprint };
  const analysis = whatIf(parsed, scenario, options);
  return { parsed, result: analysis.scenario, whatIf: analysis, fingerprint };
}

/** Handed over sheets are taken in a function of its own, so that no frame holds them once they are parsed. */
function fingerprintAndParse(
  given: readonly SheetData[] | HandedOverSheets,
  parse: ParseOptions,
): { fingerprint: string; parsed: ParsedPlan } {
  const sheets = given instanceof HandedOverSheets ? given.take() : given;
  return { fingerprint: planFingerprint(sheets), parsed: parsePlan(sheets, parse) };
}
