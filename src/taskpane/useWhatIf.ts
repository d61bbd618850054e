/**
 * The what-if view's state: the scenario being tried on the analysed plan, kept in the
 * workbook's document settings (so that it is there when the pane opens again), its reset (which
 * can be undone until the next edit), and
 * writing it as the command line's --scenario does (src/useCases/writeWhatIf.ts): the report of
 * the scenario, marked as a what-if, and the "CVM Scenario" sheet. The plan's sheets are never changed.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { AnalysisResult } from "../domain/analysis/result";
import type { ParsedPlan } from "../domain/plan/parse";
import { EMPTY_SCENARIO, isEmptyScenario, parseScenario, type Scenario } from "../domain/whatIf/scenario";
import { whatIf, type WhatIf } from "../domain/whatIf/whatIf";
import type { PlanWorkbook } from "../adapters/planWorkbook";
import { writeWhatIf } from "../useCases/writeWhatIf";
import { editBet, editImpact, editInitiative, planIndex, type InitiativeEdit, type PlanIndex } from "./components/whatIf/whatIfEdits";
import { wroteWhatIfNotice } from "./paneText";
import { plainError } from "./plainError";
import type { Notice } from "./usePlan";

/**
 * Typing a budget changes the scenario on every key; the document settings are written once
 * the typing pauses, since each save is a round trip to Excel.
 */
export const SAVE_DELAY_MS = 500;

export type LoadState =
  | { readonly kind: "loading" }
  /** `restored`: the workbook held a scenario with changes, now in use. */
  | { readonly kind: "ready"; readonly restored: boolean }
  /** The saved scenario cannot be used; the view starts from the plan and says why. */
  | { readonly kind: "unusable"; readonly message: string };

export interface WhatIfActions {
  readonly editInitiative: (id: string, edit: InitiativeEdit) => void;
  readonly editBet: (id: string, weight: number | null) => void;
  readonly editImpact: (initiative: string, kpi: string, confidence: number | null) => void;
  readonly reset: () => Promise<void>;
  /** Brings back the scenario the last reset threw away, and keeps it with the workbook again. */
  readonly undoReset: () => Promise<void>;
  readonly write: () => Promise<void>;
}

/** A notice of the view; `undo` when it can offer to undo the reset it reports. */
export interface WhatIfNotice extends Notice {
  readonly undo?: boolean;
}

export interface WhatIfHook {
  readonly scenario: Scenario;
  readonly index: PlanIndex;
  readonly load: LoadState;
  readonly notice?: WhatIfNotice;
  readonly writing: boolean;
  /** Bumped when the scenario is replaced rather than edited (restored, reset): fields drop what was typed. */
  readonly revision: number;
  readonly actions: WhatIfActions;
}

