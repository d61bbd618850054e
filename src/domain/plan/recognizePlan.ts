/**
 * Finding each part of the plan in a workbook whatever its sheets are called. A part comes, in
 * this order, from the user's mapping, from a sheet named as the contract says (so that every
 * workbook that reads today reads the same), or from the sheet or Excel table whose header row
 * and contents fit it best: the planners' words for its columns (vocabulary.ts), an ID column of
 * short distinct codes, link columns holding the IDs of the other parts. Two candidates that fit
 * about equally, or one that lacks a required column, are never guessed between: the part is
 * left out with a message that names them and says how to choose.
 *
 * Only the first SHEET_HEAD_ROWS rows of each sheet are looked at, so the same sheets give the
 * same answer whether an adapter hands over their first rows or all of them.
 */
import { isBlank, type SheetData, type SheetTable } from "../common/cells";
import { isOwnedSheet } from "../common/ownerMarker";
import { MappingError, UnclearPlanError } from "../common/stopErrors";
import { SERIES_PART, SHEETS, type SheetKey, type SheetSpec } from "./contract";
import { columnContents, shareIn } from "./columnContents";
import { knownHeaderCells, type CrossReferences, type MatchKind } from "./headerMatch";
import {
  findSheet,
  headerRowCandidates,
  locateRangeAt,
  locateSheetTable,
  locateTable,
  tableBounds,
  type LocatedTable,
  type LocateOptions,
} from "./locate";
import type { PartMapping, PlanMapping } from "./mapping";
import { describeSource, emptySource, SHEET_HEAD_ROWS, sourceOf, type FoundHow, type PartSource, type PlanSources } from "./planSources";
import { columnWords, headerStem, isGenericColumn, isPeriodHeader, LINK_COLUMNS, nameSuggests } from "./vocabulary";
import { mayHoldSeries, recognizeSeries, type SeriesRecognition } from "./series";

/** A candidate turned down for a part, and why. */
export interface TurnedDown {
  readonly sheet: string;
  readonly table?: string;
  /** Zero-based sheet row of the header it would have had. */
  readonly headerRow?: number;
  readonly why: string;
}

/** "sure": by name or mapped; "likely": recognised, with no close rival; "unsure": see the problem. */
export type Certainty = "sure" | "likely" | "unsure";

export interface PartRecognition {
  readonly part: SheetKey;
  readonly label: string;
  readonly required: boolean;
  /** The source found; with a problem, the one proposed (the pane shows it, parsePlan does not read it). */
  readonly source?: PartSource;
  readonly certainty?: Certainty;
  /** Why the part was not taken with certainty: two candidates, or a required column missing. */
  readonly problem?: string;
  readonly turnedDown: readonly TurnedDown[];
}

export interface PlanRecognition {
  /** Every part of the contract, in its order. */
  readonly parts: readonly PartRecognition[];
  /** Sheets taken for no part and no candidate for one, each with why. */
  readonly ignored: readonly { readonly sheet: string; readonly why: string }[];
  /** The sources found with certainty: what parsePlan reads. */
  readonly sources: PlanSources;
  /** The problems' messages, in the contract's order of the parts. */
  readonly problems: readonly string[];
  /** The optional KPI Series, as far as the first rows tell: it is read as the plan is parsed (series.ts). */
  readonly series: SeriesRecognition;
}

/** Two candidates whose scores are this close fit "about equally". */
const AMBIGUITY_RATIO = 0.9;

/** A place a part may come from: one Excel table, or a sheet's rows as a plain range. */
interface Region {
  readonly sheet: SheetData;
  readonly table?: SheetTable;
  /** The rows that may be its header: a table's first row, or a range's first non-empty rows naming two columns or more. */
  readonly headerRows: readonly number[];
  /** Why it can be no part of the plan at all, whatever its headers: a ledger, months across. */
  readonly notPlan?: string;
  /** The sheet has no row with anything in it. */
  readonly empty: boolean;
}

