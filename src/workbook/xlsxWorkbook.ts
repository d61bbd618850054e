/**
 * The .xlsx implementation of the workbook interface, for the command line (exceljs, no Office.js).
 * Files that are not .xlsx are refused with a plain-words reason before exceljs sees them, the input
 * file is only ever read, and saving goes through a temporary file so that a failed write never
 * leaves a half-written workbook behind.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fsp } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { cellAddress, parseRangeAddress, type CellValue, type SheetData, type SheetTable } from "../domain/cells";
import { checkTableNames, isOwnerMarker, OWNER_MARKER_ROWS } from "../domain/ownership";
import { NUMBER_FORMATS } from "../domain/reportStyle";
import { ForeignSheetError, UnreadableWorkbookError, UnwritableOutputError } from "../domain/stopErrors";
import {
  type OutCell,
  type OutFormat,
  type OutStyle,
  type OutTable,
  type OutValue,
  type ReportLayout,
  type StatusRule,
} from "../domain/reportLayout";
import type { WorkbookPort } from "./port";

/** Kept names for the two stop errors of a file: what cannot be read, and what cannot be saved. */
export { UnreadableWorkbookError as XlsxReadError, UnwritableOutputError as XlsxWriteError };

// ---------------------------------------------------------------------------------------------
// Opening a file

const SAVE_AS_XLSX = "Open it in Excel and save it as Excel Workbook (.xlsx).";
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// Compound File Binary: both a legacy .xls and an .xlsx that Excel encrypted with a password use it.
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** A CSV or other text file: no NUL bytes and almost only printable characters near the start. */
function looksLikeText(bytes: Buffer): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true; // UTF-16 byte order marks
  const sample = bytes.subarray(0, 4096);
  let printable = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    // Bytes from 0x80 up belong to UTF-8 letters such as é or ü, which CSV files are full of.
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable++;
  }
  return printable / sample.length > 0.95;
}

