/**
 * Sheets handed over to the analysis (the command line's way, issue 22): analysed exactly as the
 * same sheets given as they are, the hook run once they are parsed, and the holder left empty so
 * that nothing keeps the cells alive through the analysis.
 */
import * as path from "node:path";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { analyzePlanSheets, HandedOverSheets } from "../../src/useCases/analyzePlan";
import { readPlan } from "../../src/useCases/readPlan";

const OPTIONS = { tolerance: 0.1, allocationThreshold: 0.1 };
const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");

describe("analyzePlanSheets with the sheets handed over", () => {
  it("gives the same fingerprint and analysis as the sheets given as they are, and lets go of them", async () => {
    const read = await readPlan(await openXlsx(SAMPLE));
    const given = analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources });
    const handed = new HandedOverSheets(read.sheets);
    let parsedWhen: string | undefined;
    const after = analyzePlanSheets(handed, OPTIONS, undefined, { sources: read.sources }, () => {
      parsedWhen = "after the parse";
      expect(() => handed.take()).toThrow("handed over once already");
    });
    expect(parsedWhen).toBe("after the parse");
    expect(after.fingerprint).toBe(given.fingerprint);
    expect(after.result).toEqual(given.result);
    expect(after.parsed).toEqual(given.parsed);
  });
});