interface Fit {
  readonly part: SheetKey;
  readonly region: Region;
  readonly table: LocatedTable;
  readonly score: number;
  /** Columns that say which part this is (not an owner, a status, a bare "ID"…). */
  readonly specific: number;
  readonly complete: boolean;
  /** Why it can be no part of the plan at all, whatever its headers: a ledger, months across. */
  readonly notPlan?: string;
}

/** Text order that is the same on every machine, whatever its language settings. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const specOf = (key: SheetKey) => SHEETS.find((s) => s.key === key) as SheetSpec;
const regionKey = (r: Region) => `${r.sheet.name}\u0000${r.table?.name ?? ""}`;
const sameSheet = (a: Region, b: Region) => a.sheet === b.sheet;
/** Two regions that share rows: the same table, or the same sheet where one of them is the plain range. */
const overlaps = (a: Region, b: Region) =>
  sameSheet(a, b) && (a.table === undefined || b.table === undefined || a.table.name === b.table.name);

function isLinkColumn(part: SheetKey, key: string): boolean {
  return Object.values(LINK_COLUMNS[part]).includes(key);
}

/** Whether a matched column says which part the table is. */
function isSpecific(spec: SheetSpec, key: string, kind: MatchKind): boolean {
  if (kind === "mapped" || kind === "own") return true;
  if (kind === "link" || kind === "bare" || isGenericColumn(key) || isLinkColumn(spec.key, key)) return false;
  // "ID" and "Name" are any list's: only the part's own label ("KPI ID", "KPI") says which list.
  const ownIdOrName = spec.columns.findIndex((c) => c.key === key) < 2 && spec.columns[0].kind === "id" && spec.key !== "impacts";
  return !ownIdOrName || kind === "label";
}

/** The first rows of a sheet: recognition looks no further, whatever it is handed. */
function headOf(sheet: SheetData): SheetData {
  return sheet.values.length <= SHEET_HEAD_ROWS ? sheet : { ...sheet, values: sheet.values.slice(0, SHEET_HEAD_ROWS) };
}

/** Why a region's rows can be no part of the plan, whatever headers it has. */
function notPlanReason(sheet: SheetData, rows: readonly number[]): string | undefined {
  for (const i of rows) {
    const row = sheet.values[i] ?? [];
    const stems = new Set<string>();
    let periods = 0;
    for (const value of row) {
      if (value instanceof Date) periods++;
      else if (typeof value !== "string" || isBlank(value)) continue;
      else if (isPeriodHeader(value)) periods++;
      else stems.add(headerStem(value));
    }
    if (stems.has("debit") && stems.has("credit")) return "looks like a ledger (Debit and Credit columns), not a list of the plan's items";
    if (periods >= 3) return "is laid out by month or quarter across its header row, not as a list of the plan's items";
  }
  return undefined;
}

/** The IDs each part holds, and those the others name, from the tables taken so far. */
export class References implements CrossReferences {
  private readonly ids = new Map<SheetKey, Set<string>>();
  private readonly referenced = new Map<SheetKey, Set<string>>();

  add(part: SheetKey, table: LocatedTable): void {
    const keysOf = (col: number) => columnContents(table.sheet.values, col, table.headerIndex + 1, table.lastIndex).keys;
    const into = (map: Map<SheetKey, Set<string>>, key: SheetKey, keys: ReadonlySet<string>) => {
      const set = map.get(key) ?? new Set<string>();
      for (const k of keys) set.add(k);
      map.set(key, set);
    };
    const spec = specOf(part);
    const idCol = spec.columns[0].kind === "id" && part !== "impacts" ? table.columns[spec.columns[0].key] : undefined;
    if (idCol !== undefined) into(this.ids, part, keysOf(idCol));
    for (const [target, key] of Object.entries(LINK_COLUMNS[part])) {
      const col = key === undefined ? undefined : table.columns[key];
      if (col !== undefined) into(this.referenced, target as SheetKey, keysOf(col));
    }
  }

  idsOf(part: SheetKey): ReadonlySet<string> | undefined {
    return this.ids.get(part);
  }

  referencedIn(part: SheetKey): ReadonlySet<string> | undefined {
    return this.referenced.get(part);
  }
}

