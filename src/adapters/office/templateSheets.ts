/**
 * The plan template: the plan's sheets, each an Excel table, added where the workbook lacks them.
 */
import { TABLE_STYLE } from "../../domain/sheets/reportStyle";
import { planTemplate } from "../../domain/sheets/template";
import type { TemplateOutcome } from "../planWorkbook";
import { cellFormat } from "./sheetMatrix";

/** Two round trips: the names there are, then every missing sheet written at once. */
export async function insertTemplateSheets(context: Excel.RequestContext): Promise<TemplateOutcome> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  await context.sync();
  const plan = planTemplate(
    worksheets.items.map((s) => s.name),
    tables.items.map((t) => t.name),
  );
  if (plan.create.length > 0) {
    workbook.application.suspendApiCalculationUntilNextSync();
    workbook.application.suspendScreenUpdatingUntilNextSync();
  }
  for (const template of plan.create) {
    const width = template.header.length;
    const matrix = [template.header, ...template.rows].map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
    const sheet = workbook.worksheets.add(template.sheetName);
    const range = sheet.getRangeByIndexes(0, 0, matrix.length, width);
    range.numberFormat = matrix.map((row) => row.map((value) => cellFormat(value, undefined)));
    range.values = matrix;
    const table = sheet.tables.add(range, true);
    table.name = template.tableName;
    table.style = TABLE_STYLE;
    table.getRange().format.autofitColumns();
  }
  if (plan.create.length > 0) await context.sync();
  return { created: plan.create.map((t) => t.sheetName), skipped: plan.skipped };
}
