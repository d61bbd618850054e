/**
 * The report's dates in a workbook of the 1904 date system (`<workbookPr date1904="1"/>`, as a
 * Mac's Excel may keep a workbook): a date cell holds a serial of the workbook's own system, so
 * that Excel shows the date written, not one four years and a day later. Read back by LibreOffice,
 * which honours the workbook's date system, and by the add-in's own reader (the next review's
 * "since last review" baseline and the history are read from these cells).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_OPTIONS } from "../../src/domain/analysis/result";
import { analyzePlanSheets } from "../../src/useCases/analyzePlan";
import { readReviewState, writeReviewedReport } from "../../src/useCases/reviewCycle";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { tempDir } from "../../testkit/xlsx";
import { sheetsAsCsv } from "../../testkit/libreOffice";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");
const RUN_AT = new Date(Date.UTC(2026, 11, 7, 9, 30));
const dir = tempDir("cvm-gap-date-system-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The report and history written into a copy of the fixture at RUN_AT; the copy's path. */
async function writtenCopy(fixture: string): Promise<string> {
  const workbook = await openXlsx(path.join(FIXTURES, fixture));
  const { result, fingerprint } = analyzePlanSheets(await workbook.readSheets(), DEFAULT_OPTIONS);
  await writeReviewedReport(workbook, result, { runAt: RUN_AT, fingerprint, state: await readReviewState(workbook) });
  const copy = path.join(dir, fixture);
  await workbook.save(copy);
  return copy;
}

describe("the report's dates in the workbook's own date system", () => {
  it("shows the run's time as written in a 1904-system workbook and in a 1900-system one, in LibreOffice and read back", async () => {
    const copies = [await writtenCopy("xlsxwriter-1904.xlsx"), await writtenCopy("xlsxwriter.xlsx")];
    const lines = sheetsAsCsv(copies, path.join(dir, "lo"));
    for (const copy of copies) {
      const report = lines(copy, "CVM Gap Analysis") ?? [];
      expect([path.basename(copy), report.find((line) => line.startsWith("Run at,"))]).toEqual([
        path.basename(copy),
        expect.stringMatching(/^Run at,"?2026-12-07 09:30(:00)?"?(,|$)/),
      ]);
      const history = (lines(copy, "CVM History") ?? []).join("\n");
      expect([path.basename(copy), history.includes("2026-12-07 09:30")]).toEqual([path.basename(copy), true]);

      const [owned] = await (await openXlsx(copy)).readOwnedSheets(["CVM Gap Analysis"]);
      const values = owned.state === "owned" ? owned.sheet.values : [];
      const runAt = values.find((row) => row[0] === "Run at")?.[1];
      expect([path.basename(copy), runAt]).toEqual([path.basename(copy), RUN_AT]);
    }
  }, 300_000);
});
