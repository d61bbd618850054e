/**
 * What a write checks before it changes anything, read from Excel: the sheet names and positions,
 * the tables and their sheets, the workbook's protection and the owner marker of each sheet to
 * replace, all of them for every layout at once, so that checkWrite (src/domain/sheets/ownership.ts)
 * sees every sheet before the first change.
 */
import type { CellValue } from "../../domain/common/cells";
import { carriesOwnerMarker, checkWrite, OWNER_MARKER_ROWS, sheetsReplaced } from "../../domain/sheets/ownership";
import type { ReportLayout } from "../../domain/sheets/reportLayout";

/** Two round trips; throws the check's error when a layout may not be written. The worksheets come back with their names and positions loaded. */
export async function checkBeforeWriting(context: Excel.RequestContext, layouts: readonly ReportLayout[]): Promise<Excel.Worksheet[]> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets.load("items/name,items/position");
  const allTables = workbook.tables.load("items/name");
  const protection = workbook.protection.load("protected");
  await context.sync();
  const names = worksheets.items.map((sheet) => sheet.name);
  const markers = sheetsReplaced(layouts, names).map((name) => ({
    name,
    values: worksheets.items[names.indexOf(name)].getRange(`A1:A${OWNER_MARKER_ROWS}`).load("values"),
  }));
  const tableSheets = allTables.items.map((table) => table.worksheet.load("name"));
  await context.sync();
  // Every check of every sheet before the first change: in Excel there is no temporary file,
  // so a check failing between two sheets would leave the workbook half written.
  checkWrite(layouts, {
    sheetNames: names,
    ownedSheets: new Set(markers.filter((m) => carriesOwnerMarker(m.values.values.map((row) => row[0] as CellValue))).map((m) => m.name)),
    tables: allTables.items.map((table, i) => ({ name: table.name, sheet: tableSheets[i].name })),
    structureLocked: protection.protected,
    where: "The workbook",
  });
  return worksheets.items;
}