interface PendingSave {
  readonly workbook: PlanWorkbook;
  readonly scenario: Scenario;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function useWhatIf(workbook: PlanWorkbook, parsed: ParsedPlan, plan: AnalysisResult): WhatIfHook {
  const [scenario, setScenario] = useState<Scenario>(EMPTY_SCENARIO);
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });
  const [notice, setNotice] = useState<WhatIfNotice>();
  const [writing, setWriting] = useState(false);
  const [revision, setRevision] = useState(0);
  // Edits come one event at a time; the ref lets each build on the last without waiting for a render.
  const current = useRef<Scenario>(EMPTY_SCENARIO);
  const pending = useRef<PendingSave>();
  // What the last reset threw away, while it can still be brought back: until the next edit.
  const beforeReset = useRef<Scenario>();
  const index = useMemo(() => planIndex(parsed.plan), [parsed]);

  const saveNow = useCallback(async (target: PlanWorkbook, next: Scenario) => {
    try {
      // A scenario that changes nothing is no scenario: the setting is removed, as by a reset.
      await target.saveScenario(isEmptyScenario(next) ? undefined : next);
    } catch (error) {
      setNotice({ intent: "error", text: `The scenario could not be saved with the workbook: ${plainError(error)}` });
    }
  }, []);

  const flush = useCallback(() => {
    const save = pending.current;
    if (!save) return;
    clearTimeout(save.timer);
    pending.current = undefined;
    void saveNow(save.workbook, save.scenario);
  }, [saveNow]);

  const cancelSave = () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = undefined;
  };

  const replace = (next: Scenario) => {
    current.current = next;
    setScenario(next);
    setRevision((r) => r + 1);
  };

  useEffect(() => {
    let live = true;
    setLoad({ kind: "loading" });
    workbook.loadScenario().then(
      (saved) => {
        if (!live) return;
        if (saved === undefined) {
          replace(EMPTY_SCENARIO);
          setLoad({ kind: "ready", restored: false });
          return;
        }
        try {
          const read = parseScenario(saved);
          replace(read);
          setLoad({ kind: "ready", restored: !isEmptyScenario(read) });
        } catch (error) {
          replace(EMPTY_SCENARIO);
          setLoad({
            kind: "unusable",
            message: `The scenario saved with this workbook cannot be used: ${plainError(error)} Reset removes it; an edit replaces it.`,
          });
        }
      },
      (error: unknown) => {
        if (!live) return;
        replace(EMPTY_SCENARIO);
        setLoad({ kind: "unusable", message: `The scenario saved with this workbook could not be read: ${plainError(error)}` });
      },
    );
    return () => {
      live = false;
      // Closing the pane or switching workbooks must not lose the last edit.
      flush();
    };
  }, [workbook, flush]);

  const edit = useCallback(
    (change: (scenario: Scenario) => Scenario) => {
      const next = change(current.current);
      current.current = next;
      setScenario(next);
      if (beforeReset.current) {
        // An edit after a reset starts a new scenario: undoing the reset would throw it away.
        beforeReset.current = undefined;
        setNotice((shown) => (shown?.undo ? { ...shown, undo: false } : shown));
      }
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { workbook, scenario: next, timer: setTimeout(flush, SAVE_DELAY_MS) };
    },
    [workbook, flush],
  );

  const reset = useCallback(async () => {
    cancelSave();
    const previous = current.current;
    beforeReset.current = isEmptyScenario(previous) ? undefined : previous;
    const undo = beforeReset.current !== undefined;
    replace(EMPTY_SCENARIO);
    setLoad({ kind: "ready", restored: false });
    setNotice(undefined);
    try {
      await workbook.saveScenario(undefined);
      setNotice({
        intent: "info",
        undo,
        text: "The scenario was reset: it is the plan as it stands, and the workbook no longer keeps one.",
      });
    } catch (error) {
      setNotice({
        intent: "error",
        undo,
        text: `The scenario was reset here, but could not be removed from the workbook: ${plainError(error)}`,
      });
    }
  }, [workbook]);

  const undoReset = useCallback(async () => {
    const previous = beforeReset.current;
    if (!previous) return;
    beforeReset.current = undefined;
    cancelSave();
    replace(previous);
    setNotice(undefined);
    try {
      await workbook.saveScenario(previous);
      setNotice({ intent: "success", text: "The scenario was brought back, and the workbook keeps it again." });
    } catch (error) {
      setNotice({
        intent: "error",
        text: `The scenario was brought back here, but could not be saved with the workbook: ${plainError(error)}`,
      });
    }
  }, [workbook]);

  const write = useCallback(async () => {
    setWriting(true);
    setNotice(undefined);
    try {
      // The latest edit, not the figures on screen, which may still be catching up with the typing.
      const analysis = whatIf(parsed, current.current, plan.options, plan);
      const written = await writeWhatIf(workbook, analysis, { runAt: new Date() });
      setNotice({ intent: "success", text: wroteWhatIfNotice(written.scenarioSheet) });
    } catch (error) {
      setNotice({ intent: "error", text: plainError(error) });
    } finally {
      setWriting(false);
    }
  }, [workbook, parsed, plan]);

  const actions = useMemo<WhatIfActions>(
    () => ({
      editInitiative: (id, change) => edit((s) => editInitiative(s, index, id, change)),
      editBet: (id, weight) => edit((s) => editBet(s, index, id, weight)),
      editImpact: (initiative, kpi, confidence) => edit((s) => editImpact(s, index, initiative, kpi, confidence)),
      reset,
      undoReset,
      write,
    }),
    [edit, index, reset, undoReset, write],
  );

  return { scenario, index, load, notice, writing, revision, actions };
}

/**
 * The plan beside the scenario. Only the scenario is analysed again, and after the field has
 * shown what was typed: on a large plan the keys stay responsive while the figures follow.
 */
export function useScenarioResult(parsed: ParsedPlan, plan: AnalysisResult, scenario: Scenario): WhatIf {
  const deferred = useDeferredValue(scenario);
  return useMemo(() => whatIf(parsed, deferred, plan.options, plan), [parsed, plan, deferred]);
}
