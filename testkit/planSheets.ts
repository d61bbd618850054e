/**
 * The synthetic plan in the two shapes the benchmarks feed it in: as the engine's SheetData (what
 * every workbook adapter hands over) and as a real .xlsx file for the command line.
 */
import ExcelJS from "exceljs";
import type { SheetData } from "../src/domain/common/cells";
import type { Row, SyntheticPlan } from "./syntheticPlan";

export { SHEET_NAMES };
import { SHEET_NAMES } from "./sheets";

const ALL_KEYS = Object.keys(SHEET_NAMES) as (keyof SyntheticPlan)[];

/** The sheets the plan has: a plan made without impacts has no Impacts sheet at all. */
const keysOf = (plan: SyntheticPlan) => ALL_KEYS.filter((key) => plan[key].length > 0);

export function planSheets(plan: SyntheticPlan): SheetData[] {
  return keysOf(plan).map((key) => ({ name: SHEET_NAMES[key], values: plan[key], origin: { row: 0, col: 0 } }));
}

/**
 * Makes a new copy of the sheets each time it is called, with new strings, as every adapter
 * hands the engine values it has just read (Office.js from JSON, exceljs from XML). Reusing one
 * copy across runs would flatter the engine: strings keep their computed hashes and stay in the
 * processor's cache between runs.
 */
export function freshSheets(plan: SyntheticPlan): () => SheetData[] {
  const keys = keysOf(plan);
  const json = JSON.stringify(keys.map((key) => plan[key]));
  return () => (JSON.parse(json) as Row[][]).map((values, i) => ({ name: SHEET_NAMES[keys[i]], values, origin: { row: 0, col: 0 } }));
}

/** Data rows over all sheets, headers left out: what "rows per second" counts. */
export function dataRows(plan: SyntheticPlan): number {
  return keysOf(plan).reduce((total, key) => total + plan[key].length - 1, 0);
}

export function cellCount(plan: SyntheticPlan): number {
  return keysOf(plan).reduce((total, key) => total + plan[key].reduce((n, row) => n + row.length, 0), 0);
}

/**
 * Writes the plan as plain ranges with the header on row 1. The streaming writer keeps a
 * 100,000-row plan from needing the whole workbook in memory before it reaches the disk.
 */
export async function writePlanXlsx(plan: SyntheticPlan, file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  for (const key of keysOf(plan)) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[key]);
    for (const row of plan[key] as Row[]) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}
