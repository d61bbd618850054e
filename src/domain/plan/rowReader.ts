/**
 * Reads the cells of one data row by contract column, and records a finding that names the sheet
 * and cell for every value it cannot use.
 */
import { cellAddress, errorText, isBlank, uncomputedFormula, type CellValue } from "../common/cells";
import type { ColumnSpec, ColumnsSpec } from "./contract";
import type { LocatedTable } from "./locate";
import type { Finding, Severity, Source } from "./model";
import { readDueMonth, type MonthRead } from "../common/month";
import {
  EN_US_SEPARATORS,
  numberExamples,
  readDate,
  readIdList,
  readNumber,
  readText,
  shorten,
  splitIds,
  SharedIds,
  type NumberSeparators,
} from "../common/values";

export class FindingSink {
  readonly findings: Finding[];

  /** Starts with a copy of `findings`: the what-if analyses a parsed plan more than once. */
  constructor(findings: readonly Finding[] = []) {
    this.findings = [...findings];
  }

  add(severity: Severity, rule: Finding["rule"], sheet: string, cell: string, itemId: string, message: string): void {
    this.findings.push({ severity, rule, sheet, cell, itemId, message });
  }
}

/** What every row of one located table shares. */
export class TableContext {
  /** Sheet column of each contract column found, shared by the rows' sources. */
  readonly sheetColumns: Readonly<Record<string, number>>;
  /** Index into a values row of each contract column found, for the per-row blank check. */
  readonly valueColumns: readonly number[];
  /** The IDs the table's lists name, each kept once. */
  readonly ids = new SharedIds();

  constructor(
    readonly spec: ColumnsSpec,
    readonly table: LocatedTable,
    readonly sink: FindingSink,
    /** How text numbers are typed on the plan's sheets. */
    readonly separators: NumberSeparators = EN_US_SEPARATORS,
  ) {
    const columns: Record<string, number> = {};
    for (const [key, col] of Object.entries(table.columns)) columns[key] = table.sheet.origin.col + col;
    this.sheetColumns = columns;
    this.valueColumns = Object.values(table.columns);
  }
}

export class RowReader {
  /** The row's ID once read, so that later findings on the row can name it. */
  itemId = "";
  /** Columns whose value is unknown: a formula that could not be computed, or a number past what a number holds. */
  private unknownKeys?: Set<string>;
  private readonly spec: ColumnsSpec;
  private readonly table: LocatedTable;
  private readonly sink: FindingSink;

  constructor(
    private readonly context: TableContext,
    private readonly index: number,
  ) {
    this.spec = context.spec;
    this.table = context.table;
    this.sink = context.sink;
  }

  get sheetName(): string {
    return this.table.sheet.name;
  }

  get source(): Source {
    const { sheet } = this.table;
    return { sheet: sheet.name, row: sheet.origin.row + this.index, columns: this.context.sheetColumns };
  }

  /** The A1 address of the row's cell in that column; `index` names another row of the same table. */
  cell(key: string, index = this.index): string {
    const { sheet, columns } = this.table;
    const col = columns[key];
    return cellAddress(sheet.origin.row + index, sheet.origin.col + (col ?? this.table.nextFreeCol - sheet.origin.col));
  }

  /** Index into sheet.values of the row read. */
  get rowIndex(): number {
    return this.index;
  }

  has(key: string): boolean {
    return this.table.columns[key] !== undefined;
  }

  private raw(key: string): CellValue | undefined {
    const col = this.table.columns[key];
    return col === undefined ? undefined : this.table.sheet.values[this.index]?.[col];
  }

  private column(key: string): ColumnSpec {
    const column = this.spec.columns.find((c) => c.key === key);
    if (!column) throw new Error(`Unknown column ${key} on ${this.spec.label}`);
    return column;
  }

  report(severity: Severity, rule: Finding["rule"], key: string, message: string): void {
    this.sink.add(severity, rule, this.sheetName, this.cell(key), this.itemId, message);
  }

  private reportError(key: string): boolean {
    const error = errorText(this.raw(key));
    if (!error) return false;
    const label = this.column(key).label;
    this.report("error", "ERROR_VALUE", key, `${label} holds the error ${error}; fix the cell or its formula (the value is left out).`);
    return true;
  }

  /**
   * A formula saved without its result that could not be computed: reported once with its cell
   * and formula, and its value unknown, never blank or zero.
   */
  private reportUnknown(key: string): boolean {
    const formula = uncomputedFormula(this.raw(key));
    if (!formula) return false;
    this.unknownKeys ??= new Set();
    if (!this.unknownKeys.has(key)) {
      this.unknownKeys.add(key);
      const label = this.column(key).label;
      this.report(
        "error",
        "UNCOMPUTED_FORMULA",
        key,
        `${label} holds the formula =${formula.formula}, which was saved without its result and could not be computed here (${formula.reason}), so its value is unknown. Open the workbook in Excel or LibreOffice, let it calculate, save it and run again, or type the value.`,
      );
    }
    return true;
  }

  /** Whether the row's cell of that column holds anything at all. */
  hasValue(key: string): boolean {
    return !isBlank(this.raw(key));
  }

  /** Whether the value of that column's cell is unknown (see unknownKeys). */
  isUnknown(key: string): boolean {
    return this.unknownKeys?.has(key) ?? false;
  }

  /** True when a required cell is blank; reports it unless the whole column is missing. */
  missingRequired(key: string): boolean {
    if (!this.has(key)) return true;
    if (!isBlank(this.raw(key))) return false;
    const label = this.column(key).label;
    this.report("error", "MISSING_VALUE", key, `${label} is empty; fill it in.`);
    return true;
  }

