/** The bundled sample plan's sheets as a worksheet function receives `Table[#All]`. */
import { SAMPLE_SHEETS, type SampleCell } from "../src/sample/samplePlan";
import type { SheetCell } from "./excelRuntime";

/** A sample sheet as `Table[#All]`: header first, dates as serials, blanks as blank cells. */
export function tableCells(name: string): SheetCell[][] {
  const sheet = SAMPLE_SHEETS.find((s) => s.name === name);
  if (!sheet) throw new Error(name);
  const cell = (v: SampleCell): SheetCell => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : (v ?? null));
  return [[...sheet.header], ...sheet.rows.map((r) => r.map(cell))];
}
