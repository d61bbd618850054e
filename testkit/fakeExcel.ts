/**
 * A recording stand-in for the part of the Excel JavaScript API the add-in uses, over a workbook
 * held in memory. It keeps Office's rules that matter for correctness and speed, each with where
 * it is documented, or marked as a belief when it is not (in the style of excelRuntime.ts):
 * - Nothing happens until context.sync(): writes are queued and run in order at the sync.
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#proxy-objects:
 *   "Any methods that you invoke or properties that you set or load on proxy objects are simply
 *   added to a queue of pending commands. When you call the sync() method … the queued commands
 *   are dispatched to the Office application and run."
 * - A property can be read only after it was loaded and a sync brought it back, else it throws
 *   PropertyNotLoaded. Same page, "load()": "Before you can read the properties of a proxy object,
 *   you must explicitly load the properties … and then call context.sync()"; the code is
 *   OfficeExtension.ErrorCodes.propertyNotLoaded
 *   (https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes). The message is
 *   the fake's own wording.
 * - Requests and responses over 5 MB are refused with RequestPayloadSizeLimitExceeded and
 *   ResponsePayloadSizeLimitExceeded: "Excel on the web has a payload size limit for requests and
 *   responses of 5MB" (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 *   codes from https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling.
 *   How the fake sizes a request (the JSON of property values, method arguments and load
 *   selections) is a belief: Microsoft says only that the size "combines" the number of calls,
 *   of objects and the length of the values (https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices).
 * - A read of more than 5,000,000 cells is refused with RangeExceedsLimit: "A range is limited to
 *   5,000,000 cells for read operations" (resource limits page, above); the code's text, "The
 *   cell count in the range has exceeded the maximum supported number", is on the error page
 *   above. That a read is refused rather than answered with null is read from that code; the
 *   option `overCellLimit: "null"` gives the other behaviour, an unsourced belief the adapter
 *   still guards against.
 * - A failing action stops the request there; what ran before it stays done. Unsourced belief:
 *   Microsoft does not document what a batch that fails part-way leaves.
 * - A string written to a cell that is not formatted as text is parsed as if typed: "=1+1", "+x"
 *   and "-x" become formulas (Range.values in @types/office-js: "If the returned value starts
 *   with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 *   formula"); "@x" a formula, "12" a number and "TRUE" a flag as typing them does (belief, from
 *   typing into Excel, not from the API's documentation).
 * Every sync is recorded with the JSON size of what it carried (property values, method
 * arguments, load selections) and of what it brought back, so tests can count round trips and
 * check payloads. It does not calculate: a formula reads back as #NAME?.
 */
import { cellAddress, parseRangeAddress, type CellValue, type SheetData } from "../src/domain/common/cells";

/** Rows of Excel's grid (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
const SHEET_ROWS = 1_048_576;
/** Columns of Excel's grid (same page). */
const SHEET_COLS = 16_384;
/** Excel on the web's 5 MB, read as 5,000,000 bytes (the page says "5MB"; 5 × 2^20 would be 5,242,880: the lower is the safer belief). */
export const WEB_PAYLOAD_LIMIT = 5_000_000;
/** Cells one read may return (resource limits page, see the top of this file). */
export const READ_CELL_LIMIT = 5_000_000;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export type FakeValue = string | number | boolean;

export interface FakeFont {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
}

export interface FakeCell {
  value?: FakeValue;
  formula?: string;
  numberFormat?: string;
  font?: FakeFont;
  fill?: string;
}

export interface Bounds {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  readonly bounds: Bounds;
  style?: string;
}

export interface FakeConditionalFormat {
  readonly type: string;
  readonly address: string;
  fill?: string;
  font?: string;
  rule?: { formula1: string; operator: string };
  /** A data bar's bounds and colour. */
  lowerBound?: { type: string; formula?: string };
  upperBound?: { type: string; formula?: string };
  barColor?: string;
}

export interface FakeChartSeries {
  name?: string;
  values?: string;
  xValues?: string;
  /** Set by ChartSeries.format.fill.setSolidColor. */
  color?: string;
  /** Set by ChartSeries.format.line.color. */
  lineColor?: string;
}

export interface FakeChart {
  readonly type: string;
  readonly source: string;
  title?: string;
  legend?: string;
  start?: string;
  end?: string;
  readonly series: FakeChartSeries[];
}

