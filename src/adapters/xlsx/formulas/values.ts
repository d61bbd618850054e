/**
 * Excel's value rules as the evaluator needs them: what a text means as a number, a number as a
 * text, how two values compare. Where Excel's exact behaviour is not certain for an input (text
 * such as "1,000" or "5%", a number shown with more than 15 digits, text ordering beyond letters and
 * digits), these throw Unsupported rather than guess: the formula is then reported uncomputed.
 */
// The CLI's tsconfig compiles src/adapters/xlsx without src/types: the reference brings the declaration along.
import FormulaParser from "fast-formula-parser";
import { EXCEL_COLUMNS, EXCEL_ROWS } from "../../../domain/sheets/sheetGrid";

export const { FormulaError } = FormulaParser;
export type ExcelError = FormulaParser.FormulaError;
export type Reference = FormulaParser.Reference;
export type CellRef = FormulaParser.CellRef;
export type RangeRef = FormulaParser.RangeRef;
export type Raw = FormulaParser.Raw;

/** One value as formulas see it; null is an empty cell. */
export type Scalar = number | string | boolean | null | ExcelError;

/**
 * The formula cannot be computed faithfully; the message says why, in plain words. `root` is the
 * first cause when the formula depends on another cell that could not be computed.
 */
export class Unsupported extends Error {
  constructor(
    message: string,
    readonly root?: string,
  ) {
    super(message);
  }
}

/**
 * The evaluation needs something not loaded yet (a sheet, the tables, a cell computed first); the
 * attempt is abandoned and repeated once it is there.
 */
export class NeedsMore extends Error {}

export const MAX_ROW = EXCEL_ROWS;
export const MAX_COL = EXCEL_COLUMNS;

export function isError(value: unknown): value is ExcelError {
  return value instanceof FormulaError;
}

export function isReference(value: unknown): value is Reference {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof FormulaError) && "ref" in value;
}

export function isRangeRef(ref: CellRef | RangeRef): ref is RangeRef {
  return "from" in ref;
}

export function errorValue(code: string): ExcelError {
  return new FormulaError(code);
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A text that is plainly a number ("12", " -3.5 ", "1e3"); undefined for anything else. */
export function plainNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!PLAIN_NUMBER.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;
const DATE_WORD_PATTERN =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|am|pm)\b/i;

/**
 * Text that Excel may read as a number, date, time, currency or percentage ("1,000", "5%",
 * "2024-01-31", "Jan 2024") although it is no plain number: its value as a number is not certain.
 */
export function mayBeNumeric(text: string): boolean {
  return HAS_DIGIT.test(text) && (!HAS_LETTER.test(text) || DATE_WORD_PATTERN.test(text));
}

function quoteText(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** A value used as a number (an operand of +, an argument of ROUND); errors are thrown. */
export function toNumber(value: Scalar): number {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (isError(value)) throw value;
  const number = plainNumber(value);
  if (number !== undefined) return number;
  if (mayBeNumeric(value)) throw new Unsupported(`the text ${quoteText(value)} is used as a number`);
  throw FormulaError.VALUE;
}

/** A number as Excel writes it in text (concatenation, LEFT, LEN…): up to 15 significant digits. */
export function numberToText(value: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  // Excel's general format switches to scientific notation outside this band; how exactly is not certain.
  if (magnitude >= 1e15 || magnitude < 1e-4) throw new Unsupported(`the number ${value} is turned into text`);
  const text = value.toPrecision(15);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

export function toText(value: Scalar): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return numberToText(value);
  throw value;
}

/** A value used as a condition (IF, AND, NOT). */
export function toBoolean(value: Scalar): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (isError(value)) throw value;
  const upper = value.trim().toUpperCase();
  if (upper === "TRUE") return true;
  if (upper === "FALSE") return false;
  throw FormulaError.VALUE;
}

const TYPE_RANK = { number: 1, string: 2, boolean: 3 } as const;
const SIMPLE_TEXT = /^[a-z0-9]*$/;

/**
 * Numeric order. Two numbers that differ only around the 15th significant digit may or may not be
 * equal to Excel, so a comparison that depends on it is not computed.
 */
