/**
 * The pane's state and actions: reading the plan, analysing it, writing the report, inserting the
 * template and keeping the settings with the workbook. Components only render what it holds.
 */
import { useCallback, useEffect, useReducer } from "react";
import { DEFAULT_OPTIONS, type AnalysisOptions, type AnalysisResult, type SheetReport } from "../domain/model";
import { parsePlan, type ParsedPlan } from "../domain/parse";
import { analyzeParsed } from "../domain/whatIf";
import { buildReportLayout } from "../domain/report";
import type { PlanWorkbook } from "../workbook/planWorkbook";
import { analysisDone, PHASE_TEXT, selectedCell, staleSentence, templateInserted, wroteSheet, type BusyPhase } from "./paneText";
import { plainError } from "./plainError";

export interface Notice {
  readonly intent: "success" | "error" | "info" | "warning";
  readonly text: string;
}

export interface PlanState {
  readonly busy?: BusyPhase;
  /** How far the busy work is, from 0 to 1; undefined when the workbook does not say. */
  readonly progress?: number;
  /** What the live region says: the last change of state worth telling a screen reader user. */
  readonly announcement: string;
  readonly sheets: readonly SheetReport[];
  readonly result?: AnalysisResult;
  /** The plan the result was computed from, kept for the what-if view to analyse again. */
  readonly parsed?: ParsedPlan;
  readonly options: AnalysisOptions;
  readonly notice?: Notice;
}

type Action =
  | { type: "busy"; phase: PlanState["busy"]; progress?: number }
  | { type: "progress"; progress: number }
  | { type: "announce"; text: string }
  | { type: "sheets"; sheets: readonly SheetReport[] }
  | { type: "result"; result: AnalysisResult; parsed: ParsedPlan }
  | { type: "options"; options: AnalysisOptions }
  | { type: "notice"; notice?: Notice };

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
      return { ...state, sheets: action.sheets };
    case "result":
      return { ...state, result: action.result, parsed: action.parsed, sheets: action.result.sheets, announcement: analysisDone(action.result) };
    case "options":
      return { ...state, options: action.options };
    case "notice":
      // An error is told by its alert; a stale "Analysing…" in the live region would contradict it.
      return { ...state, notice: action.notice, announcement: action.notice?.intent === "error" ? "" : state.announcement };
  }
}

/** Lets React paint the progress before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function usePlan(workbook: PlanWorkbook) {
  const [state, dispatch] = useReducer(reducer, { busy: "starting", announcement: "", sheets: [], options: DEFAULT_OPTIONS });

  /** A progress callback for the workbook that fills `from` to `to` of the bar. */
  const progressFrom = useCallback((from: number, to: number) => (fraction: number) => dispatch({ type: "progress", progress: from + (to - from) * fraction }), []);

  const guarded = useCallback(async (work: () => Promise<void>) => {
    dispatch({ type: "notice", notice: undefined });
    try {
      await work();
    } catch (error) {
      dispatch({ type: "notice", notice: { intent: "error", text: plainError(error) } });
    } finally {
      dispatch({ type: "busy", phase: undefined });
    }
  }, []);

  const survey = useCallback(async () => {
    const sheets = await workbook.readSheets(progressFrom(0, 1));
    dispatch({ type: "sheets", sheets: parsePlan(sheets).plan.sheets });
  }, [workbook, progressFrom]);

  useEffect(() => {
    void guarded(async () => {
      const saved = await workbook.loadSettings();
      dispatch({ type: "options", options: { ...DEFAULT_OPTIONS, ...saved } });
      await survey();
    });
  }, [workbook, guarded, survey]);

  const analyse = useCallback(
    () =>
      guarded(async () => {
        // Reading takes the bar to 90%: the analysis after it is one quick synchronous step.
        dispatch({ type: "busy", phase: "reading", progress: 0 });
        const sheets = await workbook.readSheets(progressFrom(0, 0.9));
        dispatch({ type: "busy", phase: "analysing", progress: 0.9 });
        await nextFrame();
        const parsed = parsePlan(sheets);
        dispatch({ type: "result", result: analyzeParsed(parsed, state.options), parsed });
      }),
    [guarded, workbook, state.options, progressFrom],
  );

  const write = useCallback(
    () =>
      guarded(async () => {
        if (!state.result) return;
        dispatch({ type: "busy", phase: "writing", progress: 0 });
        await nextFrame();
        const layout = buildReportLayout(state.result, { runAt: new Date() });
        await workbook.writeReport(layout, progressFrom(0, 1));
        dispatch({ type: "notice", notice: { intent: "success", text: `Wrote the "${layout.sheetName}" sheet. Other sheets were not touched.` } });
        dispatch({ type: "announce", text: wroteSheet(layout.sheetName) });
      }),
    [guarded, workbook, state.result, progressFrom],
  );

  const insertTemplate = useCallback(
    () =>
      guarded(async () => {
        dispatch({ type: "busy", phase: "writing" });
        const outcome = await workbook.insertTemplate();
        await survey();
        const created = outcome.created.length ? `Created ${outcome.created.join(", ")}.` : "No sheet was created.";
        const skipped = outcome.skipped.length ? ` Left ${outcome.skipped.join(", ")} as they were.` : "";
        dispatch({ type: "notice", notice: { intent: outcome.created.length ? "success" : "info", text: created + skipped } });
        dispatch({ type: "announce", text: templateInserted(outcome.created) });
      }),
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
      }),
    [guarded, workbook, state.result],
  );

  const select = useCallback(
    (sheet: string, cell: string) =>
      guarded(async () => {
        await workbook.selectCell(sheet, cell);
        dispatch({ type: "announce", text: selectedCell(sheet, cell) });
      }),
    [guarded, workbook],
  );

  return { state, analyse, write, insertTemplate, changeOptions, select };
}
