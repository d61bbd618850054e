/**
 * The mapping of the plan's parts to the planner's sheets, as one JSON format used everywhere:
 * `cvm-gap map --json` prints it, `--map FILE.json` takes it back, the workbook keeps it, and the
 * pane's Plan sources view edits it.
 *
 *   { "version": 1,
 *     "parts": {
 *       "KPIs": { "sheet": "Scorecard", "columns": { "KPI ID": "Metric code", "Target": "Goal 2027" } },
 *       "Initiatives": { "sheet": "Programmes", "headerRow": 2 },
 *       "Bets": { "table": "tblPriorities" } } }
 *
 * Parts and columns are named by the contract's labels (README); `headerRow` is the row number
 * Excel shows; a column mapped to null is read from no header. Whatever a mapping leaves out is
 * found by name or recognised.
 */
import { MappingError } from "../common/stopErrors";
import { normalizeName, SERIES_PART, SHEETS, type SheetKey, type SheetSpec } from "./contract";
import type { PlanSources } from "./planSources";

export interface PartMapping {
  readonly sheet?: string;
  readonly table?: string;
  /** The header's row number as Excel shows it (1 is the first row). */
  readonly headerRow?: number;
  /** Contract column key → the header it is read from, or null for none. */
  readonly columns?: Readonly<Record<string, string | null>>;
}

export interface PlanMapping {
  readonly version: 1;
  readonly parts: Readonly<Partial<Record<SheetKey, PartMapping>>>;
  /** The sheet of the KPI Series (issue 20): its layout, wide or long, is read from the sheet itself. */
  readonly series?: { readonly sheet: string };
}

export const EMPTY_MAPPING: PlanMapping = { version: 1, parts: {} };

/** Excel's last row number. */
const LAST_ROW = 1_048_576;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const listed = (words: readonly string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : words[0];
const at = (path: readonly string[]) => `the mapping's ${path.map((p) => `"${p}"`).join(" → ")}`;

function fail(path: readonly string[], problem: string): never {
  throw new MappingError(path.length === 0 ? `The mapping ${problem}` : `${capitalized(at(path))} ${problem}`);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function onlyKeys(value: Record<string, Json>, allowed: readonly string[], path: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const where = path.length === 0 ? "at its top" : `in ${at(path)}`;
      throw new MappingError(
        `The mapping has the unknown key "${key}" ${where}; the keys there are ${listed(allowed.map((k) => `"${k}"`))}.`,
      );
    }
  }
}

function specByName(name: string): SheetSpec | undefined {
  const wanted = normalizeName(name);
  return SHEETS.find((s) => normalizeName(s.label) === wanted) ?? SHEETS.find((s) => s.aliases.some((a) => normalizeName(a) === wanted));
}

function text(value: Json | undefined, path: readonly string[], what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") fail(path, `must be ${what} as text, not ${JSON.stringify(value)}.`);
  return value.trim();
}

function columnsOf(spec: SheetSpec, value: Json | undefined, path: readonly string[]): Record<string, string | null> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value))
    fail(path, `must be an object of the ${spec.label}' columns and their headers, e.g. { "${spec.columns[0].label}": "…" }.`);
  const columns: Record<string, string | null> = {};
  const headers = new Map<string, string>();
  for (const [name, header] of Object.entries(value)) {
    const wanted = normalizeName(name);
    const column =
      spec.columns.find((c) => normalizeName(c.label) === wanted) ??
      spec.columns.find((c) => c.aliases.some((a) => normalizeName(a) === wanted));
    if (!column) fail([...path, name], `is no column of the ${spec.label}; its columns are ${listed(spec.columns.map((c) => c.label))}.`);
    if (columns[column.key] !== undefined) fail([...path, name], `maps ${column.label} a second time.`);
    if (header === null) {
      if (column.required) fail([...path, name], `is null, but the ${spec.label} cannot do without ${column.label}; map it to a header.`);
      columns[column.key] = null;
      continue;
    }
    const read = text(header, [...path, name], "the header the column is read from") as string;
    const other = headers.get(normalizeName(read));
    if (other !== undefined) fail([...path, name], `maps "${read}" again, which is ${other} already; each header can be one column.`);
    headers.set(normalizeName(read), column.label);
    columns[column.key] = read;
  }
  return columns;
}

