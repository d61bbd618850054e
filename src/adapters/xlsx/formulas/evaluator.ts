/**
 * Computes formulas saved without their result, as Excel would on opening the file: each from the
 * cells, names and tables it refers to, across sheets, computing the stored-without-result
 * formulas it depends on first (each once), and loading another sheet only when a formula reads it.
 * Here: the driver of the attempts, one formula's evaluation (with circular references), and the
 * cells and ranges formulas read. The workbook's sheets, tables and names are workbookScope.ts's;
 * the parser with our operators and functions formulaParser.ts's, operators.ts's and the
 * *Functions.ts modules', because fast-formula-parser's own differ from Excel on ordinary inputs
 * (text compared case-sensitively, arrays cut to their first value, INDEX reading the wrong sheet).
 * Anything that cannot be computed faithfully ends as a reason, never as a guessed value.
 *
 * Evaluation is synchronous (the parser calls back for cells); when it needs a sheet or the tables
 * that are not loaded yet, or a dependency chain grows too deep for one stack, the attempt is
 * dropped (NeedsMore), the missing piece is fetched or computed first, and the formula is tried again.
 */
import { translateFormulaToA1, translateFormulaToR1C1 } from "@borgar/fx";
import type FormulaParser from "fast-formula-parser";
import { cellAddress, type CellValue, type SheetData } from "../../../domain/common/cells";
import { dateStyledValue, withValues, type PendingFormula, type ReadWorksheet } from "../worksheetReader";
import type { FunctionEnv, Position } from "./calls";
import { dateToSerial, ymdToSerial } from "./dates";
import { createParser } from "./formulaParser";
import { prepareFormula } from "./formulaText";
import type { Grid } from "./grid";
import type { SheetModel } from "./sheetModel";
import {
  FormulaError,
  isError,
  isRangeRef,
  isReference,
  MAX_COL,
  MAX_ROW,
  NeedsMore,
  Unsupported,
  type Raw,
  type Reference,
  type Scalar,
} from "./values";
import { WorkbookScope, type CellId, type FormulaSources } from "./workbookScope";

type Outcome = { readonly value: Scalar } | { readonly reason: string; readonly root: string };

/** How deep formulas may call each other within one attempt before the deepest is computed first. */
const MAX_DEPTH = 24;
/** Cells waiting for deeper ones to be computed first: beyond this a chain is not followed. */
const MAX_CHAIN = 100_000;

const keyOf = (c: CellId) => `${c.sheet}:${c.row}:${c.col}`;

function primary(reason: string): Outcome {
  return { reason, root: reason };
}

export class FormulaEvaluator implements FunctionEnv {
  readonly date1904: boolean;
  private readonly scope: WorkbookScope;
  private readonly memo = new Map<string, Outcome>();
  private readonly stack: CellId[] = [];
  private readonly inProgress = new Set<string>();
  /** Cells whose computation waits for a deeper cell computed first (the driver's chain). */
  private readonly chain: CellId[] = [];
  private readonly suspended = new Set<string>();
  private readonly cycles = new Map<string, string>();
  private readonly parsers: FormulaParser[] = [];
  private readonly sharedR1C1 = new Map<string, string>();
  /** The cell an attempt found too deep to compute within it: computed first, then the attempt is repeated. */
  private deeper: CellId | undefined;

  constructor(
    plan: readonly ReadWorksheet[],
    private readonly sources: FormulaSources,
  ) {
    this.date1904 = sources.info.date1904;
    this.scope = new WorkbookScope(plan, sources);
  }

  /** The plan's sheets with every formula without a stored result computed, or marked uncomputed. */
  async computePlanSheets(plan: readonly ReadWorksheet[]): Promise<SheetData[]> {
    const out: SheetData[] = [];
    for (const read of plan) {
      const model = this.scope.planSheet(read.sheet.name);
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
    if (typeof value === "number" && p.dateStyled) return dateStyledValue(value, this.date1904);
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
        this.scope.startAttempt();
        this.deeper = undefined;
        try {
          const model = this.scope.sheetAt(cell.sheet);
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
      const { sheets, tables } = this.scope.missingNow;
      const first = this.deeper;
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
      for (const index of sheets) await this.scope.loadSheet(index);
      if (tables) await this.scope.loadTables();
    }
    return this.memo.get(keyOf(target)) as Outcome;
  }

  // ---- one formula ----

  private evaluate(model: SheetModel, p: PendingFormula): Outcome {
    const cell = { sheet: model.index, row: p.row, col: p.col };
    const key = keyOf(cell);
    const known = this.memo.get(key);
    if (known) return known;
    if (this.inProgress.has(key) || this.suspended.has(key)) return primary(this.markCycle(cell));
    if (this.stack.length >= MAX_DEPTH) {
      this.deeper = cell;
      throw new NeedsMore();
    }
    this.stack.push(cell);
    this.inProgress.add(key);
    let outcome: Outcome;
    try {
      const text = prepareFormula(this.formulaText(model, p), cell, this.scope);
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
    const from = this.scope.sheetAt(repeated.sheet) as SheetModel;
    const path = [...members, repeated].map((c) => this.scope.label(c, from)).join(" → ");
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

  /** One parser per depth of formulas computing each other: a parser is not re-entrant. */
  private parserAt(depth: number): FormulaParser {
    let parser = this.parsers[depth];
    if (!parser) {
      parser = createParser({
        env: this,
        cell: (alias, row, col) => this.cell(alias, row, col),
        operand: (raw) => this.operand(raw),
      });
      this.parsers[depth] = parser;
    }
    return parser;
  }

  // ---- cells and ranges ----

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

  /** The formula being computed, as the parser places it. */
  private currentPosition(): Position {
    const cell = this.stack[this.stack.length - 1];
    return { sheet: this.scope.aliasOf(cell.sheet), row: cell.row + 1, col: cell.col + 1 };
  }

  private cell(alias: string | undefined, row: number, col: number): Scalar {
    if (!Number.isInteger(row) || !Number.isInteger(col)) throw new Unsupported("it has a reference it cannot read");
    return this.valueIn(this.scope.sheetOf(alias), row - 1, col - 1);
  }

  /** A zero-based cell's value for formulas; a formula there is computed first. */
  private valueIn(model: SheetModel, row: number, col: number): Scalar {
    const stored = model.stored(row, col);
    if (stored !== undefined && stored !== null) return this.scalar(stored, model, row, col);
    const p = model.pendingAt(row, col);
    if (!p) return null;
    const outcome = this.evaluate(model, p);
    if ("reason" in outcome) {
      const from = this.stack.length ? (this.scope.sheetAt(this.stack[this.stack.length - 1].sheet) as SheetModel) : model;
      throw new Unsupported(
        `it refers to ${this.scope.label({ sheet: model.index, row, col }, from)}, which could not be computed (${outcome.root})`,
        outcome.root,
      );
    }
    return outcome.value;
  }

  private scalar(value: Exclude<CellValue, null>, model: SheetModel, row: number, col: number): Scalar {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
    if (value instanceof Date) return dateToSerial(value, this.date1904);
    if ("error" in value) return new FormulaError(value.error);
    throw new Unsupported(
      `it refers to ${this.scope.label({ sheet: model.index, row, col })}, which could not be computed (${value.reason})`,
    );
  }

  grid(reference: Reference, position: Position): Grid {
    const r = reference.ref;
    const alias = r.sheet ?? position.sheet;
    const model = this.scope.sheetOf(alias);
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
}
