/**
 * A workbook held in memory behind the same interface as Excel: the task pane's preview outside
 * Office, and the component tests, run on it. Writing the report renders the layout into cells,
 * so that a reread sees it exactly as it would in Excel.
 */
import { cellAddress, type CellValue, type SheetData } from "../../domain/common/cells";
import type { AnalysisOptions } from "../../domain/analysis/result";
import { checkWrite, isOwnedSheet } from "../../domain/sheets/ownership";
import type { ReportLayout } from "../../domain/sheets/reportLayout";
import { planTemplate } from "../../domain/sheets/template";
import type { Scenario } from "../../domain/whatIf/scenario";
import { SETTING_KEYS, storedOptions, type PlanWorkbook, type TemplateOutcome } from "../planWorkbook";
import type { OwnedSheet, Progress } from "../port";
import { sheetHead } from "../sheetHead";
import { sheetsToRead } from "../sheetSelection";

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
  private scenario?: string;
  /** The plan's mapping as writeMapping kept it (port.ts): a field, as the workbook's own part would hold it. */
  private mapping?: string;
  /** The last cell selected, as Excel would show it. */
  selection?: { sheet: string; cell: string };
  /** The last sheet written (of a write of several, the last of them), for a caller that wants to show or download it. */
  lastReport?: ReportLayout;

  constructor(
    sheets: readonly SheetData[] = [],
    /** Review > Protect Workbook, as a workbook opened in the browser may carry it. */
    private readonly structureProtected = false,
  ) {
    this.sheets = [...sheets];
  }

  get sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  // Memory answers at once: the only progress worth reporting is that it is done.
  async readSheets(names?: readonly string[], onProgress?: Progress): Promise<SheetData[]> {
    const sheets = sheetsToRead(names, this.sheetNames).map((name) => this.sheet(name) as SheetData);
    onProgress?.(1);
    return sheets;
  }

  async readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]> {
    const heads = this.sheets.map((sheet) => sheetHead(sheet, rows));
    onProgress?.(1);
    return heads;
  }

  async readMapping(): Promise<string | undefined> {
    return this.mapping;
  }

  async writeMapping(json: string | undefined): Promise<void> {
    this.mapping = json;
  }

  async readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    return names.map((name): OwnedSheet => {
      const sheet = this.sheet(name);
      if (!sheet) return { state: "absent" };
      return isOwnedSheet(sheet) ? { state: "owned", sheet } : { state: "foreign", name: sheet.name };
    });
  }

  /** One sheet: writeSheets with one layout. */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void> {
    return this.writeSheets([layout], onProgress);
  }

  async writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void> {
    checkWrite(layouts, {
      sheetNames: this.sheetNames,
      ownedSheets: new Set(this.sheets.filter(isOwnedSheet).map((s) => s.name)),
      tables: this.sheets.flatMap((s) => (s.tables ?? []).map((t) => ({ name: t.name, sheet: s.name }))),
      structureLocked: this.structureProtected,
      where: "The workbook",
    });
    for (const layout of layouts) {
      const at = this.sheets.findIndex((s) => s.name.toLowerCase() === layout.sheetName.toLowerCase());
      const rendered = renderLayout(layout);
      if (at >= 0) this.sheets[at] = rendered;
      else this.sheets.push(rendered);
      this.lastReport = layout;
    }
    onProgress?.(1);
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (!this.sheet(sheet)) throw new Error(`There is no sheet named "${sheet}".`);
    this.selection = { sheet, cell };
  }

  async insertTemplate(): Promise<TemplateOutcome> {
    const tableNames = this.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name));
    const plan = planTemplate(this.sheetNames, tableNames);
    for (const template of plan.create) {
      const range = `A1:${cellAddress(template.rows.length, template.header.length - 1)}`;
      this.sheets.push({
        name: template.sheetName,
        values: [[...template.header], ...template.rows.map((r) => [...r])],
        origin: { row: 0, col: 0 },
        tables: [{ name: template.tableName, range }],
      });
    }
    return { created: plan.create.map((t) => t.sheetName), skipped: plan.skipped };
  }

  async loadSettings(): Promise<Partial<AnalysisOptions>> {
    return storedOptions((key) => this.settings.get(key));
  }

  async saveSettings(options: AnalysisOptions): Promise<void> {
    this.settings.set(SETTING_KEYS.tolerance, options.tolerance);
    this.settings.set(SETTING_KEYS.allocationThreshold, options.allocationThreshold);
  }

  async loadScenario(): Promise<unknown> {
    return this.scenario === undefined ? undefined : (JSON.parse(this.scenario) as unknown);
  }

  async saveScenario(scenario: Scenario | undefined): Promise<void> {
    // Kept as JSON, as document settings keep it: what comes back is a copy.
    this.scenario = scenario && JSON.stringify(scenario);
  }
}