function partOf(spec: SheetSpec, value: Json, path: readonly string[]): PartMapping {
  if (!isRecord(value)) fail(path, `must be an object such as { "sheet": "…", "headerRow": 2, "columns": { … } }.`);
  onlyKeys(value, ["sheet", "table", "headerRow", "columns"], path);
  const sheet = text(value.sheet, [...path, "sheet"], "the sheet's name");
  const table = text(value.table, [...path, "table"], "the Excel table's name");
  const row = value.headerRow;
  if (row !== undefined && (typeof row !== "number" || !Number.isInteger(row) || row < 1 || row > LAST_ROW))
    fail([...path, "headerRow"], `is ${JSON.stringify(row)}; it must be a row number from 1 to ${LAST_ROW.toLocaleString("en-US")}.`);
  const columns = columnsOf(spec, value.columns, [...path, "columns"]);
  return {
    ...(sheet !== undefined && { sheet }),
    ...(table !== undefined && { table }),
    ...(typeof row === "number" && { headerRow: row }),
    ...(columns !== undefined && { columns }),
  };
}

/** Reads a mapping as JSON.parse gives it; a mistake throws a MappingError that says where. */
export function parseMapping(json: unknown): PlanMapping {
  if (!isRecord(json))
    throw new MappingError('A mapping is a JSON object: { "version": 1, "parts": { "KPIs": { "sheet": "Scorecard" } } }.');
  onlyKeys(json, ["version", "parts"], []);
  if (json.version !== 1) fail(["version"], `must be 1 (found ${JSON.stringify(json.version ?? null)}).`);
  const partsJson = json.parts ?? {};
  if (!isRecord(partsJson)) fail(["parts"], 'must be an object of parts, e.g. { "KPIs": { "sheet": "Scorecard" } }.');
  const parts: Partial<Record<SheetKey, PartMapping>> = {};
  let series: { sheet: string } | undefined;
  for (const [name, value] of Object.entries(partsJson)) {
    if (isSeriesName(name)) {
      if (series) fail(["parts", name], `maps the ${SERIES_PART.label} a second time.`);
      series = seriesOf(value, ["parts", name]);
      continue;
    }
    const spec = specByName(name);
    if (!spec)
      fail(["parts", name], `is no part of the plan; the parts are ${listed([...SHEETS.map((s) => s.label), SERIES_PART.label])}.`);
    if (parts[spec.key]) fail(["parts", name], `maps the ${spec.label} a second time.`);
    parts[spec.key] = partOf(spec, value, ["parts", name]);
  }
  return { version: 1, parts, ...(series && { series }) };
}

const isSeriesName = (name: string) => [SERIES_PART.label, ...SERIES_PART.aliases].some((n) => normalizeName(n) === normalizeName(name));

/** The KPI Series is mapped by its sheet only: whether it is wide or long, and where, is read from its header row. */
function seriesOf(value: Json, path: readonly string[]): { sheet: string } {
  if (!isRecord(value)) fail(path, `must be an object such as { "sheet": "Monthly tracker" }.`);
  onlyKeys(value, ["sheet"], path);
  const sheet = text(value.sheet, [...path, "sheet"], "the sheet's name");
  if (sheet === undefined) fail(path, `must name its sheet: { "sheet": "…" }.`);
  return { sheet };
}

