/**
 * Where each part of the plan comes from: its sheet (or Excel table), its header row, and the
 * header each contract column is read from, with how each was found. Recognition (recognizePlan.ts)
 * makes them from the first rows of every sheet; parsePlan reads the rows they point at; the
 * mapping JSON (mapping.ts) writes them down and gives them back.
 */
import { cellAddress, isBlank, type SheetData } from "../common/cells";
import { readText } from "../common/values";
import { SHEETS, type SheetKey, type SheetSpec } from "./contract";
import type { MatchKind } from "./headerMatch";
import { rangeBounds, tableBounds, tableWith, type LocatedTable } from "./locate";

/**
 * How many rows from the top of each sheet's used range recognition looks at: the header, the
 * titles above it, and enough rows below to judge the contents. Adapters read this many rows of
 * every sheet (readSheetHeads) before they read the plan's sheets in full.
 */
export const SHEET_HEAD_ROWS = 50;

/** How a part's sheet, or a column's header, was found; the words the command line and the pane show. */
export type FoundHow = "by name" | "recognised" | "mapped by the user";

export interface SourceColumn {
  /** The contract column's key and label ("target", "Target"). */
  readonly key: string;
  readonly label: string;
  /** The header as the sheet has it ("Goal 2027"). */
  readonly header: string;
  /** Zero-based sheet column. */
  readonly column: number;
  readonly how: FoundHow;
}

export interface PartSource {
  readonly part: SheetKey;
  /** The part's label as the contract names it ("KPIs"). */
  readonly label: string;
  readonly sheet: string;
  /** The Excel table the rows come from, when they come from one. */
  readonly table?: string;
  /**
   * Zero-based sheet row of the header (one less than the row number Excel shows); undefined for
   * a sheet found by name that holds nothing at all.
   */
  readonly headerRow?: number;
  /** How the sheet (or table) and its header row were found. */
  readonly how: FoundHow;
  /** The contract columns found, in the contract's order. */
  readonly columns: readonly SourceColumn[];
  /** Contract columns the user mapped to no header, by key: none is read. */
  readonly mappedToNone: readonly string[];
  /** Labels of the required columns the sheet lacks (a sheet found by name or mapped may lack some). */
  readonly missing: readonly string[];
}

/** The sources of the parts found; a part without one is not in the workbook (or not with certainty). */
export interface PlanSources {
  readonly parts: Readonly<Partial<Record<SheetKey, PartSource>>>;
  /** The sheet a mapping names for the KPI Series; without one, the series is found by name or content as the plan is parsed. */
  readonly series?: string;
}

export function howOf(kind: MatchKind): FoundHow {
  return kind === "label" || kind === "alias" || kind === "plural" ? "by name" : kind === "mapped" ? "mapped by the user" : "recognised";
}

/** A located table as a source; `how` says how its sheet was found. */
export function sourceOf(spec: SheetSpec, table: LocatedTable, how: FoundHow): PartSource {
  return sourceWithColumns(spec, table, how);
}

/** A sheet found by name that holds nothing: a source without a header row, every required column missing. */
export function emptySource(spec: SheetSpec, sheet: string, how: FoundHow): PartSource {
  return {
    part: spec.key,
    label: spec.label,
    sheet,
    how,
    columns: [],
    mappedToNone: [],
    missing: spec.columns.filter((c) => c.required).map((c) => c.label),
  };
}

function sourceWithColumns(spec: SheetSpec, table: LocatedTable, how: FoundHow): PartSource {
  const { sheet } = table;
  const header = sheet.values[table.headerIndex] ?? [];
  const columns: SourceColumn[] = [];
  const mappedToNone: string[] = [];
  for (const column of spec.columns) {
    const at = table.columns[column.key];
    const kind = table.kinds[column.key];
    if (at === undefined) {
      if (kind === "mapped") mappedToNone.push(column.key);
      continue;
    }
    columns.push({
      key: column.key,
      label: column.label,
      header: readText(header[at]),
      column: sheet.origin.col + at,
      how: kind ? howOf(kind) : "by name",
    });
  }
  return {
    part: spec.key,
    label: spec.label,
    sheet: sheet.name,
    ...(table.tableName !== undefined && { table: table.tableName }),
    headerRow: sheet.origin.row + table.headerIndex,
    how,
    columns,
    mappedToNone,
    missing: table.missing.map((c) => c.label),
  };
}

