/**
 * Recognising a bare table (a range with its header row, as a worksheet function receives
 * `Initiatives[#All]` or `Scorecard[#All]`) as one of the contract's parts, by its headers in the
 * planners' words and by what its columns hold, as recognizePlan.ts recognises a workbook's sheets.
 */
import type { CellValue, SheetData } from "../common/cells";
import { normalizeName, SHEETS, type SheetSpec } from "./contract";
import type { CrossReferences } from "./headerMatch";
import { locateTable, type LocatedTable } from "./locate";
import { sourceOf, type PartSource } from "./planSources";
import { References, specificColumns } from "./recognizePlan";
import { readText } from "../common/values";

export interface Recognized {
  readonly spec: SheetSpec;
  readonly sheet: SheetData;
  /** Where each column is read from, for parsePlan. */
  readonly source: PartSource;
}

interface Scored {
  readonly spec: SheetSpec;
  readonly table: LocatedTable;
  readonly score: number;
}

function best(values: readonly (readonly CellValue[])[], references?: CrossReferences): Scored | undefined {
  const header = (values[0] ?? []).map((v) => normalizeName(readText(v)));
  let top: Scored | undefined;
  for (const spec of SHEETS) {
    const sheet: SheetData = { name: spec.label, values, origin: { row: 0, col: 0 } };
    const table = locateTable(spec, sheet, { references });
    if (!table || table.headerIndex !== 0 || table.missing.length > 0) continue;
    // Several parts may fit a header of generic names ("ID", "Name"): one whose ID column is
    // named exactly ("KPI ID") wins, then one with a column that says which part it is
    // ("Target", "Goal 2027"), then the one with more of its columns present.
    const named = header.includes(normalizeName(spec.columns[0].label)) ? 100 : 0;
    const says = specificColumns(spec, table) > 0 ? 10 : 0;
    const score = named + says + Object.keys(table.columns).length / spec.columns.length;
    if (!top || score > top.score) top = { spec, table, score };
  }
  return top;
}

function recognized(values: readonly (readonly CellValue[])[], scored: Scored | undefined): Recognized | undefined {
  if (!scored) return undefined;
  const { spec } = scored;
  return { spec, sheet: { name: spec.label, values, origin: { row: 0, col: 0 } }, source: sourceOf(spec, scored.table, "recognised") };
}

/** The contract part whose required columns the header carries, by its header and contents alone. */
export function recognizeTable(values: readonly (readonly CellValue[])[]): Recognized | undefined {
  return recognized(values, best(values));
}

/**
 * Each table recognised, then again knowing the IDs the others hold: "Metric" holding M01, M02
 * is read as the ID when the initiatives' "Metrics" name them.
 */
export function recognizeTables(tables: readonly (readonly (readonly CellValue[])[])[]): (Recognized | undefined)[] {
  const first = tables.map((values) => best(values));
  const references = new References();
  first.forEach((scored) => scored && references.add(scored.spec.key, scored.table));
  return tables.map((values) => recognized(values, best(values, references)));
}
