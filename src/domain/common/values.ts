/**
 * Reading single cell values the way a planner types them: numbers as numbers or as text
 * ("1250.5", "12%", "€1,250", or "1.250,50 €" with a German planner's separators), ID lists
 * separated by commas, semicolons or line breaks.
 */
import { errorText, isBlank, LAST_DATE_SERIAL, type CellValue } from "./cells";

export type NumberRead =
  | { readonly kind: "blank" }
  /**
   * `otherConvention`: text such as "1.250" read with the decimal separator ("1.25") that, with
   * the decimal and group separators swapped, would be a whole number ("1250"): possibly typed in
   * another convention than the one read with.
   */
  | { readonly kind: "number"; readonly value: number; readonly otherConvention?: true }
  /** `notFinite`: a number, but past what a number holds ("1e309"): its value is unknown rather than wrong. */
  | { readonly kind: "bad"; readonly reason: string; readonly notFinite?: true };

/** Where numbers end: past it a sum or a typed number is no figure (Excel's cells end there too). */
export const NUMBER_LIMIT = "±1.8E+308, the largest number Excel holds";

const BLANK: NumberRead = { kind: "blank" };

/**
 * The characters a planner types between the whole and the fraction of a number, and between
 * groups of thousands: en-US "1,250.5", de-DE "1.250,5", fr-FR "1 250,5".
 */
export interface NumberSeparators {
  readonly decimal: string;
  readonly group: string;
}

/** What a run reads with unless told otherwise, so that it gives the same answer on every machine. */
export const EN_US_SEPARATORS: NumberSeparators = { decimal: ".", group: "," };

/**
 * The separators of a locale ("de-DE", "es-ES", "fr-CH"), as Intl formats a number there;
 * undefined for a locale Intl does not know (it would otherwise fall back to the machine's own).
 */
export function localeSeparators(locale: string): NumberSeparators | undefined {
  let supported: string[];
  try {
    supported = Intl.NumberFormat.supportedLocalesOf(locale);
  } catch {
    return undefined;
  }
  if (supported.length === 0) return undefined;
  const parts = new Intl.NumberFormat(supported[0], { useGrouping: true }).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const group = parts.find((p) => p.type === "group")?.value ?? (decimal === "," ? "." : ",");
  return separatorsOf(decimal, group);
}

/**
 * Separators as a host reports them (Excel's cultureInfo.numberFormat), checked: one character
 * each and not the same, any kind of space as the group read as a space. Undefined for what no
 * number could be read with, so that the caller keeps en-US rather than guess.
 */
export function separatorsOf(decimal: string, group: string): NumberSeparators | undefined {
  const spaced = isSpace(group) ? " " : group;
  if (decimal.length !== 1 || spaced.length !== 1 || decimal === spaced || /[\d\s+-]/.test(decimal) || /[\d+-]/.test(spaced))
    return undefined;
  return { decimal, group: spaced };
}

/** A space, a no-break space or a narrow no-break space (fr-FR groups thousands with the last). */
const isSpace = (text: string) => /^[\s\u00a0\u202f]$/.test(text);

/** "1250, 12% or €1,250" in the planner's separators: the examples a message about a number gives. */
export function numberExamples(separators: NumberSeparators = EN_US_SEPARATORS): string {
  return `1250, 12% or €1${separators.group}250`;
}

// Currency signs and ISO codes a planner may type before or after an amount.
const CURRENCY = /^(?:[€$£¥₹]|EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN)\s*|\s*(?:[€$£¥₹]|EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN)$/i;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How text numbers are read with one pair of separators; made once per pair. */
interface TextNumberRules {
  readonly separators: NumberSeparators;
  /** "1,250,000.75": groups of three after one to three digits, then the decimals. */
  readonly thousands: RegExp;
  readonly group: RegExp;
  /**
   * Only the decimal separator, after one to three digits (not a lone 0) and before exactly three:
   * "1.250" in en-US, "1,250" in de-DE. Read as a decimal, it may have been meant as a group.
   */
  readonly otherConvention: RegExp;
}

function textNumberRules(separators: NumberSeparators): TextNumberRules {
  const spaced = isSpace(separators.group);
  // Spaces as the group separator: any of the spaces a keyboard or Excel puts there.
  const group = spaced ? "[ \\u00a0\\u202f]" : escapeRegExp(separators.group);
  const decimal = escapeRegExp(separators.decimal);
  return {
    separators,
    thousands: new RegExp(`^[+-]?\\d{1,3}(?:${group}\\d{3})+(?:${decimal}\\d+)?$`),
    group: new RegExp(group, "g"),
    otherConvention: new RegExp(`^[+-]?(?:[1-9]\\d{0,2}|0\\d{1,2})${decimal}\\d{3}$`),
  };
}

