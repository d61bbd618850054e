/**
 * The sample plan as a workbook adapter would read it from Excel (dates as serial numbers, tables
 * with their ranges, the Initiatives header under a title), for the task pane's preview.
 */
import { cellAddress, serialOfDate, type CellValue, type SheetData } from "../domain/common/cells";
import { SAMPLE_SHEETS, type SampleCell, type SampleSheet } from "./samplePlan";

const toCell = (value: SampleCell): CellValue => (value instanceof Date ? serialOfDate(value) : value);

function toSheetData(sheet: SampleSheet): SheetData {
  const headerRow = sheet.title ? 2 : 0;
  const values: CellValue[][] = [];
  if (sheet.title) values.push([sheet.title], []);
  values.push([...sheet.header]);
  for (const row of sheet.rows) values.push(row.map(toCell));
  const range = `A${headerRow + 1}:${cellAddress(headerRow + sheet.rows.length, sheet.header.length - 1)}`;
  return { name: sheet.name, values, origin: { row: 0, col: 0 }, tables: sheet.table ? [{ name: sheet.table, range }] : [] };
}

export function sampleSheets(): SheetData[] {
  return SAMPLE_SHEETS.map(toSheetData);
}
