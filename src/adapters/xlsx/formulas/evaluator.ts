/**
 * Computes formulas saved without their result, as Excel would on opening the file: each from the
 * cells, names and tables it refers to, across sheets, computing the stored-without-result
 * formulas it depends on first (each once), and loading another sheet only when a formula reads it.
 *
 * fast-formula-parser parses and walks the formula; every operator and every function is ours
 * (src/adapters/xlsx/formulas/*Functions.ts), because its own differ from Excel on ordinary inputs (text
 * compared case-sensitively, arrays cut to their first value, INDEX reading the wrong sheet).
 * Anything that cannot be computed faithfully ends as a reason, never as a guessed value.
 *
 * Evaluation is synchronous (the parser calls back for cells); when it needs a sheet or the tables
 * that are not loaded yet, or a dependency chain grows too deep for one stack, the attempt is
 * dropped (NeedsMore), the missing piece is fetched or computed first, and the formula is tried again.
 */
import { translateFormulaToA1, translateFormulaToR1C1 } from "@borgar/fx";
import FormulaParser from "fast-formula-parser";
import { cellAddress, parseRangeAddress, quoteSheetName, type CellValue, type SheetData } from "../../../domain/common/cells";
import type { TablePart } from "../sheetParts";
import type { WorkbookInfo } from "../workbookPart";
import { serialToDate, withValues, type PendingFormula, type ReadWorksheet } from "../worksheetReader";
import type { Call, FunctionEnv, FunctionSpec, Position } from "./calls";
import { dateToSerial, ymdToSerial } from "./dates";
import { prepareFormula, type FormulaScope, type TableInfo } from "./formulaText";
import { FUNCTIONS } from "./functionTable";
import type { Grid } from "./grid";
import { power } from "./mathFunctions";
import { SheetModel } from "./sheetModel";
import {
  checkCancellation,
  compareValues,
  equalValues,
  finite,
  FormulaError,
  isError,
  isRangeRef,
  isReference,
  MAX_COL,
  MAX_ROW,
  NeedsMore,
  toNumber,
  toText,
  Unsupported,
  type Raw,
  type Reference,
  type Scalar,
} from "./values";

export interface FormulaSources {
  readonly info: WorkbookInfo;
  /** Another sheet of the workbook, parsed; undefined when it is no worksheet or has no part. */
  loadSheet(name: string): Promise<ReadWorksheet | undefined>;
  /** Every Excel table of the workbook with the name of its sheet. */
  loadTables(): Promise<readonly { readonly sheet: string; readonly table: TablePart }[]>;
  /** The current date-time, for TODAY (tests fix it). */
  now?: () => Date;
}

type Outcome = { readonly value: Scalar } | { readonly reason: string; readonly root: string };

interface CellId {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

/** How deep formulas may call each other within one attempt before the deepest is computed first. */
const MAX_DEPTH = 24;
/** Cells waiting for deeper ones to be computed first: beyond this a chain is not followed. */
const MAX_CHAIN = 100_000;

const keyOf = (c: CellId) => `${c.sheet}:${c.row}:${c.col}`;
const ALIAS = /^_s(\d+)$/;

function primary(reason: string): Outcome {
  return { reason, root: reason };
}

export class FormulaEvaluator implements FormulaScope, FunctionEnv {
  readonly date1904: boolean;
  private readonly names: string[];
  private readonly byLowerName = new Map<string, number>();
  /** undefined: not loaded yet; null: not a worksheet, or unreadable (with the reason). */
  private readonly models: (SheetModel | null | undefined)[] = [];
  private readonly missingReasons = new Map<number, string>();
  private tableList: TableInfo[] | undefined;
  private readonly memo = new Map<string, Outcome>();
  private readonly stack: CellId[] = [];
  private readonly inProgress = new Set<string>();
  /** Cells whose computation waits for a deeper cell computed first (the driver's chain). */
  private readonly chain: CellId[] = [];
  private readonly suspended = new Set<string>();
  private readonly cycles = new Map<string, string>();
  private readonly parsers: FormulaParser[] = [];
  private readonly sharedR1C1 = new Map<string, string>();
  private needs: { sheets: Set<number>; tables: boolean; first?: CellId } = { sheets: new Set(), tables: false };

