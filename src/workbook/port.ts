/**
 * The one interface between the engine and a workbook. The .xlsx file adapter (command line), the
 * Office.js adapter (task pane) and the in-memory preview each implement it.
 */
import type { SheetData } from "../domain/cells";
import type { ReportLayout } from "../domain/reportLayout";

export interface WorkbookPort {
  /** Every worksheet's used range, with its Excel tables. */
  readSheets(): Promise<SheetData[]>;
  /**
   * Writes the report as its own sheet, replacing an earlier report of the add-in. Rejects with a
   * ForeignSheetError when a sheet of that name exists that the add-in did not write.
   */
  writeReport(layout: ReportLayout): Promise<void>;
}

export class ForeignSheetError extends Error {
  constructor(readonly sheetName: string) {
    super(
      `A sheet named "${sheetName}" already exists and was not written by this add-in, so it was left as it is. ` +
        `Rename or delete that sheet, or choose another name for the report.`,
    );
    this.name = "ForeignSheetError";
  }
}
