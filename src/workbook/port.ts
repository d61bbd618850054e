/**
 * The one interface between the engine and a workbook. The .xlsx file adapter (command line), the
 * Office.js adapter (task pane) and the in-memory preview each implement it; the rules of what
 * they may write are in src/domain/ownership.ts, and what stops a write in src/domain/stopErrors.ts.
 */
import type { SheetData } from "../domain/cells";
import type { ReportLayout } from "../domain/reportLayout";

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
  /** The plan's sheets (src/domain/locate.ts says which): used range and Excel tables of each. */
  readSheets(onProgress?: Progress): Promise<SheetData[]>;
  /**
   * Sheets the add-in writes (the report, the history), one answer per name in the same order:
   * what the last run left there, read like a plan sheet (used range and tables), only when the
   * sheet carries the add-in's marker.
   */
  readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]>;
  /**
   * Writes the report as its own sheet, replacing an earlier report of the add-in. Rejects with a
   * StopError, changing nothing, when a sheet of that name exists that the add-in did not write,
   * when a table name is taken, or when the workbook's structure is protected.
   */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void>;
}

/**
 * An adapter for which every write costs a whole new package (the browser preview, which then
 * offers the copy for download) writes several sheets at once instead, so that the report and the
 * history come out in one copy.
 */
export interface WritesSheetsTogether {
  writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void>;
}

export function writesSheetsTogether(port: object): port is WritesSheetsTogether {
  return typeof (port as Partial<WritesSheetsTogether>).writeSheets === "function";
}
