/**
 * The open Excel workbook behind the task pane, through Office.js. Every Office.js call of the
 * add-in lives here, so that the rest of the code (and its tests) never needs Excel.
 *
 * Round trips to Excel are what makes an add-in slow (much more so on the web), so the number of
 * context.sync() calls is kept constant where it can be (reading, the template) and grows with
 * size only where Excel's 5 MB request limit forces it (writing a large report). The limits it
 * believes in, and where each is documented, are listed above MAX_REQUEST_BYTES.
 */
import { cellAddress, type CellValue, type SheetData, type SheetTable } from "../../domain/common/cells";
import { planSheetNames } from "../../domain/plan/locate";
import type { AnalysisOptions } from "../../domain/analysis/result";
import { carriesOwnerMarker, checkWrite, freeName, isOwnedSheet, OWNER_MARKER_ROWS, sheetsReplaced } from "../../domain/sheets/ownership";
import type { OutCell, OutChart, OutTable, ReportLayout } from "../../domain/sheets/reportLayout";
import { FONTS, SERIES_COLORS, TAB_COLOR, TABLE_STYLE } from "../../domain/sheets/reportStyle";
import { planTemplate } from "../../domain/sheets/template";
import type { Scenario } from "../../domain/whatIf/scenario";
import { SETTING_KEYS, storedOptions, type PlanWorkbook, type TemplateOutcome } from "../planWorkbook";
import type { OwnedSheet, Progress } from "../port";
import { cellFormat, jsonBytes, localAddress, rowBytes, sheetValues, tableBlock, TEXT_FORMAT, widthInPoints } from "./sheetMatrix";

export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The document settings, saved inside the workbook file. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Office.Settings.remove: setting null would keep the key (null is a valid value). */
  remove(key: string): void;
  saveAsync(): Promise<void>;
}

// The port defines the progress callback; re-exported for callers that import it from here.
export type { Progress };

export interface OfficeWorkbookOptions {
  /** Defaults to Excel.run. */
  readonly run?: RunBatch;
  /** Defaults to Office.context.document.settings. */
  readonly settings?: SettingsStore;
  /** Defaults to MAX_REQUEST_BYTES. */
  readonly maxRequestBytes?: number;
}

/*
 * The limits the adapter works within, each with its source. Microsoft documents two:
 * - "Excel on the web has a payload size limit for requests and responses of 5MB", and "A range
 *   is limited to 5,000,000 cells for read operations": "Resource limits and performance
 *   optimization for Office Add-ins", section "Excel add-ins",
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *   (the same in "Payload size limit best practices" of
 *   https://learn.microsoft.com/office/dev/add-ins/excel/performance, which adds that "On all
 *   platforms, a range is limited to five million cells for get operations").
 * - The error codes of going past them, RequestPayloadSizeLimitExceeded and
 *   ResponsePayloadSizeLimitExceeded ("This error only occurs in Office on the web") and
 *   RangeExceedsLimit ("The cell count in the range has exceeded the maximum supported number"):
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling.
 * How a request's size is counted is not documented beyond "The payload size of a request
 * combines: The number of API calls, The number of objects, such as Range objects, The length of
 * the value to set or get" (the performance page), so the byte figures below are beliefs, marked
 * as such: none was measured against Excel on the web.
 */

/**
 * Estimated bytes one request may carry: under the documented 5 MB (above). Unsourced belief:
 * the estimate counts only the JSON of values, formats and arguments, so a fifth is left for the
 * envelope Office wraps around each action, whose size Microsoft does not give.
 */
export const MAX_REQUEST_BYTES = 4_000_000;

/** What the estimate adds for each queued action (its ids, type and property name). Unsourced belief, not measured. */
export const OPERATION_BYTES = 256;