/** How many of a located table's columns say which part it is. */
export function specificColumns(spec: SheetSpec, table: LocatedTable): number {
  let specific = 0;
  for (const column of spec.columns) {
    const kind = table.kinds[column.key];
    if (table.columns[column.key] !== undefined && kind !== undefined && isSpecific(spec, column.key, kind)) specific++;
  }
  return specific;
}

function fitOf(
  spec: SheetSpec,
  region: Region,
  table: LocatedTable,
  references: CrossReferences | undefined,
  notPlan: string | undefined,
): Fit {
  let score = 0;
  let specific = 0;
  for (const column of spec.columns) {
    const col = table.columns[column.key];
    const kind = table.kinds[column.key];
    if (col === undefined || kind === undefined) continue;
    const isSpec = isSpecific(spec, column.key, kind);
    score += (column.required ? 10 : 2) + (isSpec ? 4 : 0) + 6 * (table.confirmed[column.key] ?? 0);
    if (isSpec) specific++;
  }
  // A part whose IDs the other parts name is the one they mean: "Scorecard", not "Scorecard (old)".
  const idKey = spec.columns[0].kind === "id" && spec.key !== "impacts" ? spec.columns[0].key : undefined;
  const idCol = idKey === undefined ? undefined : table.columns[idKey];
  if (idCol !== undefined) {
    const keys = columnContents(table.sheet.values, idCol, table.headerIndex + 1, table.lastIndex).keys;
    score += 10 * (shareIn(keys, references?.referencedIn(spec.key)) ?? 0);
  }
  if (nameSuggests(spec.key, region.sheet.name) || (region.table && nameSuggests(spec.key, region.table.name))) score += 3;
  // The same rows as a table and as a plain range: the table, which a mapping can name.
  if (region.table) score += 0.5;
  return { part: spec.key, region, table, score, specific, complete: table.missing.length === 0, notPlan };
}

/** Whether a fit may be taken for its part: every required column, a column that says which part, and no ledger or month grid. */
function acceptable(fit: Fit): boolean {
  if (!fit.complete || fit.specific === 0 || fit.notPlan) return false;
  return true;
}

/** A fit that lacks exactly one required column but otherwise says plainly which part it is. */
const nearlyFits = (fit: Fit) => !fit.complete && !fit.notPlan && fit.table.missing.length === 1 && fit.specific >= 2;

function betterFit(a: Fit | undefined, b: Fit): boolean {
  if (!a) return true;
  if (a.complete !== b.complete) return b.complete;
  return b.score > a.score;
}

/** The best header row of a region for a part, given what is known of the other parts. */
function evaluate(spec: SheetSpec, region: Region, options: LocateOptions & { readonly headerIndex?: number }): Fit | undefined {
  const { sheet, table } = region;
  const rows = options.headerIndex === undefined ? region.headerRows : region.headerRows.filter((r) => r === options.headerIndex);
  let best: Fit | undefined;
  for (const i of rows) {
    const t = table ? locateSheetTable(spec, sheet, table, options) : locateRangeAt(spec, sheet, i, options);
    if (!t || Object.keys(t.columns).length === 0) continue;
    const fit = fitOf(spec, region, t, options.references, region.notPlan);
    if (betterFit(best, fit)) best = fit;
  }
  return best;
}

function regionsOf(sheet: SheetData): Region[] {
  const rows = headerRowCandidates(sheet);
  const notPlan = notPlanReason(sheet, rows);
  // Each part requires two columns: a row naming fewer is no header, and is not tried.
  const named = (i: number) => knownHeaderCells(sheet.values[i] ?? []) >= 2;
  const regions: Region[] = [];
  for (const table of sheet.tables ?? []) {
    const bounds = tableBounds(sheet, table);
    if (bounds) regions.push({ sheet, table, headerRows: named(bounds.headerIndex) ? [bounds.headerIndex] : [], notPlan, empty: false });
  }
  regions.push({ sheet, headerRows: rows.filter(named), notPlan, empty: rows.length === 0 });
  return regions;
}

const sameRows = (a: Fit, b: Fit) => sameSheet(a.region, b.region) && a.table.headerIndex === b.table.headerIndex;

