/**
 * Every owned sheet's text within what a cell holds (src/domain/common/boundedText.ts says why):
 * the layout passes here before any adapter writes it.
 */
import { CELL_TEXT_LIMIT, fitCellText } from "../common/boundedText";
import type { OutCell, OutTable, OutValue, ReportLayout } from "./reportLayout";

const tooLong = (value: OutValue) => typeof value === "string" && value.length > CELL_TEXT_LIMIT;
const fitValue = (value: OutValue): OutValue => (typeof value === "string" ? fitCellText(value) : value);

/**
 * A table whose text cells all fit, the same object when they did already: the common case costs
 * one scan, written as plain loops since a report of 100,000 initiatives has millions of cells.
 */
function fitTable(table: OutTable): OutTable {
  let rows: (readonly OutValue[])[] | undefined;
  const source = table.rows;
  for (let r = 0; r < source.length; r++) {
    const row = source[r];
    for (let c = 0; c < row.length; c++) {
      if (!tooLong(row[c])) continue;
      rows ??= source.slice();
      rows[r] = row.map(fitValue);
      break;
    }
  }
  return rows ? { ...table, rows } : table;
}

/** The layout with every text cell within what a cell holds: every owned sheet's layout passes here. */
export function fitLayout(layout: ReportLayout): ReportLayout {
  const cells = layout.cells.some((cell) => tooLong(cell.value))
    ? layout.cells.map((cell): OutCell => (tooLong(cell.value) ? { ...cell, value: fitValue(cell.value) } : cell))
    : layout.cells;
  const tables = layout.tables.map(fitTable);
  const changed = cells !== layout.cells || tables.some((table, i) => table !== layout.tables[i]);
  return changed ? { ...layout, cells, tables } : layout;
}
