/**
 * The fake's request context and the proxies of the workbook, its worksheets and its tables, each
 * typed against @types/office-js (PartOf in requestQueue.ts): a member the adapter could use that
 * Excel does not have, or one spelt otherwise than Excel's, fails to compile. What each member
 * does to the workbook is the model's (model.ts), with its source there.
 */
import { parseRangeAddress } from "../../src/domain/common/cells";
import { ChartCollectionProxy, type ChartCollectionFace } from "./chartProxies";
import { CustomXmlPartCollectionProxy, type CustomXmlPartCollectionFace } from "./customXmlProxies";
import {
  FakeOfficeError,
  invalid,
  notFound,
  SHEET_COLS,
  SHEET_ROWS,
  type FakeSheet,
  type FakeTable,
  type Target,
  type WorkbookModel,
} from "./model";
import { RangeProxy, type RangeFace } from "./rangeProxies";
import { ClientProxy, pick, type Loaded, type PartOf, type RequestQueue } from "./requestQueue";

type ContextFace = Pick<Excel.RequestContext, "sync"> & { readonly workbook: WorkbookFace };

/** Stands in for Excel.RequestContext: one queue, synced by sync(). */
export class FakeContext implements PartOf<Excel.RequestContext, ContextFace, FakeContext> {
  readonly workbook: WorkbookProxy;

  constructor(private readonly queue: RequestQueue) {
    this.workbook = new WorkbookProxy(queue);
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    await this.queue.sync();
    return passThroughValue as T;
  }
}

type WorkbookFace = {
  readonly customXmlParts: CustomXmlPartCollectionFace;
  readonly worksheets: WorksheetCollectionFace;
  readonly tables: TableCollectionFace;
  readonly application: ApplicationFace;
  readonly protection: WorkbookProtectionFace;
};

class WorkbookProxy implements PartOf<Excel.Workbook, WorkbookFace, WorkbookProxy> {
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: ApplicationProxy;
  readonly protection: WorkbookProtectionProxy;

  constructor(queue: RequestQueue) {
    const model = queue.workbook;
    this.customXmlParts = new CustomXmlPartCollectionProxy(queue, "customXmlParts", () => model);
    this.worksheets = new WorksheetCollectionProxy(queue, "worksheets", () => model);
    this.tables = new TableCollectionProxy(queue, "tables", () => ({ model }));
    this.application = new ApplicationProxy(queue);
    this.protection = new WorkbookProtectionProxy(queue, "protection", () => model);
  }
}

type ApplicationFace = Pick<
  Excel.Application,
  | "suspendApiCalculationUntilNextSync"
  | "suspendScreenUpdatingUntilNextSync"
  | "decimalSeparator"
  | "thousandsSeparator"
  | "useSystemSeparators"
> & {
  readonly cultureInfo: CultureInfoFace;
  load(propertyNames?: string | string[]): ApplicationFace;
};

/**
 * Application.suspendApiCalculationUntilNextSync, suspendScreenUpdatingUntilNextSync: "Suspends
 * calculation until the next context.sync() is called", "Suspends screen updating until the next
 * context.sync() is called" (https://learn.microsoft.com/javascript/api/excel/excel.application).
 * The fake does not calculate or draw: it records the suspension on the sync that carries it.
 * That the calls cost no request bytes is a belief.
 */
class ApplicationProxy extends ClientProxy<WorkbookModel> implements PartOf<Excel.Application, ApplicationFace, ApplicationProxy> {
  readonly cultureInfo: CultureInfoProxy;

  constructor(queue: RequestQueue) {
    super(queue, "application", () => queue.workbook);
    this.cultureInfo = new CultureInfoProxy(queue);
  }

  /**
   * decimalSeparator and thousandsSeparator: "Gets the string used as the decimal separator for
   * numeric values. This is based on the local Excel settings"; useSystemSeparators: "Specifies if
   * the system separators of Excel are enabled" (https://learn.microsoft.com/javascript/api/excel/excel.application,
   * ExcelApi 1.11). With the system's separators in use, Excel's are the system culture's: a belief
   * the documentation implies ("based on the local Excel settings") rather than states.
   */
  get decimalSeparator(): string {
    return this.read("decimalSeparator");
  }