function where(fit: Fit): string {
  return describeSource({
    sheet: fit.region.sheet.name,
    table: fit.table.tableName,
    headerRow: fit.region.sheet.origin.row + fit.table.headerIndex,
  });
}

/** An example mapping for a message: `{ "version": 1, "parts": { "KPIs": { "sheet": "Scorecard" } } }`. */
function exampleMapping(spec: SheetSpec, fit: Fit, column?: string): string {
  const place = fit.table.tableName !== undefined ? `"table": "${fit.table.tableName}"` : `"sheet": "${fit.region.sheet.name}"`;
  const columns = column ? `, "columns": { "${column}": "…" }` : "";
  return `{ "version": 1, "parts": { "${spec.label}": { ${place}${columns} } } }`;
}

const HOW_TO_CHOOSE = "with --map FILE.json on the command line, or in the task pane's Plan sources view";

function ambiguityMessage(spec: SheetSpec, chosen: Fit, rivals: readonly Fit[]): string {
  const all = [chosen, ...rivals].map(where);
  const listed = all.length > 2 ? `${all.slice(0, -1).join(", ")} or ${all[all.length - 1]}` : all.join(" or ");
  return `The plan's ${spec.label} could be ${listed}: they fit about equally, so none was taken. Choose one ${HOW_TO_CHOOSE}, e.g. ${exampleMapping(spec, chosen)}.`;
}

function missingColumnMessage(spec: SheetSpec, fit: Fit): string {
  const column = fit.table.missing[0];
  const words = columnWords(spec.key, column.key);
  const place =
    fit.table.tableName !== undefined
      ? `The table "${fit.table.tableName}" on "${fit.region.sheet.name}"`
      : `The sheet "${fit.region.sheet.name}"`;
  return (
    `${place} looks like the plan's ${spec.label} but has no ${column.label} column (a header such as ${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}) ` +
    `in its header row ${fit.table.headerRange}. Add the column, or map one of its headers to ${column.label} ${HOW_TO_CHOOSE}, e.g. ${exampleMapping(spec, fit, column.label)}.`
  );
}

interface Decided {
  readonly table?: LocatedTable;
  /** A sheet found by name that holds nothing. */
  readonly emptySheet?: string;
  readonly how: FoundHow;
}

/** The sheet a mapping names for the part `label`, as the workbook spells it; a name that is not there stops the run. */
function sheetNamedByMapping(label: string, wanted: string, sheets: readonly SheetData[]): SheetData {
  const sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (!sheet)
    throw new MappingError(
      `The mapping takes the ${label} from the sheet "${wanted}", and the workbook has no such sheet (its sheets: ${sheets.map((s) => `"${s.name}"`).join(", ")}).`,
    );
  return sheet;
}

/** A sheet the add-in writes is no part of the plan, whatever a mapping says. */
function refuseOwnedSheet(label: string, sheet: SheetData): void {
  if (isOwnedSheet(sheet))
    throw new MappingError(`The mapping takes the ${label} from "${sheet.name}", a sheet the add-in writes; map a sheet of the plan.`);
}

/** The sheet a part is mapped to, located as the mapping says; a name that is not there stops the run. */
function mappedTable(
  spec: SheetSpec,
  part: PartMapping,
  sheets: readonly SheetData[],
  options: LocateOptions,
): LocatedTable | { readonly emptySheet: SheetData } | undefined {
  let sheet: SheetData | undefined;
  let table: SheetTable | undefined;
  if (part.table !== undefined) {
    const wanted = part.table.toLowerCase();
    for (const s of sheets) {
      const t = s.tables?.find((x) => x.name.toLowerCase() === wanted);
      if (t && (part.sheet === undefined || s.name === part.sheet)) {
        sheet = s;
        table = t;
        break;
      }
    }
    if (!sheet || !table) {
      const tables = sheets.flatMap((s) => (s.tables ?? []).map((t) => `"${t.name}"`));
      const on = part.sheet === undefined ? "" : ` on the sheet "${part.sheet}"`;
      throw new MappingError(
        `The mapping takes the ${spec.label} from the table "${part.table}"${on}, and the workbook has no such table (${tables.length ? `its tables: ${tables.join(", ")}` : "it has no Excel tables"}).`,
      );
    }
  } else if (part.sheet !== undefined) {
    sheet = sheetNamedByMapping(spec.label, part.sheet, sheets);
  }
  if (!sheet) return undefined;
  refuseOwnedSheet(spec.label, sheet);
  const located = headerOf(spec, part, sheet, table, options);
  if (located) return located;
  const pinsHeaders = part.headerRow !== undefined || Object.values(part.columns ?? {}).some((h) => h !== null);
  if (!table && !pinsHeaders && sheet.values.every((row) => row.every((v) => isBlank(v)))) return { emptySheet: sheet };
  throw unmappedHeader(spec, part, sheet, table);
}

