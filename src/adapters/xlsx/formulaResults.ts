/**
 * Formulas saved without their result (openpyxl and many scripts write them so) are never read as
 * blank: each is computed from the cells, names and tables it refers to, across sheets; one that
 * cannot be computed becomes an UncomputedFormula, which the engine reports with its cell.
 *
 * The evaluator (src/adapters/xlsx/formulas) is loaded only when a plan sheet holds such a formula: a plan
 * whose formulas all carry their results never pays for the formula parser.
 */
import type { SheetData } from "../../domain/common/cells";
import type { TablePart } from "./sheetParts";
import type { WorkbookInfo } from "./workbookPart";
import type { ReadWorksheet } from "./worksheetReader";

/** Reads another sheet of the workbook on demand, for formulas that refer to it. */
export type SheetLoader = (name: string) => Promise<ReadWorksheet | undefined>;

/** Every Excel table of the workbook with its sheet's name, for structured references. */
export type TableLoader = () => Promise<readonly { readonly sheet: string; readonly table: TablePart }[]>;

export interface ComputeOptions {
  /** The date TODAY() computes with; the clock's by default. */
  readonly now?: () => Date;
}

export async function computeMissingResults(
  sheets: readonly ReadWorksheet[],
  info: WorkbookInfo,
  load: SheetLoader,
  loadTables: TableLoader,
  options: ComputeOptions = {},
): Promise<SheetData[]> {
  if (sheets.every((read) => read.pending.length === 0)) return sheets.map((read) => read.sheet);
  const { FormulaEvaluator } = await import(/* webpackChunkName: "formulas" */ "./formulas/evaluator");
  const evaluator = new FormulaEvaluator(sheets, { info, loadSheet: load, loadTables, now: options.now });
  return evaluator.computePlanSheets(sheets);
}
