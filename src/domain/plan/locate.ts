/**
 * Finding a contract sheet in a workbook, its header row and its columns. A sheet may hold an
 * Excel table or a plain range whose header is the first non-empty row; a title above the header
 * is tolerated when a later row carries the required columns.
 */
import { cellAddress, isBlank, parseRangeAddress, type CellValue, type SheetData, type SheetTable } from "../common/cells";
import { readText } from "../common/values";
import { normalizeName, SERIES_PART, SHEETS, type ColumnSpec, type SheetSpec } from "./contract";
import { matchHeader, type CrossReferences, type HeaderMatch, type MatchKind } from "./headerMatch";

export interface LocatedTable {
  readonly sheet: SheetData;
  /** Index into sheet.values of the header row. */
  readonly headerIndex: number;
  /** Last index into sheet.values that belongs to the table (inclusive). */
  readonly lastIndex: number;
  /** Index into a values row of each contract column found. */
  readonly columns: Readonly<Record<string, number>>;
  /** How each column was matched (headerMatch.ts); a column mapped to none has a kind and no index. */
  readonly kinds: Readonly<Record<string, MatchKind>>;
  /** Link columns whose values were found among the IDs of the part they name, by share. */
  readonly confirmed: Readonly<Record<string, number>>;
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
  // The optional KPI Series (series.ts), found by name alike.
  const series = [SERIES_PART.label, ...SERIES_PART.aliases].map(normalizeName);
  const seriesSheet = names.find((name) => !found.has(name) && series.includes(normalizeName(name)));
  if (seriesSheet !== undefined) found.add(seriesSheet);
  return names.filter((name) => found.has(name));
}

function lastFilled(row: readonly CellValue[], from: number, to: number): number {
  for (let c = Math.min(to, row.length - 1); c >= from; c--) if (!isBlank(row[c])) return c;
  return from - 1;
}

/** What locating a table may take into account beyond its header: the other parts' IDs, the user's mapping. */
export interface LocateOptions {
  readonly references?: CrossReferences;
  /** Columns the user mapped, by key: the header text, or null for "none". Only a header row holding each is taken. */
  readonly mapped?: Readonly<Record<string, string | null>>;
}

/** Where each mapped header sits in the row, or undefined when one of them is not there. */
function mappedColumns(
  header: readonly CellValue[],
  from: number,
  to: number,
  mapped: Readonly<Record<string, string | null>> | undefined,
): Record<string, number | null> | undefined {
  const columns: Record<string, number | null> = {};
  for (const [key, text] of Object.entries(mapped ?? {})) {
    if (text === null) {
      columns[key] = null;
      continue;
    }
    const wanted = normalizeName(text);
    let at: number | undefined;
    for (let c = from; c <= to && at === undefined; c++) if (!isBlank(header[c]) && normalizeName(readText(header[c])) === wanted) at = c;
    if (at === undefined) return undefined;
    columns[key] = at;
  }
  return columns;
}

/**
 * The table with its header at `headerIndex`; undefined when the user mapped a header the row
 * does not hold.
 */
export function locatedAt(
  spec: SheetSpec,
  sheet: SheetData,
  headerIndex: number,
  lastIndex: number,
  fromCol: number,
  toCol: number,
  tableName?: string,
  options: LocateOptions = {},
): LocatedTable | undefined {
  const header = sheet.values[headerIndex] ?? [];
  const mapped = mappedColumns(header, fromCol, toCol, options.mapped);
  if (!mapped) return undefined;
  const match = matchHeader(header, fromCol, toCol, spec, {
    data: { values: sheet.values, from: headerIndex + 1, to: lastIndex },
    references: options.references,
    mapped,
  });
  return tableWith(spec, sheet, { headerIndex, lastIndex, fromCol, toCol, tableName }, match);
}

/** Where a table sits on its sheet, as indexes into sheet.values and its rows. */
export interface TableBounds {
  readonly headerIndex: number;
  readonly lastIndex: number;
  readonly fromCol: number;
  readonly toCol: number;
  readonly tableName?: string;
}

