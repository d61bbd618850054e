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

export interface WorkbookPort {
  /** The plan's sheets (src/domain/locate.ts says which): used range and Excel tables of each. */
  readSheets(onProgress?: Progress): Promise<SheetData[]>;
  /**
   * Writes the report as its own sheet, replacing an earlier report of the add-in. Rejects with a
   * StopError, changing nothing, when a sheet of that name exists that the add-in did not write,
   * when a table name is taken, or when the workbook's structure is protected.
   */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void>;
}
