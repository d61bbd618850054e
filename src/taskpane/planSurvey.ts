/**
 * How the pane finds the plan in the open workbook: the first rows of every sheet, the mapping
 * the workbook keeps, and what recognition makes of them (src/domain/plan/recognizePlan.ts). The
 * Plan sources view shows it and edits the mapping; Analyse reads the sheets it points at.
 */
import type { SheetData } from "../domain/common/cells";
import { MappingError, StopError } from "../domain/common/stopErrors";
import { parseMapping, type PlanMapping } from "../domain/plan/mapping";
import { SHEET_HEAD_ROWS, sourceSheetNames, type PlanSources } from "../domain/plan/planSources";
import { recognizePlan, resolvePlanSources, type PlanRecognition } from "../domain/plan/recognizePlan";
import type { Progress, WorkbookPort } from "../adapters/port";

export interface PlanSurvey {
  /** The first SHEET_HEAD_ROWS rows of every sheet: what recognition and the previews look at. */
  readonly heads: readonly SheetData[];
  /** The mapping the workbook keeps, when it keeps one that reads. */
  readonly kept?: PlanMapping;
  /** Why the kept mapping cannot be used (bad JSON, a sheet it names is gone): shown, never passed over silently. */
  readonly keptProblem?: string;
  /** Recognition with the kept mapping, or without it when it cannot be used: what the view proposes. */
  readonly recognition: PlanRecognition;
}

/** The kept mapping's JSON text as a mapping; a text that is not one throws a MappingError. */
function keptMapping(json: string | undefined): PlanMapping | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // parseMapping words the refusal of anything that is not a mapping object.
    value = undefined;
  }
  return parseMapping(value);
}

const problemOf = (error: unknown) => {
  if (error instanceof StopError) return error.message;
  throw error;
};

/** The workbook's sheet heads and kept mapping, and the plan recognised from them. */
export async function surveyPlan(workbook: WorkbookPort, onProgress?: Progress): Promise<PlanSurvey> {
  const heads = await workbook.readSheetHeads(SHEET_HEAD_ROWS, onProgress);
  let kept: PlanMapping | undefined;
  try {
    kept = keptMapping(await workbook.readMapping());
    return { heads, ...(kept && { kept }), recognition: recognizePlan(heads, kept) };
  } catch (error) {
    return {
      heads,
      ...(kept && { kept }),
      keptProblem: `The mapping kept in the workbook cannot be used. ${problemOf(error)}`,
      recognition: recognizePlan(heads),
    };
  }
}

/**
 * The sources to read: recognition with the kept mapping, or a StopError that says what to
 * choose. A kept mapping that cannot be used stops here too, rather than being passed over.
 */
export function sourcesOf(survey: PlanSurvey): PlanSources {
  if (survey.keptProblem !== undefined) throw new MappingError(survey.keptProblem);
  return resolvePlanSources(survey.heads, survey.kept);
}

/** The sheets the sources point at, read in full, in the workbook's order. */
export function readSourceSheets(
  workbook: WorkbookPort,
  survey: PlanSurvey,
  sources: PlanSources,
  onProgress?: Progress,
): Promise<SheetData[]> {
  return workbook.readSheets(
    sourceSheetNames(
      sources,
      survey.heads.map((h) => h.name),
    ),
    onProgress,
  );
}