/** The table at these bounds with these columns: its header range and where a missing column goes follow. */
export function tableWith(spec: SheetSpec, sheet: SheetData, bounds: TableBounds, match: HeaderMatch): LocatedTable {
  const { headerIndex, lastIndex, fromCol, toCol, tableName } = bounds;
  const header = sheet.values[headerIndex] ?? [];
  const { columns } = match;
  const last = Math.max(lastFilled(header, fromCol, toCol), fromCol);
  const sheetRow = sheet.origin.row + headerIndex;
  return {
    sheet,
    headerIndex,
    lastIndex,
    columns,
    kinds: match.kinds,
    confirmed: match.confirmed,
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

/** The table of that name on the sheet (any case), located; undefined when there is none or its header is not in the rows given. */
export function locateNamedTable(spec: SheetSpec, sheet: SheetData, name: string, options: LocateOptions = {}): LocatedTable | undefined {
  const table = sheet.tables?.find((t) => t.name.toLowerCase() === name.toLowerCase());
  return table && locateSheetTable(spec, sheet, table, options);
}

/** Where an Excel table of the sheet sits; undefined when its range is no range or its header is not in the rows given. */
export function tableBounds(sheet: SheetData, table: SheetTable): TableBounds | undefined {
  const r = parseRangeAddress(table.range);
  if (!r) return undefined;
  const headerIndex = r.top - sheet.origin.row;
  if (headerIndex < 0 || headerIndex >= sheet.values.length) return undefined;
  return {
    headerIndex,
    lastIndex: Math.min(r.bottom - sheet.origin.row, sheet.values.length - 1),
    fromCol: r.left - sheet.origin.col,
    toCol: r.right - sheet.origin.col,
    tableName: table.name,
  };
}

/** A plain range's bounds with its header at `headerIndex`: the whole width of that row, down to the sheet's last row. */
export function rangeBounds(sheet: SheetData, headerIndex: number): TableBounds {
  return { headerIndex, lastIndex: sheet.values.length - 1, fromCol: 0, toCol: (sheet.values[headerIndex]?.length ?? 0) - 1 };
}

export function locateSheetTable(spec: SheetSpec, sheet: SheetData, table: SheetTable, options: LocateOptions): LocatedTable | undefined {
  const b = tableBounds(sheet, table);
  return b && locatedAt(spec, sheet, b.headerIndex, b.lastIndex, b.fromCol, b.toCol, b.tableName, options);
}

function fromTables(spec: SheetSpec, sheet: SheetData, options: LocateOptions): LocatedTable | undefined {
  let best: LocatedTable | undefined;
  for (const table of sheet.tables ?? []) {
    const candidate = locateSheetTable(spec, sheet, table, options);
    if (candidate && better(best, candidate)) best = candidate;
  }
  return best && matchedCount(best) > 0 ? best : undefined;
}

// How many non-empty rows from the top may sit above the header (titles, notes, a run date).
export const HEADER_SEARCH_ROWS = 20;

/** The indexes into sheet.values of the rows that may be the header of a plain range: the first non-empty ones. */
export function headerRowCandidates(sheet: SheetData): number[] {
  const rows: number[] = [];
  for (let i = 0; i < sheet.values.length && rows.length < HEADER_SEARCH_ROWS; i++) {
    const row = sheet.values[i] ?? [];
    if (lastFilled(row, 0, row.length - 1) >= 0) rows.push(i);
  }
  return rows;
}

/** The sheet as a plain range with its header at `headerIndex`. */
export function locateRangeAt(
  spec: SheetSpec,
  sheet: SheetData,
  headerIndex: number,
  options: LocateOptions = {},
): LocatedTable | undefined {
  const b = rangeBounds(sheet, headerIndex);
  return locatedAt(spec, sheet, b.headerIndex, b.lastIndex, b.fromCol, b.toCol, undefined, options);
}

function fromRange(spec: SheetSpec, sheet: SheetData, options: LocateOptions): LocatedTable | undefined {
  let first: LocatedTable | undefined;
  for (const i of headerRowCandidates(sheet)) {
    const candidate = locateRangeAt(spec, sheet, i, options);
    if (!candidate) continue;
    first ??= candidate;
    if (candidate.missing.length === 0) return candidate;
  }
  return first;
}

/** Where the sheet's data sits; undefined when the sheet holds nothing at all. */
export function locateTable(spec: SheetSpec, sheet: SheetData, options: LocateOptions = {}): LocatedTable | undefined {
  return fromTables(spec, sheet, options) ?? fromRange(spec, sheet, options);
}
