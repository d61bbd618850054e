/**
 * The optional KPI Series part (issue 20): each KPI's monthly values, in either layout a planner
 * keeps them in.
 * - wide: a KPI ID column and one column per month, headed by a date or period text (`2027-03`,
 *   `Mar 2027`, `03/2027`); header cells without a digit (a KPI name, a unit) are other columns;
 * - long: KPI ID, Period and Value columns, one row per KPI and month.
 * Values are read by RowReader, as every number of the plan is. A KPI ID the KPIs sheet does not
 * hold, a period that cannot be read and a second value for one KPI and month are findings with
 * their cell; the first value of a month counts.
 *
 * The part is found by name (the label or an alias), else by content: the one sheet no other part
 * reads whose header row has a KPI ID column and months across, or Period and Value columns, and
 * whose IDs are mostly the KPIs'.
 */
import { cellAddress, isBlank, type CellValue, type SheetData } from "../common/cells";
import { monthOrdinal, monthText, readMonth, type Month } from "../common/month";
import { isOwnedSheet } from "../common/ownerMarker";
import { idKey, readText, shorten } from "../common/values";
import type { NumberSeparators } from "../common/values";
import { normalizeName, SERIES_PART, type ColumnSpec } from "./contract";
import { headerRowCandidates, rangeBounds, type LocatedTable } from "./locate";
import type { KpiSeries } from "./model";
import { GrowingSeries, type MonthlySeries } from "./monthlySeries";
import type { FoundHow } from "./planSources";
import { seriesCellOf } from "./sourceCell";
import { FindingSink, RowReader, TableContext } from "./rowReader";

const names = (column: ColumnSpec, more: readonly string[]) => new Set([column.label, ...column.aliases, ...more].map(normalizeName));
const [ID_COLUMN, PERIOD_COLUMN, VALUE_COLUMN] = SERIES_PART.columns;
const ID_HEADERS = names(ID_COLUMN, ["KPI Code", "Metric ID", "Metric"]);
const PERIOD_HEADERS = names(PERIOD_COLUMN, []);
const VALUE_HEADERS = names(VALUE_COLUMN, []);

/** A share of IDs that must be the KPIs' for a sheet not named as the contract says to be taken for the series. */
const KNOWN_ID_SHARE = 0.5;

const SERIES_NAMES: ReadonlySet<string> = new Set([SERIES_PART.label, ...SERIES_PART.aliases].map(normalizeName));

/** Whether a sheet is named as the part says ("KPI Series", or one of its aliases). */
const isSeriesName = (name: string) => SERIES_NAMES.has(normalizeName(name));

/** The first sheet no other part reads that is named as the KPI Series: it is read for the series, whatever it holds. */
function namedSeriesSheet<T extends Pick<SheetData, "name">>(sheets: readonly T[], taken: ReadonlySet<string>): T | undefined {
  return sheets.find((s) => !taken.has(s.name) && isSeriesName(s.name));
}

interface SeriesLayout {
  readonly layout: "wide" | "long";
  readonly headerIndex: number;
  readonly idColumn: number;
  /** Long: the Period and Value columns. */
  readonly periodColumn?: number;
  readonly valueColumn?: number;
  /** Wide: the header cells that may be months, by column. */
  readonly monthColumns?: readonly number[];
}

const hasDigit = (value: CellValue) => /\d/.test(readText(value));

/** A header cell that names a month, or that tries to: a date, a number, text with a digit. */
const mayBeMonth = (value: CellValue) =>
  value instanceof Date || typeof value === "number" || (typeof value === "string" && hasDigit(value));

