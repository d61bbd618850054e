/**
 * The pane's state and actions: reading the plan, analysing it, writing the report, inserting the
 * template and keeping the settings with the workbook. Components only render what it holds.
 */
import { useCallback, useEffect, useReducer } from "react";
import { DEFAULT_OPTIONS, type AnalysisOptions, type AnalysisResult, type SheetReport } from "../domain/model";
import { parsePlan, type ParsedPlan } from "../domain/parse";
import { analyzeParsed } from "../domain/whatIf";
import { buildReportLayout } from "../domain/report";
import type { Phase, PlanWorkbook } from "../workbook/planWorkbook";
import { plainError } from "./plainError";

export interface Notice {
  readonly intent: "success" | "error" | "info" | "warning";
  readonly text: string;
}

export interface PlanState {
  readonly busy?: Phase | "starting";
  readonly sheets: readonly SheetReport[];
  readonly result?: AnalysisResult;
  /** The plan the result was computed from, kept for the what-if view to analyse again. */
  readonly parsed?: ParsedPlan;
  readonly options: AnalysisOptions;
  readonly notice?: Notice;
}

type Action =
  | { type: "busy"; phase: PlanState["busy"] }
  | { type: "sheets"; sheets: readonly SheetReport[] }
  | { type: "result"; result: AnalysisResult; parsed: ParsedPlan }
  | { type: "options"; options: AnalysisOptions }
  | { type: "notice"; notice?: Notice };

function reducer(state: PlanState, action: Action): PlanState {
  switch (action.type) {
    case "busy":
      return { ...state, busy: action.phase };
    case "sheets":
      return { ...state, sheets: action.sheets };
    case "result":
      return { ...state, result: action.result, parsed: action.parsed, sheets: action.result.sheets };
    case "options":
      return { ...state, options: action.options };
    case "notice":
      return { ...state, notice: action.notice };
  }
}

/** Lets React paint the progress before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function usePlan(workbook: PlanWorkbook) {
  const [state, dispatch] = useReducer(reducer, { busy: "starting", sheets: [], options: DEFAULT_OPTIONS });

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
    const sheets = await workbook.readSheets();
    dispatch({ type: "sheets", sheets: parsePlan(sheets).plan.sheets });
  }, [workbook]);

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
        dispatch({ type: "busy", phase: "reading" });
        const sheets = await workbook.readSheets();
        dispatch({ type: "busy", phase: "analysing" });
        await nextFrame();
        const parsed = parsePlan(sheets);
        dispatch({ type: "result", result: analyzeParsed(parsed, state.options), parsed });
      }),
    [guarded, workbook, state.options],
  );

  const write = useCallback(
    () =>
      guarded(async () => {
        if (!state.result) return;
        dispatch({ type: "busy", phase: "writing" });
        await nextFrame();
        const layout = buildReportLayout(state.result, { runAt: new Date() });
        await workbook.writeReport(layout);
        dispatch({ type: "notice", notice: { intent: "success", text: `Wrote the "${layout.sheetName}" sheet. Other sheets were not touched.` } });
      }),
    [guarded, workbook, state.result],
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
      }),
    [guarded, workbook, survey],
  );

  const changeOptions = useCallback(
    (options: AnalysisOptions) =>
      guarded(async () => {
        dispatch({ type: "options", options });
        await workbook.saveSettings(options);
      }),
    [guarded, workbook],
  );

  const select = useCallback((sheet: string, cell: string) => guarded(() => workbook.selectCell(sheet, cell)), [guarded, workbook]);

  return { state, analyse, write, insertTemplate, changeOptions, select };
}
