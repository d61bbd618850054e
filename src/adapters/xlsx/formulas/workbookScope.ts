/**
 * The workbook as formulas see it: its sheets (each under a short alias, loaded only when a
 * formula reads it), its tables (loaded when a formula first names one) and its defined names.
 * Reading a sheet or the tables before they are loaded records what is missing and abandons the
 * attempt (NeedsMore); the evaluator loads it and tries again.
 */
import { cellAddress, parseRangeAddress, quoteSheetName } from "../../../domain/common/cells";
import type { TablePart } from "../sheetParts";
import type { WorkbookInfo } from "../workbookPart";
import type { ReadWorksheet } from "../worksheetReader";
import type { FormulaScope, TableInfo } from "./formulaText";
import { SheetModel } from "./sheetModel";
import { NeedsMore, Unsupported } from "./values";

export interface FormulaSources {
  readonly info: WorkbookInfo;
  /** Another sheet of the workbook, parsed; undefined when it is no worksheet or has no part. */
  loadSheet(name: string): Promise<ReadWorksheet | undefined>;
  /** Every Excel table of the workbook with the name of its sheet. */
  loadTables(): Promise<readonly { readonly sheet: string; readonly table: TablePart }[]>;
  /** The current date-time, for TODAY (tests fix it). */
  now?: () => Date;
}

export interface CellId {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

/** What an attempt found not loaded yet. */
export interface Missing {
  readonly sheets: Set<number>;
  tables: boolean;
}

const ALIAS = /^_s(\d+)$/;

export class WorkbookScope implements FormulaScope {
  private readonly names: string[];
  private readonly byLowerName = new Map<string, number>();
  /** undefined: not loaded yet; null: not a worksheet, or unreadable (with the reason). */
  private readonly models: (SheetModel | null | undefined)[] = [];
  private readonly missingReasons = new Map<number, string>();
  private tableList: TableInfo[] | undefined;
  private missing: Missing = { sheets: new Set(), tables: false };

  constructor(
    plan: readonly ReadWorksheet[],
    private readonly sources: FormulaSources,
  ) {
    this.names = sources.info.sheets.map((s) => s.name);
    for (const read of plan) if (!this.names.includes(read.sheet.name)) this.names.push(read.sheet.name);
    this.names.forEach((name, i) => {
      const lower = name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, i);
    });
    for (const read of plan) {
      const index = this.names.indexOf(read.sheet.name);
      this.models[index] = new SheetModel(index, read.sheet.name, this.aliasOf(index), read);
    }
  }

  /** A sheet of the plan, loaded from the start. */
  planSheet(name: string): SheetModel {
    return this.models[this.names.indexOf(name)] as SheetModel;
  }

  /** The sheet at an index: undefined while not loaded, null when it is no worksheet or unreadable. */
  sheetAt(index: number): SheetModel | null | undefined {
    return this.models[index];
  }

  /** Starts an attempt: nothing is missing yet. */
  startAttempt(): void {
    this.missing = { sheets: new Set(), tables: false };
  }

  /** What the attempt since startAttempt found not loaded. */
  get missingNow(): Readonly<Missing> {
    return this.missing;
  }

  /** The sheet behind a parser's alias; records it as missing (and abandons the attempt) while it is not loaded. */
  sheetOf(alias: string | undefined): SheetModel {
    const match = alias === undefined ? null : ALIAS.exec(alias);
    if (!match) throw new Unsupported(`it refers to a sheet it cannot find (${alias ?? "none"})`);
    const index = Number(match[1]);
    const model = this.models[index];
    if (model === undefined) {
      this.missing.sheets.add(index);
      throw new NeedsMore();
    }
    if (model === null) throw new Unsupported(this.missingReasons.get(index) ?? "it refers to a sheet that could not be read");
    return model;
  }

  async loadSheet(index: number): Promise<void> {
    if (this.models[index] !== undefined) return;
    const name = this.names[index];
    try {
      const read = await this.sources.loadSheet(name);
      this.models[index] = read ? new SheetModel(index, name, this.aliasOf(index), read) : null;
      if (!read) this.missingReasons.set(index, `it refers to "${name}", which is not a worksheet`);
    } catch (error) {
      this.models[index] = null;
      this.missingReasons.set(
        index,
        `it refers to the sheet "${name}", which could not be read (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  async loadTables(): Promise<void> {
    if (this.tableList) return;
    const list: TableInfo[] = [];
    for (const { sheet, table } of await this.sources.loadTables()) {
      const index = this.names.indexOf(sheet);
      const range = parseRangeAddress(table.ref);
      if (index < 0 || !range) continue;
      list.push({
        name: table.name,
        sheet: index,
        ...range,
        headerRows: table.headerRows,
        totalsRows: table.totalsRows,
        columns: table.columns,
      });
    }
    this.tableList = list;
  }

  /** A cell as a message names it: its address, with its sheet's name unless it is on `from`. */
  label(cell: CellId, from?: SheetModel): string {
    const address = cellAddress(cell.row, cell.col);
    return from && from.index === cell.sheet ? address : `${quoteSheetName(this.names[cell.sheet])}!${address}`;
  }

  // ---- FormulaScope: what the rewriting of formula text asks ----

  aliasOf(sheet: number): string {
    return `_s${sheet}`;
  }

  sheetIndex(name: string): number | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  sheetAlias(name: string): string | undefined {
    const index = this.sheetIndex(name);
    return index === undefined ? undefined : this.aliasOf(index);
  }

  definedName(name: string, sheet: number, explicitScope: boolean): string | undefined {
    const lower = name.toLowerCase();
    const sheetName = this.names[sheet];
    const infoIndex = this.sources.info.sheets.findIndex((s) => s.name === sheetName);
    const all = this.sources.info.definedNames.filter((d) => d.name.toLowerCase() === lower);
    const local = all.find((d) => d.localSheetId !== undefined && d.localSheetId === infoIndex);
    if (local) return local.formula;
    // Sheet1!Name without a name scoped to Sheet1: whether Excel falls back to the workbook's is not certain.
    if (explicitScope) return undefined;
    return all.find((d) => d.localSheetId === undefined)?.formula;
  }

  tables(): readonly TableInfo[] {
    if (!this.tableList) {
      this.missing.tables = true;
      throw new NeedsMore();
    }
    return this.tableList;
  }
}
