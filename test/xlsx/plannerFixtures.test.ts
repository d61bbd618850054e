/**
 * The planner workbooks as real .xlsx files (test/fixtures/xlsx/planner-*.xlsx, written by
 * openpyxl through scripts/fixtures/planner_fixtures.py from testkit/plannerWorkbooks.ts): read
 * by the .xlsx adapter, every sheet of them, they are recognised and analysed exactly as the
 * sheets the tests build.
 */
import * as path from "node:path";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { localeSeparators } from "../../src/domain/common/values";
import { recognizePlan } from "../../src/domain/plan/recognizePlan";
import { PLANNER_WORKBOOKS, plannerSheets, type PlannerWorkbook } from "../../testkit/plannerWorkbooks";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");

/** Every worksheet of the file, as the adapter reads it. */
async function allSheets(workbook: PlannerWorkbook): Promise<SheetData[]> {
  const file = await openXlsx(path.join(FIXTURES, workbook.file));
  const sheets: SheetData[] = [];
  for (const name of file.sheetNames) {
    const read = await file.readWorksheet(name);
    if (read) sheets.push(read.sheet);
  }
  return sheets;
}

describe.each(PLANNER_WORKBOOKS.map((w) => [w.file, w] as const))("%s", (_file, workbook) => {
  it("holds the sheets of testkit/plannerWorkbooks.ts and is recognised as they are", async () => {
    const read = await allSheets(workbook);
    expect(read.map((s) => s.name)).toEqual(workbook.sheets.map((s) => s.name));
    expect(recognizePlan(read)).toEqual(recognizePlan(plannerSheets(workbook)));
  });

  it("is analysed as they are", async () => {
    const read = await allSheets(workbook);
    const separators = workbook.file.includes("german") ? localeSeparators("de-DE") : undefined;
    expect(analyzeSheets(read, undefined, { separators })).toEqual(analyzeSheets(plannerSheets(workbook), undefined, { separators }));
  });
});
