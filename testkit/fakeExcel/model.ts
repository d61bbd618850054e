/**
 * The fake Excel's workbook: its sheets, cells, tables, formats and charts as Excel would hold
 * them, and the rules Excel applies when they change. Nothing here knows of proxies or requests
 * (requestQueue.ts, proxies/*): a change is applied when the queue runs the action that asks for it.
 * Each rule gives its source, or says it is a belief (in the style of excelRuntime.ts); none is
 * taken from src/, so that the fake and the adapter cannot share a wrong belief.
 */
import { SaxesParser } from "saxes";
import { cellAddress, parseRangeAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";

/** Rows of Excel's grid (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
export const SHEET_ROWS = 1_048_576;
/** Columns of Excel's grid (same page). */
export const SHEET_COLS = 16_384;

/**
 * An error as Office.js raises it: a `code` of OfficeExtension.ErrorCodes or Excel.ErrorCodes and
 * a message (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling,
 * "API errors"). The name is the "RichAPI.Error" of the resource limits page
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * the messages are the fake's own wording unless a test needs Excel's.
 */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", message);
}

export function notFound(what: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${what}.`);
}

type FakeValue = string | number | boolean;

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
}

/** Zero-based, inclusive. */
export interface Bounds {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A range of a sheet, as a proxy resolves it when its action runs. */
export interface Target {
  readonly sheet: FakeSheet;
  readonly bounds: Bounds;
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

/**
 * A custom XML part of the workbook (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpart,
 * ExcelApi 1.5): "The custom XML part's ID", "The custom XML part's namespace URI", and its "full
 * XML content" as getXml gives it and setXml sets it.
 */
export interface FakeCustomXmlPart {
  readonly id: string;
  xml: string;
  namespaceUri: string;
}

export function a1(bounds: Bounds): string {
  const from = cellAddress(bounds.top, bounds.left);
  const to = cellAddress(bounds.bottom, bounds.right);
  return from === to ? from : `${from}:${to}`;
}

export const rowsOf = (bounds: Bounds) => bounds.bottom - bounds.top + 1;
export const colsOf = (bounds: Bounds) => bounds.right - bounds.left + 1;

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/**
 * A sheet name quoted as Excel quotes it in an address ('Moments of Truth'!A1): when it holds
 * anything but letters, digits, "_" and ".", or reads as a cell. Belief: Microsoft publishes no
 * rule; this one is observed in Excel's addresses.
 */
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Whether Excel takes a sheet name. Worksheet.name: "The name must be fewer than 32 characters"
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member);
 * "Rename a worksheet" (https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9):
 * not blank, none of / \ ? * : [ ], no apostrophe first or last, not "History". That Office.js
 * refuses such a name with InvalidArgument is a belief: the pages give no code.
 */
function checkSheetName(name: string): void {
  const bad =
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === "history";
  if (bad) throw invalid(`"${name}" is not a valid sheet name.`);
}

/**
 * Whether Excel takes a table name. "Rename an Excel table"
 * (https://support.microsoft.com/office/rename-an-excel-table-017b31f8-3b46-4415-8f2c-7b7c27d5081b):
 * a letter, "_" or "\" first, then letters, digits, "." and "_"; not a cell reference; at most 255
 * characters. The code InvalidArgument is a belief.
 */
function checkTableName(name: string): void {
  const bad = !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || name.length > 255;
  if (bad) throw invalid(`"${name}" is not a valid table name.`);
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

  /**
   * The value as Range.values gives it: "" for a blank cell ("Blank and null values",
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values). The fake
   * does not calculate: a formula reads back as #NAME?.
   */
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

  /**
   * Bounds of the used cells. Worksheet.getUsedRangeOrNullObject: "the smallest range that
   * encompasses any cells that have a value or formatting assigned to them"; with valuesOnly,
   * "Considers only cells with values as used cells"
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrangeornullobject-member(1)).
   * That a number format or font counts as formatting and a column width does not is a belief.
   */
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

  /**
   * Writes one value as Excel does when `values` receives it.
   * - null leaves the cell as it is, "" clears it ("Blank and null values", above: "specify null
   *   for all other cells"; "If you specify a blank value for the values property of a range, the
   *   content of the range is cleared").
   * - A string on a cell not formatted as text ("@") is taken as if typed. Range.values
   *   (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member):
   *   "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
   *   interprets this value as a formula". That "@x" becomes a formula too, "12" or "5%" a number
   *   and "TRUE" a flag is a belief, from typing them into Excel; so is "@" keeping any string as
   *   text.
   */
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

  /**
   * Sets one number format: null leaves it, "" resets it to General ("Blank and null values",
   * above: "If you specify a blank value for the numberFormat property, the number format is
   * reset to General").
   */
  setNumberFormat(row: number, col: number, format: string | null): void {
    if (format === null) return;
    const cell = this.ensure(row, col);
    if (format === "" || format === "General") delete cell.numberFormat;
    else cell.numberFormat = format;
  }
}

/**
 * The workbook: its sheets in tab order, its tables, the active sheet and the selection. Sheet
 * and table names are unique ignoring case ("Rename a worksheet", above: not "the same as an
 * existing worksheet name"; "Rename an Excel table", above: "Excel doesn't distinguish between
 * upper and lowercase characters in names"), so the fake finds both by name ignoring case; that
 * getItem does so is a belief.
 */
export class WorkbookModel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  activeSheet?: FakeSheet;
  selection?: { sheet: string; address: string };
  /** Review > Protect Workbook: read through Workbook.protection.protected (ExcelApi 1.7). */
  structureProtected = false;
  /**
   * The system's number separators, read through Application.cultureInfo.numberFormat
   * (ExcelApi 1.11); en-US's unless a test sets a culture (de-DE: "," and ".").
   */
  culture = { numberDecimalSeparator: ".", numberGroupSeparator: "," };
  /**
   * Excel's own separators when File > Options > Advanced > "Use system separators" is off, read
   * through Application.decimalSeparator, thousandsSeparator and useSystemSeparators (ExcelApi
   * 1.11); undefined while Excel uses the system's.
   */
  excelSeparators?: { decimalSeparator: string; thousandsSeparator: string };
  /** Workbook.customXmlParts, in the order they were added. */
  readonly customXmlParts: FakeCustomXmlPart[] = [];
  private customXmlIds = 0;

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

  /**
   * WorksheetCollection.add: "The worksheet will be added at the end of existing worksheets"; "If
   * not specified, Excel determines the name of the new worksheet"
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)).
   * That the name it determines is the first free SheetN, and that a taken name fails with
   * ItemAlreadyExists ("The resource being created already exists", error page above), are beliefs.
   */
  createSheet(name?: string): FakeSheet {
    let chosen = name;
    for (let n = this.sheets.length + 1; !chosen; n++) if (!this.sheet(`Sheet${n}`)) chosen = `Sheet${n}`;
    checkSheetName(chosen);
    if (this.sheet(chosen)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${chosen}" already exists.`);
    const sheet = new FakeSheet(chosen);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    const other = this.sheet(name);
    if (other && other !== sheet) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
    checkSheetName(name);
    sheet.name = name;
  }

  /** Worksheet.position: "The zero-based position of the worksheet within the workbook" (Worksheet page above). */
  moveSheet(sheet: FakeSheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw invalid(`Position ${position} is out of range.`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  /**
   * Worksheet.delete (Worksheet page above); its tables go with it. Belief: that Excel refuses to
   * delete the last sheet with InvalidOperation, as its own interface refuses it ("A workbook must
   * contain at least one visible worksheet"); the API pages do not say.
   */
  deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.length <= 1) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
  }

  /**
   * TableCollection.add(address, hasHeaders)
   * (https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)):
   * "If the table cannot be added (e.g., because the address is invalid, or the table would
   * overlap with another table), an error will be thrown"; the code of an overlap is
   * MergedRangeConflict, "A table can't overlap with another table" (error page above). Beliefs,
   * from Excel's interface: the header row becomes unique text (a blank header ColumnN, a repeated
   * one numbered), and the table is named TableN, the first N free. A table without headers,
   * which Excel would give generated ones, the fake refuses.
   */
  addTable({ sheet, bounds }: Target, hasHeaders: boolean): FakeTable {
    if (!hasHeaders) throw invalid("The fake only adds tables whose first row holds the headers.");
    if (bounds.bottom - bounds.top < 1) throw invalid("A table needs a header row and at least one row.");
    if (this.tables.some((t) => t.sheet === sheet && overlaps(t.bounds, bounds)))
      throw new FakeOfficeError("MergedRangeConflict", "A table can't overlap another table.");
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
    let n = this.tables.length + 1;
    while (this.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
    const table: FakeTable = { name: `Table${n}`, sheet, bounds };
    this.tables.push(table);
    return table;
  }

  /** Table.name: "must follow the guidelines specified in the Rename an Excel table article" (above). */
  renameTable(table: FakeTable, name: string): void {
    checkTableName(name);
    if (this.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) {
      throw new FakeOfficeError("ItemAlreadyExists", `A table named "${name}" already exists.`);
    }
    table.name = name;
  }

  /**
   * Range.select: "Selects the specified range in the Excel UI"
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-select-member(1)).
   * Belief: a range on another sheet than the active one is refused with InvalidSelection ("The
   * current selection is invalid for this operation", error page above), as in Excel's interface.
   */
  select({ sheet, bounds }: Target): void {
    if (this.activeSheet !== sheet) throw new FakeOfficeError("InvalidSelection", "Only a range on the active sheet can be selected.");
    this.selection = { sheet: sheet.name, address: a1(bounds) };
  }

  /**
   * CustomXmlPartCollection.add(xml): "Adds a new custom XML part to the workbook"; its xml "Must
   * be a valid XML fragment" (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection).
   * Beliefs: XML that is not well formed is refused with InvalidArgument; the part's namespaceUri
   * is its root element's namespace (getByNamespace "Gets a new scoped collection of custom XML
   * parts whose namespaces match the given namespace", same page); its id is a GUID in braces, as
   * Office gives custom XML parts (the itemID of ECMA-376 Part 1, §22.5.2.1).
   */
  addCustomXmlPart(xml: string): FakeCustomXmlPart {
    const part: FakeCustomXmlPart = {
      id: `{${(++this.customXmlIds).toString(16).toUpperCase().padStart(8, "0")}-0000-4000-8000-000000000000}`,
      xml,
      namespaceUri: rootNamespaceOf(xml),
    };
    this.customXmlParts.push(part);
    return part;
  }

  /** CustomXmlPart.setXml: "Sets the custom XML part's full XML content" (CustomXmlPart page above); the same beliefs as add. */
  setCustomXml(part: FakeCustomXmlPart, xml: string): void {
    part.namespaceUri = rootNamespaceOf(xml);
    part.xml = xml;
  }

  /** CustomXmlPart.delete: "Deletes the custom XML part" (CustomXmlPart page above). */
  deleteCustomXmlPart(part: FakeCustomXmlPart): void {
    this.customXmlParts.splice(this.customXmlParts.indexOf(part), 1);
  }

  /** Range.address: "Address value contains the sheet reference (e.g., "Sheet1!A1:B4")" (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-address-member). */
  addressOf(target: Target): string {
    return `${quoteSheet(target.sheet.name)}!${a1(target.bounds)}`;
  }
}

/** The namespace of a part's root element, read by saxes (a conforming parser, not the adapter's reader); InvalidArgument when the XML is not well formed. */
function rootNamespaceOf(xml: string): string {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let namespace: string | undefined;
  let failure: Error | undefined;
  parser.on("opentag", (tag) => (namespace ??= tag.uri));
  parser.on("error", (error) => (failure ??= error));
  parser.write(xml).close();
  if (failure || namespace === undefined) throw invalid(`The XML is not valid: ${failure?.message ?? "it has no element"}.`);
  return namespace;
}

/** What Excel holds for a value of the engine's SheetData: a date as its serial number, an error as its text. */
function seedValue(value: CellValue): FakeValue | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
  if (typeof value === "object") return "error" in value ? value.error : undefined;
  return value;
}