export interface SyncRecord {
  /** JSON bytes of the property values, method arguments and load selections sent. */
  requestBytes: number;
  /** JSON bytes of the loaded data sent back. */
  responseBytes: number;
  /** Actions that change the workbook. */
  writes: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Labels of the actions, in order. */
  readonly actions: string[];
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");

function a1(bounds: Bounds): string {
  const from = cellAddress(bounds.top, bounds.left);
  const to = cellAddress(bounds.bottom, bounds.right);
  return from === to ? from : `${from}:${to}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", message);
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export class FakeSheet {
  readonly rows: (FakeCell | undefined)[][] = [];
  /** Points, by zero-based column. */
  readonly columnWidths = new Map<number, number>();
  readonly autofitColumns = new Set<number>();
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly charts: FakeChart[] = [];
  tabColor?: string;
  deleted = false;

  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.rows[row]?.[col];
  }

  ensure(row: number, col: number): FakeCell {
    const line = (this.rows[row] ??= []);
    return (line[col] ??= {});
  }

  /** The value as Excel's `values` would give it, "" for a blank cell. */
  read(row: number, col: number): FakeValue {
    const cell = this.cell(row, col);
    if (cell?.formula !== undefined) return "#NAME?";
    return cell?.value ?? "";
  }

  /** A cell by A1 address, for tests. */
  at(address: string): FakeCell | undefined {
    const r = parseRangeAddress(address);
    return r ? this.cell(r.top, r.left) : undefined;
  }

  /** Bounds of the cells with a value or formula (and, unless valuesOnly, a format). */
  usedBounds(valuesOnly: boolean): Bounds | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    this.rows.forEach((line, r) =>
      line?.forEach((cell, c) => {
        if (!cell) return;
        const used =
          cell.value !== undefined ||
          cell.formula !== undefined ||
          (!valuesOnly && (cell.numberFormat !== undefined || cell.font !== undefined));
        if (!used) return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  /** Every cell with a value or formula, for cell-by-cell comparisons. */
  filledCells(): { row: number; col: number; cell: FakeCell }[] {
    const out: { row: number; col: number; cell: FakeCell }[] = [];
    this.rows.forEach((line, row) =>
      line?.forEach((cell, col) => {
        if (cell && (cell.value !== undefined || cell.formula !== undefined)) out.push({ row, col, cell });
      }),
    );
    return out;
  }

  /** Writes one value as Excel does when `values` receives it. */
  write(row: number, col: number, value: unknown): void {
    if (value === null || value === undefined) return;
    const cell = this.ensure(row, col);
    delete cell.formula;
    delete cell.value;
    if (value === "") return;
    if (typeof value === "number" || typeof value === "boolean") {
      cell.value = value;
      return;
    }
    if (typeof value !== "string") throw invalid(`A cell value must be a string, number or boolean, not ${typeof value}.`);
    if (cell.numberFormat === "@") {
      cell.value = value;
      return;
    }
    const trimmed = value.trim();
    const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(trimmed);
    if (numeric) cell.value = trimmed.endsWith("%") ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
    else if (/^(true|false)$/i.test(trimmed)) cell.value = trimmed.toLowerCase() === "true";
    else if (value.startsWith("=") && value.length > 1) cell.formula = value;
    else if (/^[+\-@]/.test(value) && value.length > 1) cell.formula = `=${value}`;
    else cell.value = value;
  }
}

interface Target {
  readonly sheet: FakeSheet;
  readonly bounds: Bounds;
}

interface Staging {
  readonly record: SyncRecord;
  readonly commits: (() => void)[];
  responseBytes: number;
}

interface Action {
  readonly label: string;
  readonly bytes: number;
  readonly write: boolean;
  run(staging: Staging): void;
}

export interface FakeExcelOptions {
  readonly requestLimitBytes?: number;
  readonly responseLimitBytes?: number;
  /** What a read past READ_CELL_LIMIT cells gets: refused with RangeExceedsLimit (documented, the default) or null values (unsourced). */
  readonly overCellLimit?: "refuse" | "null";
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly syncs: SyncRecord[] = [];
  /** Action labels and "sync", in the order the add-in issued them. */
  readonly log: string[] = [];
  activeSheet?: FakeSheet;
  selection?: { sheet: string; address: string };
  /** Review > Protect Workbook: read through Workbook.protection.protected (ExcelApi 1.7). */
  structureProtected = false;
  runs = 0;
  requestLimitBytes: number;
  responseLimitBytes: number;
  overCellLimit: "refuse" | "null";

  constructor(options: FakeExcelOptions = {}) {
    this.requestLimitBytes = options.requestLimitBytes ?? WEB_PAYLOAD_LIMIT;
    this.responseLimitBytes = options.responseLimitBytes ?? WEB_PAYLOAD_LIMIT;
    this.overCellLimit = options.overCellLimit ?? "refuse";
  }

  /** Stands in for Excel.run: a fresh context, then a last sync of whatever is still queued. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending > 0) await context.sync();
    return result;
  };

  get syncCount(): number {
    return this.syncs.length;
  }

  get largestRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get largestResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  resetCounters(): void {
    this.syncs.length = 0;
    this.log.length = 0;
    this.runs = 0;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  get sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  tablesOn(sheet: FakeSheet): FakeTable[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  /** Puts a sheet in the workbook as a reader would find it: values at the origin, tables registered. */
  addSheet(data: SheetData, numberFormats?: Readonly<Record<string, string>>): FakeSheet {
    const sheet = this.createSheet(data.name);
    data.values.forEach((line, r) =>
      line.forEach((value, c) => {
        const stored = seedValue(value);
        if (stored !== undefined) sheet.ensure(data.origin.row + r, data.origin.col + c).value = stored;
      }),
    );
    for (const [address, format] of Object.entries(numberFormats ?? {})) {
      const r = parseRangeAddress(address);
      if (r) sheet.ensure(r.top, r.left).numberFormat = format;
    }
    for (const table of data.tables ?? []) {
      const bounds = parseRangeAddress(table.range);
      if (!bounds) throw new Error(`Bad table range ${table.range}`);
      this.tables.push({ name: table.name, sheet, bounds, style: "TableStyleMedium2" });
    }
    return sheet;
  }

  seed(sheets: readonly SheetData[]): this {
    for (const sheet of sheets) this.addSheet(sheet);
    return this;
  }

  createSheet(name: string): FakeSheet {
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw invalid(`"${name}" is not a valid sheet name.`);
    if (this.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.length <= 1) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
  }

  addressOf(target: Target): string {
    return `${quoteSheet(target.sheet.name)}!${a1(target.bounds)}`;
  }
}

function seedValue(value: CellValue): FakeValue | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
  if (typeof value === "object") return "error" in value ? value.error : undefined;
  return value;
}

class FakeContext {
  private queue: Action[] = [];
  readonly workbook: WorkbookProxy;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueue(action: Action): void {
    this.queue.push(action);
    this.excel.log.push(action.label);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      requestBytes: actions.reduce((sum, a) => sum + a.bytes, 0),
      responseBytes: 0,
      writes: actions.filter((a) => a.write).length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
      actions: actions.map((a) => a.label),
    };
    this.excel.syncs.push(record);
    this.excel.log.push("sync");
    await Promise.resolve();
    if (record.requestBytes > this.excel.requestLimitBytes) {
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`,
      );
    }
    const staging: Staging = { record, commits: [], responseBytes: 0 };
    for (const action of actions) action.run(staging);
    record.responseBytes = staging.responseBytes;
    if (staging.responseBytes > this.excel.responseLimitBytes) {
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${staging.responseBytes} bytes) has exceeded the limit.`,
      );
    }
    for (const commit of staging.commits) commit();
  }
}

type Loaded = { data: Record<string, unknown>; commit?: () => void };

abstract class FakeProxy {
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    readonly path: string,
  ) {}

  protected get excel(): FakeExcel {
    return this.ctx.excel;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  markLoaded(data: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(data)) this.loaded.set(key, value);
  }

  protected queueSet(prop: string, value: unknown, apply: (staging: Staging) => void): void {
    this.ctx.enqueue({ label: `${this.path}.${prop}=`, bytes: bytesOf(value) + prop.length, write: true, run: apply });
  }

  protected queueCall(method: string, args: readonly unknown[], apply: (staging: Staging) => void, write = true): void {
    this.ctx.enqueue({ label: `${this.path}.${method}()`, bytes: bytesOf(args) + method.length, write, run: apply });
  }

  load(select?: string | string[]): this {
    const props = (Array.isArray(select) ? select : (select ?? "").split(",")).map((p) => p.trim().replace(/^items\//, "")).filter(Boolean);
    this.ctx.enqueue({
      label: `${this.path}.load(${props.join(",")})`,
      bytes: bytesOf(props),
      write: false,
      run: (staging) => {
        const loaded = this.snapshot(props);
        staging.responseBytes += bytesOf(loaded.data);
        staging.commits.push(loaded.commit ?? (() => this.markLoaded(loaded.data)));
      },
    });
    return this;
  }

  /** The properties asked for, read from the workbook at this point of the queue. */
  protected abstract snapshot(props: readonly string[]): Loaded;

  /** A proxy passed as an argument travels as a reference, not as its contents. */
  toJSON(): string {
    return "ref";
  }
}

function pick(props: readonly string[], values: Record<string, () => unknown>, what: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const prop of props) {
    const get = values[prop];
    if (!get) throw invalid(`The fake ${what} cannot load "${prop}".`);
    data[prop] = get();
  }
  return data;
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: ApplicationProxy;
  readonly protection: WorkbookProtectionProxy;

  constructor(ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx, "worksheets");
    this.tables = new TableCollectionProxy(ctx, "tables", () => undefined);
    this.application = new ApplicationProxy(ctx);
    this.protection = new WorkbookProtectionProxy(ctx, "protection");
  }
}

/**
 * Workbook.protection (https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection,
 * ExcelApi 1.7): `protected`, "Specifies if the workbook is protected", readable once loaded.
 */
class WorkbookProtectionProxy extends FakeProxy {
  get protected(): boolean {
    return this.read("protected");
  }

  protected snapshot(props: readonly string[]): Loaded {
    return { data: pick(props, { protected: () => this.excel.structureProtected }, "workbook protection") };
  }
}

class ApplicationProxy {
  constructor(private readonly ctx: FakeContext) {}

  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue({
      label: "application.suspendApiCalculationUntilNextSync()",
      bytes: 0,
      write: false,
      run: (s) => (s.record.suspendedCalculation = true),
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.enqueue({
      label: "application.suspendScreenUpdatingUntilNextSync()",
      bytes: 0,
      write: false,
      run: (s) => (s.record.suspendedScreenUpdating = true),
    });
  }
}

class WorksheetCollectionProxy extends FakeProxy {
  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `worksheets[${key}]`, () => {
      const sheet = this.excel.sheet(key);
      if (!sheet) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet "${key}".`);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `worksheets[${key}]?`, () => this.excel.sheet(key) ?? null);
  }

  add(name?: string): WorksheetProxy {
    let created: FakeSheet | undefined;
    this.queueCall("add", [name], () => {
      let chosen = name;
      for (let n = this.excel.sheets.length + 1; !chosen; n++) if (!this.excel.sheet(`Sheet${n}`)) chosen = `Sheet${n}`;
      created = this.excel.createSheet(chosen);
    });
    return new WorksheetProxy(this.ctx, `worksheets.add(${name ?? ""})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The worksheet was used before it was added.");
      return created;
    });
  }

  protected snapshot(props: readonly string[]): Loaded {
    const sheets = [...this.excel.sheets];
    const items = sheets.map((sheet) =>
      pick(props, { name: () => sheet.name, position: () => this.excel.sheets.indexOf(sheet) }, "worksheet"),
    );
    return {
      data: { items },
      commit: () => {
        const proxies = sheets.map((sheet, i) => {
          const proxy = new WorksheetProxy(this.ctx, `worksheets[${sheet.name}]`, () => sheet);
          proxy.markLoaded(items[i]);
          return proxy;
        });
        this.markLoaded({ items: proxies });
      },
    };
  }
}

class WorksheetProxy extends FakeProxy {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly find: () => FakeSheet | null,
  ) {
    super(ctx, path);
    this.tables = new TableCollectionProxy(ctx, `${path}.tables`, () => this.resolve());
    this.charts = new ChartCollectionProxy(ctx, `${path}.charts`, () => this.resolve());
  }

  resolve(): FakeSheet {
    const sheet = this.find();
    if (!sheet || sheet.deleted) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}.`);
    return sheet;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.queueSet("name", value, () => {
      const sheet = this.resolve();
      const other = this.excel.sheet(value);
      if (other && other !== sheet) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${value}" already exists.`);
      if (value.length === 0 || value.length > 31 || /[[\]:*?/\\]/.test(value)) throw invalid(`"${value}" is not a valid sheet name.`);
      sheet.name = value;
    });
  }

  get position(): number {
    return this.read("position");
  }

  set position(value: number) {
    this.queueSet("position", value, () => {
      const sheet = this.resolve();
      const sheets = this.excel.sheets;
      if (!Number.isInteger(value) || value < 0 || value >= sheets.length) throw invalid(`Position ${value} is out of range.`);
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(value, 0, sheet);
    });
  }

  set tabColor(value: string) {
    this.queueSet("tabColor", value, () => (this.resolve().tabColor = value));
  }

  delete(): void {
    this.queueCall("delete", [], () => this.excel.deleteSheet(this.resolve()));
  }

  activate(): void {
    this.queueCall("activate", [], () => (this.excel.activeSheet = this.resolve()));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getRange(${address ?? ""})`, () => {
      const sheet = this.resolve();
      if (address === undefined) return { sheet, bounds: { top: 0, left: 0, bottom: SHEET_ROWS - 1, right: SHEET_COLS - 1 } };
      const bounds = parseRangeAddress(address);
      if (!bounds || address.includes("!")) throw invalid(`The fake cannot resolve the address "${address}".`);
      return { sheet, bounds };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (
        rowCount < 1 ||
        columnCount < 1 ||
        startRow < 0 ||
        startColumn < 0 ||
        startRow + rowCount > SHEET_ROWS ||
        startColumn + columnCount > SHEET_COLS
      ) {
        throw invalid("The range is outside the sheet.");
      }
      return {
        sheet: this.resolve(),
        bounds: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 },
      };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, () => {
      const sheet = this.resolve();
      const bounds = sheet.usedBounds(valuesOnly);
      return bounds ? { sheet, bounds } : null;
    });
  }

  protected snapshot(props: readonly string[]): Loaded {
    const sheet = this.find();
    if (!sheet || sheet.deleted) return { data: { isNullObject: true } };
    return {
      data: {
        isNullObject: false,
        ...pick(props, { name: () => sheet.name, position: () => this.excel.sheets.indexOf(sheet) }, "worksheet"),
      },
    };
  }
}

class RangeProxy extends FakeProxy {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly find: () => Target | null,
  ) {
    super(ctx, path);
    this.format = new RangeFormatProxy(ctx, `${path}.format`, () => this.resolve());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, `${path}.conditionalFormats`, () => this.resolve());
  }

  resolve(): Target {
    const target = this.find();
    if (!target) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}.`);
    return target;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(matrix: unknown[][]) {
    this.queueSet("values", matrix, () => {
      const { sheet, bounds } = this.resolve();
      checkShape(matrix, bounds);
      matrix.forEach((line, r) => line.forEach((value, c) => sheet.write(bounds.top + r, bounds.left + c, value)));
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(matrix: (string | null)[][]) {
    this.queueSet("numberFormat", matrix, () => {
      const { sheet, bounds } = this.resolve();
      checkShape(matrix, bounds);
      matrix.forEach((line, r) =>
        line.forEach((format, c) => {
          if (format === null) return;
          const cell = sheet.ensure(bounds.top + r, bounds.left + c);
          if (format === "" || format === "General") delete cell.numberFormat;
          else cell.numberFormat = format;
        }),
      );
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  select(): void {
    this.queueCall("select", [], () => {
      const target = this.resolve();
      if (this.excel.activeSheet !== target.sheet)
        throw new FakeOfficeError("InvalidSelection", "Only a range on the active sheet can be selected.");
      this.excel.selection = { sheet: target.sheet.name, address: a1(target.bounds) };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getCell(${row},${column})`, () => {
      const { sheet, bounds } = this.resolve();
      return {
        sheet,
        bounds: { top: bounds.top + row, left: bounds.left + column, bottom: bounds.top + row, right: bounds.left + column },
      };
    });
  }

  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getEntireColumn()`, () => {
      const { sheet, bounds } = this.resolve();
      return { sheet, bounds: { top: 0, left: bounds.left, bottom: SHEET_ROWS - 1, right: bounds.right } };
    });
  }

  protected snapshot(props: readonly string[]): Loaded {
    const target = this.find();
    if (!target) return { data: { isNullObject: true } };
    const { sheet, bounds } = target;
    const rows = bounds.bottom - bounds.top + 1;
    const cols = bounds.right - bounds.left + 1;
    const matrix = <T>(cell: (row: number, col: number) => T): T[][] | null => {
      if (rows * cols > READ_CELL_LIMIT) {
        if (this.excel.overCellLimit === "null") return null;
        throw new FakeOfficeError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
      }
      return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(bounds.top + r, bounds.left + c)));
    };
    const data = pick(
      props,
      {
        values: () => matrix((r, c) => sheet.read(r, c)),
        numberFormat: () => matrix((r, c) => sheet.cell(r, c)?.numberFormat ?? "General"),
        address: () => this.excel.addressOf(target),
        rowIndex: () => bounds.top,
        columnIndex: () => bounds.left,
        rowCount: () => rows,
        columnCount: () => cols,
      },
      "range",
    );
    return { data: { isNullObject: false, ...data } };
  }
}

function checkShape(matrix: readonly (readonly unknown[])[], bounds: Bounds): void {
  const rows = bounds.bottom - bounds.top + 1;
  const cols = bounds.right - bounds.left + 1;
  if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((line) => !Array.isArray(line) || line.length !== cols)) {
    throw invalid(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  }
}

class RangeFormatProxy extends FakeProxy {
  readonly font: FontProxy;
  readonly fill: FillProxy;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: () => Target,
  ) {
    super(ctx, path);
    this.font = new FontProxy(ctx, `${path}.font`, (change) => {
      const { sheet, bounds } = this.target();
      if (bounds.bottom - bounds.top > 100_000) throw invalid("The fake formats at most 100,000 rows at a time.");
      for (let r = bounds.top; r <= bounds.bottom; r++) {
        for (let c = bounds.left; c <= bounds.right; c++) {
          const cell = sheet.ensure(r, c);
          cell.font = { ...cell.font, ...change };
        }
      }
    });
    this.fill = new FillProxy(ctx, `${path}.fill`, (color) => {
      const { sheet, bounds } = this.target();
      for (let r = bounds.top; r <= Math.min(bounds.bottom, bounds.top + 100_000); r++) {
        for (let c = bounds.left; c <= bounds.right; c++) sheet.ensure(r, c).fill = color;
      }
    });
  }

  set columnWidth(points: number) {
    this.queueSet("columnWidth", points, () => {
      const { sheet, bounds } = this.target();
      for (let c = bounds.left; c <= bounds.right; c++) sheet.columnWidths.set(c, points);
    });
  }

  autofitColumns(): void {
    this.queueCall("autofitColumns", [], () => {
      const { sheet, bounds } = this.target();
      for (let c = bounds.left; c <= bounds.right; c++) sheet.autofitColumns.add(c);
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load range formats.");
  }
}

class FontProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly apply: (change: FakeFont) => void,
  ) {
    super(ctx, path);
  }
  set bold(value: boolean) {
    this.queueSet("bold", value, () => this.apply({ bold: value }));
  }
  set italic(value: boolean) {
    this.queueSet("italic", value, () => this.apply({ italic: value }));
  }
  set size(value: number) {
    this.queueSet("size", value, () => this.apply({ size: value }));
  }
  set color(value: string) {
    this.queueSet("color", value, () => this.apply({ color: value }));
  }
  protected snapshot(): Loaded {
    throw invalid("The fake does not load fonts.");
  }
}

class FillProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly apply: (color: string) => void,
  ) {
    super(ctx, path);
  }
  set color(value: string) {
    this.queueSet("color", value, () => this.apply(value));
  }
  protected snapshot(): Loaded {
    throw invalid("The fake does not load fills.");
  }
}

class ConditionalFormatCollectionProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: () => Target,
  ) {
    super(ctx, path);
  }

  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | undefined;
    this.queueCall("add", [type], () => {
      const target = this.target();
      created = { type, address: a1(target.bounds) };
      target.sheet.conditionalFormats.push(created);
    });
    return new ConditionalFormatProxy(this.ctx, `${this.path}.add(${type})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The conditional format was used before it was added.");
      return created;
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load conditional formats.");
  }
}

class ConditionalFormatProxy {
  readonly cellValue: CellValueFormatProxy;
  readonly dataBar: DataBarFormatProxy;

  constructor(ctx: FakeContext, path: string, target: () => FakeConditionalFormat) {
    this.cellValue = new CellValueFormatProxy(ctx, `${path}.cellValue`, target);
    this.dataBar = new DataBarFormatProxy(ctx, `${path}.dataBar`, target);
  }
}

/** The rule types a data bar bound takes (Excel.ConditionalFormatRuleType). */
const DATA_BAR_RULE_TYPES = new Set(["Invalid", "Automatic", "LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"]);

/**
 * DataBarConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.databarconditionalformat):
 * the bounds "must be set as a JSON object (use x.lowerBoundRule = {...} instead of
 * x.lowerBoundRule.formula = ...)", so only whole-object assignment is offered here; the
 * positive bars' colour is positiveFormat.fillColor, an HTML colour "#RRGGBB"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionaldatabarpositiveformat).
 * The data bar of a format added as another type is null in Office: using it fails.
 */
class DataBarFormatProxy extends FakeProxy {
  readonly positiveFormat: { fillColor: string };

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: () => FakeConditionalFormat,
  ) {
    super(ctx, path);
    const queueSet = (prop: string, value: unknown, apply: () => void) => this.queueSet(prop, value, apply);
    const bar = () => this.bar();
    this.positiveFormat = {
      set fillColor(value: string) {
        queueSet("positiveFormat.fillColor", value, () => {
          if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalid(`"${value}" is not a colour of the form #RRGGBB.`);
          bar().barColor = value;
        });
      },
      get fillColor(): string {
        throw invalid("The fake does not load data bar colours.");
      },
    };
  }

  private bar(): FakeConditionalFormat {
    const cf = this.target();
    if (cf.type !== "DataBar") throw invalid("Only a data bar format has a data bar.");
    return cf;
  }

  private bound(value: { type: string; formula?: string }): { type: string; formula?: string } {
    if (!DATA_BAR_RULE_TYPES.has(value.type)) throw invalid(`"${value.type}" is not a conditional format rule type.`);
    return { ...value };
  }

  set lowerBoundRule(value: { type: string; formula?: string }) {
    this.queueSet("lowerBoundRule", value, () => (this.bar().lowerBound = this.bound(value)));
  }

  set upperBoundRule(value: { type: string; formula?: string }) {
    this.queueSet("upperBoundRule", value, () => (this.bar().upperBound = this.bound(value)));
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load data bars.");
  }
}