function headerOf(
  spec: SheetSpec,
  part: PartMapping,
  sheet: SheetData,
  table: SheetTable | undefined,
  options: LocateOptions,
): LocatedTable | undefined {
  if (table) {
    const bounds = tableBounds(sheet, table);
    if (!bounds)
      throw new MappingError(
        `The mapping takes the ${spec.label} from the table "${table.name}", whose header row is not among the first ${SHEET_HEAD_ROWS} rows of "${sheet.name}".`,
      );
    if (part.headerRow !== undefined && part.headerRow - 1 !== sheet.origin.row + bounds.headerIndex)
      throw new MappingError(
        `The mapping gives the ${spec.label} the header row ${part.headerRow}, but the table "${table.name}" has its header in row ${sheet.origin.row + bounds.headerIndex + 1}; leave "headerRow" out for a table.`,
      );
    return locateSheetTable(spec, sheet, table, options);
  }
  if (part.headerRow !== undefined) {
    const index = part.headerRow - 1 - sheet.origin.row;
    const row = sheet.values[index];
    if (!row || row.every((v) => isBlank(v)))
      throw new MappingError(
        `The mapping gives the ${spec.label} the header row ${part.headerRow} of "${sheet.name}", and that row is blank.`,
      );
    // A table whose header is that row is read as the table.
    const onRow = (sheet.tables ?? []).find((t) => tableBounds(sheet, t)?.headerIndex === index);
    return onRow ? locateSheetTable(spec, sheet, onRow, options) : locateRangeAt(spec, sheet, index, options);
  }
  return locateTable(spec, sheet, options);
}

function unmappedHeader(spec: SheetSpec, part: PartMapping, sheet: SheetData, table: SheetTable | undefined): MappingError {
  const headers = Object.entries(part.columns ?? {}).filter((e): e is [string, string] => e[1] !== null);
  const place = table
    ? `the table "${table.name}"`
    : part.headerRow !== undefined
      ? `row ${part.headerRow} of "${sheet.name}"`
      : `any header row of "${sheet.name}"`;
  const names = headers.map(([key, header]) => `"${header}" (for ${spec.columns.find((c) => c.key === key)?.label ?? key})`);
  if (names.length === 0) {
    const required = spec.columns.filter((c) => c.required).map((c) => c.label);
    return new MappingError(
      `The mapping takes the ${spec.label} from ${table ? place : `"${sheet.name}"`}, which has no header row naming their columns (${required.join(" and ")} at least); map its headers to them ("columns": { "${required[0]}": "…" }).`,
    );
  }
  return new MappingError(
    `The mapping reads the ${spec.label} from the header${names.length > 1 ? "s" : ""} ${names.join(" and ")}, which ${place} does not hold together.`,
  );
}

/** The sheet a mapping names for the KPI Series, as the workbook spells it; one not there stops the run naming it. */
function mappedSeriesSheet(sheets: readonly SheetData[], mapping: PlanMapping | undefined): string | undefined {
  const wanted = mapping?.series?.sheet;
  if (wanted === undefined) return undefined;
  const sheet = sheetNamedByMapping(SERIES_PART.label, wanted, sheets);
  refuseOwnedSheet(SERIES_PART.label, sheet);
  return sheet.name;
}

