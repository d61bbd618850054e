/**
 * The .xlsx implementation of the workbook interface, for the command line. It refuses files
 * that are not .xlsx before handing them to exceljs, never writes to the file it read unless told
 * to, and saves through a temporary file so that an interrupted run leaves no half-written file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import ExcelJS from "exceljs";
import type { CellValue, SheetData, SheetTable } from "../domain/cells";
import { NUMBER_FORMATS, OWNER_MARKER, OWNER_MARKER_ROWS, type OutCell, type OutStyle, type OutTable, type ReportLayout, type StatusRule } from "../domain/reportLayout";
import { ForeignSheetError, type WorkbookPort } from "./port";

export class XlsxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxReadError";
  }
}

export class XlsxWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxWriteError";
  }
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: a legacy .xls, or an .xlsx that Excel encrypted with a password.
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(512);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const byte of head) if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable++;
  return printable / head.length > 0.95;
}

/** Says in plain words why a file cannot be read as an .xlsx workbook, or nothing when it can be tried. */
function checkFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new XlsxReadError(`${file} was not found. Check the path and the file name.`);
  }
  if (stat.isDirectory()) throw new XlsxReadError(`${file} is a folder, not an .xlsx workbook.`);
  if (stat.size === 0) throw new XlsxReadError(`${file} is empty (0 bytes). Open the plan in Excel and save it again as .xlsx.`);
  let head: Buffer;
  try {
    head = readHead(file);
  } catch (error) {
    throw new XlsxReadError(`${file} cannot be opened for reading (${(error as NodeJS.ErrnoException).code ?? "unknown error"}). Check its permissions, or close the program that locks it.`);
  }
  if (head.subarray(0, 8).equals(OLE2_SIGNATURE)) {
    throw new XlsxReadError(`${file} is a legacy .xls workbook or an .xlsx protected with a password. Open it in Excel, remove the password if there is one, and save it as Excel Workbook (.xlsx).`);
  }
  if (!head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    const what = looksLikeText(head) ? "it looks like text, such as a CSV file" : "its content is not in the .xlsx format";
    throw new XlsxReadError(`${file} is not an .xlsx workbook: ${what}. Open it in Excel and save it as Excel Workbook (.xlsx).`);
  }
}

export async function openXlsx(file: string): Promise<XlsxFile> {
  checkFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new XlsxReadError(`${file} could not be read as an .xlsx workbook; it may be damaged or cut short (${reason}). Open it in Excel to repair it, or use a saved copy.`);
  }
  return new XlsxFile(workbook);
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    // A formula counts as the value Excel last computed for it.
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) return null;
    return cellValue(result as ExcelJS.CellValue);
  }
  if ("hyperlink" in value) return cellValue(value.text as ExcelJS.CellValue);
  return null;
}

function tableRange(table: ExcelJS.Table): string | undefined {
  // exceljs keeps the loaded table's full reference under `tableRef`; a new one under `ref`.
  const model = (table as unknown as { table?: { tableRef?: string; ref?: string; name?: string } }).table;
  return model?.tableRef ?? model?.ref;
}

function tablesOf(worksheet: ExcelJS.Worksheet): SheetTable[] {
  const tables: SheetTable[] = [];
  for (const entry of worksheet.getTables() as unknown as ExcelJS.Table[]) {
    const range = tableRange(entry);
    const name = (entry as unknown as { table?: { name?: string } }).table?.name;
    if (range && name) tables.push({ name, range });
  }
  return tables;
}

function readWorksheet(worksheet: ExcelJS.Worksheet): SheetData {
  const rows: { row: number; cells: { col: number; value: CellValue }[] }[] = [];
  let top = Infinity;
  let left = Infinity;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: { col: number; value: CellValue }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = cellValue(cell.value);
      if (value === null) return;
      cells.push({ col: colNumber - 1, value });
      if (colNumber - 1 < left) left = colNumber - 1;
    });
    if (cells.length === 0) return;
    if (rowNumber - 1 < top) top = rowNumber - 1;
    rows.push({ row: rowNumber - 1, cells });
  });
  if (rows.length === 0) return { name: worksheet.name, values: [], origin: { row: 0, col: 0 }, tables: tablesOf(worksheet) };
  const values: CellValue[][] = [];
  for (const { row, cells } of rows) {
    const line: CellValue[] = [];
    for (const { col, value } of cells) line[col - left] = value;
    for (let i = 0; i < line.length; i++) if (line[i] === undefined) line[i] = null;
    values[row - top] = line;
  }
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
  return { name: worksheet.name, values, origin: { row: top, col: left }, tables: tablesOf(worksheet) };
}