  constructor(
    plan: readonly ReadWorksheet[],
    private readonly sources: FormulaSources,
  ) {
    this.date1904 = sources.info.date1904;
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

  /** The plan's sheets with every formula without a stored result computed, or marked uncomputed. */
  async computePlanSheets(plan: readonly ReadWorksheet[]): Promise<SheetData[]> {
    const out: SheetData[] = [];
    for (const read of plan) {
      const model = this.models[this.names.indexOf(read.sheet.name)] as SheetModel;
      const results: { row: number; col: number; value: CellValue }[] = [];
      for (const p of read.pending) {
        const outcome = await this.compute({ sheet: model.index, row: p.row, col: p.col });
        results.push({ row: p.row, col: p.col, value: this.cellValue(model, p, outcome) });
      }
      out.push(withValues(read.sheet, results));
    }
    return out;
  }

  private cellValue(model: SheetModel, p: PendingFormula, outcome: Outcome): CellValue {
    if ("reason" in outcome) {
      let formula: string;
      try {
        formula = this.formulaText(model, p);
      } catch {
        formula = p.text ?? "";
      }
      return { formula, reason: outcome.reason };
    }
    const value = outcome.value;
    if (isError(value)) return { error: value.error };
    if (typeof value === "number" && p.dateStyled) return serialToDate(value, this.date1904);
    return value;
  }

  // ---- the driver: attempts, and what an attempt found missing ----

  private async compute(target: CellId): Promise<Outcome> {
    this.chain.push(target);
    while (this.chain.length) {
      const cell = this.chain[this.chain.length - 1];
      const key = keyOf(cell);
      this.suspended.delete(key);
      if (!this.memo.has(key)) {
        this.needs = { sheets: new Set(), tables: false };
        try {
          const model = this.models[cell.sheet];
          const p = model?.pendingAt(cell.row, cell.col);
          if (!model || !p) this.memo.set(key, { value: null });
          else this.evaluate(model, p);
        } catch (error) {
          if (!(error instanceof NeedsMore)) throw error;
        }
      }
      if (this.memo.has(key)) {
        this.chain.pop();
        continue;
      }
      const { sheets, tables, first } = this.needs;
      if (first) {
        if (this.chain.length >= MAX_CHAIN) this.memo.set(key, primary("it depends on too long a chain of formulas"));
        else {
          this.suspended.add(key);
          this.chain.push(first);
        }
        continue;
      }
      if (sheets.size === 0 && !tables) {
        this.memo.set(key, primary("it could not be computed"));
        continue;
      }
      for (const index of sheets) await this.loadSheet(index);
      if (tables) await this.loadTables();
    }
    return this.memo.get(keyOf(target)) as Outcome;
  }

  private async loadSheet(index: number): Promise<void> {
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

  private async loadTables(): Promise<void> {
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

  // ---- one formula ----

  private evaluate(model: SheetModel, p: PendingFormula): Outcome {
    const cell = { sheet: model.index, row: p.row, col: p.col };
    const key = keyOf(cell);
    const known = this.memo.get(key);
    if (known) return known;
    if (this.inProgress.has(key) || this.suspended.has(key)) return primary(this.markCycle(cell));
    if (this.stack.length >= MAX_DEPTH) {
      this.needs.first = cell;
      throw new NeedsMore();
    }
    this.stack.push(cell);
    this.inProgress.add(key);
    let outcome: Outcome;
    try {
      const text = prepareFormula(this.formulaText(model, p), cell, this);
      outcome = this.run(text, model, p);
    } catch (error) {
      if (error instanceof NeedsMore) throw error;
      outcome =
        error instanceof Unsupported
          ? { reason: error.message, root: error.root ?? error.message }
          : primary("it could not be read as a formula");
    } finally {
      this.stack.pop();
      this.inProgress.delete(key);
    }
    const cycle = this.cycles.get(key);
    if (cycle) outcome = primary(cycle);
    this.memo.set(key, outcome);
    return outcome;
  }

  /** The cells from the repeated one to the current one form the cycle; each is reported with it. */
  private markCycle(repeated: CellId): string {
    const key = keyOf(repeated);
    const inStack = this.stack.findIndex((c) => keyOf(c) === key);
    const members =
      inStack >= 0
        ? this.stack.slice(inStack)
        : [
            ...this.chain.slice(
              this.chain.findIndex((c) => keyOf(c) === key),
              -1,
            ),
            ...this.stack,
          ];
    const from = this.models[repeated.sheet] as SheetModel;
    const path = [...members, repeated].map((c) => this.label(c, from)).join(" → ");
    const reason = `it is part of a circular reference (${path})`;
    for (const m of members) this.cycles.set(keyOf(m), reason);
    return reason;
  }

  private formulaText(model: SheetModel, p: PendingFormula): string {
    if (p.text !== undefined) return p.text;
    const master = p.sharedIndex === undefined ? undefined : model.masters.get(p.sharedIndex);
    if (!master) throw new Unsupported("it belongs to a shared formula whose first cell is missing");
    const cacheKey = `${model.index}:${p.sharedIndex}`;
    let r1c1 = this.sharedR1C1.get(cacheKey);
    if (r1c1 === undefined) {
      r1c1 = translateFormulaToR1C1(master.text, cellAddress(master.row, master.col));
      this.sharedR1C1.set(cacheKey, r1c1);
    }
    return translateFormulaToA1(r1c1, cellAddress(p.row, p.col), { wrapEdges: false });
  }

  private run(text: string, model: SheetModel, p: PendingFormula): Outcome {
    const parser = this.parserAt(this.stack.length - 1);
    let result: unknown;
    try {
      result = parser.parse(text, { sheet: model.alias, row: p.row + 1, col: p.col + 1 }, true);
    } catch (error) {
      const cause = error instanceof FormulaError && error.details !== undefined ? error.details : error;
      if (cause instanceof NeedsMore || cause instanceof Unsupported) throw cause;
      // Syntax errors come from the lexer (plain objects) or the grammar (chevrotain's …Exception).
      if (!(cause instanceof Error) || cause.name.endsWith("Exception")) return primary("it could not be read as a formula");
      return primary(`it could not be computed (${cause.message})`);
    }
    return this.outcomeOf(result);
  }

  private outcomeOf(result: unknown): Outcome {
    if (result === null || result === undefined) return { value: 0 };
    if (result instanceof FormulaError) return result.message ? primary(`it could not be computed (${result.message})`) : { value: result };
    if (Array.isArray(result)) {
      if (result.length === 1 && Array.isArray(result[0]) && result[0].length === 1) return this.outcomeOf(result[0][0]);
      return primary("it gives several values (an array), which is not supported");
    }
    if (typeof result === "number") return Number.isFinite(result) ? { value: result === 0 ? 0 : result } : { value: FormulaError.NUM };
    if (typeof result === "string" || typeof result === "boolean") return { value: result };
    return primary("it gives several values, which is not supported");
  }

  // ---- the parser, with our operators and functions ----

  private parserAt(depth: number): FormulaParser {
    let parser = this.parsers[depth];
    if (!parser) {
      parser = this.makeParser();
      this.parsers[depth] = parser;
    }
    return parser;
  }

  private makeParser(): FormulaParser {
    const functions: Record<string, (...args: never[]) => unknown> = {};
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      functions[name] = ((context: FormulaParser, ...args: Raw[]) => this.call(name, spec, context, args)) as (...args: never[]) => unknown;
    }
    const parser = new FormulaParser({
      functions,
      onCell: (ref) => this.cell(ref.sheet, ref.row, ref.col),
      onRange: (ref) => {
        const rows = Math.abs(ref.to.row - ref.from.row) + 1;
        const cols = Math.abs(ref.to.col - ref.from.col) + 1;
        if (rows !== 1 || cols !== 1) throw new Unsupported("it gives several values (a range), which is not supported");
        return [[this.cell(ref.sheet, ref.from.row, ref.from.col)]];
      },
      onVariable: (name) => {
        throw new Unsupported(`the name ${name} is not defined in the workbook`);
      },
    });
    // Every function receives the parser and its arguments unread, so that it reads ranges itself.
    for (const name of Object.keys(FUNCTIONS)) parser.funsNeedContextAndNoDataRetrieve.push(name);
    const utils = parser.utils;
    utils.applyPrefix = (prefixes, value) => this.prefix(prefixes, value);
    utils.applyPostfix = (value) => this.guard(() => toNumber(this.operand(value)) / 100);
    utils.applyInfix = (a, infix, b) => this.infix(a, infix, b);
    utils.applyIntersect = () => {
      throw new Unsupported("it intersects ranges (a space between references), which is not supported");
    };
    utils.applyUnion = () => {
      throw new Unsupported("it joins ranges into a union, which is not supported");
    };
    utils.applyRange = (items) => this.range(items);
    return parser;
  }

  private call(name: string, spec: FunctionSpec, context: FormulaParser, args: Raw[]): unknown {
    if (args.length < spec.min || args.length > spec.max) {
      throw new Unsupported(`${name} is given ${args.length} argument${args.length === 1 ? "" : "s"}, which Excel does not accept`);
    }
    const position = context.position as Position;
    const call: Call = { name, position, env: this };
    return spec.fn(call, args);
  }

  /** Excel errors become the operator's result; anything uncertain stops the formula. */
  private guard(compute: () => Scalar): Scalar {
    try {
      const value = compute();
      return typeof value === "number" ? finite(value) : value;
    } catch (error) {
      if (isError(error)) return error;
      throw error;
    }
  }

  /** An operand: one value. Arithmetic on whole ranges (array formulas) is not computed. */
  private operand(raw: Raw): Scalar {
    if (isReference(raw) || Array.isArray(raw)) {
      const grid = isReference(raw) ? this.grid(raw, this.currentPosition()) : undefined;
      if (grid && grid.rows === 1 && grid.cols === 1) return grid.get(0, 0);
      if (Array.isArray(raw) && raw.length === 1 && raw[0].length === 1) return raw[0][0] as Scalar;
      throw new Unsupported("it does arithmetic on a range of several cells (an array formula), which is not supported");
    }
    if (raw !== null && typeof raw === "object" && !isError(raw)) throw new Unsupported("it uses a value it cannot read");
    return raw as Scalar;
  }

  private prefix(prefixes: string[], raw: Raw): Raw {
    const value = this.operand(raw);
    if (isError(value)) return value;
    const negative = prefixes.filter((p) => p === "-").length % 2 === 1;
    if (!negative) return value;
    return this.guard(() => -toNumber(value));
  }

  private infix(left: Raw, infix: string, right: Raw): Raw {
    const a = this.operand(left);
    const b = this.operand(right);
    if (isError(a)) return a;
    if (isError(b)) return b;
    return this.guard(() => {
      switch (infix) {
        case "&":
          return toText(a) + toText(b);
        case "=":
          return equalValues(a, b);
        case "<>":
          return !equalValues(a, b);
        case "<":
          return compareValues(a, b) < 0;
        case ">":
          return compareValues(a, b) > 0;
        case "<=":
          return compareValues(a, b) <= 0;
        case ">=":
          return compareValues(a, b) >= 0;
      }
      const x = toNumber(a);
      const y = toNumber(b);
      switch (infix) {
        case "+":
          return checkCancellation(x + y, x, y);
        case "-":
          return checkCancellation(x - y, x, y);
        case "*":
          return x * y;
        case "/":
          if (y === 0) throw FormulaError.DIV0;
          return x / y;
        case "^":
          return power(x, y);
      }
      throw new Unsupported(`it uses the operator ${infix}, which is not supported`);
    });
  }

  /** A:B, 1:3, A1:INDEX(…): the rectangle spanned, on the one sheet its parts share. */
  private range(items: (Raw | number)[]): Raw {
    let sheet: string | undefined;
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = 0;
    let right = 0;
    for (const item of items) {
      if (isError(item)) return item;
      // A row number (the 1 of 1:3) comes as a plain number; a column (the A of A:B) as a cell without row.
      const ref:
        { sheet?: string; row?: number; col?: number; from?: { row: number; col: number }; to?: { row: number; col: number } } | undefined =
        typeof item === "number" ? { row: item } : isReference(item) ? item.ref : undefined;
      if (!ref) throw new Unsupported("it builds a range from values");
      if (ref.sheet !== undefined) {
        if (sheet !== undefined && sheet !== ref.sheet) throw new Unsupported("it builds a range across sheets");
        sheet = ref.sheet;
      }
      const corners = ref.from && ref.to ? [ref.from, ref.to] : [{ row: ref.row, col: ref.col }];
      for (const { row, col } of corners) {
        const rows = row === undefined || row === null ? [1, MAX_ROW] : [row, row];
        const cols = col === undefined || col === null ? [1, MAX_COL] : [col, col];
        top = Math.min(top, rows[0]);
        bottom = Math.max(bottom, rows[1]);
        left = Math.min(left, cols[0]);
        right = Math.max(right, cols[1]);
      }
    }
    const ref: Reference["ref"] =
      top === bottom && left === right ? { row: top, col: left } : { from: { row: top, col: left }, to: { row: bottom, col: right } };
    if (sheet !== undefined) ref.sheet = sheet;
    return { ref };
  }

  // ---- cells and ranges ----

  /** The formula being computed, as the parser places it. */
  private currentPosition(): Position {
    const cell = this.stack[this.stack.length - 1];
    return { sheet: this.aliasOf(cell.sheet), row: cell.row + 1, col: cell.col + 1 };
  }

  private modelOf(alias: string | undefined): SheetModel {
    const match = alias === undefined ? null : ALIAS.exec(alias);
    if (!match) throw new Unsupported(`it refers to a sheet it cannot find (${alias ?? "none"})`);
    const index = Number(match[1]);
    const model = this.models[index];
    if (model === undefined) {
      this.needs.sheets.add(index);
      throw new NeedsMore();
    }
    if (model === null) throw new Unsupported(this.missingReasons.get(index) ?? "it refers to a sheet that could not be read");
    return model;
  }

  private cell(alias: string | undefined, row: number, col: number): Scalar {
    if (!Number.isInteger(row) || !Number.isInteger(col)) throw new Unsupported("it has a reference it cannot read");
    return this.valueIn(this.modelOf(alias), row - 1, col - 1);
  }

  /** A zero-based cell's value for formulas; a formula there is computed first. */
  private valueIn(model: SheetModel, row: number, col: number): Scalar {
    const stored = model.stored(row, col);
    if (stored !== undefined && stored !== null) return this.scalar(stored, model, row, col);
    const p = model.pendingAt(row, col);
    if (!p) return null;
    const outcome = this.evaluate(model, p);
    if ("reason" in outcome) {
      const from = this.stack.length ? (this.models[this.stack[this.stack.length - 1].sheet] as SheetModel) : model;
      throw new Unsupported(
        `it refers to ${this.label({ sheet: model.index, row, col }, from)}, which could not be computed (${outcome.root})`,
        outcome.root,
      );
    }
    return outcome.value;
  }

  private scalar(value: Exclude<CellValue, null>, model: SheetModel, row: number, col: number): Scalar {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
    if (value instanceof Date) return dateToSerial(value, this.date1904);
    if ("error" in value) return new FormulaError(value.error);
    throw new Unsupported(`it refers to ${this.label({ sheet: model.index, row, col })}, which could not be computed (${value.reason})`);
  }

  grid(reference: Reference, position: Position): Grid {
    const r = reference.ref;
    const alias = r.sheet ?? position.sheet;
    const model = this.modelOf(alias);
    const [a, b] = isRangeRef(r) ? [r.from, r.to] : [r, r];
    const top = Math.min(a.row, b.row);
    const bottom = Math.max(a.row, b.row);
    const left = Math.min(a.col, b.col);
    const right = Math.max(a.col, b.col);
    if (![top, bottom, left, right].every(Number.isInteger) || top < 1 || left < 1 || bottom > MAX_ROW || right > MAX_COL)
      throw FormulaError.REF;
    const used = model.used;
    const window = used
      ? {
          top: Math.max(0, used.top + 1 - top),
          left: Math.max(0, used.left + 1 - left),
          bottom: Math.max(0, Math.min(bottom, used.bottom + 1) - top + 1),
          right: Math.max(0, Math.min(right, used.right + 1) - left + 1),
        }
      : { top: 0, left: 0, bottom: 0, right: 0 };
    return {
      rows: bottom - top + 1,
      cols: right - left + 1,
      get: (row, col) => this.valueIn(model, top - 1 + row, left - 1 + col),
      window,
      ref: { sheet: alias, from: { row: top, col: left }, to: { row: bottom, col: right } },
    };
  }

  today(): number {
    const now = this.sources.now?.() ?? new Date();
    // TODAY is the date where the workbook is opened: the local calendar date.
    return ymdToSerial(now.getFullYear(), now.getMonth() + 1, now.getDate(), this.date1904);
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
      this.needs.tables = true;
      throw new NeedsMore();
    }
    return this.tableList;
  }

  private label(cell: CellId, from?: SheetModel): string {
    const address = cellAddress(cell.row, cell.col);
    return from && from.index === cell.sheet ? address : `${quoteSheetName(this.names[cell.sheet])}!${address}`;
  }
}