  /**
   * Text that does not start with "#" cannot be an error value: such a cell, by far the most
   * common kind, is read here directly. The fast paths below give what the general readers give.
   */
  private plainText(raw: CellValue | undefined): string | undefined {
    if (typeof raw !== "string") return undefined;
    const text = raw.trim();
    return text.charCodeAt(0) === 35 ? undefined : text;
  }

  text(key: string): string {
    const plain = this.plainText(this.raw(key));
    if (plain !== undefined) return plain;
    if (this.reportError(key) || this.reportUnknown(key)) return "";
    return readText(this.raw(key));
  }

  number(key: string): number | undefined {
    const raw = this.raw(key);
    if (typeof raw === "number" && Number.isFinite(raw)) return raw;
    if (this.reportUnknown(key)) return undefined;
    const { separators } = this.context;
    const read = readNumber(raw, separators);
    if (read.kind === "number") {
      if (read.otherConvention) this.reportOtherConvention(key, readText(raw), read.value, separators);
      return read.value;
    }
    const label = this.column(key).label;
    if (read.kind === "bad" && read.notFinite) {
      this.reportUnknownNumber(
        key,
        "NUMBER_TOO_LARGE",
        `${label} ${read.reason}, so its value is unknown, and so is every figure that depends on it; enter the number meant (an exponent such as e309 is often a slip).`,
      );
    } else if (errorText(raw) === "#NUM!") {
      this.reportUnknownNumber(
        key,
        "BAD_NUMBER",
        `${label} holds the error #NUM!, Excel's answer for a number it cannot compute (a result beyond ±1.8E+308, the square root of a negative number…), so its value is unknown, and so is every figure that depends on it; fix the cell or its formula.`,
      );
    } else if (read.kind === "bad") {
      this.report(
        "error",
        "BAD_NUMBER",
        key,
        `${label} ${read.reason}; enter a number such as ${numberExamples(separators)} (the value is left out).`,
      );
    }
    return undefined;
  }

  /**
   * "1.250" read as 1.25: right in the convention read with, but a whole number in the one with
   * the separators swapped, and a silent factor of a thousand if the planner meant that. Read as
   * typed, and said with its cell and the two ways to make it certain.
   */
  private reportOtherConvention(key: string, text: string, value: number, separators: NumberSeparators): void {
    const label = this.column(key).label;
    const point = separators.decimal === "." ? "point" : separators.decimal === "," ? "comma" : `"${separators.decimal}"`;
    const other =
      separators.decimal === "." ? { where: "in Germany or Spain", locale: "de-DE" } : { where: "in the US or the UK", locale: "en-US" };
    this.report(
      "warning",
      "NUMBER_CONVENTION",
      key,
      `${label} "${shorten(text)}" is read as ${value}, the ${point} taken as the decimal separator; if the ${point} separates thousands, as typed ${other.where}, read the workbook with that convention (--locale ${other.locale} on the command line) or type the cell as a number.`,
    );
  }

  /**
   * A number past what a number holds ("1e309", "€1e999"), or a formula's result Excel could not
   * compute (#NUM!, as a formula whose result overflows gives): not left out, which would make a
   * sum it is part of a figure that looks right, but unknown, as an uncomputed formula is.
   */
  private reportUnknownNumber(key: string, rule: "NUMBER_TOO_LARGE" | "BAD_NUMBER", message: string): void {
    this.unknownKeys ??= new Set();
    if (this.unknownKeys.has(key)) return;
    this.unknownKeys.add(key);
    this.report("error", rule, key, message);
  }

  ids(key: string): string[] {
    const plain = this.plainText(this.raw(key));
    if (plain !== undefined) return splitIds(plain, this.context.ids);
    if (this.reportError(key) || this.reportUnknown(key)) return [];
    return readIdList(this.raw(key), this.context.ids);
  }

  date(key: string): string | undefined {
    if (this.reportUnknown(key)) return undefined;
    const read = readDate(this.raw(key));
    if (read.kind === "date") return read.iso;
    if (read.kind === "bad") {
      const label = this.column(key).label;
      this.report("warning", "BAD_VALUE", key, `${label} ${read.reason}; enter a date such as 2026-03-31.`);
    }
    return undefined;
  }

  /**
   * The cell read as the month a target is due (readDueMonth), without a finding: only a KPI with a
   * series needs it, and the series says so when it cannot be read. Undefined without the column.
   */
  dueMonth(key: string): MonthRead | undefined {
    if (!this.has(key)) return undefined;
    if (this.isUnknown(key)) return { kind: "bad", reason: "holds a formula whose result is unknown" };
    return readDueMonth(this.raw(key));
  }

  /** Reads a closed-vocabulary cell; an unknown word is reported with the words that are accepted. */
  choice<T>(key: string, read: (text: string) => T | undefined, accepted: string, fallback: string): { value?: T; text: string } {
    const text = this.text(key);
    if (!text) return { text };
    const value = read(text);
    if (value === undefined) {
      const label = this.column(key).label;
      this.report("warning", "BAD_VALUE", key, `${label} "${shorten(text)}" is not one of ${accepted}; ${fallback}.`);
    }
    return { value, text };
  }

  /** True when every contract column of the row is blank: such rows are skipped, not reported. */
  isBlankRow(): boolean {
    const row = this.table.sheet.values[this.index];
    if (!row) return true;
    for (const col of this.context.valueColumns) if (!isBlank(row[col])) return false;
    return true;
  }
}
