/** Where a record came from, as the A1 address of one of its cells: what every finding points at. */
import { cellAddress } from "./cells";
import type { Source } from "./model";

/** The cell of a record's column, or of its first column when the sheet lacks that one. */
export function cellOf(source: Source, key: string): string {
  const col = source.columns[key] ?? source.columns.id ?? Math.min(...Object.values(source.columns), 0);
  return cellAddress(source.row, col);
}
