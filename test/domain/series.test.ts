/**
 * The KPI Series part on sheets in memory (issue 20): how it is found, how its cells are read, and
 * what a KPI's Aggregation and Period change. The fixtures' trends are worked in
 * test/xlsx/kpiSeries.test.ts; the figures here are worked beside each case.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { AnalysisResult, KpiGap } from "../../src/domain/analysis/result";
import type { CellValue, SheetData } from "../../src/domain/common/cells";
import { parsePlan } from "../../src/domain/plan/parse";
import { monthText } from "../../src/domain/common/month";
import { BET_HEADER, IMPACT_HEADER, INITIATIVE_HEADER } from "../../testkit/sheets";

const sheet = (name: string, values: CellValue[][]): SheetData => ({ name, values, origin: { row: 0, col: 0 } });

const KPI_HEADER = ["KPI ID", "KPI", "Bet IDs", "Unit", "Direction", "Baseline", "Target", "Actual", "Forecast", "Period", "Aggregation"];

function plan(kpis: CellValue[][], ...more: SheetData[]): SheetData[] {
  return [sheet("Bets", [BET_HEADER, ["B1", "Grow", "", "", "", 1, "CEO"]]), sheet("KPIs", [KPI_HEADER, ...kpis]), ...more];
}

const kpi = (result: AnalysisResult, id: string) => result.kpis.find((k) => k.kpiId === id) as KpiGap;
const rules = (result: AnalysisResult, prefix: RegExp) =>
  result.findings.filter((f) => prefix.test(f.rule)).map((f) => [f.rule, f.sheet, f.cell]);

const REVENUE: CellValue[] = ["K1", "Revenue", "B1", "€ m", "Higher is better", 1200, 1260, null, null, "FY2026", "Sum"];
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${String(from + i).padStart(2, "0")}`);

describe("finding the KPI Series", () => {
  it("takes a sheet whose header has a KPI ID and months across and whose IDs are the KPIs', whatever its name", () => {
    const tracking = sheet("Monthly tracking", [
      ["KPI ID", ...months(1, 3)],
      ["K1", 100, 100, 100],
    ]);
    expect(parsePlan(plan([REVENUE], tracking)).plan.series).toMatchObject({ sheet: "Monthly tracking", how: "recognised", values: 3 });
  });

  it("takes no sheet of months whose IDs are not the KPIs'", () => {
    const other = sheet("Sales by store", [
      ["ID", ...months(1, 3)],
      ["S1", 1, 2, 3],
      ["S2", 1, 2, 3],
    ]);
    expect(parsePlan(plan([REVENUE], other)).plan.series).toBeUndefined();
  });

  it("guesses between two such sheets never: neither is read, and a warning names both", () => {
    const a = sheet("Tracking A", [
      ["KPI ID", ...months(1, 3)],
      ["K1", 1, 2, 3],
    ]);
    const b = sheet("Tracking B", [
      ["KPI ID", "Period", "Value"],
      ["K1", "2026-01", 1],
    ]);
    const parsed = parsePlan(plan([REVENUE], a, b));
    expect(parsed.plan.series).toBeUndefined();
    expect(parsed.findings.findings.filter((f) => f.rule === "UNCLEAR_SHEET").map((f) => f.message)).toEqual([
      'The KPIs\' monthly series could be on "Tracking A" and "Tracking B": none was read. Name the one meant "KPI Series".',
    ]);
  });
});

describe("reading the KPI Series' cells", () => {
  it("reads text numbers as every number is read, and reports a value that is none with its cell", () => {
    const series = sheet("KPI Series", [
      ["KPI ID", ...months(1, 4)],
      ["K1", "1,250", 100, "lots", 110],
    ]);
    const result = analyzeSheets(plan([["K2", "Base", "B1", "k", "Higher is better", 1, 2, null, null, "FY2026"]], series));
    // K1 is not on the KPIs sheet here: its ID is reported once, its values are not read.
    expect(rules(result, /^(SERIES|BAD_NUMBER)/)).toEqual([["SERIES_UNKNOWN_KPI", "KPI Series", "A2"]]);
    const known = analyzeSheets(plan([REVENUE], series));
    expect(
      kpi(known, "K1")
        .series?.entries()
        .map((v) => [monthText(v.month), v.value]),
    ).toEqual([
      ["2026-01", 1250],
      ["2026-02", 100],
      ["2026-04", 110],
    ]);
    expect(rules(known, /^BAD_NUMBER$/)).toEqual([["BAD_NUMBER", "KPI Series", "D2"]]);
  });
});

describe("a KPI's Aggregation and Period", () => {
  const quarter = sheet("KPI Series", [
    ["KPI ID", ...months(1, 9)],
    ["K1", 100, 100, 100, 100, 100, 100, 100, 100, 100],
  ]);

  it("judges a Sum KPI today on its year to date against the pro-rated baseline and target, unless it has a forecast", () => {
    // Nine months of 100: 900 against 1260 × 9/12 = 945 and 1200 × 9/12 = 900: progress 0, Off track;
    // on the yearly figures it would be the same, but the gap is the pro-rated one, 45.
    const today = kpi(analyzeSheets(plan([REVENUE], quarter)), "K1");
    expect([today.actual, today.gap, today.status]).toEqual([900, 45, "Off track"]);
    // The trend: 900 + 100 × 3 = 1200 against 1260: progress 0, Off track.
    expect(today.trend).toMatchObject({ projected: 1200, periodsLeft: 3, status: "Off track" });
    // A forecast is a landing for the year: judged on the yearly figures as ever (1250 of 1260, progress 83%).
    const landing = kpi(analyzeSheets(plan([[...REVENUE.slice(0, 8), 1250, ...REVENUE.slice(9)]], quarter)), "K1");
    expect([landing.value, landing.gap, landing.status]).toEqual([1250, 10, "Off track"]);
  });

  it("lets a filled Actual count for a Sum KPI, and says when the series' year to date differs", () => {
    const result = analyzeSheets(plan([[...REVENUE.slice(0, 7), 950, ...REVENUE.slice(8)]], quarter));
    expect(kpi(result, "K1").actual).toBe(950);
    expect(rules(result, /^SERIES_ACTUAL_DIFFERS$/)).toEqual([["SERIES_ACTUAL_DIFFERS", "KPIs", "H2"]]);
  });

  it("projects nothing for a KPI with a series and no due month, and says so with the Period cell", () => {
    const result = analyzeSheets(plan([[...REVENUE.slice(0, 9), "Q4", "Level"]], quarter));
    expect(kpi(result, "K1").trend).toBeUndefined();
    expect(kpi(result, "K1").actual).toBe(100);
    const [finding] = result.findings.filter((f) => f.rule === "SERIES_NO_PERIOD");
    expect([finding.cell, finding.severity]).toEqual(["J2", "info"]);
    expect(finding.message).toContain('Its Period holds "Q4"');
  });

  it("reads an Aggregation it does not know as a level, with a warning", () => {
    const result = analyzeSheets(plan([[...REVENUE.slice(0, 10), "Average"]], quarter));
    expect(rules(result, /^BAD_VALUE$/)).toEqual([["BAD_VALUE", "KPIs", "K2"]]);
    // A level: the latest value, 100.
    expect(kpi(result, "K1").actual).toBe(100);
  });

  it("gives a Level trend no months left once its due month is past, evaluated at the due month", () => {
    // 10, 20, 30 in Jan to Mar 2026, due Feb 2026: the line 10 × x + 10 at February (x = 1) is 20.
    const series = sheet("KPI Series", [
      ["KPI ID", ...months(1, 3)],
      ["K1", 10, 20, 30],
    ]);
    const result = analyzeSheets(plan([["K1", "Base", "B1", "", "Higher is better", 0, 40, null, null, "Feb 2026", null]], series));
    expect(kpi(result, "K1").trend).toEqual({ asOf: "2026-03", points: 3, periodsLeft: 0, projected: 20, status: "Off track" });
  });
});

describe("a KPI on two rows of a wide KPI Series", () => {
  it("keeps the first row's value of a month both rows fill and names the second's cell, with no crash of the trend", () => {
    const series = sheet("KPI Series", [
      ["KPI ID", ...months(1, 4)],
      ["K1", 40, 42, null, 44],
      ["K1", null, 99, 43, 100],
    ]);
    const level: CellValue[] = ["K1", "Base", "B1", "k", "Higher is better", 40, 50, null, null, "Dec 2026", null];
    const result = analyzeSheets(plan([level], series));
    // January 40 and February 42 from row 2, March 43 from row 3 (row 2 leaves it blank), April 44 from row 2.
    expect(
      kpi(result, "K1")
        .series?.entries()
        .map((v) => [monthText(v.month), v.value]),
    ).toEqual([
      ["2026-01", 40],
      ["2026-02", 42],
      ["2026-03", 43],
      ["2026-04", 44],
    ]);
    expect(rules(result, /^SERIES_DUPLICATE$/)).toEqual([
      ["SERIES_DUPLICATE", "KPI Series", "C3"],
      ["SERIES_DUPLICATE", "KPI Series", "E3"],
    ]);
    // 40, 42, 43, 44 at x = 0…3: slope 1.3 a month, mean 42.25 at x = 1.5; December is x = 11: 42.25 + 1.3 × 9.5 = 54.6.
    expect(kpi(result, "K1").trend).toMatchObject({ asOf: "2026-04", points: 4, projected: expect.closeTo(54.6, 9) });
  });
});

describe("a trend behind its target, and the impacts planned on it", () => {
  // A Level KPI rising 1 a month from 40 in January 2026: 45 by June, 51 by December against a target of 60.
  const level: CellValue[] = ["K1", "Base", "B1", "k", "Higher is better", 40, 60, null, null, "Dec 2026", null];
  const series = () =>
    sheet("KPI Series", [
      ["KPI ID", ...months(1, 6)],
      ["K1", 40, 41, 42, 43, 44, 45],
    ]);
  const initiatives = sheet("Initiatives", [
    INITIATIVE_HEADER,
    ["I1", "Win-back", "Retention", "B1", "K1", "", "", "CVM", 100, "", "", "", "Planned"],
  ]);
  const behind = (impacts: CellValue[][]) =>
    rules(
      analyzeSheets([...plan([level], series()), initiatives, sheet("Impacts", [IMPACT_HEADER, ...impacts])]),
      /^TREND_BEHIND_NO_IMPACTS$/,
    );

  it("counts the impacts the bridge counts: one that moves the KPI is a plan to close the rest", () => {
    expect(behind([["I1", "K1", 5, 0.8, ""]])).toEqual([]);
  });

  it("says none is planned when the only impact names an initiative not on the Initiatives sheet (the bridge leaves it out)", () => {
    expect(behind([["I9", "K1", 5, 0.8, ""]])).toEqual([["TREND_BEHIND_NO_IMPACTS", "KPIs", "G2"]]);
  });

  it("says none is planned when the only impact has a confidence of 0", () => {
    expect(behind([["I1", "K1", 5, 0, ""]])).toEqual([["TREND_BEHIND_NO_IMPACTS", "KPIs", "G2"]]);
  });
});