/** A mapping that pins a part's header row or headers, which no sheet holds. */
function mappingFoundNowhere(spec: SheetSpec, part: PartMapping): MappingError {
  const headers = Object.values(part.columns ?? {}).filter((h): h is string => h !== null);
  const what = [
    ...(headers.length ? [`the header${headers.length > 1 ? "s" : ""} ${headers.map((h) => `"${h}"`).join(" and ")}`] : []),
    ...(part.headerRow !== undefined ? [`a header in row ${part.headerRow}`] : []),
  ].join(" and ");
  return new MappingError(
    `The mapping reads the ${spec.label} from ${what}, and no sheet of the workbook has such a header row for them; name the sheet too ("sheet": "…").`,
  );
}

/** Recognises every part of the plan in the sheets (their first rows are enough). */
export function recognizePlan(sheets: readonly SheetData[], mapping?: PlanMapping): PlanRecognition {
  const heads = sheets.map(headOf);
  const decided = new Map<SheetKey, Decided>();
  const claimed = new Set<SheetData>();
  const references = new References();
  // 1. What the user mapped: a sheet or table named, or only columns or a header row to find it by.
  for (const spec of SHEETS) {
    const part = mapping?.parts[spec.key];
    if (!part || (part.sheet === undefined && part.table === undefined)) continue;
    const table = mappedTable(spec, part, heads, { mapped: part.columns });
    if (!table) continue;
    if ("emptySheet" in table) {
      // An empty sheet named for a part, as a sheet of the part's name may be: read as holding nothing.
      decided.set(spec.key, { emptySheet: table.emptySheet.name, how: "mapped by the user" });
      claimed.add(table.emptySheet);
      continue;
    }
    for (const [key, other] of decided) {
      const t = other.table;
      const shared =
        t && t.sheet === table.sheet && (t.tableName === undefined || table.tableName === undefined || t.tableName === table.tableName);
      if (!shared) continue;
      const place =
        table.tableName !== undefined && t.tableName !== undefined ? `the table "${table.tableName}"` : `the sheet "${table.sheet.name}"`;
      throw new MappingError(
        `The mapping takes both the ${specOf(key).label} and the ${spec.label} from ${place}; give each part its own.`,
      );
    }
    decided.set(spec.key, { table, how: "mapped by the user" });
    claimed.add(table.sheet);
  }
  // 2. A sheet named as the contract says keeps winning.
  for (const spec of SHEETS) {
    if (decided.has(spec.key)) continue;
    const sheet = findSheet(
      spec,
      heads.filter((s) => !claimed.has(s)),
    );
    if (!sheet) continue;
    const part = mapping?.parts[spec.key];
    const options = { mapped: part?.columns };
    const table =
      part?.headerRow !== undefined || part?.columns ? headerOf(spec, part, sheet, undefined, options) : locateTable(spec, sheet, options);
    if (!table && part?.columns) throw unmappedHeader(spec, part, sheet, undefined);
    decided.set(
      spec.key,
      table ? { table, how: part?.headerRow !== undefined ? "mapped by the user" : "by name" } : { emptySheet: sheet.name, how: "by name" },
    );
    claimed.add(sheet);
  }
  for (const [part, d] of decided) if (d.table) references.add(part, d.table);
  // 3. The rest by their headers and contents, in two rounds: the second knows the IDs the first found.
  const open = SHEETS.filter((s) => !decided.has(s.key));
  // A sheet without a name is none Excel has: no finding could name it.
  const regions = heads.filter((s) => !claimed.has(s) && !isOwnedSheet(s) && s.name.trim() !== "").flatMap(regionsOf);
  const first = recognizeOpen(open, regions, mapping, references);
  // A second round only when the first found something whose IDs or links the others may name.
  const chosen = [...first.values()].flatMap((p) => p.tied);
  let found = first;
  if (chosen.length > 0) {
    const second = new References();
    for (const [part, d] of decided) if (d.table) second.add(part, d.table);
    for (const fit of chosen) second.add(fit.part, fit.table);
    found = recognizeOpen(open, regions, mapping, second);
  }
  for (const spec of open) {
    const part = mapping?.parts[spec.key];
    const fits = found.get(spec.key);
    const pinned = part && (part.headerRow !== undefined || Object.values(part.columns ?? {}).some((h) => h !== null));
    if (pinned && !fits?.chosen && !fits?.fits.some(nearlyFits)) throw mappingFoundNowhere(spec, part);
  }
  return assemble(sheets, heads, decided, found, regions, mappedSeriesSheet(sheets, mapping));
}