/**
 * The table a source points at, on the sheet read in full: the rows from its header down, and
 * each column where the source says. Undefined when the sheet does not hold the source's header
 * row (the workbook changed since the source was made).
 */
export function locateSource(spec: SheetSpec, sheet: SheetData, source: PartSource): LocatedTable | undefined {
  if (source.headerRow === undefined) return undefined;
  const headerIndex = source.headerRow - sheet.origin.row;
  const table = source.table === undefined ? undefined : sheet.tables?.find((t) => t.name.toLowerCase() === source.table?.toLowerCase());
  const bounds = table
    ? tableBounds(sheet, table)
    : headerIndex >= 0 && headerIndex < sheet.values.length
      ? rangeBounds(sheet, headerIndex)
      : undefined;
  if (!bounds || bounds.headerIndex !== headerIndex) return undefined;
  const columns: Record<string, number> = {};
  const kinds: Record<string, MatchKind> = {};
  for (const column of source.columns) {
    columns[column.key] = column.column - sheet.origin.col;
    kinds[column.key] = column.how === "mapped by the user" ? "mapped" : column.how === "by name" ? "label" : "phrase";
  }
  for (const key of source.mappedToNone) kinds[key] = "mapped";
  return tableWith(spec, sheet, bounds, { columns, kinds, confirmed: {} });
}

/** The names of the sheets the sources read, in the workbook's order: the ones an adapter reads in full. */
export function sourceSheetNames(sources: PlanSources, sheetNames: readonly string[]): string[] {
  const wanted = new Set([...Object.values(sources.parts).map((p) => p?.sheet), sources.series]);
  return sheetNames.filter((name) => wanted.has(name));
}

/** A source's place in words: `"Scorecard" (header row 3)`, `table "tblKPIs" on "KPIs"`. */
export function describeSource(source: Pick<PartSource, "sheet" | "table" | "headerRow">): string {
  if (source.table !== undefined) return `table "${source.table}" on "${source.sheet}"`;
  return source.headerRow === undefined ? `"${source.sheet}"` : `"${source.sheet}" (header row ${source.headerRow + 1})`;
}

/** The headers of a row, for a picker: the plan's own header texts, left to right, blanks left out. */
export function headersOf(
  sheet: SheetData,
  headerRow: number,
): { readonly header: string; readonly column: number; readonly address: string }[] {
  const index = headerRow - sheet.origin.row;
  const row = sheet.values[index] ?? [];
  const headers: { header: string; column: number; address: string }[] = [];
  row.forEach((value, c) => {
    if (isBlank(value)) return;
    const column = sheet.origin.col + c;
    headers.push({ header: readText(value), column, address: cellAddress(headerRow, column) });
  });
  return headers;
}

/** The first rows a source reads, as text by contract column label: what a preview shows. */
export function previewRows(sheet: SheetData, source: PartSource, limit = 5): Record<string, string>[] {
  const spec = SHEETS.find((s) => s.key === source.part);
  const table = spec && locateSource(spec, sheet, source);
  if (!table) return [];
  const rows: Record<string, string>[] = [];
  for (let i = table.headerIndex + 1; i <= table.lastIndex && rows.length < limit; i++) {
    const values = sheet.values[i] ?? [];
    const row: Record<string, string> = {};
    let filled = false;
    for (const column of source.columns) {
      const text = readText(values[column.column - sheet.origin.col]);
      filled ||= text !== "";
      row[column.label] = text;
    }
    if (filled) rows.push(row);
  }
  return rows;
}
