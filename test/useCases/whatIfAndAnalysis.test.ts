/**
 * The use cases the command line and the task pane share: analysing the plan's sheets, and
 * writing a what-if (the report marked as one, and the "CVM Scenario" sheet) as one write.
 */
import type { SheetData } from "../../src/domain/common/cells";
import { ForeignSheetError } from "../../src/domain/common/stopErrors";
import { parsePlan } from "../../src/domain/plan/parse";
import { HISTORY_SHEET_NAME, planFingerprint } from "../../src/domain/review/history";
import type { Scenario } from "../../src/domain/whatIf/scenario";
import { analyzeParsed, whatIf } from "../../src/domain/whatIf/whatIf";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { analyzePlanSheets } from "../../src/useCases/analyzePlan";
import { readReviewState, writeReviewedReport } from "../../src/useCases/reviewCycle";
import { writeWhatIf } from "../../src/useCases/writeWhatIf";

const scenario: Scenario = { version: 1, initiatives: [{ id: "I16", active: false }], bets: [{ id: "B3", weight: 0.4 }], impacts: [] };
const runAt = new Date(Date.UTC(2026, 0, 15, 9, 30));

describe("analysePlanSheets", () => {
  it("analyses the sheets as parsed once, with their fingerprint for the history", () => {
    const sheets = sampleSheets();
    const analysis = analyzePlanSheets(sheets, { tolerance: 0.1, allocationThreshold: 0.1 });
    expect(analysis.fingerprint).toBe(planFingerprint(sheets));
    expect(analysis.result).toEqual(analyzeParsed(parsePlan(sheets)));
    expect(analysis.whatIf).toBeUndefined();
  });

  it("with a scenario, gives the scenario's analysis as the result and the plan's beside it", () => {
    const sheets = sampleSheets();
    const analysis = analyzePlanSheets(sheets, { tolerance: 0.1, allocationThreshold: 0.1 }, scenario);
    expect(analysis.result).toBe(analysis.whatIf?.scenario);
    expect(analysis.whatIf).toEqual(whatIf(parsePlan(sheets), scenario));
  });
});

describe("writeWhatIf", () => {
  const analysis = () => whatIf(parsePlan(sampleSheets()), scenario);

  it("writes the CVM Scenario sheet and leaves the review's report and history as they are, so the next review still compares with the last", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const plan = analyzePlanSheets(await workbook.readSheets(), { tolerance: 0.1, allocationThreshold: 0.1 });
    await writeReviewedReport(workbook, plan.result, { runAt, fingerprint: plan.fingerprint, state: await readReviewState(workbook) });
    const report = workbook.sheet("CVM Gap Analysis")?.values;
    const history = workbook.sheet(HISTORY_SHEET_NAME)?.values;

    const written = await writeWhatIf(workbook, analysis(), { runAt });
    expect(written).toEqual({ scenarioSheet: "CVM Scenario" });
    expect(workbook.sheet("CVM Scenario")?.values.flat()).toContain("I16");
    expect(workbook.sheet("CVM Gap Analysis")?.values).toEqual(report);
    expect(workbook.sheet(HISTORY_SHEET_NAME)?.values).toEqual(history);
    expect((await readReviewState(workbook)).baseline).toBeDefined();
  });

  it("refuses a CVM Scenario sheet it did not write, changing nothing", async () => {
    const foreign: SheetData = { name: "CVM Scenario", values: [["My notes"]], origin: { row: 0, col: 0 } };
    const workbook = new MemoryWorkbook([...sampleSheets(), foreign]);
    await expect(writeWhatIf(workbook, analysis(), { runAt })).rejects.toThrow(ForeignSheetError);
    expect(workbook.sheet("CVM Scenario")?.values).toEqual([["My notes"]]);
    expect(workbook.sheet("CVM Gap Analysis")).toBeUndefined();
  });
});
