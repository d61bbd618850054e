/**
 * What the Plan sources view shows of where the plan is: the use case's survey (src/useCases/
 * readPlan.ts), and, when the mapping the workbook keeps cannot be used, why, beside what
 * recognition finds without it, so that the planner can make a new one rather than face only
 * an error. Analyse still stops on such a mapping (readPlan): it is never passed over silently.
 */
import { MappingError } from "../domain/common/stopErrors";
import { SHEET_HEAD_ROWS } from "../domain/plan/planSources";
import { recognizePlan } from "../domain/plan/recognizePlan";
import type { WorkbookPort } from "../adapters/port";
import { surveyPlan as surveyWorkbook, type PlanSurvey as WorkbookSurvey } from "../useCases/readPlan";

export interface PlanSurvey extends WorkbookSurvey {
  /** Why the kept mapping cannot be used (not JSON, a sheet it names is gone): the recognition is then made without it. */
  readonly keptProblem?: string;
}

export async function surveyPlan(workbook: Pick<WorkbookPort, "readSheetHeads" | "readMapping">): Promise<PlanSurvey> {
  try {
    return await surveyWorkbook(workbook);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const heads = await workbook.readSheetHeads(SHEET_HEAD_ROWS);
    return { heads, keptProblem: error.message, recognition: recognizePlan(heads) };
  }
}
