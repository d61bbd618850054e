/**
 * The pane's state and actions: reading the plan, analysing it against the last review, writing
 * the report and the history, inserting the template and keeping the settings with the workbook.
 * Components only render what it holds.
 */
import { useCallback, useEffect, useReducer } from "react";
import { type SheetReport } from "../domain/plan/model";
import { DEFAULT_OPTIONS, type AnalysisOptions, type AnalysisResult } from "../domain/analysis/result";
import { mappingJson, type PlanMapping } from "../domain/plan/mapping";
import { parsePlan, type ParsedPlan } from "../domain/plan/parse";
import { sourceSheetNames } from "../domain/plan/planSources";
import { HISTORY_SHEET_NAME, type HistoryRows } from "../domain/review/history";
import type { SinceLast } from "../domain/review/review";
import { UnavailableHereError, type PlanWorkbook } from "../adapters/planWorkbook";
import { readReviewState, sinceLastReview, writeReviewedReport, type ReviewState } from "../useCases/reviewCycle";
import { analyzePlanSheets } from "../useCases/analyzePlan";
import { readPlan } from "../useCases/readPlan";
import { surveyPlan, type PlanSurvey } from "./planSurvey";
import {
  analysisDone,
  mappingKept,
  PHASE_TEXT,
  reviewUnavailable,
  selectedCell,
  staleSentence,
  templateInserted,
  wroteReview,
  wroteReviewNotice,
  type BusyPhase,
} from "./paneText";
import { plainError } from "./plainError";

/**
 * Where a notice is shown: beside what the planner acted on, so that the answer to a click is in
 * view. "actions" is the row of Analyse and Write; a finding or a KPI has a place of its own
 * (findingPlace, kpiPlace), as does the sources view.
 */
export type NoticePlace = string;

export const ACTIONS_PLACE: NoticePlace = "actions";
export const SOURCES_PLACE: NoticePlace = "sources";
/** The Plan sources view's mapping section, where Use this mapping is. */
export const MAPPING_PLACE: NoticePlace = "mapping";
export const kpiPlace = (kpiId: string): NoticePlace => `kpi:${kpiId}`;
export const findingPlace = (key: string): NoticePlace => `finding:${key}`;

export interface Notice {
  readonly intent: "success" | "error" | "info" | "warning";
  readonly text: string;
}

/** A notice of the pane's own actions, shown where the action was taken. */
export interface PlacedNotice {
  /** "limit" is what the preview cannot do by design (no Excel to select a cell in): a note, not a failure. */
  readonly intent: Notice["intent"] | "limit";
  readonly text: string;
  readonly at: NoticePlace;
}

/** The analysis against the workbook's earlier reviews, as the "Since last review" card shows it. */
export interface ReviewView {
  /** What changed since the report the next write replaces; undefined on the workbook's first review. */
  readonly since?: SinceLast;
  /** The CVM History sheet's runs, oldest first: as read at Analyse, or as the last write left them. */
  readonly runs: HistoryRows["runs"];
  /** True once the analysis shown has been written: it is then the history's last run, not an extra point. */
  readonly written: boolean;
  /** A history sheet the add-in did not write: there is no trend, and a write stops on it. */
  readonly foreignHistory?: string;
}

export interface PlanState {
  readonly busy?: BusyPhase;
  /** How far the busy work is, from 0 to 1; undefined when the workbook does not say. */
  readonly progress?: number;
  /** What the live region says: the last change of state worth telling a screen reader user. */
  readonly announcement: string;
  readonly sheets: readonly SheetReport[];
  /** Where the plan was found: every sheet's first rows, the kept mapping, what recognition made of them. */
  readonly survey?: PlanSurvey;
  readonly result?: AnalysisResult;
  /** The plan the result was computed from, kept for the what-if view to analyse again. */
  readonly parsed?: ParsedPlan;
  /** planFingerprint of the sheets the result was analysed from, kept with the run in the history. */
  readonly fingerprint?: string;
  /** Undefined when the workbook's earlier reviews could not be read: a notice says why. */
  readonly review?: ReviewView;
  readonly options: AnalysisOptions;
  readonly notice?: PlacedNotice;
}

type Action =
  | { type: "busy"; phase: PlanState["busy"]; progress?: number }
  | { type: "progress"; progress: number }
  | { type: "announce"; text: string }
  | { type: "sheets"; sheets: readonly SheetReport[]; survey: PlanSurvey }
  | { type: "survey"; survey: PlanSurvey }
  | { type: "result"; result: AnalysisResult; parsed: ParsedPlan; fingerprint: string; review?: ReviewView; survey: PlanSurvey }
  | { type: "review"; review: ReviewView }
  | { type: "options"; options: AnalysisOptions }
  | { type: "notice"; notice?: PlacedNotice };