function layoutAt(sheet: SheetData, headerIndex: number): SeriesLayout | undefined {
  const row = sheet.values[headerIndex] ?? [];
  let idColumn: number | undefined;
  let periodColumn: number | undefined;
  let valueColumn: number | undefined;
  const monthColumns: number[] = [];
  row.forEach((value, c) => {
    if (isBlank(value)) return;
    const name = typeof value === "string" ? normalizeName(value) : "";
    if (idColumn === undefined && ID_HEADERS.has(name)) idColumn = c;
    else if (periodColumn === undefined && PERIOD_HEADERS.has(name)) periodColumn = c;
    else if (valueColumn === undefined && VALUE_HEADERS.has(name)) valueColumn = c;
    else if (mayBeMonth(value)) monthColumns.push(c);
  });
  if (idColumn === undefined) return undefined;
  if (periodColumn !== undefined && valueColumn !== undefined) return { layout: "long", headerIndex, idColumn, periodColumn, valueColumn };
  if (monthColumns.length > 0) return { layout: "wide", headerIndex, idColumn, monthColumns: monthColumns.filter((c) => c > idColumn!) };
  return undefined;
}

/** Months across a wide header that read as months: a sheet not named as the part needs two ("Goal 2027" alone is no month). */
const MONTHS_TO_RECOGNIZE = 2;

function readableMonths(sheet: SheetData, layout: SeriesLayout): number {
  const row = sheet.values[layout.headerIndex] ?? [];
  return (layout.monthColumns ?? []).filter((c) => readMonth(row[c]).kind === "month").length;
}

/** A layout a sheet not named as the part is recognised by: long, or wide with months that read as months. */
function recognizedLayout(sheet: SheetData): SeriesLayout | undefined {
  const layout = layoutOf(sheet);
  if (!layout) return undefined;
  return layout.layout === "long" || readableMonths(sheet, layout) >= MONTHS_TO_RECOGNIZE ? layout : undefined;
}

function layoutOf(sheet: SheetData): SeriesLayout | undefined {
  for (const i of headerRowCandidates(sheet)) {
    const layout = layoutAt(sheet, i);
    if (layout) return layout;
  }
  return undefined;
}

function knownShare(sheet: SheetData, layout: SeriesLayout, kpiKeys: ReadonlySet<string>): number {
  let known = 0;
  let all = 0;
  for (let i = layout.headerIndex + 1; i < sheet.values.length; i++) {
    const id = readText(sheet.values[i]?.[layout.idColumn]).trim();
    if (!id) continue;
    all++;
    if (kpiKeys.has(idKey(id))) known++;
  }
  return all === 0 ? 0 : known / all;
}

/** A sheet no other part reads, not the add-in's own, with a name: one the series may be read from. */
const freeForSeries = (sheet: SheetData, taken: ReadonlySet<string>) =>
  !taken.has(sheet.name) && !isOwnedSheet(sheet) && sheet.name.trim() !== "";

/** Where the series come from: a sheet named as the contract says, else the one sheet whose content says so. */
function findSeriesSheet(
  sheets: readonly SheetData[],
  taken: ReadonlySet<string>,
  kpiKeys: ReadonlySet<string>,
  sink: FindingSink,
): { sheet: SheetData; layout?: SeriesLayout; how: FoundHow } | undefined {
  const named = namedSeriesSheet(sheets, taken);
  if (named) return { sheet: named, layout: layoutOf(named), how: "by name" };
  const found: { sheet: SheetData; layout: SeriesLayout }[] = [];
  for (const sheet of sheets) {
    if (!freeForSeries(sheet, taken)) continue;
    const layout = recognizedLayout(sheet);
    if (layout && knownShare(sheet, layout, kpiKeys) >= KNOWN_ID_SHARE) found.push({ sheet, layout });
  }
  if (found.length === 1) return { ...found[0], how: "recognised" };
  if (found.length > 1) {
    const listed = found.map((f) => `"${f.sheet.name}"`).join(" and ");
    sink.add(
      "warning",
      "UNCLEAR_SHEET",
      found[0].sheet.name,
      "A1",
      "",
      `The KPIs' monthly series could be on ${listed}: none was read. Name the one meant "${SERIES_PART.label}".`,
    );
  }
  return undefined;
}

/**
 * Whether a sheet, seen by its first rows, may hold the KPI Series: named as the part, or not read
 * by another part and headed by a KPI ID column with months or Period and Value. Such sheets are
 * read in full beside the plan's parts; readSeries then decides with the KPIs' IDs at hand.
 */
