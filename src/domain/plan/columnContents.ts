/**
 * What a column of a table holds, judged from its first rows: short distinct codes (an ID
 * column), lists of codes (a link to another part's IDs), numbers, dates or prose. Recognition
 * uses it where the header alone cannot tell: "Metric" holding M01, M02 is the ID, "Metric"
 * holding "Net promoter score" the name.
 */
import { errorText, isBlank, type CellValue } from "../common/cells";
import { idKey, readText, splitIds } from "../common/values";

/** How many data rows below a header are looked at: enough to judge, few enough to cost nothing. */
export const CONTENT_SAMPLE_ROWS = 49;

export interface ColumnContents {
  /** Non-blank cells, error values left out. */
  readonly filled: number;
  /** Cells holding one code each ("B1", "INIT-004", 7). */
  readonly codes: number;
  /** Whether the codes are all different (case and spaces aside). */
  readonly distinct: boolean;
  /** Cells holding one or more codes, separated as ID lists are. */
  readonly codeLists: number;
  /** Cells holding a number, or text that looks like one in any convention ("1.250,50 €"). */
  readonly numbers: number;
  readonly dates: number;
  /** The ID keys found in the cells, for cross-references between parts. */
  readonly keys: ReadonlySet<string>;
}

// One token, at most 16 characters, with a digit ("B1", "M01", "INIT-004") or in capitals ("ACQ").
const CODE = /^(?=.{1,16}$)(?:(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._\-/#]*|[A-Z][A-Z0-9_-]{1,7})$/;
// Digits with any separators, a sign, a currency or a percent: a number in some planner's convention.
const NUMBER_LIKE =
  /^[(+-]?\s*(?:[€$£¥₹]|EUR|USD|GBP|CHF)?\s*[+-]?\d[\d.,'’\s\u00a0\u202f]*(?:e[+-]?\d+)?\s*(?:%|[€$£¥₹]|EUR|USD|GBP|CHF|k€|m€)?\)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function isCode(text: string): boolean {
  return CODE.test(text);
}

function isIntegerCode(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 1e7;
}

/** The contents of column `col` in rows `from` to `to` (inclusive) of `values`. */
export function columnContents(values: readonly (readonly CellValue[])[], col: number, from: number, to: number): ColumnContents {
  let filled = 0;
  let codes = 0;
  let codeLists = 0;
  let numbers = 0;
  let dates = 0;
  let distinct = true;
  const keys = new Set<string>();
  const last = Math.min(to, values.length - 1, from + CONTENT_SAMPLE_ROWS - 1);
  for (let r = from; r <= last; r++) {
    const value = values[r]?.[col];
    if (isBlank(value) || errorText(value)) continue;
    filled++;
    if (typeof value === "number") {
      numbers++;
      if (isIntegerCode(value)) {
        codes++;
        codeLists++;
        const key = String(value);
        if (keys.has(key)) distinct = false;
        keys.add(key);
      }
      continue;
    }
    if (value instanceof Date) {
      dates++;
      continue;
    }
    if (typeof value !== "string") continue;
    const text = readText(value);
    if (ISO_DATE.test(text)) dates++;
    if (NUMBER_LIKE.test(text)) numbers++;
    if (isCode(text)) {
      codes++;
      codeLists++;
      const key = idKey(text);
      if (keys.has(key)) distinct = false;
      keys.add(key);
      continue;
    }
    const ids = splitIds(text);
    if (ids.length > 1 && ids.every(isCode)) {
      codeLists++;
      for (const id of ids) keys.add(idKey(id));
    }
  }
  return { filled, codes, distinct, codeLists, numbers, dates, keys };
}

/** Most of the cells (or all of none): a column judged by what most of its cells hold. */
const most = (count: number, contents: ColumnContents) => contents.filled === 0 || count >= 0.8 * contents.filled;

/** An ID column: short codes, all different. */
export const holdsIds = (c: ColumnContents) => most(c.codes, c) && c.distinct;
/** A link column: codes or lists of codes. */
export const holdsIdLists = (c: ColumnContents) => most(c.codeLists, c);
export const holdsNumbers = (c: ColumnContents) => c.filled === 0 || c.numbers >= 0.6 * c.filled;
export const holdsDates = (c: ColumnContents) => c.filled === 0 || c.dates + c.numbers >= 0.6 * c.filled;

/** The share of a column's keys found in a set of IDs; undefined when either is empty. */
export function shareIn(keys: ReadonlySet<string>, ids: ReadonlySet<string> | undefined): number | undefined {
  if (!ids || ids.size === 0 || keys.size === 0) return undefined;
  let found = 0;
  for (const key of keys) if (ids.has(key)) found++;
  return found / keys.size;
}
