/**
 * `npm run bench:formulas`: what computing formulas saved without their results costs, timed here
 * rather than asserted in the tests (timed assertions fail on a loaded machine). Two cases: the
 * openpyxl fixture (the sample plan with every figure a formula and no stored result) read to
 * its sheets, and 2,000 shared formulas that each count over a whole column of 2,000 numbers
 * (4 million cells read). Prints the median of 5 runs of each.
 */
import * as path from "node:path";
import { computeMissingResults } from "../src/adapters/xlsx/formulaResults";
import type { WorkbookInfo } from "../src/adapters/xlsx/workbookPart";
import { readWorksheet } from "../src/adapters/xlsx/worksheetReader";
import { openXlsx } from "../src/adapters/file/xlsxFile";
import { median, ms, timedAsync } from "./stats";

const ROOT = path.join(__dirname, "..");
const RUNS = 5;

/** One sheet "Calc": numbers 1…2,000 in A, and in B one shared formula `A1*2+COUNTIF(A:A,">1000")` filled down. */
function countingSheetXml(rows: number): string {
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const formula = r === 1 ? `<f t="shared" si="0" ref="B1:B${rows}">A1*2+COUNTIF(A:A,"&gt;1000")</f>` : `<f t="shared" si="0"/>`;
    body.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}">${formula}</c></row>`);
  }
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join("")}</sheetData></worksheet>`;
}

const CALC_INFO: WorkbookInfo = {
  part: "xl/workbook.xml",
  sheets: [{ name: "Calc", sheetId: 1, relId: "rId1", part: "xl/worksheets/sheet1.xml", kind: "worksheet", state: "visible" }],
  definedNames: [],
  date1904: false,
  structureLocked: false,
  relationships: [],
  contentTypes: { defaults: new Map(), overrides: new Map() },
};

async function countingColumn(): Promise<void> {
  const read = readWorksheet("Calc", countingSheetXml(2000), { sharedStrings: [], dateStyles: new Set(), date1904: false });
  await computeMissingResults(
    [read],
    CALC_INFO,
    async () => undefined,
    async () => [],
  );
}

async function openpyxlFixture(): Promise<void> {
  await (await openXlsx(path.join(ROOT, "test/fixtures/xlsx/openpyxl.xlsx"))).readSheets();
}

async function main(): Promise<void> {
  for (const [name, run] of [
    ["openpyxl fixture read, every formula computed", openpyxlFixture],
    ["2,000 shared formulas, each COUNTIF over a column of 2,000", countingColumn],
  ] as const) {
    const times: number[] = [];
    await run(); // warm-up
    for (let i = 0; i < RUNS; i++) times.push((await timedAsync(run)).ms);
    process.stdout.write(`${name}: ${ms(median(times))} ms (median of ${RUNS})\n`);
  }
}

void main();
