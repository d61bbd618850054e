/**
 * What the task pane needs from a workbook beyond reading and writing the report. The Office.js
 * adapter implements it on the open workbook; the in-memory preview implements it outside Excel.
 */
import type { AnalysisOptions } from "../domain/analysis/result";
import { isShare } from "../domain/common/share";
import type { NumberSeparators } from "../domain/common/values";
import type { Scenario } from "../domain/whatIf/scenario";
import type { WorkbookPort } from "./port";

/** readSheets and writeSheets take an optional progress callback (see port.ts). */
export type { Progress } from "./port";

export type Phase = "reading" | "analyzing" | "writing";

/** Keys of the settings kept in the workbook's document settings. */
export const SETTING_KEYS = {
  tolerance: "cvm.tolerance",
  allocationThreshold: "cvm.allocationThreshold",
  scenario: "cvm.scenario",
} as const;

/**
 * The analysis settings kept in the document settings, each only when it is a share the settings
 * accept (src/domain/common/share.ts): the add-in saves fractions, and a value it could not have
 * saved is ignored rather than guessed at.
 */
export function storedOptions(stored: (key: string) => unknown): Partial<AnalysisOptions> {
  const tolerance = stored(SETTING_KEYS.tolerance);
  const allocationThreshold = stored(SETTING_KEYS.allocationThreshold);
  return { ...(isShare(tolerance) && { tolerance }), ...(isShare(allocationThreshold) && { allocationThreshold }) };
}

/**
 * What the workbook cannot do where the pane runs, as expected rather than as a failure: outside
 * Excel there is no sheet to select a cell in, and a package opened in the browser gets no template.
 * The pane says so as a note beside the action, not as an error.
 */
export class UnavailableHereError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnavailableHereError";
  }
}

export interface TemplateOutcome {
  /** Sheets created. */
  readonly created: readonly string[];
  /** Contract sheets left alone because a sheet of that name exists. */
  readonly skipped: readonly string[];
}

export interface PlanWorkbook extends WorkbookPort {
  /** Activates the sheet and selects the cell (A1 address without the sheet). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Creates the contract's sheets as tables with example rows; never replaces an existing sheet. */
  insertTemplate(): Promise<TemplateOutcome>;
  /** Settings saved with the workbook (document settings), not in the browser. */
  loadSettings(): Promise<Partial<AnalysisOptions>>;
  saveSettings(options: AnalysisOptions): Promise<void>;
  /**
   * The what-if scenario saved with the workbook, as it was saved (src/domain/whatIf/scenario.ts reads
   * it), or undefined when there is none.
   */
  loadScenario(): Promise<unknown>;
  /** Saves the scenario with the workbook; undefined removes it (a reset). */
  saveScenario(scenario: Scenario | undefined): Promise<void>;
  /**
   * The decimal and group separators the planner types numbers with: in Excel, its culture's.
   * A workbook outside Excel has no culture to ask and leaves it out: text numbers are then read
   * as en-US, as the command line reads them without --locale.
   */
  readNumberSeparators?(): Promise<NumberSeparators>;
}
