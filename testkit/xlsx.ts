/** Writes small real .xlsx files for the tests, from rows of values. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as crypto from "node:crypto";
import ExcelJS from "exceljs";
import { cellAddress, parseRangeAddress, type SheetData } from "../src/domain/common/cells";
import { openXlsx, type XlsxFile as XlsxWorkbook } from "../src/adapters/file/xlsxFile";

export type Rows = (string | number | boolean | Date | null)[][];

export interface SheetSpecForTest {
  readonly name: string;
  readonly rows: Rows;
  /** Write the rows as an Excel table with this name. */
  readonly table?: string;
}

export async function writeXlsx(file: string, sheets: readonly SheetSpecForTest[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    if (sheet.table && sheet.rows.length > 1) {
      worksheet.addTable({
        name: sheet.table,
        ref: "A1",
        headerRow: true,
        columns: sheet.rows[0].map((h) => ({ name: String(h) })),
        rows: sheet.rows.slice(1),
      });
    } else {
      for (const row of sheet.rows) worksheet.addRow(row);
    }
  }
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * Sheets as the adapters read them (values at their origin, Excel tables), as a real .xlsx file
 * written by exceljs: another tool than the adapter under test.
 */
export async function writeSheetData(
  file: string,
  sheets: readonly SheetData[],
  options: { structureProtected?: boolean } = {},
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value !== null && !(typeof value === "object" && !(value instanceof Date)))
          worksheet.getCell(sheet.origin.row + r + 1, sheet.origin.col + c + 1).value = value;
      }),
    );
    for (const table of sheet.tables ?? []) {
      const bounds = parseRangeAddress(table.range);
      if (!bounds) continue;
      const header = sheet.values[bounds.top - sheet.origin.row] ?? [];
      worksheet.addTable({
        name: table.name,
        ref: cellAddress(bounds.top, bounds.left),
        headerRow: true,
        columns: Array.from({ length: bounds.right - bounds.left + 1 }, (_, c) => ({
          name: String(header[bounds.left - sheet.origin.col + c] ?? `Column${c + 1}`),
        })),
        rows: Array.from({ length: bounds.bottom - bounds.top }, (_, r) =>
          Array.from({ length: bounds.right - bounds.left + 1 }, (_, c) => {
            const value = sheet.values[bounds.top + 1 + r - sheet.origin.row]?.[bounds.left + c - sheet.origin.col] ?? null;
            return typeof value === "object" && value !== null && !(value instanceof Date) ? null : value;
          }),
        ),
      });
    }
  }
  await workbook.xlsx.writeFile(file);
  if (options.structureProtected) {
    // exceljs does not write the structure lock; add it as Excel writes it.
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    // Its place in CT_Workbook: after workbookPr, before bookViews and sheets.
    zip.file("xl/workbook.xml", xml.replace(/(<bookViews|<sheets)/, '<workbookProtection lockStructure="1"/>$1'));
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  }
  return file;
}

export function tempDir(prefix = "cvm-gap-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Every worksheet as the adapter reads it, plan sheet or not (readSheets gives the plan's only). */
export async function everySheet(workbook: Pick<XlsxWorkbook, "sheetNames" | "readWorksheet">): Promise<SheetData[]> {
  const sheets: SheetData[] = [];
  for (const name of workbook.sheetNames) {
    const read = await workbook.readWorksheet(name);
    if (read) sheets.push(read.sheet);
  }
  return sheets;
}

/** A workbook with one empty sheet, made by exceljs, opened by the command line's adapter. */
export async function blankWorkbook(dir: string): Promise<XlsxWorkbook> {
  const file = path.join(dir, `blank-${crypto.randomBytes(4).toString("hex")}.xlsx`);
  await writeXlsx(file, [{ name: "Sheet1", rows: [] }]);
  return openXlsx(file);
}
