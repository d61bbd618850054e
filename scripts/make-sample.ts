/**
 * Writes examples/cvm-sample-plan.xlsx from scripts/samplePlan.ts. Run with `npm run sample`.
 * The file is byte-for-byte the same on every run, so a regenerated sample only shows up in
 * version control when its data changed.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SAMPLE_SHEETS, type SampleCell, type SampleSheet } from "../src/sample/samplePlan";

/** Stands in for "now" everywhere a writer would stamp the time: document properties and zip entries. */
const FIXED_DATE = new Date("2026-01-15T09:00:00Z");

/** Columns that hold a KPI's figures; they take the KPI's unit, so a % KPI shows as a percentage. */
const KPI_FIGURES = ["Baseline", "Target", "Actual", "Forecast"];
const PERCENT = "0.0%";

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/** A row that is one cell short would shift every later column under the wrong header. */
function checkShape(sheet: SampleSheet): void {
  sheet.rows.forEach((row, i) => {
    if (row.length !== sheet.header.length) {
      throw new Error(`${sheet.name} row ${i + 1} has ${row.length} cells for ${sheet.header.length} columns`);
    }
  });
}

function displayText(value: SampleCell): string {
  if (value instanceof Date) return "2026-01-01";
  if (typeof value === "number") return value.toLocaleString("en-US");
  return value ?? "";
}

function columnWidth(sheet: SampleSheet, col: number): number {
  const longest = Math.max(sheet.header[col].length, ...sheet.rows.map((row) => displayText(row[col]).length));
  return Math.min(Math.max(longest + 2, MIN_WIDTH), MAX_WIDTH);
}

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

function formatColumns(worksheet: ExcelJS.Worksheet, sheet: SampleSheet, headerRow: number): void {
  sheet.header.forEach((label, col) => {
    worksheet.getColumn(col + 1).width = columnWidth(sheet, col);
    const format = sheet.formats?.[label];
    if (!format) return;
    for (let r = 0; r < sheet.rows.length; r++) worksheet.getCell(headerRow + 1 + r, col + 1).numFmt = format;
  });
}

/** Percent formatting follows each row's Unit, so a KPI in € or days keeps its plain number. */
function formatPercentRows(worksheet: ExcelJS.Worksheet, sheet: SampleSheet, headerRow: number): void {
  const unitCol = sheet.header.indexOf("Unit");
  if (unitCol < 0) return;
  const figureCols = KPI_FIGURES.map((label) => sheet.header.indexOf(label)).filter((col) => col >= 0);
  sheet.rows.forEach((row, r) => {
    if (row[unitCol] !== "%") return;
    for (const col of figureCols) worksheet.getCell(headerRow + 1 + r, col + 1).numFmt = PERCENT;
  });
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SampleSheet): void {
  checkShape(sheet);
  const worksheet = workbook.addWorksheet(sheet.name);
  // A title pushes the header down to row 3, leaving a blank row as planners usually do.
  const headerRow = sheet.title ? 3 : 1;
  if (sheet.title) writeTitle(worksheet, sheet.title);
  if (sheet.table) writeTable(worksheet, sheet, sheet.table, headerRow);
  else writeRange(worksheet, sheet, headerRow);
  formatColumns(worksheet, sheet, headerRow);
  formatPercentRows(worksheet, sheet, headerRow);
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
