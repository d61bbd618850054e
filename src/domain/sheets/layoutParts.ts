/**
 * Pieces every owned sheet's layout is made of (the report, the scenario, the history): dates
 * as Excel serials, figures for cells, the KPI's unit as a format, sections stacked down
 * the sheet, the column widths they share, and the finished layout every adapter writes.
 */
import { fitLayout } from "./fitLayout";
import { isPercentUnit } from "../common/units";
import type { OutCell, OutChart, OutFormat, OutTable, OutValue, ReportLayout } from "./reportLayout";
import { DATA_BAR, STATUS_RULES } from "./reportStyle";

/** Excel's serial date for the wall-clock time of `date`, as a planner reads it on the sheet. */
export function excelSerial(date: Date): number {
  const wallClock = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds());
  return wallClock / 86_400_000 + 25_569;
}

/** A figure for a cell: none (a blank cell) rather than a number no cell can show. */
export const opt = (value: number | undefined): OutValue => (value === undefined || !Number.isFinite(value) ? null : value);

/** A KPI measured in % shows its figures as percentages: a column's cellFormat for rows of KPIs. */
export const inKpiUnit = (kpi: { readonly unit: string }): OutFormat | undefined => (isPercentUnit(kpi.unit) ? "percent" : undefined);

/** Sections one below the other from `row`: a title, the table under it, two blank rows. */
export function sectionStack(
  cells: OutCell[],
  row: number,
): { tables: OutTable[]; section: (title: string, make: (headerRow: number) => OutTable) => void } {
  const tables: OutTable[] = [];
  const section = (title: string, make: (headerRow: number) => OutTable) => {
    cells.push({ row, col: 0, value: title, style: "section" });
    const table = make(row + 1);
    tables.push(table);
    row = table.row + table.rows.length + 3;
  };
  return { tables, section };
}

/** The widest column wanted by any section, since the sections share the sheet's columns. */
export function columnWidths(tables: readonly OutTable[]): number[] {
  const widths: number[] = [];
  for (const table of tables) {
    table.columns.forEach((column, i) => {
      const col = table.col + i;
      widths[col] = Math.max(widths[col] ?? 8, column.width ?? 12);
    });
  }
  widths[0] = Math.max(widths[0] ?? 8, 18);
  return Array.from(widths, (w) => w ?? 8);
}

/**
 * An owned sheet's layout, finished: every owned sheet (the report and its changes table, the
 * scenario, the history) is made here, so what must hold for all of them holds in one place:
 * the shared looks, the column widths, and no text longer than a cell holds (boundedText.ts), in
 * every adapter that writes it.
 */
export function ownedSheetLayout(
  sheetName: string,
  cells: readonly OutCell[],
  tables: readonly OutTable[],
  charts: readonly OutChart[] = [],
): ReportLayout {
  return fitLayout({ sheetName, cells, tables, statusRules: STATUS_RULES, dataBar: DATA_BAR, columnWidths: columnWidths(tables), charts });
}
