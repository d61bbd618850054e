/**
 * Reading the plan from a workbook, as the command line and the task pane both do: the first rows
 * of every sheet, the mapping kept in the workbook (or one given for the run), the parts
 * recognised from them, then only the sheets those parts come from, read in full. A part that
 * cannot be told without guessing stops the run with a message naming the candidates and how to
 * choose; a mapping naming what is not there stops it naming that.
 */
import type { SheetData } from "../domain/common/cells";
import { describeError, MappingError, UnclearPlanError } from "../domain/common/stopErrors";
import { parseMapping, type PlanMapping } from "../domain/plan/mapping";
import { SHEET_HEAD_ROWS, sourceSheetNames, type PlanSources } from "../domain/plan/planSources";
import { recognizePlan, type PlanRecognition } from "../domain/plan/recognizePlan";
import { mayHoldSeries } from "../domain/plan/series";
import type { Progress, WorkbookPort } from "../adapters/port";

/** How to put right a mapping kept in the workbook, said after what is wrong with it. */
export const KEPT_MAPPING_FIX =
  "This is the mapping kept in the workbook: correct it in the task pane's Plan sources view, or keep another with cvm-gap map PLAN.xlsx --map FILE.json --in-place.";

export interface SurveyOptions {
  /** A mapping for this run (`--map`, or the pane's view before it is kept): used instead of the workbook's. */
  readonly mapping?: PlanMapping;
  readonly onProgress?: Progress;
}

/** What the first rows of the sheets and the kept mapping say of where the plan is; nothing read in full yet. */
export interface PlanSurvey {
  /** Every worksheet's first SHEET_HEAD_ROWS rows, in the workbook's order. */
  readonly heads: readonly SheetData[];
  /** The mapping kept in the workbook, if it keeps one. */
  readonly kept?: PlanMapping;
  /** The mapping recognition followed: the one given for the run, else the kept one. */
  readonly mapping?: PlanMapping;
  /** Every part, with its source or its problem and the candidates turned down. */
  readonly recognition: PlanRecognition;
}

/** The mapping kept in the workbook, read; a text that is no mapping stops the run saying it is the kept one. */
export async function readKeptMapping(workbook: Pick<WorkbookPort, "readMapping">): Promise<PlanMapping | undefined> {
  const text = await workbook.readMapping();
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingError(`The workbook's mapping of the plan is not JSON (${describeError(error)}). ${KEPT_MAPPING_FIX}`);
  }
  try {
    return parseMapping(json);
  } catch (error) {
    throw error instanceof MappingError ? new MappingError(`${error.message} ${KEPT_MAPPING_FIX}`) : error;
  }
}

/**
 * Recognises the plan from the sheets' first rows and the mapping, without stopping on a part
 * that is unclear: the recognition says so (the pane's Plan sources view shows it). A mapping
 * naming a sheet, table or header that is not there still stops, naming it.
 */
export async function surveyPlan(
  workbook: Pick<WorkbookPort, "readSheetHeads" | "readMapping">,
  options: SurveyOptions = {},
): Promise<PlanSurvey> {
  const kept = await readKeptMapping(workbook);
  const heads = await workbook.readSheetHeads(SHEET_HEAD_ROWS, options.onProgress);
  const mapping = options.mapping ?? kept;
  let recognition: PlanRecognition;
  try {
    recognition = recognizePlan(heads, mapping);
  } catch (error) {
    // The run's own mapping is the planner's file, named by the command; the kept one needs saying.
    if (error instanceof MappingError && options.mapping === undefined && kept !== undefined)
      throw new MappingError(`${error.message} ${KEPT_MAPPING_FIX}`);
    throw error;
  }
  return { heads, ...(kept && { kept }), ...(mapping && { mapping }), recognition };
}

export interface ReadPlanOptions extends SurveyOptions {
  /** Progress of reading the plan's sheets in full, after the survey. */
  readonly onReadProgress?: Progress;
  /** Called between the survey and the full read: the command line collects the garbage of the heads' reading there. */
  readonly afterSurvey?: () => void;
}

export interface PlanRead extends PlanSurvey {
  /** Where each part comes from: what parsePlan reads. */
  readonly sources: PlanSources;
  /** The sheets the sources come from, read in full, in the workbook's order: what the history's fingerprint is of. */
  readonly sheets: SheetData[];
}

/** The plan's sheets read in full, once every part is clear; an unclear one stops the run (UnclearPlanError). */
export async function readPlan(
  workbook: Pick<WorkbookPort, "readSheetHeads" | "readMapping" | "readSheets">,
  options: ReadPlanOptions = {},
): Promise<PlanRead> {
  const survey = await surveyPlan(workbook, options);
  const { recognition } = survey;
  if (recognition.problems.length > 0) throw new UnclearPlanError(recognition.problems);
  options.afterSurvey?.();
  const taken = new Set(
    sourceSheetNames(
      recognition.sources,
      survey.heads.map((h) => h.name),
    ),
  );
  // The KPI Series is no part of the mapping: the sheets that may hold it are read too (issue 20).
  const names = survey.heads.filter((h) => taken.has(h.name) || mayHoldSeries(h, taken)).map((h) => h.name);
  const sheets = await workbook.readSheets(names, options.onReadProgress);
  return { ...survey, sources: recognition.sources, sheets };
}