/** A mapping as JSON, parts and columns by their labels in the contract's order: what `map --json` prints. */
export function mappingJson(mapping: PlanMapping): { version: 1; parts: Record<string, Record<string, unknown>> } {
  const parts: Record<string, Record<string, unknown>> = {};
  for (const spec of SHEETS) {
    const part = mapping.parts[spec.key];
    if (!part) continue;
    const columns: Record<string, string | null> = {};
    for (const column of spec.columns) {
      const header = part.columns?.[column.key];
      if (header !== undefined) columns[column.label] = header;
    }
    parts[spec.label] = {
      ...(part.sheet !== undefined && { sheet: part.sheet }),
      ...(part.table !== undefined && { table: part.table }),
      ...(part.headerRow !== undefined && { headerRow: part.headerRow }),
      ...(part.columns !== undefined && { columns }),
    };
  }
  if (mapping.series) parts[SERIES_PART.label] = { sheet: mapping.series.sheet };
  return { version: 1, parts };
}

/**
 * The mapping that gives these sources back: each part's sheet and header row (or its table),
 * and every column's header. What `map --json` prints and `--map` takes back.
 */
export function mappingOfSources(sources: PlanSources): PlanMapping {
  const parts: Partial<Record<SheetKey, PartMapping>> = {};
  for (const spec of SHEETS) {
    const source = sources.parts[spec.key];
    if (!source) continue;
    const columns: Record<string, string | null> = {};
    for (const column of source.columns) columns[column.key] = column.header;
    for (const key of source.mappedToNone) columns[key] = null;
    parts[spec.key] =
      source.table !== undefined
        ? { table: source.table, columns }
        : { sheet: source.sheet, ...(source.headerRow !== undefined && { headerRow: source.headerRow + 1 }), columns };
  }
  return { version: 1, parts, ...(sources.series !== undefined && { series: { sheet: sources.series } }) };
}

/** Where a part is taken from when the user picks it: a sheet (its header row recognised) or an Excel table. */
export type PickedPlace = { readonly sheet: string } | { readonly table: string; readonly sheet?: string };

/**
 * The mapping with the part taken from another sheet or table, as the user picked it: what was
 * mapped for the part before (its header row, its columns' headers) belonged to the place left,
 * so it goes; the new place's header row and columns are recognised. The other parts and the KPI
 * Series stay as mapped.
 */
export function withPartPlace(mapping: PlanMapping, part: SheetKey, place: PickedPlace): PlanMapping {
  const picked: PartMapping =
    "table" in place ? { table: place.table, ...(place.sheet !== undefined && { sheet: place.sheet }) } : { sheet: place.sheet };
  return { ...mapping, parts: { ...mapping.parts, [part]: picked } };
}

/**
 * The mapping with the part's header row picked by the user (a row number, as a mapping has it)
 * on the sheet the part is read from: the headers mapped before were another row's, so they go,
 * and the new row's columns are recognised. The other parts and the KPI Series stay as mapped.
 */
export function withHeaderRow(mapping: PlanMapping, part: SheetKey, sheet: string, headerRow: number): PlanMapping {
  return { ...mapping, parts: { ...mapping.parts, [part]: { sheet, headerRow } } };
}

/**
 * The mapping with the KPI Series read from the sheet the user picked, or, for none, found again by
 * its sheet's name or first rows as without a mapping. The parts stay as mapped.
 */
export function withSeriesSheet(mapping: PlanMapping, sheet: string | undefined): PlanMapping {
  return sheet === undefined ? { version: 1, parts: mapping.parts } : { ...mapping, series: { sheet } };
}

/**
 * The mapping with one contract column read from the header the user picked (null: from none),
 * the part pinned to the place it is read from now (`at`), so that the header is looked for
 * there and nowhere else. The other parts and the KPI Series stay as mapped.
 */
export function withColumnHeader(
  mapping: PlanMapping,
  part: SheetKey,
  at: Pick<PlanSources["parts"][SheetKey] & object, "sheet" | "table" | "headerRow">,
  column: string,
  header: string | null,
): PlanMapping {
  const before = mapping.parts[part];
  const place: PartMapping =
    at.table !== undefined ? { table: at.table } : { sheet: at.sheet, ...(at.headerRow !== undefined && { headerRow: at.headerRow + 1 }) };
  return { ...mapping, parts: { ...mapping.parts, [part]: { ...place, columns: { ...before?.columns, [column]: header } } } };
}