async function readInputFile(file: string): Promise<Buffer> {
  try {
    const stat = await fsp.stat(file);
    if (stat.isDirectory()) throw new UnreadableWorkbookError(`"${file}" is a folder, not an .xlsx workbook. Give the path of the workbook file itself.`);
    return await fsp.readFile(file);
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UnreadableWorkbookError(`The workbook "${file}" was not found. Check the path and the file name.`);
    if (code === "EACCES" || code === "EPERM") throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read: permission denied. Check the file's permissions.`);
    if (code === "EBUSY") throw new UnreadableWorkbookError(`The workbook "${file}" is locked by another program. Close it there and try again.`);
    throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read (${describeError(error)}).`);
  }
}

/** Refuses content that is certainly no .xlsx, so exceljs never has to guess. */
function checkSignature(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError(`"${file}" is empty (0 bytes). ${SAVE_AS_XLSX}`);
  if (startsWith(bytes, OLE2_SIGNATURE)) {
    throw new UnreadableWorkbookError(
      `"${file}" is either a legacy .xls workbook or an .xlsx protected with a password, and neither can be read. ` +
        `Open it in Excel, remove the password if it has one, and save it as Excel Workbook (.xlsx) without a password.`,
    );
  }
  if (startsWith(bytes, ZIP_SIGNATURE)) return;
  if (looksLikeText(bytes)) throw new UnreadableWorkbookError(`"${file}" is not an .xlsx workbook (it looks like text/CSV). ${SAVE_AS_XLSX}`);
  throw new UnreadableWorkbookError(`"${file}" is not an .xlsx workbook (its content is in another format). ${SAVE_AS_XLSX}`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads an .xlsx workbook into memory. The file itself is never written to. */
export async function openXlsx(file: string): Promise<XlsxWorkbook> {
  const bytes = await readInputFile(file);
  checkSignature(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's Buffer typing predates @types/node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UnreadableWorkbookError(`"${file}" could not be read as an .xlsx workbook; it may be damaged or incompletely copied (${describeError(error)}). ${SAVE_AS_XLSX}`);
  }
  if (workbook.worksheets.length === 0) {
    throw new UnreadableWorkbookError(`"${file}" is a zip archive without any worksheet, so not an .xlsx workbook (an .xlsb, .docx or other file renamed?). ${SAVE_AS_XLSX}`);
  }
  repairLoadedTables(workbook);
  return new XlsxWorkbook(workbook);
}

// ---------------------------------------------------------------------------------------------
// exceljs tables from the inside. Its typings describe tables being created, not ones read from a
// file, and `getTables()` is even typed as a list of pairs; this is what 4.4 really holds.

interface TableColumnModel {
  name: string;
  filterButton?: boolean;
}

interface TableModel {
  name: string;
  /** Whole table, set when read from a file and when created by addTable. */
  tableRef?: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: TableColumnModel[];
}

function tableModels(worksheet: ExcelJS.Worksheet): TableModel[] {
  const tables = worksheet.getTables() as unknown as { table?: TableModel }[];
  return tables.flatMap((table) => (table.table ? [table.table] : []));
}

/**
 * exceljs 4.4 reads a table written by Excel wrongly, and would write it back damaged when the
 * workbook is saved with the report: Excel leaves out headerRowCount when it is 1 (the default),
 * which exceljs takes as "no header row" and writes as headerRowCount="0"; and every column whose
 * filter button Excel did not mention gets its button hidden. Put both back as Excel meant them.
 */
function repairLoadedTables(workbook: ExcelJS.Workbook): void {
  for (const worksheet of workbook.worksheets) {
    for (const table of tableModels(worksheet)) {
      if (!table.headerRow && headerCellsMatch(worksheet, table)) table.headerRow = true;
      if (!table.headerRow) continue;
      if (table.autoFilterRef) {
        for (const column of table.columns) column.filterButton ??= true;
      } else {
        // Excel drops the autoFilter when the user switched the filter buttons off; exceljs would
        // write one without a range, which Excel reports as damage.
        table.autoFilterRef = rangeWithoutTotals(table);
        for (const column of table.columns) column.filterButton = false;
      }
    }
  }
}

/** A table's first row holding exactly its column names is its header row. */
function headerCellsMatch(worksheet: ExcelJS.Worksheet, table: TableModel): boolean {
  const range = table.tableRef ? parseRangeAddress(table.tableRef) : undefined;
  if (!range || table.columns.length !== range.right - range.left + 1) return false;
  return table.columns.every((column, i) => {
    const value = existingCellValue(worksheet, range.top + 1, range.left + i + 1);
    return value != null && String(value) === column.name;
  });
}

function rangeWithoutTotals(table: TableModel): string | undefined {
  const range = table.tableRef ? parseRangeAddress(table.tableRef) : undefined;
  if (!range) return table.tableRef;
  const bottom = table.totalsRow ? range.bottom - 1 : range.bottom;
  return `${cellAddress(range.top, range.left)}:${cellAddress(bottom, range.right)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading

type FormulaResult = ExcelJS.CellFormulaValue["result"];

function formulaResult(result: FormulaResult): CellValue {
  if (result == null) return null; // never calculated, or saved by a program that stores no results
  if (typeof result === "object" && !(result instanceof Date)) return { error: result.error };
  return result;
}

function richTextOf(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join("");
}

function toCellValue(cell: ExcelJS.Cell): CellValue {
  // The covered cells of a merged range repeat the top-left value in exceljs; Excel shows them empty.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const value = cell.value;
  if (value == null) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return richTextOf(value);
  if ("formula" in value || "sharedFormula" in value) return formulaResult(value.result);
  if ("hyperlink" in value) {
    // The text of a hyperlink may itself be rich text.
    const text: unknown = value.text;
    if (typeof text === "string") return text;
    return text != null && typeof text === "object" && "richText" in text ? richTextOf(text as ExcelJS.CellRichTextValue) : null;
  }
  return null;
}

/** Looks without touching: exceljs's getCell would add empty cells to a sheet that is not ours. */
function existingCellValue(worksheet: ExcelJS.Worksheet, row: number, col: number): CellValue {
  const cell = worksheet.findCell(row, col);
  return cell ? toCellValue(cell) : null;
}

interface UsedRow {
  readonly index: number;
  /** Sparse, indexed by zero-based sheet column. */
  readonly cells: CellValue[];
}

function readWorksheet(worksheet: ExcelJS.Worksheet): SheetData {
  const used: UsedRow[] = [];
  let firstCol = Number.POSITIVE_INFINITY;
  worksheet.eachRow((row, rowNumber) => {
    const cells: CellValue[] = [];
    let rowFirstCol = -1;
    row.eachCell((cell, colNumber) => {
      const value = toCellValue(cell);
      if (value === null) return;
      if (rowFirstCol < 0) rowFirstCol = colNumber - 1;
      cells[colNumber - 1] = value;
    });
    if (rowFirstCol < 0) return;
    used.push({ index: rowNumber - 1, cells });
    firstCol = Math.min(firstCol, rowFirstCol);
  });
  const tables = tableModels(worksheet).flatMap((table): SheetTable[] => (table.tableRef ? [{ name: table.name, range: table.tableRef }] : []));
  if (used.length === 0) return { name: worksheet.name, values: [], origin: { row: 0, col: 0 }, tables };
  return { name: worksheet.name, values: denseRows(used, firstCol), origin: { row: used[0].index, col: firstCol }, tables };
}

/** Rows from the first used row to the last, starting at firstCol, with null in every gap. */
function denseRows(used: readonly UsedRow[], firstCol: number): CellValue[][] {
  const top = used[0].index;
  const rows: CellValue[][] = Array.from({ length: used[used.length - 1].index - top + 1 }, () => []);
  for (const { index, cells } of used) {
    const row = rows[index - top];
    for (let col = firstCol; col < cells.length; col++) row.push(cells[col] ?? null);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing the report

const STYLE_FONTS: Readonly<Record<OutStyle, Partial<ExcelJS.Font>>> = {
  title: { bold: true, size: 14 },
  section: { bold: true, size: 12 },
  label: { bold: true },
  note: { italic: true, color: { argb: "FF808080" } },
};

const TABLE_STYLE = "TableStyleMedium2";
const EXCEL_SHEET_NAME_LIMIT = 31;

function sameNameIgnoringCase(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

function writtenByAddIn(worksheet: ExcelJS.Worksheet): boolean {
  for (let row = 1; row <= OWNER_MARKER_ROWS; row++) {
    const value = existingCellValue(worksheet, row, 1);
    if (isOwnerMarker(value)) return true;
  }
  return false;
}

/** Excel has no NaN or infinity; exceljs would write them as text Excel calls damage. */
function excelValue(value: OutValue): ExcelJS.CellValue {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

function argb(hex: string): string {
  const digits = hex.replace(/^#/, "").toUpperCase();
  return digits.length === 8 ? digits : `FF${digits}`;
}

function writeCell(worksheet: ExcelJS.Worksheet, out: OutCell): void {
  const cell = worksheet.getCell(out.row + 1, out.col + 1);
  // Strings are assigned as they are: exceljs stores every JS string as text, never as a formula.
  if (out.value != null) cell.value = excelValue(out.value);
  if (out.format) cell.numFmt = NUMBER_FORMATS[out.format];
  // A fresh font per cell: exceljs may share style objects between cells.
  if (out.style) cell.font = { ...STYLE_FONTS[out.style] };
}

/** Excel refuses tables whose header names repeat, are empty or span lines. */
function headerNames(table: OutTable): string[] {
  const seen = new Set<string>();
  return table.columns.map((column, i) => {
    const base = column.header.replace(/\s+/g, " ").trim() || `Column${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toUpperCase()); n++) name = `${base}${n}`;
    seen.add(name.toUpperCase());
    return name;
  });
}

/** Excel repairs away a table that has a header but no data row, so an empty table gets one blank row. */
function tableRows(table: OutTable): ExcelJS.CellValue[][] {
  const width = table.columns.length;
  if (table.rows.length === 0) return [Array.from({ length: width }, () => null)];
  return table.rows.map((row) => Array.from({ length: width }, (_, i) => excelValue(row[i] ?? null)));
}

/** Every problem with the report's table names is found before the old report is removed. */
function checkReportTables(workbook: ExcelJS.Workbook, layout: ReportLayout, replaced: ExcelJS.Worksheet | undefined): void {
  const existing = workbook.worksheets.flatMap((worksheet) => tableModels(worksheet).map((table) => ({ name: table.name, sheet: worksheet.name })));
  checkTableNames(
    layout.tables.map((t) => t.name),
    existing,
    replaced?.name,
  );
}

interface StatusColumnPlace {
  readonly table: OutTable;
  /** Index into table.columns. */
  readonly column: number;
  readonly rowCount: number;
}

function writeTable(worksheet: ExcelJS.Worksheet, table: OutTable, statusRules: readonly StatusRule[], nextPriority: PriorityCounter): void {
  const rows = tableRows(table);
  worksheet.addTable({
    name: table.name,
    ref: cellAddress(table.row, table.col),
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_STYLE, showRowStripes: true },
    columns: headerNames(table).map((name) => ({ name, filterButton: true })),
    rows,
  });
  formatTableCells(worksheet, table, rows.length);
  if (statusRules.length === 0) return;
  for (const column of table.statusColumns) {
    if (column >= 0 && column < table.columns.length) colourStatusColumn(worksheet, { table, column, rowCount: rows.length }, statusRules, nextPriority);
  }
}

function formatTableCells(worksheet: ExcelJS.Worksheet, table: OutTable, rowCount: number): void {
  table.columns.forEach((column, c) => {
    for (let r = 0; r < rowCount; r++) {
      const format: OutFormat | undefined = table.cellFormats?.[r]?.[c] ?? column.format;
      if (format) worksheet.getCell(table.row + 2 + r, table.col + 1 + c).numFmt = NUMBER_FORMATS[format];
    }
  });
}

/** Conditional formatting priorities must be unique within a sheet; 1 is evaluated first. */
type PriorityCounter = () => number;

function priorityCounter(): PriorityCounter {
  let next = 1;
  return () => next++;
}

function colourStatusColumn(worksheet: ExcelJS.Worksheet, place: StatusColumnPlace, statusRules: readonly StatusRule[], nextPriority: PriorityCounter): void {
  const top = place.table.row + 1; // first data row, zero-based
  const col = place.table.col + place.column;
  worksheet.addConditionalFormatting({
    ref: `${cellAddress(top, col)}:${cellAddress(top + place.rowCount - 1, col)}`,
    // "Cell value equals" rather than "contains": a status must not colour a longer status holding it.
    rules: statusRules.map((rule) => ({
      type: "cellIs",
      operator: "equal",
      formulae: [`"${rule.text.replace(/"/g, '""')}"`],
      priority: nextPriority(),
      style: {
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(rule.fill) }, bgColor: { argb: argb(rule.fill) } },
        font: { color: { argb: argb(rule.font) } },
      },
    })),
  });
}

function setColumnWidths(worksheet: ExcelJS.Worksheet, layout: ReportLayout): void {
  // A table's own column widths fill in where the layout names none.
  for (const table of layout.tables) {
    table.columns.forEach((column, c) => {
      if (column.width != null && layout.columnWidths[table.col + c] == null) worksheet.getColumn(table.col + c + 1).width = column.width;
    });
  }
  layout.columnWidths.forEach((width, c) => {
    if (width != null && width > 0) worksheet.getColumn(c + 1).width = width;
  });
}

interface OrderedWorksheet {
  orderNo: number;
}

/**
 * Removes the earlier report and adds an empty sheet in its place. exceljs appends new sheets at
 * the end and has no API to move one, so the new sheet takes over the old one's sort key.
 */
function replaceSheet(workbook: ExcelJS.Workbook, old: ExcelJS.Worksheet, name: string): ExcelJS.Worksheet {
  const { orderNo } = old as unknown as OrderedWorksheet;
  workbook.removeWorksheet(old.id);
  const fresh = addSheet(workbook, name);
  (fresh as unknown as OrderedWorksheet).orderNo = orderNo;
  return fresh;
}

function addSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  // exceljs would cut a longer name silently; Excel refuses it.
  if (name.length > EXCEL_SHEET_NAME_LIMIT) throw new UnwritableOutputError(`"${name}" is too long for a sheet name: Excel allows ${EXCEL_SHEET_NAME_LIMIT} characters.`);
  try {
    return workbook.addWorksheet(name);
  } catch (error) {
    throw new UnwritableOutputError(`A sheet named "${name}" cannot be added: ${describeError(error)}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Saving

function describeWriteFailure(target: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = path.dirname(target);
  switch (code) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `Cannot save "${target}": no permission to write in the folder "${folder}" or to replace the file. Choose another output path, or close the file if Excel has it open.`;
    case "ENOENT":
    case "ENOTDIR":
      return `Cannot save "${target}": the folder "${folder}" does not exist. Create it or choose another output path.`;
    case "EISDIR":
      return `Cannot save "${target}": it is a folder. Give a file name ending in .xlsx.`;
    case "EBUSY":
      return `Cannot save "${target}": the file is locked by another program. Close it in Excel and run again.`;
    case "ENOSPC":
      return `Cannot save "${target}": the disk is full.`;
    default:
      return `Cannot save "${target}" (${describeError(error)}).`;
  }
}

async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  // "wx": never reuse a file that happens to exist under the temporary name.
  const handle = await fsp.open(file, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------

export class XlsxWorkbook implements WorkbookPort {
  constructor(private readonly workbook: ExcelJS.Workbook) {}

  async readSheets(): Promise<SheetData[]> {
    return this.workbook.worksheets.map(readWorksheet);
  }

  async writeReport(layout: ReportLayout): Promise<void> {
    const existing = this.workbook.worksheets.find((worksheet) => sameNameIgnoringCase(worksheet.name, layout.sheetName));
    if (existing && !writtenByAddIn(existing)) throw new ForeignSheetError(existing.name);
    checkReportTables(this.workbook, layout, existing);
    const worksheet = existing ? replaceSheet(this.workbook, existing, layout.sheetName) : addSheet(this.workbook, layout.sheetName);
    for (const cell of layout.cells) writeCell(worksheet, cell);
    const nextPriority = priorityCounter();
    for (const table of layout.tables) writeTable(worksheet, table, layout.statusRules, nextPriority);
    setColumnWidths(worksheet, layout);
  }

  async save(target: string): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await this.workbook.xlsx.writeBuffer());
    } catch (error) {
      throw new UnwritableOutputError(`The workbook could not be put together for saving (${describeError(error)}).`);
    }
    await refuseReadOnlyTarget(target);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFileDurably(temp, bytes);
      await fsp.rename(temp, target);
    } catch (error) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw new UnwritableOutputError(describeWriteFailure(target, error));
    }
  }
}

/**
 * Replacing a file by rename would succeed even when the file itself is read-only, so an
 * existing target must be writable by this user before it is replaced.
 */
async function refuseReadOnlyTarget(target: string): Promise<void> {
  try {
    await fsp.access(target, fsConstants.F_OK);
  } catch {
    return;
  }
  try {
    await fsp.access(target, fsConstants.W_OK);
  } catch {
    throw new UnwritableOutputError(`${target} is read-only, so it was left as it was. Make it writable, or choose another file with --out.`);
  }
}