/**
 * Cells asked for in one request when a sheet was too large to read whole: far under the
 * documented 5,000,000 cells a read (above). Unsourced belief: at a few dozen bytes a cell this
 * keeps a response near 2–3 MB, under the 5 MB; it is halved each time Excel still refuses. (The
 * "large ranges" page, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-large,
 * advises row blocks, "Start with 5k–20k rows", and to "retry with a smaller block size" on a
 * limit error, which is what this does.)
 */
export const READ_CELLS_PER_REQUEST = 100_000;

/** The documented refusals of a request, a response or a read too large (see above): each makes the read go in blocks. */
const READ_LIMIT_CODES = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

function isReadLimit(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && READ_LIMIT_CODES.has(code);
}

function officeSettings(): SettingsStore {
  const settings = Office.context.document.settings;
  return {
    get: (key) => settings.get(key),
    set: (key, value) => settings.set(key, value),
    remove: (key) => settings.remove(key),
    saveAsync: () =>
      new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error))),
      ),
  };
}

/**
 * Queues writes into requests that stay under the byte budget, sending one when the next write
 * would not fit. Each request starts by suspending calculation and screen updating, which Excel
 * lifts again at the end of that sync.
 */
class WriteRequests {
  private used = 0;
  private open = false;
  private writes = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly onSent: () => void = () => undefined,
  ) {}

  /** Bytes the current request can still take (a new one when none is open). */
  get room(): number {
    return this.budget - (this.open ? this.used : 2 * OPERATION_BYTES);
  }

  get hasWrites(): boolean {
    return this.writes > 0;
  }

  async reserve(bytes: number, operations = 1): Promise<void> {
    const cost = bytes + operations * OPERATION_BYTES;
    if (this.open && this.writes > 0 && this.used + cost > this.budget) await this.send();
    if (!this.open) {
      const application = this.context.workbook.application;
      application.suspendApiCalculationUntilNextSync();
      application.suspendScreenUpdatingUntilNextSync();
      this.open = true;
      this.used = 2 * OPERATION_BYTES;
    }
    this.used += cost;
    this.writes += operations;
  }

  async send(): Promise<void> {
    if (!this.open) return;
    await this.context.sync();
    this.open = false;
    this.used = 0;
    this.writes = 0;
    this.onSent();
  }
}