const EN_US_RULES = textNumberRules(EN_US_SEPARATORS);
let lastRules = EN_US_RULES;

function rulesFor(separators: NumberSeparators): TextNumberRules {
  if (separators === lastRules.separators) return lastRules;
  if (separators.decimal === EN_US_SEPARATORS.decimal && separators.group === EN_US_SEPARATORS.group) return EN_US_RULES;
  if (separators.decimal === lastRules.separators.decimal && separators.group === lastRules.separators.group) return lastRules;
  lastRules = textNumberRules(separators);
  return lastRules;
}

/** `separators`: how text numbers are typed (en-US unless told otherwise); numbers stored as numbers need none. */
export function readNumber(value: CellValue | undefined, separators: NumberSeparators = EN_US_SEPARATORS): NumberRead {
  if (isBlank(value)) return BLANK;
  const error = errorText(value);
  if (error) return { kind: "bad", reason: `holds the error ${error}` };
  if (typeof value === "number") {
    if (Number.isFinite(value)) return { kind: "number", value };
    return {
      kind: "bad",
      reason: Number.isNaN(value) ? "is not a finite number" : `holds a number beyond ${NUMBER_LIMIT}`,
      notFinite: true,
    };
  }
  if (typeof value === "boolean") return { kind: "bad", reason: `holds ${value ? "TRUE" : "FALSE"}, not a number` };
  if (value instanceof Date) return { kind: "bad", reason: "holds a date, not a number" };
  return readNumericText(String(value), rulesFor(separators));
}