  get thousandsSeparator(): string {
    return this.read("thousandsSeparator");
  }

  get useSystemSeparators(): boolean {
    return this.read("useSystemSeparators");
  }

  protected override snapshot(props: readonly string[], model: WorkbookModel): Loaded {
    const own = model.excelSeparators;
    return {
      data: pick(
        props,
        {
          decimalSeparator: () => own?.decimalSeparator ?? model.culture.numberDecimalSeparator,
          thousandsSeparator: () => own?.thousandsSeparator ?? model.culture.numberGroupSeparator,
          useSystemSeparators: () => own === undefined,
        },
        "application",
      ),
    };
  }

  suspendApiCalculationUntilNextSync(): void {
    this.queue.enqueue({
      label: "application.suspendApiCalculationUntilNextSync()",
      bytes: 0,
      write: false,
      run: (s) => (s.record.suspendedCalculation = true),
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.queue.enqueue({
      label: "application.suspendScreenUpdatingUntilNextSync()",
      bytes: 0,
      write: false,
      run: (s) => (s.record.suspendedScreenUpdating = true),
    });
  }
}

type CultureInfoFace = { readonly numberFormat: NumberFormatInfoFace };

/**
 * Application.cultureInfo (https://learn.microsoft.com/javascript/api/excel/excel.cultureinfo,
 * ExcelApi 1.11): "Provides information based on current system culture settings"; its
 * numberFormat is a NumberFormatInfo. Reaching it queues nothing: only a load does.
 */
class CultureInfoProxy implements PartOf<Excel.CultureInfo, CultureInfoFace, CultureInfoProxy> {
  readonly numberFormat: NumberFormatInfoProxy;

  constructor(queue: RequestQueue) {
    this.numberFormat = new NumberFormatInfoProxy(queue, "application.cultureInfo.numberFormat", () => queue.workbook);
  }
}

type NumberFormatInfoFace = Pick<Excel.NumberFormatInfo, "numberDecimalSeparator" | "numberGroupSeparator"> & {
  load(propertyNames?: string | string[]): NumberFormatInfoFace;
};

/**
 * NumberFormatInfo (https://learn.microsoft.com/javascript/api/excel/excel.numberformatinfo,
 * ExcelApi 1.11): numberDecimalSeparator, "the string used as the decimal separator for numeric
 * values", and numberGroupSeparator, "the string used to separate groups of digits to the left of
 * the decimal", both "based on current system settings" (the model's `culture`), readable once loaded.
 */
class NumberFormatInfoProxy
  extends ClientProxy<WorkbookModel>
  implements PartOf<Excel.NumberFormatInfo, NumberFormatInfoFace, NumberFormatInfoProxy>
{
  get numberDecimalSeparator(): string {
    return this.read("numberDecimalSeparator");
  }

  get numberGroupSeparator(): string {
    return this.read("numberGroupSeparator");
  }

  protected override snapshot(props: readonly string[], model: WorkbookModel): Loaded {
    const culture = model.culture;
    return {
      data: pick(
        props,
        { numberDecimalSeparator: () => culture.numberDecimalSeparator, numberGroupSeparator: () => culture.numberGroupSeparator },
        "number format info",
      ),
    };
  }
}

type WorkbookProtectionFace = Pick<Excel.WorkbookProtection, "protected"> & {
  load(propertyNames?: string | string[]): WorkbookProtectionFace;
};

/**
 * Workbook.protection (https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection,
 * ExcelApi 1.7): `protected`, "Specifies if the workbook is protected", readable once loaded.
 */
class WorkbookProtectionProxy
  extends ClientProxy<WorkbookModel>
  implements PartOf<Excel.WorkbookProtection, WorkbookProtectionFace, WorkbookProtectionProxy>
{
  get protected(): boolean {
    return this.read("protected");
  }

  protected override snapshot(props: readonly string[], model: WorkbookModel): Loaded {
    return { data: pick(props, { protected: () => model.structureProtected }, "workbook protection") };
  }
}

type WorksheetCollectionFace = {
  readonly items: WorksheetFace[];
  getItem(key: string): WorksheetFace;
  add(name?: string): WorksheetFace;
  load(propertyNames?: string | string[]): WorksheetCollectionFace;
};

class WorksheetCollectionProxy
  extends ClientProxy<WorkbookModel>
  implements PartOf<Excel.WorksheetCollection, WorksheetCollectionFace, WorksheetCollectionProxy>
{
  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  /**
   * WorksheetCollection.getItem: "Gets a worksheet object using its name or ID"; a name not in the
   * workbook fails with ItemNotFound
   * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
   */
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.queue, `worksheets[${key}]`, () => {
      const sheet = this.resolve().sheet(key);
      if (!sheet) throw notFound(`worksheet "${key}"`);
      return sheet;
    });
  }