/** A used range whose size is known, read block by block. */
interface Extent {
  readonly sheet: Excel.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface Piece {
  readonly extent: number;
  readonly start: number;
  readonly count: number;
}

function statusFormula(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

export class OfficeWorkbook implements PlanWorkbook {
  private readonly run: RunBatch;
  private readonly maxRequestBytes: number;
  private settingsStore?: SettingsStore;

  constructor(options: OfficeWorkbookOptions = {}) {
    // Excel and Office are looked up only when used, so the class loads outside Office too.
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.settingsStore = options.settings;
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  }

  private get settings(): SettingsStore {
    this.settingsStore ??= officeSettings();
    return this.settingsStore;
  }

  /**
   * Two round trips for any plan: the sheet and table names, then the used range of every plan
   * sheet at once. Sheets that are not part of the plan are never read.
   */
  async readSheets(onProgress?: Progress): Promise<SheetData[]> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      onProgress?.(0.1);
      const wanted = new Set(planSheetNames(worksheets.items.map((sheet) => sheet.name)));
      return this.readUsed(
        context,
        worksheets.items.filter((sheet) => wanted.has(sheet.name)),
        tables,
        (done) => onProgress?.(0.1 + 0.9 * done),
      );
    });
  }

  /**
   * Two round trips for the report and the history at once: the names, then the used range and
   * tables of those that exist; whether the add-in wrote each is read from what came back.
   */
  async readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const found = names.map((name) => worksheets.items.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase()));
      const existing = found.filter((sheet): sheet is Excel.Worksheet => sheet !== undefined);
      const read = existing.length > 0 ? await this.readUsed(context, existing, tables, () => undefined) : [];
      return found.map((sheet): OwnedSheet => {
        if (!sheet) return { state: "absent" };
        const data = read[existing.indexOf(sheet)];
        return isOwnedSheet(data) ? { state: "owned", sheet: data } : { state: "foreign", name: sheet.name };
      });
    });
  }

  /**
   * The used range and tables of each sheet (the table list loaded already): all at once in one request, else (a response over
   * Excel's limit) the sizes first and the values in blocks.
   */
  private async readUsed(
    context: Excel.RequestContext,
    sheets: readonly Excel.Worksheet[],
    tables: Excel.TableCollection,
    onProgress: Progress,
  ): Promise<SheetData[]> {
    const queueTables = () =>
      tables.items.map((table) => ({ table, range: table.getRange().load("address"), sheet: table.worksheet.load("name") }));
    let tableRanges = queueTables();
    let used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("values,rowIndex,columnIndex,rowCount,columnCount"));
    let whole = true;
    try {
      await context.sync();
    } catch (error) {
      if (!isReadLimit(error)) throw error;
      // Nothing of the refused request came back: ask again for the sizes only.
      whole = false;
      tableRanges = queueTables();
      used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
      await context.sync();
    }
    onProgress(0.5);

    const values: CellValue[][][] = sheets.map(() => []);
    const large: { index: number; extent: Extent }[] = [];
    sheets.forEach((sheet, i) => {
      const range = used[i];
      if (range.isNullObject) return;
      // A range past the 5,000,000 cells of a read is refused (RangeExceedsLimit, handled above).
      // Unsourced belief, kept as a guard: an Excel that answers null instead is read in blocks too.
      const raw = whole ? (range.values as unknown[][] | null) : null;
      if (raw) values[i] = sheetValues(raw);
      else
        large.push({
          index: i,
          extent: { sheet, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount },
        });
    });
    if (large.length > 0) {
      const blocks = await this.readBlocks(
        context,
        large.map((l) => l.extent),
        (done) => onProgress(0.5 + done / 2),
      );
      large.forEach((l, k) => (values[l.index] = blocks[k]));
    }

    const tablesBySheet = new Map<string, SheetTable[]>();
    for (const { table, range, sheet } of tableRanges) {
      const list = tablesBySheet.get(sheet.name) ?? [];
      list.push({ name: table.name, range: localAddress(range.address) });
      tablesBySheet.set(sheet.name, list);
    }
    onProgress(1);
    return sheets.map((sheet, i) => {
      const range = used[i];
      const origin = range.isNullObject ? { row: 0, col: 0 } : { row: range.rowIndex, col: range.columnIndex };
      return { name: sheet.name, values: values[i], origin, tables: tablesBySheet.get(sheet.name) ?? [] };
    });
  }

  /** Reads used ranges in row blocks of at most `READ_CELLS_PER_REQUEST` cells a request. */
  private async readBlocks(context: Excel.RequestContext, extents: readonly Extent[], onProgress: Progress): Promise<CellValue[][][]> {
    let budget = READ_CELLS_PER_REQUEST;
    const total = extents.reduce((sum, e) => sum + e.rows * e.cols, 0) || 1;
    let done = 0;
    const split = (piece: Piece): Piece[] => {
      const rows = Math.max(1, Math.floor(budget / extents[piece.extent].cols));
      const pieces: Piece[] = [];
      for (let start = piece.start; start < piece.start + piece.count; start += rows) {
        pieces.push({ extent: piece.extent, start, count: Math.min(rows, piece.start + piece.count - start) });
      }
      return pieces;
    };
    const size = (piece: Piece) => piece.count * extents[piece.extent].cols;
    let pending = extents.flatMap((e, i) => split({ extent: i, start: 0, count: e.rows }));
    const results: CellValue[][][] = extents.map(() => []);
    let next = 0;
    while (next < pending.length) {
      const taken: Piece[] = [];
      let cells = 0;
      while (next < pending.length && (taken.length === 0 || cells + size(pending[next]) <= budget)) {
        cells += size(pending[next]);
        taken.push(pending[next++]);
      }
      const ranges = taken.map((p) => {
        const e = extents[p.extent];
        return e.sheet.getRangeByIndexes(e.row + p.start, e.col, p.count, e.cols).load("values");
      });
      try {
        await context.sync();
      } catch (error) {
        if (!isReadLimit(error) || taken.every((p) => p.count === 1)) throw error;
        budget = Math.max(1, Math.floor(budget / 2));
        pending = [...taken, ...pending.slice(next)].flatMap(split);
        next = 0;
        continue;
      }
      taken.forEach((p, k) => {
        const rows = sheetValues((ranges[k].values as unknown[][] | null) ?? []);
        rows.forEach((row, r) => (results[p.extent][p.start + r] = row));
      });
      done += cells;
      onProgress(done / total);
    }
    return results.map((rows) => Array.from(rows, (row) => row ?? []));
  }

  /** One sheet: writeSheets with one layout. */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void> {
    return this.writeSheets([layout], onProgress);
  }

  /**
   * Replaces each of the add-in's own sheets at its position, or adds it at the end. Two round
   * trips read what the checks need, for every layout at once (names, positions, tables and their
   * sheets, the protection, the marker of each sheet to replace); nothing is queued before they
   * pass. Values then go in row blocks sized to the request budget; tables, formats and the chart
   * follow.
   */
  async writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void> {
    await this.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets.load("items/name,items/position");
      const allTables = workbook.tables.load("items/name");
      const protection = workbook.protection.load("protected");
      await context.sync();
      const names = worksheets.items.map((sheet) => sheet.name);
      const markers = sheetsReplaced(layouts, names).map((name) => ({
        name,
        values: worksheets.items[names.indexOf(name)].getRange(`A1:A${OWNER_MARKER_ROWS}`).load("values"),
      }));
      const tableSheets = allTables.items.map((table) => table.worksheet.load("name"));
      await context.sync();
      // Every check of every sheet before the first change: in Excel there is no temporary file,
      // so a check failing between two sheets would leave the workbook half written.
      checkWrite(layouts, {
        sheetNames: names,
        ownedSheets: new Set(
          markers.filter((m) => carriesOwnerMarker(m.values.values.map((row) => row[0] as CellValue))).map((m) => m.name),
        ),
        tables: allTables.items.map((table, i) => ({ name: table.name, sheet: tableSheets[i].name })),
        structureLocked: protection.protected,
        where: "The workbook",
      });

      const totalRows = layouts.reduce((sum, layout) => sum + layout.tables.reduce((rows, t) => rows + t.rows.length, 0), 0) || 1;
      let rowsQueued = 0;
      const requests = new WriteRequests(context, this.maxRequestBytes, () => onProgress?.(Math.min(rowsQueued / totalRows, 0.99)));
      const taken = new Set(names.map((name) => name.toLowerCase()));
      for (const layout of layouts) {
        const existing = worksheets.items.find((sheet) => sheet.name.toLowerCase() === layout.sheetName.toLowerCase());
        await this.writeLayout(context, layout, existing, taken, requests, (rows) => (rowsQueued += rows));
        taken.add(layout.sheetName.toLowerCase());
      }
      await requests.send();
      onProgress?.(1);
    });
  }

  /** Queues one checked layout: its sheet in place of `existing`, or at the end. */
  private async writeLayout(
    context: Excel.RequestContext,
    layout: ReportLayout,
    existing: Excel.Worksheet | undefined,
    taken: ReadonlySet<string>,
    requests: WriteRequests,
    onRows: (rows: number) => void,
  ): Promise<void> {
    const workbook = context.workbook;
    await requests.reserve(jsonBytes(layout.sheetName) * 2, 5);
    let sheet: Excel.Worksheet;
    if (existing) {
      // Added under a free name before the old one goes, since Excel never deletes its last sheet.
      sheet = workbook.worksheets.add(freeName("CVM report (writing)", taken));
      existing.delete();
      sheet.name = layout.sheetName;
      sheet.position = existing.position;
    } else {
      sheet = workbook.worksheets.add(layout.sheetName);
    }
    sheet.tabColor = `#${TAB_COLOR}`;

    for (const [col, width] of layout.columnWidths.entries()) {
      await requests.reserve(16);
      sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = widthInPoints(width);
    }
    for (const cell of layout.cells) await this.writeCell(sheet, cell, requests);
    for (const table of layout.tables) await this.writeTableValues(sheet, table, requests, onRows);
    for (const table of layout.tables) await this.finishTable(sheet, table, layout, requests);
    for (const chart of layout.charts) await this.addChart(sheet, layout, chart, requests);
  }

  private async writeCell(sheet: Excel.Worksheet, cell: OutCell, requests: WriteRequests): Promise<void> {
    const font = cell.style ? FONTS[cell.style] : {};
    const fontOps = Object.keys(font).length;
    await requests.reserve(jsonBytes(cell.value) + 16 + fontOps * 16, 2 + fontOps);
    const range = sheet.getRangeByIndexes(cell.row, cell.col, 1, 1);
    // The format goes first so that text is stored as text, never parsed as a formula.
    const format = cellFormat(cell.value, cell.format);
    if (format !== null) range.numberFormat = [[format]];
    range.values = [[cell.value]];
    if (font.bold !== undefined) range.format.font.bold = font.bold;
    if (font.italic !== undefined) range.format.font.italic = font.italic;
    if (font.size !== undefined) range.format.font.size = font.size;
    if (font.color !== undefined) range.format.font.color = `#${font.color}`;
  }

  private async writeTableValues(
    sheet: Excel.Worksheet,
    table: OutTable,
    requests: WriteRequests,
    onRows: (rows: number) => void,
  ): Promise<void> {
    const headers = table.columns.map((c) => c.header);
    await requests.reserve(jsonBytes(headers) * 2, 2);
    const headerRange = sheet.getRangeByIndexes(table.row, table.col, 1, headers.length);
    headerRange.numberFormat = [headers.map(() => TEXT_FORMAT)];
    headerRange.values = [headers];

    const sizes = table.rows.map((_, r) => rowBytes(table, r));
    const overhead = 2 * OPERATION_BYTES + 8;
    for (let start = 0; start < table.rows.length;) {
      if (requests.room - overhead < sizes[start] && requests.hasWrites) await requests.send();
      const room = requests.room - overhead;
      let end = start;
      let bytes = 0;
      do {
        bytes += sizes[end];
        end++;
      } while (end < table.rows.length && bytes + sizes[end] <= room);
      await requests.reserve(bytes + 8, 2);
      const block = tableBlock(table, start, end);
      const range = sheet.getRangeByIndexes(table.row + 1 + start, table.col, end - start, table.columns.length);
      range.numberFormat = block.formats;
      range.values = block.values;
      onRows(end - start);
      start = end;
    }
  }

  private async finishTable(sheet: Excel.Worksheet, table: OutTable, layout: ReportLayout, requests: WriteRequests): Promise<void> {
    const rules = layout.statusRules;
    const last = table.row + table.rows.length;
    const address = `${cellAddress(table.row, table.col)}:${cellAddress(last, table.col + table.columns.length - 1)}`;
    await requests.reserve(jsonBytes(address) + jsonBytes(table.name) + TABLE_STYLE.length, 3);
    const added = sheet.tables.add(address, true);
    added.name = table.name;
    added.style = TABLE_STYLE;
    for (const c of table.statusColumns) {
      const column = sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1);
      for (const rule of rules) {
        await requests.reserve(jsonBytes(rule) + 64, 4);
        const conditional = column.conditionalFormats.add("CellValue");
        conditional.cellValue.format.fill.color = `#${rule.fill}`;
        conditional.cellValue.format.font.color = `#${rule.font}`;
        conditional.cellValue.rule = { formula1: statusFormula(rule.text), operator: "EqualTo" };
      }
    }
    for (const c of table.dataBarColumns ?? []) {
      await requests.reserve(256, 4);
      const bar = sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1).conditionalFormats.add("DataBar").dataBar;
      // Fixed bounds, as the .xlsx writer sets them: 50% coverage is a half-full cell in every report.
      bar.lowerBoundRule = { type: "Number", formula: String(layout.dataBar.min) };
      bar.upperBoundRule = { type: "Number", formula: String(layout.dataBar.max) };
      bar.positiveFormat.fillColor = `#${layout.dataBar.color}`;
    }
  }

  /** A native chart over columns of one of the report's tables, where the layout places it. */
  private async addChart(sheet: Excel.Worksheet, layout: ReportLayout, chart: OutChart, requests: WriteRequests): Promise<void> {
    const table = layout.tables.find((t) => t.name === chart.table);
    if (!table) return;
    const body = (c: number) => sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1);
    await requests.reserve(512, 6 + 5 * chart.series.length);
    const type = chart.kind === "line" ? "Line" : "ColumnClustered";
    const added = sheet.charts.add(type, body(chart.series[0]), "Columns");
    added.title.text = chart.title;
    chart.series.forEach((column, i) => {
      const series = i === 0 ? added.series.getItemAt(0) : added.series.add(table.columns[column].header);
      if (i === 0) series.name = table.columns[column].header;
      else series.setValues(body(column));
      series.setXAxisValues(body(chart.categories));
      // A line series is drawn by its line format; its fill colours only the markers.
      const color = `#${SERIES_COLORS[i % SERIES_COLORS.length]}`;
      if (chart.kind === "line") series.format.line.color = color;
      else series.format.fill.setSolidColor(color);
    });
    added.legend.position = "Bottom";
    added.setPosition(cellAddress(chart.from.row, chart.from.col), cellAddress(chart.to.row, chart.to.col));
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }

  /** Two round trips: the names there are, then every missing sheet written at once. */
  async insertTemplate(): Promise<TemplateOutcome> {
    return this.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets.load("items/name");
      const tables = workbook.tables.load("items/name");
      await context.sync();
      const plan = planTemplate(
        worksheets.items.map((s) => s.name),
        tables.items.map((t) => t.name),
      );
      if (plan.create.length > 0) {
        workbook.application.suspendApiCalculationUntilNextSync();
        workbook.application.suspendScreenUpdatingUntilNextSync();
      }
      for (const template of plan.create) {
        const width = template.header.length;
        const matrix = [template.header, ...template.rows].map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
        const sheet = workbook.worksheets.add(template.sheetName);
        const range = sheet.getRangeByIndexes(0, 0, matrix.length, width);
        range.numberFormat = matrix.map((row) => row.map((value) => cellFormat(value, undefined)));
        range.values = matrix;
        const table = sheet.tables.add(range, true);
        table.name = template.tableName;
        table.style = TABLE_STYLE;
        table.getRange().format.autofitColumns();
      }
      if (plan.create.length > 0) await context.sync();
      return { created: plan.create.map((t) => t.sheetName), skipped: plan.skipped };
    });
  }

  async loadSettings(): Promise<Partial<AnalysisOptions>> {
    return storedOptions((key) => this.settings.get(key));
  }

  async saveSettings(options: AnalysisOptions): Promise<void> {
    this.settings.set(SETTING_KEYS.tolerance, options.tolerance);
    this.settings.set(SETTING_KEYS.allocationThreshold, options.allocationThreshold);
    await this.settings.saveAsync();
  }

  async loadScenario(): Promise<unknown> {
    // Office.Settings.get gives null for a setting that does not exist.
    return this.settings.get(SETTING_KEYS.scenario) ?? undefined;
  }

  async saveScenario(scenario: Scenario | undefined): Promise<void> {
    if (scenario) this.settings.set(SETTING_KEYS.scenario, scenario);
    else this.settings.remove(SETTING_KEYS.scenario);
    await this.settings.saveAsync();
  }
}
