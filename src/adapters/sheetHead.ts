/**
 * The head of a sheet as the port hands it over (port.ts, readSheetHeads), in one shape whatever
 * the adapter read it from: the first rows of the used range counted from its top row, without
 * the empty rows that would follow the last filled one, each row cut after its last value, and
 * starting at the leftmost column those rows use. Adapters read different amounts (the .xlsx
 * reader stops after the rows, Office.js reads a rectangle, memory holds the whole sheet) and
 * this cuts each to the same answer.
 */
import type { CellValue, SheetData } from "../domain/common/cells";

const isEmpty = (value: CellValue | undefined) => value === null || value === undefined;

/** The last index of `row` that holds a value, -1 for an empty row. */
function lastFilled(row: readonly CellValue[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (!isEmpty(row[c])) return c;
  return -1;
}

/** The first index of `row` that holds a value, or the row's length. */
function firstFilled(row: readonly CellValue[]): number {
  for (let c = 0; c < row.length; c++) if (!isEmpty(row[c])) return c;
  return row.length;
}

export function sheetHead(sheet: SheetData, rows: number): SheetData {
  const values = sheet.values;
  let top = 0;
  while (top < values.length && lastFilled(values[top]) < 0) top++;
  let bottom = Math.min(values.length, top + Math.max(0, rows));
  while (bottom > top && lastFilled(values[bottom - 1]) < 0) bottom--;
  if (bottom === top) return { name: sheet.name, values: [], origin: { row: 0, col: 0 }, tables: sheet.tables ?? [] };
  const lines = values.slice(top, bottom);
  let left = Number.POSITIVE_INFINITY;
  for (const line of lines) left = Math.min(left, firstFilled(line));
  return {
    name: sheet.name,
    values: lines.map((line) => Array.from({ length: Math.max(0, lastFilled(line) + 1 - left) }, (_, c) => line[left + c] ?? null)),
    origin: { row: sheet.origin.row + top, col: sheet.origin.col + left },
    tables: sheet.tables ?? [],
  };
}
