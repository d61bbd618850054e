/**
 * The KPI Series part (issue 20) on the two committed fixtures of scripts/fixtures/series_fixtures.py:
 * the same monthly values laid out wide (date headers) and long (period text), read from the
 * .xlsx files as the command line reads them. Every trend is worked by hand below.
 */
import * as path from "node:path";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { AnalysisResult, KpiGap } from "../../src/domain/analysis/result";
import type { SheetData } from "../../src/domain/common/cells";
import { parsePlan } from "../../src/domain/plan/parse";
import { monthText } from "../../src/domain/common/month";

const root = path.join(__dirname, "..", "..");
const fixture = (name: string) => path.join(root, "test", "fixtures", "series", name);

async function analyzed(name: string): Promise<{ result: AnalysisResult; sheets: readonly SheetData[] }> {
  const sheets = await (await openXlsx(fixture(name))).readSheets();
  return { result: analyzeSheets(sheets), sheets };
}

const kpi = (result: AnalysisResult, id: string) => result.kpis.find((k) => k.kpiId === id) as KpiGap;
/** A KPI's series as --json writes it: [month, value] pairs. */
const pairs = (k: KpiGap) => k.series?.entries().map((v): [string, number] => [monthText(v.month), v.value]);
const rules = (result: AnalysisResult, rule: string) => result.findings.filter((f) => f.rule === rule);

