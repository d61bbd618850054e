/**
 * readPlan, the one way the command line and the pane read the plan: the sheets' first rows and
 * the kept mapping first, then only the sheets the parts come from. A plan read as it was before
 * recognition keeps its history fingerprint and its analysis; a mapping given for the run
 * overrides the kept one; a kept mapping that is wrong says it is the kept one and how to fix it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MappingError, UnclearPlanError } from "../../src/domain/common/stopErrors";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { analyzePlanSheets } from "../../src/useCases/analyzePlan";
import { KEPT_MAPPING_FIX, readPlan, surveyPlan } from "../../src/useCases/readPlan";
import { plannerSheets, TWO_SCORECARDS } from "../../testkit/plannerWorkbooks";

const OPTIONS = { tolerance: 0.1, allocationThreshold: 0.1 };
const ROOT = path.join(__dirname, "..", "..");
const CONTRACT_WORKBOOKS = [
  path.join(ROOT, "examples", "cvm-sample-plan.xlsx"),
  ...fs
    .readdirSync(path.join(ROOT, "test", "fixtures", "xlsx"))
    .filter((name) => /\.xls[xm]$/.test(name) && !name.startsWith("planner-"))
    .map((name) => path.join(ROOT, "test", "fixtures", "xlsx", name)),
];

describe("readPlan on the workbooks named as the contract says", () => {
  it.each(CONTRACT_WORKBOOKS.map((file) => [path.basename(file), file]))(
    "%s: reads the same sheets as before, so the history's fingerprint and the analysis do not change",
    async (_name, file) => {
      const before = analyzePlanSheets(await (await openXlsx(file)).readSheets(), OPTIONS);
      const read = await readPlan(await openXlsx(file));
      const after = analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources });
      expect(after.fingerprint).toBe(before.fingerprint);
      expect(after.result).toEqual(before.result);
    },
  );
});

describe("readPlan and the mapping", () => {
  const twoScorecards = () => new MemoryWorkbook(plannerSheets(TWO_SCORECARDS));
  const choose = (sheet: string) => ({ version: 1 as const, parts: { kpis: { sheet } } });

  it("stops on two candidates, naming both, before any sheet is read in full", async () => {
    const workbook = twoScorecards();
    const readSheets = jest.spyOn(workbook, "readSheets");
    await expect(readPlan(workbook)).rejects.toThrow(UnclearPlanError);
    await expect(readPlan(workbook)).rejects.toThrow(/"Scorecard" \(header row 2\) or "Scorecard \(old\)" \(header row 2\)/);
    expect(readSheets).not.toHaveBeenCalled();
  });

  it("leaves the unclear part to the survey, which does not stop: the pane's Plan sources view shows it", async () => {
    const survey = await surveyPlan(twoScorecards());
    expect(survey.recognition.problems).toHaveLength(1);
    expect(survey.recognition.parts.find((p) => p.part === "kpis")?.certainty).toBe("unsure");
  });

  it("reads only the sheets the parts come from, with the kept mapping", async () => {
    const workbook = twoScorecards();
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } }));
    const read = await readPlan(workbook);
    expect(read.kept).toEqual(choose("Scorecard (old)"));
    expect(read.sources.parts.kpis?.sheet).toBe("Scorecard (old)");
    expect(read.sheets.map((s) => s.name)).toEqual(["Strategic agenda 2027", "Scorecard (old)", "Programmes"]);
  });

  it("follows a mapping given for the run over the kept one", async () => {
    const workbook = twoScorecards();
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } }));
    const read = await readPlan(workbook, { mapping: choose("Scorecard") });
    expect(read.mapping).toEqual(choose("Scorecard"));
    expect(read.sources.parts.kpis?.sheet).toBe("Scorecard");
  });

  it("says a kept mapping that is not JSON, or names a sheet not there, is the kept one, and how to fix it", async () => {
    const workbook = twoScorecards();
    await workbook.writeMapping("{ not json");
    await expect(readPlan(workbook)).rejects.toThrow(MappingError);
    await expect(readPlan(workbook)).rejects.toThrow(KEPT_MAPPING_FIX);
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { KPIs: { sheet: "Scorecard 2025" } } }));
    await expect(readPlan(workbook)).rejects.toThrow(
      `The mapping takes the KPIs from the sheet "Scorecard 2025", and the workbook has no such sheet (its sheets: "Read me", "Strategic agenda 2027", "Scorecard", "Scorecard (old)", "Programmes", "Budget 2027 by month"). ${KEPT_MAPPING_FIX}`,
    );
  });

  it("reads the sample plan in memory as before: the same sheets, fingerprint and analysis", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const before = analyzePlanSheets(await workbook.readSheets(), OPTIONS);
    const read = await readPlan(workbook);
    expect(analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources })).toEqual(before);
  });
});

describe("readPlan and the KPI Series, which no mapping names", () => {
  const SERIES = path.join(ROOT, "test", "fixtures", "series");

  it.each([
    ["series-wide.xlsx", "KPI Series"],
    ["series-long.xlsx", "KPI History"],
  ])(
    "%s: reads the series sheet %s beside the parts, so its trends reach the analysis as when every sheet is read",
    async (file, seriesSheet) => {
      const everySheet = analyzePlanSheets(await (await openXlsx(path.join(SERIES, file))).readSheets(), OPTIONS);
      const read = await readPlan(await openXlsx(path.join(SERIES, file)));
      expect(read.sheets.map((s) => s.name)).toContain(seriesSheet);
      const result = analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources }).result;
      expect(result.kpis.filter((k) => k.trend).length).toBeGreaterThan(0);
      expect(result.kpis.map((k) => [k.kpiId, k.trend?.projected])).toEqual(
        everySheet.result.kpis.map((k) => [k.kpiId, k.trend?.projected]),
      );
    },
  );

  it("reads no monthly budget sheet, which has no KPI ID column, beside the plan", async () => {
    const budget = {
      name: "Budget FY2027",
      values: [
        ["Cost centre", "Jan 2027", "Feb 2027"],
        ["CC1", 10, 20],
      ],
      origin: { row: 0, col: 0 },
    };
    const read = await readPlan(new MemoryWorkbook([...sampleSheets(), budget]));
    expect(read.sheets.map((s) => s.name)).not.toContain("Budget FY2027");
  });
});

describe("a mapping that names the KPI Series", () => {
  const WIDE = path.join(ROOT, "test", "fixtures", "series", "series-wide.xlsx");

  /** The wide fixture with its series under two names no contract knows: two candidates by content. */
  async function twoTrackers(): Promise<MemoryWorkbook> {
    const sheets = await (await openXlsx(WIDE)).readSheets();
    const series = sheets.find((s) => s.name === "KPI Series")!;
    const others = sheets.filter((s) => s !== series);
    return new MemoryWorkbook([...others, { ...series, name: "Tracker A" }, { ...series, name: "Tracker B" }]);
  }

  it("is needed when two sheets hold the series equally: without it neither is read, and a warning names both", async () => {
    const read = await readPlan(await twoTrackers());
    const result = analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources }).result;
    expect(result.kpis.filter((k) => k.trend)).toEqual([]);
    expect(result.findings.find((f) => f.rule === "UNCLEAR_SHEET")?.message).toMatch(/"Tracker A" and "Tracker B"/);
  });

  it("reads the sheet it names, as mapped by the user, and gives the trends the fixture gives by name", async () => {
    const byName = await readPlan(await openXlsx(WIDE));
    const expected = analyzePlanSheets(byName.sheets, OPTIONS, undefined, { sources: byName.sources }).result;
    const workbook = await twoTrackers();
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { "KPI Series": { sheet: "Tracker B" } } }));
    const read = await readPlan(workbook);
    expect(read.sources.series).toBe("Tracker B");
    const parsed = analyzePlanSheets(read.sheets, OPTIONS, undefined, { sources: read.sources });
    expect(parsed.parsed.plan.series?.how).toBe("mapped by the user");
    expect(parsed.result.kpis.map((k) => [k.kpiId, k.trend?.projected])).toEqual(expected.kpis.map((k) => [k.kpiId, k.trend?.projected]));
    expect(parsed.result.findings.filter((f) => f.rule === "UNCLEAR_SHEET")).toEqual([]);
  });
});
