/**
 * The one interface between the engine and a workbook. The .xlsx file adapter (command line), the
 * Office.js adapter (task pane) and the in-memory preview each implement it; the rules of what
 * they may write are in src/domain/sheets/ownership.ts, and what stops a write in src/domain/common/stopErrors.ts.
 */
import type { SheetData } from "../domain/common/cells";
import type { ReportLayout } from "../domain/sheets/reportLayout";

/**
 * Share of the work done, from 0 to 1, for a progress bar. Adapters that know how far they are
 * (Excel reads and writes in many requests) call it as they go; the others may call it once with 1.
 */
export type Progress = (fraction: number) => void;

/** One of the add-in's own sheets as the workbook holds it, looked up by name (any case). */
export type OwnedSheet =
  | { readonly state: "absent" }
  /** A sheet of that name the add-in did not write (no marker): never read further, never touched. */
  | { readonly state: "foreign"; readonly name: string }
  | { readonly state: "owned"; readonly sheet: SheetData };

export interface WorkbookPort {
  /** The plan's sheets (src/domain/plan/locate.ts says which): used range and Excel tables of each. */
  readSheets(onProgress?: Progress): Promise<SheetData[]>;
  /**
   * Sheets the add-in writes (the report, the history), one answer per name in the same order:
   * what the last run left there, read like a plan sheet (used range and tables), only when the
   * sheet carries the add-in's marker.
   */
  readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]>;
  /**
   * Writes the add-in's own sheets (the report and the history, the scenario…), in order: each
   * replaces the add-in's earlier sheet of its name in place, or is added at the end. Every check
   * of every layout (src/domain/sheets/ownership.ts checkWrite: a sheet of that name the add-in did not
   * write, a table name taken anywhere in the workbook, a protected structure, a sheet past
   * Excel's grid) runs before the first change, so a StopError leaves the workbook as it was.
   */
  writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void>;
}