describe.each([
  ["series-wide.xlsx", "KPI Series", "wide"],
  ["series-long.xlsx", "KPI History", "long"],
])("the KPI Series of %s", (file, sheetName, layout) => {
  let result: AnalysisResult;
  let sheets: readonly SheetData[];
  beforeAll(async () => ({ result, sheets } = await analyzed(file)));

  it(`is read from "${sheetName}" in the ${layout} layout, by name, and read in full by the adapter`, () => {
    expect(sheets.map((s) => s.name)).toContain(sheetName);
    const { plan } = parsePlan(sheets);
    expect(plan.series).toMatchObject({ sheet: sheetName, layout, how: "by name" });
    // 9 + 3 + 4 + 10 + 7 + 2 values of the six KPIs; K99's and the second September of K2 are not counted.
    expect(plan.series?.values).toBe(35);
  });

  it("fits a Level KPI's line through its last 6 values, skipping the missing May (K1)", () => {
    // Apr 2890, Jun 2900, Jul 2905, Aug 2910, Sep 2915, Oct 2920 at x = 0, 2, 3, 4, 5, 6 (months after April):
    // mean x 20/6, mean y 17440/6 = 2906.67; Sxx 23.33, Sxy 116.67, slope 5; December is x = 8:
    // 2906.67 + 5 × (8 − 3.33) = 2930. Progress (2930 − 2850) / (2950 − 2850) = 80% < 90%: Off track.
    const k1 = kpi(result, "K1");
    expect(k1.trend).toEqual({ asOf: "2026-10", points: 6, periodsLeft: 2, projected: expect.closeTo(2930, 9), status: "Off track" });
    // Its Actual cell is empty: the latest value counts.
    expect(k1.actual).toBe(2920);
    expect(k1.series).toHaveLength(9);
    expect(pairs(k1)?.map(([month]) => month)).not.toContain("2026-05");
  });

  it("keeps the first of two values for one month and says where the second is (K2)", () => {
    const [duplicate] = rules(result, "SERIES_DUPLICATE");
    expect(duplicate).toMatchObject({ severity: "warning", sheet: sheetName, itemId: "K2" });
    expect(duplicate.message).toContain("2026-09");
    // Aug 455, Sep 462, Oct 468: slope (−1 × −6.67 + 1 × 6.33) / 2 = 6.5; December is 3 months past the
    // mean month: 461.67 + 6.5 × 3 = 481.17.
    expect(kpi(result, "K2").trend?.projected).toBeCloseTo(481.1667, 3);
    expect(pairs(kpi(result, "K2"))).toEqual([
      ["2026-08", 455],
      ["2026-09", 462],
      ["2026-10", 468],
    ]);
  });

  it("lets a filled Actual cell count, and says when the latest value differs, with both cells (K2)", () => {
    expect(kpi(result, "K2").actual).toBe(470);
    const [differs] = rules(result, "SERIES_ACTUAL_DIFFERS");
    expect(differs).toMatchObject({ severity: "info", sheet: "KPIs", cell: "I3", itemId: "K2" });
    expect(differs.message).toMatch(/470 .*468 .*KPI (Series|History)'!/);
  });

  it("warns of a KPI on track today whose trend ends off track with nothing planned (K3)", () => {
    // Jul 34, Aug 33, Sep 32, Oct 31: slope −1, mean 32.5 at x = 1.5; December is x = 5: 29.
    // Progress (29 − 21) / (30 − 21) = 89% < 90%: Off track, while 31 today meets the target.
    const k3 = kpi(result, "K3");
    expect(k3.status).toBe("On track");
    expect(k3.trend).toMatchObject({ points: 4, projected: expect.closeTo(29, 9), status: "Off track" });
    expect(rules(result, "TREND_WORSE_THAN_TODAY").map((f) => f.itemId)).toEqual(["K3"]);
    // K1 and K2 have impacts planned; K5's trend reaches its target.
    expect(rules(result, "TREND_BEHIND_NO_IMPACTS").map((f) => f.itemId)).toEqual(["K3"]);
  });

  it("sums a Sum KPI's year so far and runs on at the mean of its last 3 months (K4)", () => {
    // January to October add up to 1058; the mean of Aug, Sep, Oct is (108 + 110 + 110) / 3 = 109.33;
    // 2 months left: 1058 + 218.67 = 1276.67 ≥ 1260: On track.
    const k4 = kpi(result, "K4");
    expect(k4.actual).toBe(1058);
    expect(k4.trend).toMatchObject({ points: 10, periodsLeft: 2, projected: expect.closeTo(1276.6667, 3), status: "On track" });
    // Today: 1058 against the target and baseline pro-rated to 10 months, 1050 and 1000: on track,
    // where the yearly 1260 would call it off track every month before December.
    expect(k4.status).toBe("On track");
    expect(k4.target).toBe(1260);
  });

  it("says when a series stops more than 2 months before the others (K5)", () => {
    const stale = rules(result, "SERIES_STALE");
    expect(stale.map((f) => [f.itemId, f.severity])).toEqual([["K5", "info"]]);
    expect(stale[0].message).toContain("2026-07, 3 months before");
    // Feb 9.9 … Jul 9.4, slope −0.1; December is 5 months past July: 8.9 ≤ 9, lower is better: On track.
    expect(kpi(result, "K5").trend).toMatchObject({
      asOf: "2026-07",
      periodsLeft: 5,
      projected: expect.closeTo(8.9, 9),
      status: "On track",
    });
  });

  it("has no trend with fewer than 3 values, and says so (K7)", () => {
    expect(kpi(result, "K7").trend).toBeUndefined();
    expect(kpi(result, "K7").trendNote).toBe("2 values; a trend needs 3 or more.");
    expect(kpi(result, "K7").actual).toBe(4.2);
  });

  it("reports an ID the KPIs sheet does not hold and a period that cannot be read, with their cells", () => {
    expect(rules(result, "SERIES_UNKNOWN_KPI").map((f) => [f.sheet, f.itemId])).toEqual([[sheetName, "K99"]]);
    const [period] = rules(result, "SERIES_BAD_PERIOD");
    expect(period).toMatchObject({ severity: "warning", sheet: sheetName });
    expect(period.message).toContain('"Q4 2026"');
  });
});

describe("a plan without a KPI Series", () => {
  it("gives its KPIs no series and no trend, and adds no finding", async () => {
    const sheets = await (await openXlsx(path.join(root, "examples", "cvm-sample-plan.xlsx"))).readSheets();
    const result = analyzeSheets(sheets);
    expect(parsePlan(sheets).plan.series).toBeUndefined();
    expect(result.kpis.every((k) => k.series === undefined && k.trend === undefined)).toBe(true);
    expect(result.findings.filter((f) => /^(SERIES|TREND)_/.test(f.rule))).toEqual([]);
  });
});