function reducer(state: PlanState, action: Action): PlanState {
  switch (action.type) {
    case "busy":
      // The first survey is not announced: the pane has only just opened.
      return {
        ...state,
        busy: action.phase,
        progress: action.progress,
        announcement: action.phase && action.phase !== "starting" ? PHASE_TEXT[action.phase] : state.announcement,
      };
    case "progress":
      return { ...state, progress: action.progress };
    case "announce":
      return { ...state, announcement: action.text };
    case "sheets":
      return { ...state, sheets: action.sheets, survey: action.survey };
    case "survey":
      return { ...state, survey: action.survey };
    case "result":
      return {
        ...state,
        result: action.result,
        parsed: action.parsed,
        fingerprint: action.fingerprint,
        review: action.review,
        survey: action.survey,
        sheets: action.result.sheets,
        announcement: analysisDone(action.result),
      };
    case "review":
      return { ...state, review: action.review };
    case "options":
      return { ...state, options: action.options };
    case "notice":
      // An error is told by its alert; a stale "Analysing…" in the live region would contradict it.
      return { ...state, notice: action.notice, announcement: action.notice?.intent === "error" ? "" : state.announcement };
  }
}

/** Lets React paint the progress before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The card's view of a review state read at Analyse. */
const reviewView = (state: ReviewState, result: AnalysisResult): ReviewView => ({
  since: sinceLastReview(state, result),
  runs: state.history.runs,
  written: false,
  foreignHistory: state.foreignHistory,
});