export function mayHoldSeries(head: SheetData, taken: ReadonlySet<string>): boolean {
  return freeForSeries(head, taken) && (isSeriesName(head.name) || recognizedLayout(head) !== undefined);
}

/**
 * Where the KPI Series is, as far as the sheets' first rows tell before the KPIs' IDs are read:
 * the sheet a mapping names, else the one named as the part (readSeries takes these as they
 * are), else the sheets that may hold it, among which readSeries takes the one whose IDs are
 * mostly the KPIs' and none when two are.
 */
export interface SeriesRecognition {
  /** The sheet the series is read from, mapped or named as the part. */
  readonly sheet?: string;
  readonly how?: Exclude<FoundHow, "recognised">;
  /** Without such a sheet: the sheets whose first rows may hold the series, in the workbook's order. */
  readonly candidates: readonly string[];
}

/** The KPI Series seen from the sheets' first rows; `taken` are the sheets the other parts read, `mapped` the sheet a mapping names. */
export function recognizeSeries(heads: readonly SheetData[], taken: ReadonlySet<string>, mapped?: string): SeriesRecognition {
  if (mapped !== undefined) return { sheet: mapped, how: "mapped by the user", candidates: [] };
  const named = namedSeriesSheet(heads, taken);
  if (named) return { sheet: named.name, how: "by name", candidates: [] };
  return { candidates: heads.filter((h) => mayHoldSeries(h, taken)).map((h) => h.name) };
}

/** A located table over the whole width of the header row, with the columns given. */
function tableOf(sheet: SheetData, layout: SeriesLayout, columns: Record<string, number>): LocatedTable {
  const bounds = rangeBounds(sheet, layout.headerIndex);
  const headerRow = sheet.origin.row + layout.headerIndex;
  const last = Math.max(bounds.toCol, 0);
  return {
    sheet,
    headerIndex: layout.headerIndex,
    lastIndex: bounds.lastIndex,
    columns,
    kinds: {},
    confirmed: {},
    missing: [],
    headerRange: `${cellAddress(headerRow, sheet.origin.col)}:${cellAddress(headerRow, sheet.origin.col + last)}`,
    nextFreeCol: sheet.origin.col + last + 1,
  };
}

const valueColumn = (key: string, label: string): ColumnSpec => ({ key, label, aliases: [], required: false, kind: "number" });

interface At {
  readonly row: number;
  readonly col: number;
}

/** Collects the values, one per KPI and month; a second one for the same month is reported with both cells. */
class SeriesCollector {
  private readonly byKpi = new Map<string, GrowingSeries>();
  /** Per KPI, the cells of the months it has a value for, for the values addOnce checks. */
  private readonly seen = new Map<string, Map<number, At>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly sheet: string,
    private readonly kpiIds: ReadonlyMap<string, string>,
    private readonly sink: FindingSink,
  ) {}

  /** The KPI's ID as the KPIs sheet writes it, or undefined (reported once, at its first cell) for one it does not hold. */
  kpiOf(id: string, cell: () => string): string | undefined {
    const key = idKey(id);
    const known = this.kpiIds.get(key);
    if (known === undefined && !this.reported.has(key)) {
      this.reported.add(key);
      this.sink.add(
        "warning",
        "SERIES_UNKNOWN_KPI",
        this.sheet,
        cell(),
        id,
        `KPI ID ${shorten(id)} is not on the KPIs sheet; its values are left out. Correct the ID or add the KPI.`,
      );
    }
    return known;
  }

  duplicate(kpiId: string, month: Month, first: At, second: At): void {
    this.sink.add(
      "warning",
      "SERIES_DUPLICATE",
      this.sheet,
      seriesCellOf(second),
      kpiId,
      `KPI ${kpiId} has a second value for ${monthText(month)} here; the one in ${seriesCellOf(first)} counts. Delete one of them.`,
    );
  }

  /** The KPI's series, to add values whose months no other value of the KPI has (the wide layout's header sees to it). */
  seriesOf(kpiId: string): GrowingSeries {
    let series = this.byKpi.get(kpiId);
    if (!series) this.byKpi.set(kpiId, (series = new GrowingSeries()));
    return series;
  }

  /** Whether the KPI has had values (or a row of the wide layout) already. */
  has(kpiId: string): boolean {
    return this.byKpi.has(kpiId);
  }

  /** A value that may repeat a month of its KPI (see readWide and readLong): the first of its KPI and month counts. */
  addOnce(kpiId: string, month: Month, value: number, at: At): void {
    let months = this.seen.get(kpiId);
    if (!months) {
      // The months it has so far: a wide layout's first row of the KPI may have been read without this map.
      const series = this.seriesOf(kpiId);
      months = new Map();
      for (let i = 0; i < series.length; i++) months.set(series.ordinal(i), series.cell(i));
      this.seen.set(kpiId, months);
    }
    const ordinal = monthOrdinal(month);
    const first = months.get(ordinal);
    if (first) return this.duplicate(kpiId, month, first, at);
    months.set(ordinal, at);
    this.seriesOf(kpiId).push(ordinal, value, at.row, at.col);
  }

  /** Each KPI's series in month order, and how many values they hold. */
  sorted(): { byKpi: ReadonlyMap<string, MonthlySeries>; values: number } {
    let values = 0;
    for (const series of this.byKpi.values()) {
      series.sortByMonth();
      values += series.length;
    }
    return { byKpi: this.byKpi, values };
  }
}