export function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  const difference = a > b ? a - b : b - a;
  const x = a < 0 ? -a : a;
  const y = b < 0 ? -b : b;
  if (difference <= (x > y ? x : y) * 1e-14) throw new Unsupported(`it compares ${a} with ${b}, which differ only in the 15th digit`);
  return a < b ? -1 : 1;
}

/** Text equality as Excel's = sees it: case-insensitive. */
export function sameText(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

export function compareTexts(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  // Excel orders text by its own collation; it agrees with code order for letters and digits only.
  if (!SIMPLE_TEXT.test(x) || !SIMPLE_TEXT.test(y)) throw new Unsupported(`it orders the texts ${quoteText(a)} and ${quoteText(b)}`);
  return x < y ? -1 : 1;
}

/**
 * Excel's comparison of two values (the =, <, > operators): an empty cell counts as 0, "" or
 * FALSE after the other side's type; numbers sort before text, text before TRUE/FALSE.
 */
export function compareValues(a: Scalar, b: Scalar): number {
  if (isError(a)) throw a;
  if (isError(b)) throw b;
  if (a === null && b === null) return 0;
  if (a === null) a = blankLike(b);
  if (b === null) b = blankLike(a);
  const ta = typeof a as "number" | "string" | "boolean";
  const tb = typeof b as "number" | "string" | "boolean";
  if (ta !== tb) return TYPE_RANK[ta] < TYPE_RANK[tb] ? -1 : 1;
  if (ta === "number") return compareNumbers(a as number, b as number);
  if (ta === "string") return compareTexts(a as string, b as string);
  return a === b ? 0 : a ? 1 : -1;
}

/** Excel's = between two values: no ordering needed, so any two texts can be compared. */
export function equalValues(a: Scalar, b: Scalar): boolean {
  if (isError(a)) throw a;
  if (isError(b)) throw b;
  if (a === null && b === null) return true;
  if (a === null) a = blankLike(b);
  if (b === null) b = blankLike(a);
  if (typeof a !== typeof b) return false;
  if (typeof a === "number") return compareNumbers(a, b as number) === 0;
  if (typeof a === "string") return sameText(a, b as string);
  return a === b;
}

function blankLike(other: Scalar): Scalar {
  if (typeof other === "string") return "";
  if (typeof other === "boolean") return false;
  return 0;
}

/**
 * Whether a looked-up value matches a cell exactly, as MATCH(…, 0), VLOOKUP(…, FALSE) and
 * XLOOKUP match: same type, text case-insensitively; an empty cell never matches.
 */
export function lookupEquals(wanted: Exclude<Scalar, null>, cell: Scalar): boolean {
  if (cell === null || isError(cell) || isError(wanted)) return false;
  if (typeof cell !== typeof wanted) return false;
  if (typeof wanted === "number") return compareNumbers(wanted, cell as number) === 0;
  if (typeof wanted === "string") return sameText(wanted, cell as string);
  return wanted === cell;
}

/** A pattern with Excel's wildcards (* any text, ? one character, ~ escapes either), case-insensitive. */
export function wildcardPattern(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".includes(pattern[i + 1])) {
      source += escapeRegExp(pattern[++i]);
    } else if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "i");
}

export function hasWildcard(text: string): boolean {
  return /[*?~]/.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Addition and subtraction that cancel out to a tiny remainder (0.1+0.2-0.3): Excel sometimes
 * shows 0 there and sometimes the remainder, so such a result is not trusted.
 */
export function checkCancellation(result: number, a: number, b: number): number {
  if (result !== 0 && Math.abs(result) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-14) {
    throw new Unsupported(`its arithmetic cancels out to ${result}, which Excel may show as 0`);
  }
  return result;
}

/** A number result as Excel keeps it: NaN and infinities are errors, -0 is 0. */
export function finite(value: number): number {
  if (Number.isNaN(value)) throw FormulaError.NUM;
  if (!Number.isFinite(value)) throw FormulaError.NUM;
  return value === 0 ? 0 : value;
}