export function usePlan(workbook: PlanWorkbook) {
  const [state, dispatch] = useReducer(reducer, { busy: "starting", announcement: "", sheets: [], options: DEFAULT_OPTIONS });

  /** A progress callback for the workbook that fills `from` to `to` of the bar. */
  const progressFrom = useCallback(
    (from: number, to: number) => (fraction: number) => dispatch({ type: "progress", progress: from + (to - from) * fraction }),
    [],
  );

  // A new action clears the last notice, so that no stale error stands above fresh results.
  const guarded = useCallback(async (work: () => Promise<void>, at: NoticePlace = ACTIONS_PLACE) => {
    dispatch({ type: "notice", notice: undefined });
    try {
      await work();
    } catch (error) {
      if (error instanceof UnavailableHereError) {
        dispatch({ type: "notice", notice: { intent: "limit", text: error.message, at } });
        dispatch({ type: "announce", text: error.message });
      } else dispatch({ type: "notice", notice: { intent: "error", text: plainError(error), at } });
    } finally {
      dispatch({ type: "busy", phase: undefined });
    }
  }, []);

  const dismissNotice = useCallback(() => dispatch({ type: "notice", notice: undefined }), []);

  // The parts found with certainty are read and counted; the rest wait for the planner's choice in Plan sources.
  const survey = useCallback(async () => {
    const found = await surveyPlan(workbook);
    const sources = found.recognition.sources;
    const names = sourceSheetNames(
      sources,
      found.heads.map((h) => h.name),
    );
    const sheets = await workbook.readSheets(names, progressFrom(0, 1));
    dispatch({ type: "sheets", sheets: parsePlan(sheets, { sources }).plan.sheets, survey: found });
  }, [workbook, progressFrom]);

  useEffect(() => {
    void guarded(async () => {
      const saved = await workbook.loadSettings();
      dispatch({ type: "options", options: { ...DEFAULT_OPTIONS, ...saved } });
      await survey();
    });
  }, [workbook, guarded, survey]);

  /**
   * Reads the plan where the workbook's mapping and recognition say, and analyses it. A part that
   * cannot be told without guessing stops it with the message of what to choose in Plan sources.
   */
  const readAndAnalyze = useCallback(async () => {
    // Reading takes the bar to 90%: the analysis after it is one quick synchronous step.
    dispatch({ type: "busy", phase: "reading", progress: 0 });
    // The sheets' first rows are quick: the bar measures the plan's sheets read in full, as it always has.
    let read;
    try {
      read = await readPlan(workbook, { onReadProgress: progressFrom(0, 0.9) });
    } catch (error) {
      // What stopped the analysis is shown in Plan sources, part by part, with the pickers to settle it.
      dispatch({ type: "survey", survey: await surveyPlan(workbook) });
      throw error;
    }
    const { sheets, sources } = read;
    // Text numbers as the planner types them in this Excel; en-US outside Excel, as on the command line.
    const separators = await workbook.readNumberSeparators?.();
    // The comparison is an extra: a workbook whose earlier report cannot be read is still analysed.
    let reviewState: ReviewState | undefined;
    let reviewFailure: string | undefined;
    try {
      reviewState = await readReviewState(workbook);
    } catch (error) {
      reviewFailure = plainError(error);
    }
    dispatch({ type: "busy", phase: "analyzing", progress: 0.9 });
    await nextFrame();
    const { parsed, result, fingerprint } = analyzePlanSheets(sheets, state.options, undefined, { sources, separators });
    // The survey the plan was read by goes with the result: one render of the pane, not one for each.
    dispatch({ type: "result", result, parsed, fingerprint, review: reviewState && reviewView(reviewState, result), survey: read });
    if (reviewFailure !== undefined)
      dispatch({ type: "notice", notice: { intent: "warning", text: reviewUnavailable(reviewFailure), at: ACTIONS_PLACE } });
  }, [workbook, state.options, progressFrom]);

  const analyze = useCallback(() => guarded(readAndAnalyze), [guarded, readAndAnalyze]);

  /** Keeps the mapping in the workbook, then analyses the plan as it reads it. */
  const keepMapping = useCallback(
    (mapping: PlanMapping) =>
      guarded(async () => {
        dispatch({ type: "busy", phase: "writing", progress: 0 });
        await workbook.writeMapping(JSON.stringify(mappingJson(mapping)));
        // A first analysis opens the overview: its notice goes with the actions at the top.
        const at = state.result ? MAPPING_PLACE : ACTIONS_PLACE;
        await readAndAnalyze();
        dispatch({ type: "notice", notice: { intent: "success", text: mappingKept(), at } });
      }, MAPPING_PLACE),
    [guarded, workbook, readAndAnalyze, state.result],
  );

  const write = useCallback(
    () =>
      guarded(async () => {
        const result = state.result;
        const fingerprint = state.fingerprint;
        if (!result || fingerprint === undefined) return;
        dispatch({ type: "busy", phase: "writing", progress: 0 });
        await nextFrame();
        // Read again: the report or the history may have changed since Analyse (another write, an undo).
        const reviewState = await readReviewState(workbook);
        const written = await writeReviewedReport(workbook, result, {
          runAt: new Date(),
          fingerprint,
          state: reviewState,
          onProgress: progressFrom(0, 1),
        });
        dispatch({ type: "review", review: { since: written.since, runs: written.history.runs, written: true } });
        const review = written.history.runs.length;
        dispatch({
          type: "notice",
          notice: { intent: "success", text: wroteReviewNotice(written.reportSheet, HISTORY_SHEET_NAME, review), at: ACTIONS_PLACE },
        });
        dispatch({ type: "announce", text: wroteReview(written.reportSheet, HISTORY_SHEET_NAME, review) });
      }),
    [guarded, workbook, state.result, state.fingerprint, progressFrom],
  );

  const insertTemplate = useCallback(
    () =>
      guarded(async () => {
        dispatch({ type: "busy", phase: "writing" });
        const outcome = await workbook.insertTemplate();
        await survey();
        const created = outcome.created.length ? `Created ${outcome.created.join(", ")}.` : "No sheet was created.";
        const skipped = outcome.skipped.length ? ` Left ${outcome.skipped.join(", ")} as they were.` : "";
        dispatch({
          type: "notice",
          notice: { intent: outcome.created.length ? "success" : "info", text: created + skipped, at: SOURCES_PLACE },
        });
        dispatch({ type: "announce", text: templateInserted(outcome.created) });
      }, SOURCES_PLACE),
    [guarded, workbook, survey],
  );

  const changeOptions = useCallback(
    (options: AnalysisOptions) =>
      guarded(async () => {
        dispatch({ type: "options", options });
        await workbook.saveSettings(options);
        // Said once, when the results go stale; the hint on screen stays until the next analysis.
        const stale = state.result && staleSentence(state.result.options, options);
        if (stale) dispatch({ type: "announce", text: stale });
      }, SOURCES_PLACE),
    [guarded, workbook, state.result],
  );

  /** Selects the cell in the workbook; what goes wrong, or cannot be done here, is told at `at`. */
  const select = useCallback(
    (sheet: string, cell: string, at: NoticePlace = ACTIONS_PLACE) =>
      guarded(async () => {
        await workbook.selectCell(sheet, cell);
        dispatch({ type: "announce", text: selectedCell(sheet, cell) });
      }, at),
    [guarded, workbook],
  );

  return { state, analyze, keepMapping, write, insertTemplate, changeOptions, select, dismissNotice };
}