function badPeriod(sink: FindingSink, sheet: string, cell: string, itemId: string, reason: string): void {
  sink.add("warning", "SERIES_BAD_PERIOD", sheet, cell, itemId, `The period ${reason}; its values are left out until it says one month.`);
}

/** A month column of the wide layout. */
interface MonthColumn {
  readonly key: string;
  readonly col: number;
  readonly month: Month;
  readonly ordinal: number;
}

function monthColumns(sheet: SheetData, layout: SeriesLayout, sink: FindingSink): MonthColumn[] {
  const header = sheet.values[layout.headerIndex] ?? [];
  const headerRow = sheet.origin.row + layout.headerIndex;
  const columns: MonthColumn[] = [];
  for (const c of layout.monthColumns ?? []) {
    const read = readMonth(header[c]);
    if (read.kind !== "month") {
      if (read.kind === "bad") badPeriod(sink, sheet.name, cellAddress(headerRow, sheet.origin.col + c), "", `header ${read.reason}`);
      continue;
    }
    columns.push({ key: `m${c}`, col: c, month: read.month, ordinal: monthOrdinal(read.month) });
  }
  return columns;
}

/**
 * The wide layout. A number cell, by far the most common, is taken as it is; anything else goes
 * through RowReader, which reads text numbers and reports what is no number with its cell.
 */
function readWide(
  sheet: SheetData,
  layout: SeriesLayout,
  collector: SeriesCollector,
  sink: FindingSink,
  separators: NumberSeparators,
): void {
  const months = monthColumns(sheet, layout, sink);
  const columns: ColumnSpec[] = [valueColumn("kpiId", ID_COLUMN.label)];
  const at: Record<string, number> = { kpiId: layout.idColumn };
  for (const m of months) {
    columns.push(valueColumn(m.key, `The value for ${monthText(m.month)}`));
    at[m.key] = m.col;
  }
  const context = new TableContext({ label: SERIES_PART.label, columns }, tableOf(sheet, layout, at), sink, separators);
  const { row: top, col: left } = sheet.origin;
  // Only a header that names a month twice, or a KPI's second row, can give a KPI a month twice.
  const twice = new Set(months.map((m) => m.ordinal)).size < months.length;
  for (const { i, row, kpiId } of kpiRows(sheet, layout, context, collector)) {
    const values = sheet.values[i] ?? [];
    // Such rows go through the collector's check (the first value of a month counts); the others straight in.
    const checked = twice || collector.has(kpiId);
    const series = collector.seriesOf(kpiId);
    for (const m of months) {
      const raw = values[m.col];
      const value =
        typeof raw === "number" && Number.isFinite(raw) ? raw : raw === null || raw === undefined ? undefined : row.number(m.key);
      if (value === undefined) continue;
      if (checked) collector.addOnce(kpiId, m.month, value, { row: top + i, col: left + m.col });
      else series.push(m.ordinal, value, top + i, left + m.col);
    }
  }
}

