/**
 * Writes examples/cvm-sample-plan.xlsx from scripts/samplePlan.ts. Run with `npm run sample`.
 * The file is byte-for-byte the same on every run, so a regenerated sample only shows up in
 * version control when its data changed.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SAMPLE_SHEETS, type SampleSheet } from "../src/sample/samplePlan";
import { cellFormats, checkShape, columnWidth } from "./sampleLook";

/** Stands in for "now" everywhere a writer would stamp the time: document properties and zip entries. */
const FIXED_DATE = new Date("2026-01-15T09:00:00Z");

function writeTitle(worksheet: ExcelJS.Worksheet, title: string): void {
  const cell = worksheet.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
}

function writeTable(worksheet: ExcelJS.Worksheet, sheet: SampleSheet, table: string, headerRow: number): void {
  worksheet.addTable({
    name: table,
    ref: `A${headerRow}`,
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: sheet.header.map((name) => ({ name, filterButton: true })),
    rows: sheet.rows.map((row) => [...row]),
  });
}

function writeRange(worksheet: ExcelJS.Worksheet, sheet: SampleSheet, headerRow: number): void {
  const header = worksheet.getRow(headerRow);
  header.values = [...sheet.header];
  header.font = { bold: true };
  sheet.rows.forEach((row, i) => {
    worksheet.getRow(headerRow + 1 + i).values = [...row];
  });
}

function formatCells(worksheet: ExcelJS.Worksheet, sheet: SampleSheet, headerRow: number): void {
  sheet.header.forEach((_, col) => (worksheet.getColumn(col + 1).width = columnWidth(sheet, col)));
  cellFormats(sheet).forEach((row, r) =>
    row.forEach((format, col) => {
      if (format) worksheet.getCell(headerRow + 1 + r, col + 1).numFmt = format;
    }),
  );
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SampleSheet): void {
  checkShape(sheet);
  const worksheet = workbook.addWorksheet(sheet.name);
  // A title pushes the header down to row 3, leaving a blank row as planners usually do.
  const headerRow = sheet.title ? 3 : 1;
  if (sheet.title) writeTitle(worksheet, sheet.title);
  if (sheet.table) writeTable(worksheet, sheet, sheet.table, headerRow);
  else writeRange(worksheet, sheet, headerRow);
  formatCells(worksheet, sheet, headerRow);
}

/** exceljs stamps every zip entry with the current time; re-stamping them makes the bytes repeatable. */
async function withFixedZipDates(buffer: ExcelJS.Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export async function makeSample(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cvm-gap sample generator";
  workbook.lastModifiedBy = "cvm-gap sample generator";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const sheet of SAMPLE_SHEETS) addSheet(workbook, sheet);
  await fs.writeFile(file, await withFixedZipDates(await workbook.xlsx.writeBuffer()));
}

/** Reads the file back the way the add-in's adapter will, to catch a workbook exceljs cannot open. */
async function describeSample(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const { size } = await fs.stat(file);
  const lines = workbook.worksheets.map((ws) => `  ${ws.name}: ${ws.actualRowCount} rows used, last row ${ws.rowCount}`);
  return [`Wrote ${file} (${size.toLocaleString("en-US")} bytes)`, ...lines];
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "examples", "cvm-sample-plan.xlsx");
  makeSample(file)
    .then(() => describeSample(file))
    .then(
      (lines) => console.log(lines.join("\n")),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
}
