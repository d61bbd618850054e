/**
 * The shape in which every workbook adapter (the .xlsx reader, the Office.js reader, the in-memory
 * preview) hands a sheet to the engine. Nothing here knows where the values came from.
 */

/** An Excel error value such as #N/A or #REF!, as read from a cell. */
export interface CellError {
  readonly error: string;
}

/**
 * A formula whose result the file does not store (as openpyxl and many scripts save them) and
 * that could not be computed: its value is unknown, never blank or zero.
 */
export interface UncomputedFormula {
  /** The formula as written, without the "=". */
  readonly formula: string;
  /** Why it could not be computed, in plain words. */
  readonly reason: string;
}

export type CellValue = string | number | boolean | Date | CellError | UncomputedFormula | null;

export function uncomputedFormula(value: CellValue | undefined): UncomputedFormula | undefined {
  return value != null && typeof value === "object" && "formula" in value ? value : undefined;
}

export interface SheetTable {
  readonly name: string;
  /** A1 range of the whole table, header row included, e.g. "B3:H20". */
  readonly range: string;
}

export interface SheetData {
  readonly name: string;
  /** The used range, row by row; rows may be ragged and cells may be null. */
  readonly values: readonly (readonly CellValue[])[];
  /** Zero-based sheet row and column of values[0][0]. */
  readonly origin: { readonly row: number; readonly col: number };
  readonly tables?: readonly SheetTable[];
}

const ERROR_TEXT = /^#(N\/A|REF!|VALUE!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BUSY!|BLOCKED!|CONNECT!|UNKNOWN!|GETTING_DATA)$/;

/** Office.js reports an error cell as its text ("#N/A"); the .xlsx reader as { error }. Both count. */
export function errorText(value: CellValue | undefined): string | undefined {
  if (value == null) return undefined;
  if (typeof value === "object" && !(value instanceof Date)) return "error" in value ? value.error : undefined;
  if (typeof value === "string") {
    const text = value.trim();
    // Every error text starts with "#"; checking that first spares the regex on ordinary text.
    return text.charCodeAt(0) === 35 && ERROR_TEXT.test(text) ? text : undefined;
  }
  return undefined;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value == null || (typeof value === "string" && value.trim() === "");
}

/** Zero-based column index to letters: 0 → A, 26 → AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Zero-based row and column to an A1 address. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * A sheet name as a formula writes it before "!": quoted (with ' doubled) unless it is a plain
 * word that cannot be read as a cell address.
 */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "C7" → { row: 6, col: 2 }; undefined when the text is no A1 cell address. */
export function parseCellAddress(address: string): { row: number; col: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return undefined;
  let col = 0;
  for (const ch of match[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/** "B3:H20" (optionally "Sheet!B3:H20") → zero-based corners. */
export function parseRangeAddress(address: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from, to = from] = local.split(":");
  const a = parseCellAddress(from);
  const b = parseCellAddress(to);
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/**
 * The cells of one of the sheet's Excel tables, found by name in any case: its header row and its
 * data rows, each as wide as the table. Undefined when the sheet has no such table.
 */
export function tableCells(sheet: SheetData, name: string): { readonly header: CellValue[]; readonly rows: CellValue[][] } | undefined {
  const table = sheet.tables?.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const bounds = table && parseRangeAddress(table.range);
  if (!bounds) return undefined;
  const line = (r: number) => {
    const values = sheet.values[r - sheet.origin.row] ?? [];
    return Array.from({ length: bounds.right - bounds.left + 1 }, (_, c) => values[bounds.left + c - sheet.origin.col] ?? null);
  };
  const rows: CellValue[][] = [];
  for (let r = bounds.top + 1; r <= bounds.bottom; r++) rows.push(line(r));
  return { header: line(bounds.top), rows };
}

/** 9999-12-31, the last day Excel can show, as a serial of the 1900 date system. */
export const LAST_DATE_SERIAL = 2_958_465;

/**
 * Days from the 1900 date system's epoch to the 1904 system's (which Excel for Mac may keep): a
 * day's serial in the 1900 system is this much more than in the 1904 one.
 */
export const DAYS_1900_TO_1904 = 1_462;

/**
 * A date as Excel's serial number of days. The .xlsx reader gives a date-formatted cell as a Date
 * at UTC midnight plus the time; Excel gives the serial itself.
 */
export function serialOfDate(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

/** A serial number of days as the Date the .xlsx reader gives for it: UTC midnight of its day, plus the time. */
export function dateOfSerial(serial: number): Date {
  return new Date(Math.round((serial - 25_569) * 86_400_000));
}

/** A date-time serial as the report shows it (yyyy-mm-dd hh:mm): 2026-11-20 09:30. */
export function serialText(serial: number): string {
  return dateOfSerial(serial).toISOString().slice(0, 16).replace("T", " ");
}
