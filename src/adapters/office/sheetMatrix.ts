/**
 * The plain data behind the Office.js adapter: the 2-D arrays it sends to Excel, how large they
 * are on the wire, and how what Excel hands back becomes the engine's SheetData. Nothing here
 * calls Office, so it runs and is tested outside Excel.
 */
import type { CellValue } from "../../domain/common/cells";
import type { OutFormat, OutTable, OutValue } from "../../domain/sheets/reportLayout";
import { cellFormatOf, NUMBER_FORMATS, tableCellFormat } from "../../domain/sheets/reportStyle";

export const TEXT_FORMAT = NUMBER_FORMATS.text;

/** UTF-8 length without allocating: the payload limits count bytes, and plans hold €, é, –. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

/**
 * The number format a cell gets before its value is written. Every string is stored as text
 * ("@") because Excel parses what `values` receives as if typed: "=1+1", "+x", "-x" and "@x"
 * would become formulas and "2026-01-01" or "5%" numbers. On a string the other formats show
 * nothing different, so this costs the display nothing. A number or flag in a text column keeps
 * General (null: unchanged on a new sheet), since "@" set first would turn it into text.
 */
export function cellFormat(value: OutValue, format: OutFormat | undefined): string | null {
  const chosen = cellFormatOf(value, format);
  return chosen ? NUMBER_FORMATS[chosen] : null;
}

export interface Block {
  readonly values: OutValue[][];
  readonly formats: (string | null)[][];
}

/** Body rows [from, to) of a table, in the shape one Range write takes. */
export function tableBlock(table: OutTable, from: number, to: number): Block {
  const values: OutValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = from; r < to; r++) {
    const row = table.rows[r];
    const line: OutValue[] = [];
    const lineFormats: (string | null)[] = [];
    table.columns.forEach((_, c) => {
      line.push(row[c] ?? null);
      const format = tableCellFormat(table, r, c);
      lineFormats.push(format ? NUMBER_FORMATS[format] : null);
    });
    values.push(line);
    formats.push(lineFormats);
  }
  return { values, formats };
}

/** Bytes one body row adds to a request: its values and its formats, each with a separator. */
export function rowBytes(table: OutTable, r: number): number {
  const { values, formats } = tableBlock(table, r, r + 1);
  return jsonBytes(values[0]) + jsonBytes(formats[0]) + 2;
}

/** Excel column width in characters (Calibri 11: 7 px a digit plus 5 px padding) to points. */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** "'Moments of Truth'!B3:H20" → "B3:H20". */
export function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

/**
 * Office.js hands the used range back as a rectangle with "" for blank cells; the engine expects
 * what the .xlsx reader gives: null for blanks, each row cut after its last filled cell.
 */
export function sheetValues(raw: readonly (readonly unknown[])[]): CellValue[][] {
  return raw.map((row) => {
    const line: CellValue[] = row.map((cell) =>
      typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean" ? (cell === "" ? null : cell) : null,
    );
    let end = line.length;
    while (end > 0 && line[end - 1] === null) end--;
    line.length = end;
    return line;
  });
}
