/**
 * The port's two reads: the plan's sheets, and the add-in's own sheets (the report, the history),
 * each in two round trips whatever the size, unless Excel refuses a response that large.
 */
import type { SheetData } from "../../domain/common/cells";
import { planSheetNames } from "../../domain/plan/locate";
import { isOwnedSheet } from "../../domain/sheets/ownership";
import type { OwnedSheet, Progress } from "../port";
import { readUsedRanges } from "./usedRanges";

/**
 * The sheet and table names, then the used range of every plan sheet at once. Sheets that are not
 * part of the plan are never read.
 */
export async function readPlanSheets(context: Excel.RequestContext, onProgress?: Progress): Promise<SheetData[]> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  onProgress?.(0.1);
  const wanted = new Set(planSheetNames(worksheets.items.map((sheet) => sheet.name)));
  return readUsedRanges(
    context,
    worksheets.items.filter((sheet) => wanted.has(sheet.name)),
    tables,
    (done) => onProgress?.(0.1 + 0.9 * done),
  );
}

/**
 * The names, then the used range and tables of those that exist; whether the add-in wrote each is
 * read from what came back.
 */
export async function readOwnedSheets(context: Excel.RequestContext, names: readonly string[]): Promise<OwnedSheet[]> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const found = names.map((name) => worksheets.items.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase()));
  const existing = found.filter((sheet): sheet is Excel.Worksheet => sheet !== undefined);
  const read = existing.length > 0 ? await readUsedRanges(context, existing, tables, () => undefined) : [];
  return found.map((sheet): OwnedSheet => {
    if (!sheet) return { state: "absent" };
    const data = read[existing.indexOf(sheet)];
    return isOwnedSheet(data) ? { state: "owned", sheet: data } : { state: "foreign", name: sheet.name };
  });
}
