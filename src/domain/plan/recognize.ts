/**
 * Recognising a bare table (a range with its header row, as a worksheet function receives
 * `Initiatives[#All]`) as one of the contract's sheets, by its headers alone.
 */
import type { CellValue, SheetData } from "../common/cells";
import { normalizeName, SHEETS, type SheetSpec } from "./contract";
import { locateTable } from "./locate";
import { readText } from "../common/values";

export interface Recognized {
  readonly spec: SheetSpec;
  readonly sheet: SheetData;
}

/**
 * The contract sheet whose required columns the header carries. Several may fit a header of
 * generic names ("ID", "Name"), so one whose ID column is named exactly ("KPI ID") wins, then
 * the one with more of its columns present.
 */
export function recognizeTable(values: readonly (readonly CellValue[])[]): Recognized | undefined {
  const header = (values[0] ?? []).map((v) => normalizeName(readText(v)));
  let best: { spec: SheetSpec; score: number } | undefined;
  for (const spec of SHEETS) {
    const sheet: SheetData = { name: spec.label, values, origin: { row: 0, col: 0 } };
    const table = locateTable(spec, sheet);
    if (!table || table.headerIndex !== 0 || table.missing.length > 0) continue;
    const named = header.includes(normalizeName(spec.columns[0].label)) ? 100 : 0;
    const score = named + Object.keys(table.columns).length / spec.columns.length;
    if (!best || score > best.score) best = { spec, score };
  }
  return best && { spec: best.spec, sheet: { name: best.spec.label, values, origin: { row: 0, col: 0 } } };
}
