/**
 * Finding a contract sheet in a workbook, its header row and its columns. A sheet may hold an
 * Excel table or a plain range whose header is the first non-empty row; a title above the header
 * is tolerated when a later row carries the required columns.
 */
import { cellAddress, isBlank, parseRangeAddress, type CellValue, type SheetData } from "../common/cells";
import { normalizeName, SHEETS, type ColumnSpec, type SheetSpec } from "./contract";
import { readText } from "../common/values";

export interface LocatedTable {
  readonly sheet: SheetData;
  /** Index into sheet.values of the header row. */
  readonly headerIndex: number;
  /** Last index into sheet.values that belongs to the table (inclusive). */
  readonly lastIndex: number;
  /** Index into a values row of each contract column found. */
  readonly columns: Readonly<Record<string, number>>;
  readonly missing: readonly ColumnSpec[];
  /** Header range in A1 style, e.g. "A3:L3". */
  readonly headerRange: string;
  /** Zero-based sheet column just right of the last header cell: where a missing column goes. */
  readonly nextFreeCol: number;
  readonly tableName?: string;
}

export function findSheet<T extends { readonly name: string }>(spec: SheetSpec, sheets: readonly T[]): T | undefined {
  const label = normalizeName(spec.label);
  const aliases = spec.aliases.map(normalizeName);
  return sheets.find((s) => normalizeName(s.name) === label) ?? sheets.find((s) => aliases.includes(normalizeName(s.name)));
}

/**
 * The sheets the analysis reads, out of all the workbook's sheet names: one per contract sheet
 * found. Adapters read only these, so a large sheet that is not part of the plan costs nothing.
 */
export function planSheetNames(names: readonly string[]): string[] {
  const named = names.map((name) => ({ name }));
  const found = new Set<string>();
  for (const spec of SHEETS) {
    const sheet = findSheet(spec, named);
    if (sheet) found.add(sheet.name);
  }
  return names.filter((name) => found.has(name));
}

/** A header matches a column by its label or an alias; a trailing "s" is forgiven as a second chance. */
function matchColumns(headers: readonly CellValue[], from: number, to: number, spec: SheetSpec): Record<string, number> {
  const names: string[] = [];
  for (let c = from; c <= to; c++) names[c] = isBlank(headers[c]) ? "" : normalizeName(readText(headers[c]));
  const found: Record<string, number> = {};
  const taken = new Set<number>();
  const singular = (s: string) => s.replace(/s$/, "");
  const passes: ((column: ColumnSpec, name: string) => boolean)[] = [
    (column, name) => name === normalizeName(column.label),
    (column, name) => column.aliases.some((a) => normalizeName(a) === name),
    (column, name) =>
      singular(name) === singular(normalizeName(column.label)) || column.aliases.some((a) => singular(normalizeName(a)) === singular(name)),
  ];
  for (const pass of passes) {
    for (const column of spec.columns) {
      if (found[column.key] !== undefined) continue;
      for (let c = from; c <= to; c++) {
        if (!taken.has(c) && names[c] && pass(column, names[c])) {
          found[column.key] = c;
          taken.add(c);
          break;
        }
      }
    }
  }
  return found;
}

function lastFilled(row: readonly CellValue[], from: number, to: number): number {
  for (let c = Math.min(to, row.length - 1); c >= from; c--) if (!isBlank(row[c])) return c;
  return from - 1;
}

function located(
  spec: SheetSpec,
  sheet: SheetData,
  headerIndex: number,
  lastIndex: number,
  fromCol: number,
  toCol: number,
  tableName?: string,
): LocatedTable {
  const header = sheet.values[headerIndex] ?? [];
  const columns = matchColumns(header, fromCol, toCol, spec);
  const last = Math.max(lastFilled(header, fromCol, toCol), fromCol);
  const sheetRow = sheet.origin.row + headerIndex;
  return {
    sheet,
    headerIndex,
    lastIndex,
    columns,
    missing: spec.columns.filter((c) => c.required && columns[c.key] === undefined),
    headerRange: `${cellAddress(sheetRow, sheet.origin.col + fromCol)}:${cellAddress(sheetRow, sheet.origin.col + last)}`,
    nextFreeCol: sheet.origin.col + last + 1,
    tableName,
  };
}

const requiredCount = (t: LocatedTable) => t.missing.length;
const matchedCount = (t: LocatedTable) => Object.keys(t.columns).length;

function better(a: LocatedTable | undefined, b: LocatedTable): boolean {
  if (!a) return true;
  if (requiredCount(b) !== requiredCount(a)) return requiredCount(b) < requiredCount(a);
  return matchedCount(b) > matchedCount(a);
}

function fromTables(spec: SheetSpec, sheet: SheetData): LocatedTable | undefined {
  let best: LocatedTable | undefined;
  for (const table of sheet.tables ?? []) {
    const r = parseRangeAddress(table.range);
    if (!r) continue;
    const headerIndex = r.top - sheet.origin.row;
    if (headerIndex < 0 || headerIndex >= sheet.values.length) continue;
    const candidate = located(
      spec,
      sheet,
      headerIndex,
      Math.min(r.bottom - sheet.origin.row, sheet.values.length - 1),
      r.left - sheet.origin.col,
      r.right - sheet.origin.col,
      table.name,
    );
    if (better(best, candidate)) best = candidate;
  }
  return best && matchedCount(best) > 0 ? best : undefined;
}

// How many non-empty rows from the top may sit above the header (titles, notes, a run date).
const HEADER_SEARCH_ROWS = 20;

function fromRange(spec: SheetSpec, sheet: SheetData): LocatedTable | undefined {
  let first: LocatedTable | undefined;
  let seen = 0;
  for (let i = 0; i < sheet.values.length && seen < HEADER_SEARCH_ROWS; i++) {
    const row = sheet.values[i] ?? [];
    const width = row.length - 1;
    if (lastFilled(row, 0, width) < 0) continue;
    seen++;
    const candidate = located(spec, sheet, i, sheet.values.length - 1, 0, width);
    first ??= candidate;
    if (candidate.missing.length === 0) return candidate;
  }
  return first;
}

/** Where the sheet's data sits; undefined when the sheet holds nothing at all. */
export function locateTable(spec: SheetSpec, sheet: SheetData): LocatedTable | undefined {
  return fromTables(spec, sheet) ?? fromRange(spec, sheet);
}