class CellValueFormatProxy extends FakeProxy {
  readonly format: { readonly fill: FillProxy; readonly font: FontProxy };

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: () => FakeConditionalFormat,
  ) {
    super(ctx, path);
    this.format = {
      fill: new FillProxy(ctx, `${path}.format.fill`, (color) => (this.target().fill = color)),
      font: new FontProxy(ctx, `${path}.format.font`, (change) => {
        if (change.color !== undefined) this.target().font = change.color;
      }),
    };
  }

  set rule(value: { formula1: string; operator: string }) {
    this.queueSet("rule", value, () => {
      const cf = this.target();
      if (cf.type !== "CellValue") throw invalid("Only a cell value format has a cell value rule.");
      cf.rule = { ...value };
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load conditional format rules.");
  }
}

class TableCollectionProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly scope: () => FakeSheet | undefined,
  ) {
    super(ctx, path);
  }

  get items(): TableProxy[] {
    return this.read("items");
  }

  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: FakeTable | undefined;
    this.queueCall("add", [address, hasHeaders], () => {
      const target = typeof address === "string" ? this.resolveAddress(address) : address.resolve();
      if (!hasHeaders) throw invalid("The fake only adds tables whose first row holds the headers.");
      const { sheet, bounds } = target;
      if (bounds.bottom - bounds.top < 1) throw invalid("A table needs a header row and at least one row.");
      if (this.excel.tables.some((t) => t.sheet === sheet && overlaps(t.bounds, bounds)))
        throw invalid("A table can't overlap another table.");
      // Excel makes the header row unique text: blanks become ColumnN, repeats get a number.
      const seen = new Set<string>();
      for (let c = bounds.left; c <= bounds.right; c++) {
        const value = sheet.read(bounds.top, c);
        let header = value === "" ? `Column${c - bounds.left + 1}` : String(value);
        for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${String(value)}${n}`;
        seen.add(header.toLowerCase());
        const cell = sheet.ensure(bounds.top, c);
        delete cell.formula;
        cell.value = header;
      }
      let n = this.excel.tables.length + 1;
      while (this.excel.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      created = { name: `Table${n}`, sheet, bounds };
      this.excel.tables.push(created);
    });
    return new TableProxy(this.ctx, `${this.path}.add()`, () => {
      if (!created || !this.excel.tables.includes(created)) throw new FakeOfficeError("ItemNotFound", "The table doesn't exist.");
      return created;
    });
  }

  private resolveAddress(address: string): Target {
    const bang = address.lastIndexOf("!");
    const sheetName =
      bang >= 0
        ? address
            .slice(0, bang)
            .replace(/^'(.*)'$/, "$1")
            .replace(/''/g, "'")
        : undefined;
    const sheet = sheetName !== undefined ? this.excel.sheet(sheetName) : this.scope();
    const bounds = parseRangeAddress(address);
    if (!sheet || !bounds) throw invalid(`The fake cannot resolve the table address "${address}".`);
    return { sheet, bounds };
  }

  protected snapshot(props: readonly string[]): Loaded {
    const scope = this.scope();
    const tables = this.excel.tables.filter((t) => !scope || t.sheet === scope);
    const items = tables.map((table) => pick(props, { name: () => table.name, style: () => table.style }, "table"));
    return {
      data: { items },
      commit: () => {
        const proxies = tables.map((table, i) => {
          const proxy = new TableProxy(this.ctx, `tables[${table.name}]`, () => {
            if (!this.excel.tables.includes(table)) throw new FakeOfficeError("ItemNotFound", "The table doesn't exist.");
            return table;
          });
          proxy.markLoaded(items[i]);
          return proxy;
        });
        this.markLoaded({ items: proxies });
      },
    };
  }
}

class TableProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly find: () => FakeTable,
  ) {
    super(ctx, path);
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.queueSet("name", value, () => {
      const table = this.find();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(value) || /^[A-Za-z]{1,3}\d+$/.test(value))
        throw invalid(`"${value}" is not a valid table name.`);
      if (this.excel.tables.some((t) => t !== table && t.name.toLowerCase() === value.toLowerCase())) {
        throw new FakeOfficeError("ItemAlreadyExists", `A table named "${value}" already exists.`);
      }
      table.name = value;
    });
  }

  set style(value: string) {
    this.queueSet("style", value, () => (this.find().style = value));
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `${this.path}.worksheet`, () => this.find().sheet);
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.getRange()`, () => {
      const table = this.find();
      return { sheet: table.sheet, bounds: table.bounds };
    });
  }

  protected snapshot(props: readonly string[]): Loaded {
    const table = this.find();
    return { data: pick(props, { name: () => table.name, style: () => table.style }, "table") };
  }
}

class ChartCollectionProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx, path);
  }

  add(type: string, source: RangeProxy, seriesBy = "Auto"): ChartProxy {
    let created: FakeChart | undefined;
    this.queueCall("add", [type, source, seriesBy], () => {
      const sheet = this.sheet();
      const target = source.resolve();
      if (target.sheet !== sheet) throw invalid("The fake charts only data of their own sheet.");
      const { bounds } = target;
      const series: FakeChartSeries[] = [];
      if (seriesBy === "Rows") {
        for (let r = bounds.top; r <= bounds.bottom; r++) series.push({ values: a1({ ...bounds, top: r, bottom: r }) });
      } else {
        for (let c = bounds.left; c <= bounds.right; c++) series.push({ values: a1({ ...bounds, left: c, right: c }) });
      }
      created = { type, source: a1(bounds), series };
      sheet.charts.push(created);
    });
    return new ChartProxy(this.ctx, `${this.path}.add(${type})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The chart was used before it was added.");
      return created;
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load charts.");
  }
}

class ChartProxy extends FakeProxy {
  readonly title: ChartTextProxy;
  readonly legend: ChartLegendProxy;
  readonly series: ChartSeriesCollectionProxy;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly chart: () => FakeChart,
  ) {
    super(ctx, path);
    this.title = new ChartTextProxy(ctx, `${path}.title`, (text) => (this.chart().title = text));
    this.legend = new ChartLegendProxy(ctx, `${path}.legend`, (position) => (this.chart().legend = position));
    this.series = new ChartSeriesCollectionProxy(ctx, `${path}.series`, chart);
  }

  setPosition(startCell: string, endCell?: string): void {
    this.queueCall("setPosition", [startCell, endCell], () => {
      if (!parseRangeAddress(startCell) || (endCell !== undefined && !parseRangeAddress(endCell))) throw invalid("Bad chart position.");
      const chart = this.chart();
      chart.start = startCell;
      chart.end = endCell;
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load charts.");
  }
}

class ChartTextProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly apply: (text: string) => void,
  ) {
    super(ctx, path);
  }
  set text(value: string) {
    this.queueSet("text", value, () => this.apply(value));
  }
  protected snapshot(): Loaded {
    throw invalid("The fake does not load chart titles.");
  }
}

class ChartLegendProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly apply: (position: string) => void,
  ) {
    super(ctx, path);
  }
  set position(value: string) {
    this.queueSet("position", value, () => this.apply(value));
  }
  protected snapshot(): Loaded {
    throw invalid("The fake does not load legends.");
  }
}

class ChartSeriesCollectionProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly chart: () => FakeChart,
  ) {
    super(ctx, path);
  }

  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this.ctx, `${this.path}[${index}]`, () => {
      const series = this.chart().series[index];
      if (!series) throw new FakeOfficeError("ItemNotFound", `The chart has no series ${index}.`);
      return series;
    });
  }

  add(name?: string): ChartSeriesProxy {
    let created: FakeChartSeries | undefined;
    this.queueCall("add", [name], () => {
      created = { name };
      this.chart().series.push(created);
    });
    return new ChartSeriesProxy(this.ctx, `${this.path}.add(${name ?? ""})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The series was used before it was added.");
      return created;
    });
  }

  protected snapshot(): Loaded {
    throw invalid("The fake does not load chart series.");
  }
}

class ChartSeriesProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly series: () => FakeChartSeries,
  ) {
    super(ctx, path);
  }
  set name(value: string) {
    this.queueSet("name", value, () => (this.series().name = value));
  }
  setValues(source: RangeProxy): void {
    this.queueCall("setValues", [source], () => (this.series().values = a1(source.resolve().bounds)));
  }
  setXAxisValues(source: RangeProxy): void {
    this.queueCall("setXAxisValues", [source], () => (this.series().xValues = a1(source.resolve().bounds)));
  }
  /**
   * ChartSeries.format.fill.setSolidColor(color) (ExcelApi 1.1,
   * https://learn.microsoft.com/javascript/api/excel/excel.chartfill#excel-excel-chartfill-setsolidcolor-member(1)):
   * "Sets the fill formatting of a chart element to a uniform color."
   */
  /*
   * ChartSeries.format.line.color (ExcelApi 1.1,
   * https://learn.microsoft.com/javascript/api/excel/excel.chartlineformat#excel-excel-chartlineformat-color-member):
   * "HTML color code representing the color of lines in the chart."
   */
  get format(): { fill: { setSolidColor(color: string): void }; line: { color: string } } {
    const queueSet = (value: string) => this.queueSet("format.line.color", value, () => (this.series().lineColor = value));
    return {
      fill: {
        setSolidColor: (color: string) => this.queueCall("format.fill.setSolidColor", [color], () => (this.series().color = color)),
      },
      line: {
        set color(value: string) {
          queueSet(value);
        },
        get color(): string {
          throw invalid("The fake does not load chart line formats.");
        },
      },
    };
  }
  protected snapshot(): Loaded {
    throw invalid("The fake does not load chart series.");
  }
}

/** Document settings: set changes the open copy, saveAsync keeps it with the file. */
export class FakeSettings {
  private readonly values: Map<string, unknown>;
  private saved: Map<string, unknown>;
  saveCount = 0;

  constructor(stored: Readonly<Record<string, unknown>> = {}) {
    this.values = new Map(Object.entries(stored));
    this.saved = new Map(this.values);
  }

  get(key: string): unknown {
    return this.values.has(key) ? this.values.get(key) : null;
  }

  set(key: string, value: unknown): void {
    // Office stores settings as JSON, so only what survives a round trip through it.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }

  /**
   * Settings.remove (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-remove-member(1)):
   * the key goes from the in-memory copy; the file keeps it until saveAsync.
   */
  remove(key: string): void {
    this.values.delete(key);
  }

  async saveAsync(): Promise<void> {
    this.saveCount++;
    this.saved = new Map(this.values);
  }

  /** The settings as the next session would find them in the file. */
  reopen(): FakeSettings {
    return new FakeSettings(Object.fromEntries(this.saved));
  }
}
