/**
 * How the sample plan looks in a workbook: each cell's number format and each column's width.
 * scripts/make-sample.ts (exceljs) and the fixture scripts (through scripts/fixtures/dump-plan.ts)
 * both follow these, so every copy of the sample looks the same.
 */
import type { SampleCell, SampleSheet } from "../src/sample/samplePlan";

/** Columns that hold a KPI's figures; they take the KPI's unit, so a % KPI shows as a percentage. */
const KPI_FIGURES = ["Baseline", "Target", "Actual", "Forecast"];
const PERCENT = "0.0%";
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/** A row that is one cell short would shift every later column under the wrong header. */
export function checkShape(sheet: SampleSheet): void {
  sheet.rows.forEach((row, i) => {
    if (row.length !== sheet.header.length)
      throw new Error(`${sheet.name} row ${i + 1} has ${row.length} cells for ${sheet.header.length} columns`);
  });
}

function displayText(value: SampleCell): string {
  if (value instanceof Date) return "2026-01-01";
  if (typeof value === "number") return value.toLocaleString("en-US");
  return value ?? "";
}

export function columnWidth(sheet: SampleSheet, col: number): number {
  const longest = Math.max(sheet.header[col].length, ...sheet.rows.map((row) => displayText(row[col]).length));
  return Math.min(Math.max(longest + 2, MIN_WIDTH), MAX_WIDTH);
}

/** The number format of each data cell: by header, and the figures of a "%" KPI as percentages. */
export function cellFormats(sheet: SampleSheet): (string | null)[][] {
  const unitCol = sheet.header.indexOf("Unit");
  return sheet.rows.map((row) =>
    sheet.header.map((label) => {
      if (unitCol >= 0 && row[unitCol] === "%" && KPI_FIGURES.includes(label)) return PERCENT;
      return sheet.formats?.[label] ?? null;
    }),
  );
}
