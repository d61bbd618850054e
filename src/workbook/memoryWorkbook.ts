/**
 * A workbook held in memory behind the same interface as Excel: the task pane's preview outside
 * Office, and the component tests, run on it. Writing the report renders the layout into cells,
 * so that a reread sees it exactly as it would in Excel.
 */
import type { CellValue, SheetData } from "../domain/cells";
import { findSheet } from "../domain/locate";
import type { AnalysisOptions } from "../domain/model";
import { isReportSheet } from "../domain/report";
import type { ReportLayout } from "../domain/reportLayout";
import { SHEETS } from "../domain/contract";
import { TEMPLATE } from "../domain/template";
import { cellAddress } from "../domain/cells";
import type { PlanWorkbook, TemplateOutcome } from "./planWorkbook";
import { ForeignSheetError } from "./port";

function renderLayout(layout: ReportLayout): SheetData {
  const values: CellValue[][] = [];
  const put = (row: number, col: number, value: CellValue) => {
    while (values.length <= row) values.push([]);
    const line = values[row];
    while (line.length < col) line.push(null);
    line[col] = value;
  };
  for (const cell of layout.cells) put(cell.row, cell.col, cell.value);
  const tables = layout.tables.map((table) => {
    table.columns.forEach((column, c) => put(table.row, table.col + c, column.header));
    table.rows.forEach((row, r) => row.forEach((value, c) => put(table.row + 1 + r, table.col + c, value)));
    const range = `${cellAddress(table.row, table.col)}:${cellAddress(table.row + table.rows.length, table.col + table.columns.length - 1)}`;
    return { name: table.name, range };
  });
  return { name: layout.sheetName, values, origin: { row: 0, col: 0 }, tables };
}

export class MemoryWorkbook implements PlanWorkbook {
  private sheets: SheetData[];
  private readonly settings = new Map<string, number>();
  /** The last cell selected, as Excel would show it. */
  selection?: { sheet: string; cell: string };
  /** The last report written, for a caller that wants to show or download it. */
  lastReport?: ReportLayout;

  constructor(sheets: readonly SheetData[] = []) {
    this.sheets = [...sheets];
  }

  get sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  async readSheets(): Promise<SheetData[]> {
    return [...this.sheets];
  }

  async writeReport(layout: ReportLayout): Promise<void> {
    const at = this.sheets.findIndex((s) => s.name.toLowerCase() === layout.sheetName.toLowerCase());
    const rendered = renderLayout(layout);
    if (at >= 0) {
      if (!isReportSheet(this.sheets[at])) throw new ForeignSheetError(this.sheets[at].name);
      this.sheets[at] = rendered;
    } else {
      this.sheets.push(rendered);
    }
    this.lastReport = layout;
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (!this.sheet(sheet)) throw new Error(`There is no sheet named "${sheet}".`);
    this.selection = { sheet, cell };
  }

  async insertTemplate(): Promise<TemplateOutcome> {
    const created: string[] = [];
    const skipped: string[] = [];
    for (const template of TEMPLATE) {
      const spec = SHEETS.find((s) => s.key === template.key);
      const existing = spec && findSheet(spec, this.sheets);
      if (existing) {
        skipped.push(existing.name);
        continue;
      }
      const range = `A1:${cellAddress(template.rows.length, template.header.length - 1)}`;
      this.sheets.push({ name: template.sheetName, values: [[...template.header], ...template.rows.map((r) => [...r])], origin: { row: 0, col: 0 }, tables: [{ name: template.tableName, range }] });
      created.push(template.sheetName);
    }
    return { created, skipped };
  }

  async loadSettings(): Promise<Partial<AnalysisOptions>> {
    const tolerance = this.settings.get("cvm.tolerance");
    const allocationThreshold = this.settings.get("cvm.allocationThreshold");
    return { ...(tolerance !== undefined && { tolerance }), ...(allocationThreshold !== undefined && { allocationThreshold }) };
  }

  async saveSettings(options: AnalysisOptions): Promise<void> {
    this.settings.set("cvm.tolerance", options.tolerance);
    this.settings.set("cvm.allocationThreshold", options.allocationThreshold);
  }
}
