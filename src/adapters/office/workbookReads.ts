/**
 * The port's two reads: the plan's sheets, and the add-in's own sheets (the report, the history),
 * each in two round trips whatever the size, unless Excel refuses a response that large.
 */
import type { SheetData } from "../../domain/common/cells";
import { isOwnedSheet } from "../../domain/sheets/ownership";
import type { OwnedSheet, Progress } from "../port";
import { sheetHead } from "../sheetHead";
import { sheetsToRead } from "../sheetSelection";
import { readHeads, readUsedRanges } from "./usedRanges";

/**
 * The sheet and table names, then the used range of every sheet asked for (port.ts: by name, or
 * the plan's) at once. Other sheets are never read.
 */
export async function readPlanSheets(
  context: Excel.RequestContext,
  names: readonly string[] | undefined,
  onProgress?: Progress,
): Promise<SheetData[]> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  onProgress?.(0.1);
  const chosen = sheetsToRead(
    names,
    worksheets.items.map((sheet) => sheet.name),
  );
  return readUsedRanges(
    context,
    chosen.map((name) => worksheets.items.find((sheet) => sheet.name === name) as Excel.Worksheet),
    tables,
    (done) => onProgress?.(0.1 + 0.9 * done),
  );
}

/**
 * Every worksheet's first rows in three round trips whatever the number of sheets: the names, the
 * used ranges' places and the tables' addresses, then the first rows of every used range at once
 * (more than one request only when they are wider than a request may carry: usedRanges.ts). A
 * chart sheet is no worksheet in Office.js, so it is not among them.
 */
export async function readSheetHeads(context: Excel.RequestContext, rows: number, onProgress?: Progress): Promise<SheetData[]> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  onProgress?.(0.1);
  const heads = await readHeads(context, worksheets.items, tables, rows, (done) => onProgress?.(0.1 + 0.9 * done));
  return heads.map((head) => sheetHead(head, rows));
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