interface OpenPart {
  readonly chosen?: Fit;
  /** The chosen fit and its rivals that fit about as well. */
  readonly tied: readonly Fit[];
  readonly fits: readonly Fit[];
}

function recognizeOpen(
  open: readonly SheetSpec[],
  regions: readonly Region[],
  mapping: PlanMapping | undefined,
  references: CrossReferences,
): Map<SheetKey, OpenPart> {
  const fitsByPart = new Map<SheetKey, Fit[]>();
  for (const spec of open) {
    const part = mapping?.parts[spec.key];
    const headerIndexOf = (r: Region) => (part?.headerRow === undefined ? undefined : part.headerRow - 1 - r.sheet.origin.row);
    const fits: Fit[] = [];
    for (const region of regions) {
      const fit = evaluate(spec, region, { references, mapped: part?.columns, headerIndex: headerIndexOf(region) });
      if (fit) fits.push(fit);
    }
    fitsByPart.set(spec.key, fits);
  }
  const order = new Map(SHEETS.map((s, i) => [s.key, i]));
  const candidates = [...fitsByPart.values()].flat().filter(acceptable);
  candidates.sort(
    (a, b) =>
      b.score - a.score || (order.get(a.part) ?? 0) - (order.get(b.part) ?? 0) || byCodeUnits(regionKey(a.region), regionKey(b.region)),
  );
  const chosen = new Map<SheetKey, Fit>();
  for (const fit of candidates) {
    if (chosen.has(fit.part)) continue;
    if ([...chosen.values()].some((c) => overlaps(c.region, fit.region))) continue;
    chosen.set(fit.part, fit);
  }
  const result = new Map<SheetKey, OpenPart>();
  for (const spec of open) {
    const fits = fitsByPart.get(spec.key) ?? [];
    const pick = chosen.get(spec.key);
    const tied = pick
      ? [
          pick,
          ...fits.filter(
            (f) =>
              f !== pick &&
              acceptable(f) &&
              !sameSheet(f.region, pick.region) &&
              f.score >= pick.score * AMBIGUITY_RATIO &&
              ![...chosen.values()].some((c) => c.part !== spec.key && overlaps(c.region, f.region)),
          ),
        ]
      : [];
    result.set(spec.key, { chosen: pick, tied, fits });
  }
  return result;
}

