/** Where a record came from, as the A1 address of one of its cells: what every finding points at. */
import { cellAddress } from "../common/cells";
import type { Source } from "./model";

/** The cell of a record's column, or of its first column when the sheet lacks that one. */
export function cellOf(source: Source, key: string): string {
  return cellAddress(source.row, source.columns[key] ?? source.columns.id ?? firstColumn(source));
}

/** The leftmost of the record's columns, and never right of A's index 0 when it has none. */
function firstColumn(source: Source): number {
  let first = 0;
  for (const col of Object.values(source.columns)) first = Math.min(first, col);
  return first;
}

/** The A1 address of a KPI Series value's cell. */
export function seriesCellOf(value: { readonly row: number; readonly col: number }): string {
  return cellAddress(value.row, value.col);
}
