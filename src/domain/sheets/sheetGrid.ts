/**
 * Excel's grid, which every sheet the add-in writes must fit: 1,048,576 rows by 16,384 columns
 * (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3,
 * "Total number of rows and columns on a worksheet"). A package with a cell past it is one Excel
 * repairs on opening, dropping what does not fit; Office.js refuses a range past it.
 */
import type { ReportLayout } from "./reportLayout";

export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/** The last row and column (zero-based) a layout writes into: its cells, its tables (header and rows), its charts. */
export function layoutExtent(layout: ReportLayout): { readonly lastRow: number; readonly lastCol: number } {
  let lastRow = 0;
  let lastCol = 0;
  const reach = (row: number, col: number) => {
    lastRow = Math.max(lastRow, row);
    lastCol = Math.max(lastCol, col);
  };
  for (const cell of layout.cells) reach(cell.row, cell.col);
  for (const table of layout.tables) reach(table.row + table.rows.length, table.col + table.columns.length - 1);
  for (const chart of layout.charts) reach(chart.to.row, chart.to.col);
  reach(0, layout.columnWidths.length - 1);
  return { lastRow, lastCol };
}