/** The rows under the header that name a KPI of the plan (an unknown one is reported by the collector), in either layout. */
function* kpiRows(
  sheet: SheetData,
  layout: SeriesLayout,
  context: TableContext,
  collector: SeriesCollector,
): Generator<{ i: number; row: RowReader; kpiId: string }> {
  for (let i = layout.headerIndex + 1; i < sheet.values.length; i++) {
    if (!sheet.values[i]) continue;
    const row = new RowReader(context, i);
    if (row.isBlankRow()) continue;
    const id = row.text("kpiId");
    if (!id) continue;
    const kpiId = collector.kpiOf(id, () => row.cell("kpiId"));
    if (kpiId === undefined) continue;
    row.itemId = kpiId;
    yield { i, row, kpiId };
  }
}

function readLong(
  sheet: SheetData,
  layout: SeriesLayout,
  collector: SeriesCollector,
  sink: FindingSink,
  separators: NumberSeparators,
): void {
  const at = { kpiId: layout.idColumn, period: layout.periodColumn as number, value: layout.valueColumn as number };
  const context = new TableContext(SERIES_PART, tableOf(sheet, layout, at), sink, separators);
  for (const { i, row, kpiId } of kpiRows(sheet, layout, context, collector)) {
    const period = readMonth(sheet.values[i]?.[at.period]);
    const value = row.number("value");
    if (period.kind === "bad") badPeriod(sink, sheet.name, row.cell("period"), kpiId, period.reason);
    if (period.kind === "blank" && value !== undefined) badPeriod(sink, sheet.name, row.cell("period"), kpiId, "is empty");
    if (period.kind === "month" && value !== undefined)
      collector.addOnce(kpiId, period.month, value, { row: sheet.origin.row + i, col: sheet.origin.col + at.value });
  }
}

export interface SeriesInputs {
  readonly sheets: readonly SheetData[];
  /** Sheets the other parts read: never the series. */
  readonly taken: ReadonlySet<string>;
  /** The KPIs' IDs as their sheet writes them. */
  readonly kpiIds: readonly string[];
  readonly separators: NumberSeparators;
  /** The sheet a mapping names for the series: taken as it is, whatever its name. */
  readonly mapped?: string;
}

/** The KPI Series part, or undefined when the plan has none. */
export function readSeries(inputs: SeriesInputs, sink: FindingSink): KpiSeries | undefined {
  const kpiIds = new Map(inputs.kpiIds.map((id) => [idKey(id), id]));
  const mapped = inputs.mapped === undefined ? undefined : inputs.sheets.find((s) => s.name === inputs.mapped);
  const found = mapped
    ? { sheet: mapped, layout: layoutOf(mapped), how: "mapped by the user" as const }
    : findSeriesSheet(inputs.sheets, inputs.taken, new Set(kpiIds.keys()), sink);
  if (!found) return undefined;
  const { sheet, layout, how } = found;
  if (!layout) {
    sink.add(
      "warning",
      "MISSING_COLUMN",
      sheet.name,
      "A1",
      "",
      `The ${SERIES_PART.label} sheet has no header row with a KPI ID column and either months across it (2027-01, Jan 2027 or a date) or Period and Value columns; its values are not read.`,
    );
    return undefined;
  }
  const collector = new SeriesCollector(sheet.name, kpiIds, sink);
  if (layout.layout === "wide") readWide(sheet, layout, collector, sink, inputs.separators);
  else readLong(sheet, layout, collector, sink, inputs.separators);
  const headerRange = tableOf(sheet, layout, {}).headerRange;
  return { sheet: sheet.name, layout: layout.layout, headerRange, how, ...collector.sorted() };
}