function readNumericText(raw: string, rules: TextNumberRules): NumberRead {
  let text = raw.trim().replace(/\u00a0/g, " ");
  let negative = false;
  // Accounting style "(1,250)" means minus.
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  let scale = 1;
  if (text.endsWith("%")) {
    scale = 0.01;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(CURRENCY, "").trim();
  if (text.startsWith("-") || text.startsWith("+")) {
    const sign = text[0];
    const rest = text.slice(1).trim().replace(CURRENCY, "").trim();
    text = sign + rest;
  }
  const otherConvention = rules.otherConvention.test(text);
  if (rules.thousands.test(text)) text = text.replace(rules.group, "");
  const { decimal } = rules.separators;
  if (decimal !== ".") {
    // A point is no decimal separator here: "1.5" under de-DE is no number rather than a guess.
    if (text.includes(".")) return notANumber(raw);
    text = text.replace(decimal, ".");
  }
  if (!PLAIN_NUMBER.test(text)) return notANumber(raw);
  const parsed = Number(text) * scale;
  // "1e309" or three hundred and nine digits read as Infinity: a number, but none Excel can hold.
  if (!Number.isFinite(parsed)) return { kind: "bad", reason: `holds "${shorten(raw)}", a number beyond ${NUMBER_LIMIT}`, notFinite: true };
  const read = { kind: "number" as const, value: negative ? -parsed : parsed };
  return otherConvention ? { ...read, otherConvention: true } : read;
}

const notANumber = (raw: string): NumberRead => ({ kind: "bad", reason: `holds "${shorten(raw)}", which is not a number` });

/** Cell text as the user sees it; numbers and booleans as Excel would show them unformatted. */
export function readText(value: CellValue | undefined): string {
  if (value == null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // An out-of-range date serial reaches us as an invalid Date; formatting it would throw.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : isoDate(value);
  return "error" in value ? value.error : `=${value.formula}`;
}

/** An ID as a key: trimmed and upper case, so "b1 " and "B1" are the same bet. */
export function idKey(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * Whether a set or map of ID keys holds `id`. An ID found as typed is already a key (keys are
 * trimmed upper case), so the key is only computed when the ID is not: the common case on a
 * large plan costs one lookup and no new string.
 */
export function hasId(keys: ReadonlySet<string> | ReadonlyMap<string, unknown>, id: string): boolean {
  return keys.has(id) || keys.has(idKey(id));
}

/** The value stored under `id`'s key, found without computing the key when the ID is one already. */
export function getById<V>(map: ReadonlyMap<string, V>, id: string): V | undefined {
  return map.get(id) ?? map.get(idKey(id));
}

/** The key of `id` in a set or map of ID keys, or undefined when it holds no such ID. */
export function keyIn(keys: ReadonlySet<string> | ReadonlyMap<string, unknown>, id: string): string | undefined {
  if (keys.has(id)) return id;
  const key = idKey(id);
  return keys.has(key) ? key : undefined;
}

/**
 * Distinct keys in first-seen order. ID lists are short, and for a few keys a linear search is
 * cheaper than a set; a set takes over once the list grows, so a cell of thousands of IDs stays linear.
 */
export class DistinctKeys {
  readonly keys: string[] = [];
  private seen?: Set<string>;

  /** Adds the key and says whether it was new. */
  add(key: string): boolean {
    if (this.seen) {
      if (this.seen.has(key)) return false;
      this.seen.add(key);
    } else if (this.keys.includes(key)) {
      return false;
    } else if (this.keys.length >= 8) {
      this.seen = new Set(this.keys).add(key);
    }
    this.keys.push(key);
    return true;
  }

  /** The keys in an array of their own size, for a list kept with the plan (see fitted). */
  fitted(): string[] {
    return fitted(this.keys);
  }
}

/**
 * A list built by push, copied into an array just large enough. V8 gives an array that grows from
 * empty room for 17 elements (152 bytes) at the first push, and keeps it: the ID lists of a
 * 100,000-initiative plan held some 25 MB of empty room through the analysis (issue 22).
 */
export function fitted<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

// IDs are separated by "," ";" or line breaks; a run of separators counts as one.
const isIdSeparator = (code: number): boolean => code === 44 || code === 59 || code === 10 || code === 13;

export function readIdList(value: CellValue | undefined, shared?: SharedIds): string[] {
  const text = readText(value);
  if (!text || errorText(value)) return [];
  return splitIds(text, shared);
}

/**
 * One string for each ID text cut out of a table's lists: "K12; K40" on 100,000 rows would
 * otherwise keep 200,000 strings for a few thousand IDs (some 5 MB of a large plan's heap, issue
 * 22), and a string already looked up keeps its hash for every later lookup.
 */
export class SharedIds {
  private readonly strings = new Map<string, string>();

  of(id: string): string {
    const known = this.strings.get(id);
    if (known !== undefined) return known;
    this.strings.set(id, id);
    return id;
  }
}

/**
 * The IDs of a cell's trimmed, non-error text, repeats left out. Scanned by hand rather than
 * split with a regular expression: this runs for every ID cell of a plan, most holding one ID.
 */
export function splitIds(text: string, shared?: SharedIds): string[] {
  let first = 0;
  while (first < text.length && !isIdSeparator(text.charCodeAt(first))) first++;
  // No separator: the text is trimmed already, so it is the whole list.
  if (first === text.length) return text ? [text] : [];
  const seen = new DistinctKeys();
  const ids: string[] = [];
  let start = 0;
  for (let i = first; i <= text.length; i++) {
    if (i < text.length && !isIdSeparator(text.charCodeAt(i))) continue;
    const id = text.slice(start, i).trim();
    if (id && seen.add(idKey(id))) ids.push(shared ? shared.of(id) : id);
    start = i + 1;
  }
  return fitted(ids);
}

// Excel's serial date 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const MS_PER_DAY = 86_400_000;

/** Dates arrive as Date objects (from .xlsx) or serial numbers (from Office.js); both become ISO text. */
export function readDate(
  value: CellValue | undefined,
): { kind: "blank" } | { kind: "date"; iso: string } | { kind: "bad"; reason: string } {
  if (isBlank(value)) return { kind: "blank" };
  const error = errorText(value);
  if (error) return { kind: "bad", reason: `holds the error ${error}` };
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { kind: "bad", reason: "holds an invalid date" } : { kind: "date", iso: isoDate(value) };
  if (typeof value === "number" && value > 0 && value < LAST_DATE_SERIAL + 1) {
    return { kind: "date", iso: serialIsoDate(value) };
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const parsed = new Date(value.trim().slice(0, 10) + "T00:00:00Z");
    if (!Number.isNaN(parsed.getTime())) return { kind: "date", iso: isoDate(parsed) };
  }
  return { kind: "bad", reason: `holds "${shorten(readText(value))}", which is not a date` };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// A plan repeats a handful of start and end dates over thousands of rows: formatting each day
// once keeps a large plan's parse from being dominated by Date objects. Bounded so that a sheet of
// random serials cannot grow it without limit.
const SERIAL_DAY_CACHE = new Map<number, string>();
const SERIAL_DAY_CACHE_LIMIT = 4096;

function serialIsoDate(serial: number): string {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY);
  // The ISO date of an instant depends only on its UTC day.
  const day = Math.floor(ms / MS_PER_DAY);
  let iso = SERIAL_DAY_CACHE.get(day);
  if (iso === undefined) {
    iso = isoDate(new Date(ms));
    if (SERIAL_DAY_CACHE.size >= SERIAL_DAY_CACHE_LIMIT) SERIAL_DAY_CACHE.clear();
    SERIAL_DAY_CACHE.set(day, iso);
  }
  return iso;
}

export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