function assemble(
  sheets: readonly SheetData[],
  heads: readonly SheetData[],
  decided: ReadonlyMap<SheetKey, Decided>,
  found: ReadonlyMap<SheetKey, OpenPart>,
  regions: readonly Region[],
  series: string | undefined,
): PlanRecognition {
  const parts: PartRecognition[] = [];
  const sources: Partial<Record<SheetKey, PartSource>> = {};
  const problems: string[] = [];
  const usedSheets = new Set<SheetData>();
  const candidateSheets = new Set<SheetData>();
  const taken: Fit[] = [];
  for (const open of found.values()) if (open.chosen && open.tied.length === 1) taken.push(open.chosen);
  for (const spec of SHEETS) {
    const base = { part: spec.key, label: spec.label, required: spec.required };
    const d = decided.get(spec.key);
    if (d) {
      const source = d.table ? sourceOf(spec, d.table, d.how) : emptySource(spec, d.emptySheet ?? "", d.how);
      sources[spec.key] = source;
      usedSheets.add(d.table?.sheet ?? (heads.find((h) => h.name === d.emptySheet) as SheetData));
      parts.push({ ...base, source, certainty: "sure", turnedDown: [] });
      continue;
    }
    const open = found.get(spec.key) as OpenPart;
    const turnedDown: TurnedDown[] = [];
    let problem: string | undefined;
    let source: PartSource | undefined;
    let certainty: Certainty | undefined;
    if (open.chosen) {
      source = sourceOf(spec, open.chosen.table, "recognised");
      if (open.tied.length > 1) {
        problem = ambiguityMessage(spec, open.chosen, open.tied.slice(1));
        certainty = "unsure";
      } else {
        sources[spec.key] = source;
        certainty = "likely";
        usedSheets.add(open.chosen.region.sheet);
      }
    } else {
      const near = open.fits.filter(nearlyFits).sort((a, b) => b.score - a.score)[0];
      if (near && spec.required) {
        problem = missingColumnMessage(spec, near);
        source = sourceOf(spec, near.table, "recognised");
        certainty = "unsure";
      }
    }
    if (problem) problems.push(problem);
    for (const fit of open.fits) {
      if (fit.specific > 0) candidateSheets.add(fit.region.sheet);
      // The same rows seen again (a sheet's plain range around its table) are no other candidate.
      const again = (other: Fit) =>
        other !== fit && sameRows(fit, other) && (other === open.chosen || (!fit.region.table && !!other.region.table));
      if (fit === open.chosen || fit.specific === 0 || open.fits.some(again)) continue;
      turnedDown.push({
        sheet: fit.region.sheet.name,
        table: fit.table.tableName,
        headerRow: fit.region.sheet.origin.row + fit.table.headerIndex,
        why: whyNot(spec, fit, open, taken),
      });
    }
    parts.push({ ...base, ...(source && { source }), ...(certainty && { certainty }), ...(problem && { problem }), turnedDown });
  }
  const ignored: { sheet: string; why: string }[] = [];
  sheets.forEach((sheet, i) => {
    const head = heads[i];
    if (usedSheets.has(head) || candidateSheets.has(head)) return;
    ignored.push({
      sheet: sheet.name,
      why: sheet.name === series ? `the ${SERIES_PART.label}, as the mapping says` : ignoredWhy(head, regions),
    });
  });
  // The sheets the parts are read from are never the series, as in parsePlan.
  const partSheets = new Set(Object.values(sources).map((source) => source.sheet));
  return {
    parts,
    ignored,
    sources: { parts: sources, ...(series !== undefined && { series }) },
    problems,
    series: recognizeSeries(heads, partSheets, series),
  };
}

function whyNot(spec: SheetSpec, fit: Fit, open: OpenPart, taken: readonly Fit[]): string {
  const other = taken.find((t) => t.part !== spec.key && overlaps(t.region, fit.region));
  if (other) return `taken for the ${specOf(other.part).label}`;
  if (fit.notPlan) return fit.notPlan;
  if (!fit.complete) {
    const missing = fit.table.missing.map((c) => c.label);
    return `has no ${missing.join(" and ")} column${missing.length > 1 ? "s" : ""} in its header row ${fit.table.headerRange}`;
  }
  if (open.tied.includes(fit)) return `fits about as well as ${where(open.tied[0])}`;
  const chosen = open.chosen;
  if (chosen)
    return `fits less well than ${where(chosen)} (${Object.keys(fit.table.columns).length} of the ${spec.label}' columns, against ${Object.keys(chosen.table.columns).length})`;
  return "its headers say too little of which part it is (only an ID, a name, an owner or a status)";
}

const NO_SHEETS: ReadonlySet<string> = new Set();

function ignoredWhy(head: SheetData, regions: readonly Region[]): string {
  if (isOwnedSheet(head)) return "written by the add-in (a report, the history or a scenario)";
  const range = regions.find((r) => r.sheet === head && !r.table);
  if (!range) return "has no name";
  if (range.empty) return "is empty";
  if (mayHoldSeries(head, NO_SHEETS))
    return `may hold the ${SERIES_PART.label} (each KPI's values by month): read beside the parts, no mapping names it`;
  return range.notPlan ?? `none of its first ${SHEET_HEAD_ROWS} rows is a header of the plan's columns`;
}

/** The sources to read, or the run stops with every problem's message: never a silent guess. */
export function resolvePlanSources(sheets: readonly SheetData[], mapping?: PlanMapping): PlanSources {
  const recognition = recognizePlan(sheets, mapping);
  if (recognition.problems.length > 0) throw new UnclearPlanError(recognition.problems);
  return recognition.sources;
}