  add(name?: string): WorksheetProxy {
    let created: FakeSheet | undefined;
    this.queueCall("add", [name], (model) => (created = model.createSheet(name)));
    return new WorksheetProxy(this.queue, `worksheets.add(${name ?? ""})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The worksheet was used before it was added.");
      return created;
    });
  }

  protected override snapshot(props: readonly string[], model: WorkbookModel): Loaded {
    const sheets = [...model.sheets];
    const items = sheets.map((sheet) => pick(props, { name: () => sheet.name, position: () => model.sheets.indexOf(sheet) }, "worksheet"));
    return {
      data: { items },
      commit: () => {
        const proxies = sheets.map((sheet, i) => {
          const proxy = new WorksheetProxy(this.queue, `worksheets[${sheet.name}]`, () => sheet);
          proxy.markLoaded(items[i]);
          return proxy;
        });
        this.markLoaded({ items: proxies });
      },
    };
  }
}

type WorksheetFace = Pick<Excel.Worksheet, "name" | "position" | "tabColor" | "delete" | "activate"> & {
  readonly tables: TableCollectionFace;
  readonly charts: ChartCollectionFace;
  getRange(address?: string): RangeFace;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeFace;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeFace;
  load(propertyNames?: string | string[]): WorksheetFace;
};

/** Worksheet (https://learn.microsoft.com/javascript/api/excel/excel.worksheet); the rules of each change are the model's. */
class WorksheetProxy extends ClientProxy<FakeSheet> implements PartOf<Excel.Worksheet, WorksheetFace, WorksheetProxy> {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;

  constructor(queue: RequestQueue, path: string, find: () => FakeSheet) {
    super(queue, path, () => {
      const sheet = find();
      return sheet.deleted ? null : sheet;
    });
    this.tables = new TableCollectionProxy(queue, `${path}.tables`, () => ({ model: this.model, sheet: this.resolve() }));
    this.charts = new ChartCollectionProxy(queue, `${path}.charts`, () => this.resolve());
  }

  private get model(): WorkbookModel {
    return this.queue.workbook;
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.queueSet("name", value, (sheet) => this.model.renameSheet(sheet, value));
  }

  get position(): number {
    return this.read("position");
  }

  set position(value: number) {
    this.queueSet("position", value, (sheet) => this.model.moveSheet(sheet, value));
  }

  get tabColor(): string {
    return this.read("tabColor");
  }

  /** Worksheet.tabColor: "a color, in the form #RRGGBB" (Worksheet page above). */
  set tabColor(value: string) {
    this.queueSet("tabColor", value, (sheet) => (sheet.tabColor = value));
  }

  delete(): void {
    this.queueCall("delete", [], (sheet) => this.model.deleteSheet(sheet));
  }

  /** Worksheet.activate: "Activate the worksheet in the Excel UI" (Worksheet page above). */
  activate(): void {
    this.queueCall("activate", [], (sheet) => (this.model.activeSheet = sheet));
  }

  /** Worksheet.getRange: "If not specified, the entire worksheet range is returned" (Worksheet page above). */
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.queue, `${this.path}.getRange(${address ?? ""})`, () => {
      const sheet = this.resolve();
      if (address === undefined) return { sheet, bounds: { top: 0, left: 0, bottom: SHEET_ROWS - 1, right: SHEET_COLS - 1 } };
      const bounds = parseRangeAddress(address);
      if (!bounds || address.includes("!")) throw invalid(`The fake cannot resolve the address "${address}".`);
      return { sheet, bounds };
    });
  }

  /** Worksheet.getRangeByIndexes: zero-based start row and column, and a count of each (Worksheet page above). */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.queue, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
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

  /** A null object when the sheet has no used cell (model.ts, usedBounds). */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.queue, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, () => {
      const sheet = this.resolve();
      const bounds = sheet.usedBounds(valuesOnly);
      return bounds ? { sheet, bounds } : null;
    });
  }

  protected override snapshot(props: readonly string[], sheet: FakeSheet | null): Loaded {
    if (!sheet) return { data: { isNullObject: true } };
    const data = pick(props, { name: () => sheet.name, position: () => this.model.sheets.indexOf(sheet) }, "worksheet");
    return { data: { isNullObject: false, ...data } };
  }
}

type TableCollectionFace = {
  readonly items: TableFace[];
  add(address: RangeFace | string, hasHeaders: boolean): TableFace;
  load(propertyNames?: string | string[]): TableCollectionFace;
};

/** The workbook's tables, or one sheet's. */
interface TableScope {
  readonly model: WorkbookModel;
  readonly sheet?: FakeSheet;
}

class TableCollectionProxy
  extends ClientProxy<TableScope>
  implements PartOf<Excel.TableCollection, TableCollectionFace, TableCollectionProxy>
{
  get items(): TableProxy[] {
    return this.read("items");
  }

  /** TableCollection.add: "The range object or source address determines the worksheet under which the table will be added" (model.ts, addTable). */
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: FakeTable | undefined;
    this.queueCall("add", [address, hasHeaders], (scope) => {
      const target = typeof address === "string" ? resolveAddress(scope, address) : address.resolve();
      created = scope.model.addTable(target, hasHeaders);
    });
    return new TableProxy(this.queue, `${this.path}.add()`, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "The table doesn't exist.");
      return created;
    });
  }

  protected override snapshot(props: readonly string[], scope: TableScope): Loaded {
    const tables = scope.model.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet);
    const items = tables.map((table) => pick(props, { name: () => table.name, style: () => table.style }, "table"));
    return {
      data: { items },
      commit: () => {
        const proxies = tables.map((table, i) => {
          const proxy = new TableProxy(this.queue, `tables[${table.name}]`, () => table);
          proxy.markLoaded(items[i]);
          return proxy;
        });
        this.markLoaded({ items: proxies });
      },
    };
  }
}

/** An address on the collection's own sheet ("A1:B3"); the fake adds tables through a worksheet only. */
function resolveAddress(scope: TableScope, address: string): Target {
  const bounds = parseRangeAddress(address);
  if (!scope.sheet || !bounds || address.includes("!")) throw invalid(`The fake cannot resolve the table address "${address}".`);
  return { sheet: scope.sheet, bounds };
}

type TableFace = Pick<Excel.Table, "name" | "style"> & {
  readonly worksheet: WorksheetFace;
  getRange(): RangeFace;
};

/** Table (https://learn.microsoft.com/javascript/api/excel/excel.table); a table deleted with its sheet is ItemNotFound. */
class TableProxy extends ClientProxy<FakeTable> implements PartOf<Excel.Table, TableFace, TableProxy> {
  constructor(queue: RequestQueue, path: string, find: () => FakeTable) {
    super(queue, path, () => {
      const table = find();
      return queue.workbook.tables.includes(table) ? table : null;
    });
  }

  private get model(): WorkbookModel {
    return this.queue.workbook;
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.queueSet("name", value, (table) => this.model.renameTable(table, value));
  }

  get style(): string {
    return this.read("style");
  }

  set style(value: string) {
    this.queueSet("style", value, (table) => (table.style = value));
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.queue, `${this.path}.worksheet`, () => this.resolve().sheet);
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.queue, `${this.path}.getRange()`, () => {
      const table = this.resolve();
      return { sheet: table.sheet, bounds: table.bounds };
    });
  }
}
