/**
 * The periodic review around each write of the report. Before the report is replaced, it is the
 * baseline of "since last review"; after it, the run is appended to the CVM History sheet. The
 * command line and the task pane both write through here, on any workbook port.
 */
import { reviewSection } from "../domain/review/reviewReport";
import {
  appendHistory,
  buildHistoryLayout,
  EMPTY_HISTORY,
  fitHistory,
  HISTORY_SHEET_NAME,
  historyFromSheet,
  snapshotRows,
  type HistoryRows,
} from "../domain/review/history";
import type { AnalysisResult } from "../domain/analysis/result";
import { OUTPUT_SHEET_NAME } from "../domain/sheets/report";
import { buildReportLayout } from "../domain/sheets/report";
import { baselineFromReport, sinceLast, type ReviewBaseline, type SinceLast } from "../domain/review/review";
import { ForeignSheetError } from "../domain/common/stopErrors";
import type { Progress, WorkbookPort } from "../adapters/port";

/** What the workbook holds of earlier reviews. */
export interface ReviewState {
  /** The report the next write replaces, as a baseline; undefined when there is none to compare with. */
  readonly baseline?: ReviewBaseline;
  /** The rows of the history sheet, carried over as they are. */
  readonly history: HistoryRows;
  /** The name of a history sheet the add-in did not write: a write stops on it, before changing anything. */
  readonly foreignHistory?: string;
}

/** Reads the report a write would replace and the history it would extend. */
export async function readReviewState(
  port: Pick<WorkbookPort, "readOwnedSheets">,
  reportSheetName = OUTPUT_SHEET_NAME,
): Promise<ReviewState> {
  const [report, history] = await port.readOwnedSheets([reportSheetName, HISTORY_SHEET_NAME]);
  return {
    baseline: report.state === "owned" ? baselineFromReport(report.sheet) : undefined,
    history: history.state === "owned" ? historyFromSheet(history.sheet) : EMPTY_HISTORY,
    foreignHistory: history.state === "foreign" ? history.name : undefined,
  };
}

/** What the review found against the last one; undefined on a workbook's first review. */
export function sinceLastReview(state: ReviewState, result: AnalysisResult): SinceLast | undefined {
  return state.baseline && sinceLast(state.baseline, result);
}

export interface ReviewedWrite {
  readonly reportSheet: string;
  readonly since?: SinceLast;
  /** The history as written, this run last. */
  readonly history: HistoryRows;
}

export interface ReviewedWriteOptions {
  readonly runAt: Date;
  /** planFingerprint of the sheets the result was analysed from. */
  readonly fingerprint: string;
  readonly sheetName?: string;
  /** The state read just before writing (readReviewState). */
  readonly state: ReviewState;
  readonly onProgress?: Progress;
}

/**
 * Writes the report with what changed since the one it replaces, and the history with this run
 * appended (the oldest runs' detail dropped when the sheet would not fit Excel's rows otherwise),
 * as one write of both sheets: every check runs before either changes. A foreign history sheet
 * stops the write with advice of its own.
 */
export async function writeReviewedReport(
  port: WorkbookPort,
  result: AnalysisResult,
  options: ReviewedWriteOptions,
): Promise<ReviewedWrite> {
  const { state, runAt } = options;
  if (state.foreignHistory) {
    throw new ForeignSheetError(
      state.foreignHistory,
      `The add-in keeps each review's figures in a sheet of that name: rename yours, then write again. Nothing was written.`,
    );
  }
  const since = sinceLastReview(state, result);
  const layout = buildReportLayout(result, { runAt, sheetName: options.sheetName, review: reviewSection(since) });
  const history = fitHistory(appendHistory(state.history, snapshotRows(result, runAt, options.fingerprint)));
  await port.writeSheets([layout, buildHistoryLayout(history)], options.onProgress);
  return { reportSheet: layout.sheetName, since, history };
}