const STYLE_FONTS: Readonly<Record<OutStyle, Partial<ExcelJS.Font>>> = {
  title: { bold: true, size: 14 },
  section: { bold: true, size: 12 },
  label: { bold: true },
  note: { italic: true, color: { argb: "FF595959" } },
};

function writeCell(worksheet: ExcelJS.Worksheet, cell: OutCell): void {
  const target = worksheet.getCell(cell.row + 1, cell.col + 1);
  // Plain strings never become formulas in exceljs: only { formula } objects do.
  target.value = cell.value;
  if (cell.format) target.numFmt = NUMBER_FORMATS[cell.format];
  if (cell.style) target.font = STYLE_FONTS[cell.style];
}

function a1(row: number, col: number): string {
  let letters = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

function writeTable(worksheet: ExcelJS.Worksheet, table: OutTable, rules: readonly StatusRule[]): void {
  worksheet.addTable({
    name: table.name,
    ref: a1(table.row, table.col),
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: table.rows.map((r) => [...r]),
  });
  table.columns.forEach((column, c) => {
    if (!column.format) return;
    for (let r = 0; r < table.rows.length; r++) {
      const format = table.cellFormats?.[r]?.[c] ?? column.format;
      worksheet.getCell(table.row + 2 + r, table.col + c + 1).numFmt = NUMBER_FORMATS[format];
    }
  });
  const first = table.row + 1;
  const last = table.row + table.rows.length;
  for (const c of table.statusColumns) {
    const ref = `${a1(first, table.col + c)}:${a1(last, table.col + c)}`;
    worksheet.addConditionalFormatting({
      ref,
      rules: rules.map((rule, i) => ({
        type: "cellIs",
        operator: "equal",
        // A quoted string literal: the user's text never reaches this formula, only our status words.
        formulae: [`"${rule.text}"`],
        priority: i + 1,
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${rule.fill}` } },
          font: { color: { argb: `FF${rule.font}` } },
        },
      })),
    });
  }
}

function ownedByAddIn(worksheet: ExcelJS.Worksheet): boolean {
  for (let row = 1; row <= OWNER_MARKER_ROWS; row++) {
    if (cellValue(worksheet.getCell(row, 1).value) === OWNER_MARKER) return true;
  }
  return false;
}

type Ordered = { orderNo: number };

export class XlsxFile implements WorkbookPort {
  constructor(private readonly workbook: ExcelJS.Workbook) {}

  async readSheets(): Promise<SheetData[]> {
    return this.workbook.worksheets.map(readWorksheet);
  }

  async writeReport(layout: ReportLayout): Promise<void> {
    const existing = this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === layout.sheetName.toLowerCase());
    let orderNo: number | undefined;
    if (existing) {
      if (!ownedByAddIn(existing)) throw new ForeignSheetError(existing.name);
      orderNo = (existing as unknown as Ordered).orderNo;
      this.workbook.removeWorksheet(existing.id);
    }
    const worksheet = this.workbook.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF0F6CBD" } } });
    // Put a replaced report back where the planner had it among the sheets.
    if (orderNo !== undefined) (worksheet as unknown as Ordered).orderNo = orderNo;
    layout.columnWidths.forEach((width, i) => {
      worksheet.getColumn(i + 1).width = width;
    });
    for (const cell of layout.cells) writeCell(worksheet, cell);
    for (const table of layout.tables) writeTable(worksheet, table, layout.statusRules);
  }

  /** Writes next to the target first and renames, so the target is either old or complete. */
  async save(target: string): Promise<void> {
    const dir = path.dirname(path.resolve(target));
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
    try {
      await this.workbook.xlsx.writeFile(temp);
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "the folder does not exist" : code === "EBUSY" ? "the file is open in another program" : (error as Error).message;
      throw new XlsxWriteError(`Could not write ${target} (${why}). Close it if it is open in Excel, or choose another place with --out.`);
    }
  }
}
