/**
 * Writes examples/cvm-sample-plan.xlsx from scripts/samplePlan.ts. Run with `npm run sample`.
 * Dates inside the workbook are fixed so that its content only changes with the data.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { SAMPLE_SHEETS, type SampleSheet } from "./samplePlan";

const FIXED_DATE = new Date("2026-01-15T09:00:00Z");

function widthOf(sheet: SampleSheet, col: number): number {
  let width = sheet.header[col].length;
  for (const row of sheet.rows) {
    const value = row[col];
    const text = value instanceof Date ? "2026-01-01" : value == null ? "" : typeof value === "number" ? value.toLocaleString("en-US") : value;
    width = Math.max(width, text.length);
  }
  return Math.min(Math.max(width + 2, 8), 50);
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SampleSheet): void {
  const worksheet = workbook.addWorksheet(sheet.name);
  const headerRow = sheet.title ? 3 : 1;
  if (sheet.title) {
    worksheet.getCell(1, 1).value = sheet.title;
    worksheet.getCell(1, 1).font = { bold: true, size: 14 };
  }
  if (sheet.table) {
    worksheet.addTable({
      name: sheet.table,
      ref: `A${headerRow}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: sheet.header.map((name) => ({ name, filterButton: true })),
      rows: sheet.rows.map((r) => [...r]),
    });
  } else {
    const header = worksheet.getRow(headerRow);
    header.values = [...sheet.header];
    header.font = { bold: true };
    sheet.rows.forEach((row, i) => {
      worksheet.getRow(headerRow + 1 + i).values = [...row];
    });
  }
  sheet.header.forEach((label, col) => {
    worksheet.getColumn(col + 1).width = widthOf(sheet, col);
    const format = sheet.formats?.[label];
    if (format) for (let r = 0; r < sheet.rows.length; r++) worksheet.getCell(headerRow + 1 + r, col + 1).numFmt = format;
  });
  // A KPI in % reads better as a percentage; the unit sits in column E of the KPIs sheet.
  if (sheet.name === "KPIs") {
    sheet.rows.forEach((row, r) => {
      if (row[4] !== "%") return;
      for (let col = 7; col <= 10; col++) worksheet.getCell(headerRow + 1 + r, col).numFmt = "0.0%";
    });
  }
}

export async function makeSample(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cvm-gap sample generator";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const sheet of SAMPLE_SHEETS) addSheet(workbook, sheet);
  await workbook.xlsx.writeFile(file);
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "examples", "cvm-sample-plan.xlsx");
  makeSample(file).then(
    () => console.log(`Wrote ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
