/**
 * Numbers past what a number holds (issue 17): "1e309", "€1e999" or "-1e999" typed in a cell,
 * a cell whose stored value overflows, and sums or KPI figures that go past ±1.8E+308. Each is a
 * finding with its sheet and cell, and every figure made of it is unknown: never Infinity, never
 * a 0.0% score or a "Budget: ∞".
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { CellValue } from "../../src/domain/common/cells";
import type { AnalysisResult } from "../../src/domain/analysis/result";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { baselineFromReport, sinceLast } from "../../src/domain/review/review";
import { sinceLastLine } from "../../src/domain/review/reviewReport";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { parseScenario } from "../../src/domain/whatIf/scenario";
import { ScenarioError } from "../../src/domain/common/stopErrors";
import { readNumber } from "../../src/domain/common/values";
import { formatSinceLast, formatSummary } from "../../src/cli/summary";
import { BET_HEADER, IMPACT_HEADER, INITIATIVE_HEADER, KPI_HEADER, smallPlan } from "../../testkit/sheets";

const RUN_AT = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

const bets = (b1: CellValue, b2: CellValue): CellValue[][] => [
  BET_HEADER,
  ["B1", "Win converged homes", "Convergence", "Grow converged base", "Cable merger", b1, "CEO"],
  ["B2", "Lead in 5G", "", "", "", b2, "CTO"],
];
const initiatives = (i1: CellValue, i2: CellValue, i3: CellValue): CellValue[][] => [
  INITIATIVE_HEADER,
  ["I1", "Bundle offer", "Cross-sell", "B1", "K1", "P1", "M1", "CVM", i1, "", null, null, "Running"],
  ["I2", "Win-back", "Retention", "B1", "K2", "", "", "CVM", i2, "", null, null, "Planned"],
  ["I3", "Loyalty app", "Loyalty", "", "", "", "", "Product", i3, "", null, null, "Planned"],
];

const rulesAt = (result: AnalysisResult, rule: string) =>
  result.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell} ${f.itemId}`);

/** Every number anywhere in the result, with where it is. */
function nonFiniteFigures(value: unknown, path = "result"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => nonFiniteFigures(v, `${path}.${key}`));
}

/** Nothing the summary or the report shows reads as infinite. */
function expectNoInfinityShown(result: AnalysisResult): void {
  expect(nonFiniteFigures(result)).toEqual([]);
  const summary = formatSummary(result, "plan.xlsx");
  expect(summary).not.toMatch(/∞|Infinity|NaN/);
  const layout = buildReportLayout(result, { runAt: RUN_AT });
  const values = [...layout.cells.map((c) => c.value), ...layout.tables.flatMap((t) => t.rows.flat())];
  expect(values.filter((v) => typeof v === "number" && !Number.isFinite(v))).toEqual([]);
  expect(values.filter((v) => typeof v === "string" && /Infinity|NaN/.test(v))).toEqual([]);
}

describe("readNumber on numbers past what a number holds", () => {
  it.each([
    ["1e309", "1e309"],
    ["€1e999", "€1e999"],
    ["-1e999", "-1e999"],
    ["(1e999)", "(1e999)"],
    ["1e999%", "1e999%"],
    ["four hundred nines", "9".repeat(400)],
    ["a stored Infinity", Number.POSITIVE_INFINITY],
    ["a stored -Infinity", Number.NEGATIVE_INFINITY],
  ])("reads %s as a number too large, never as Infinity", (_label, input) => {
    const read = readNumber(input);
    expect(read).toMatchObject({ kind: "bad", notFinite: true });
    if (read.kind === "bad") expect(read.reason).toContain("1.8E+308");
  });

  it("still reads the largest numbers that fit, and tiny ones as they round", () => {
    expect(readNumber("1.7e308")).toEqual({ kind: "number", value: 1.7e308 });
    expect(readNumber("1e-400")).toEqual({ kind: "number", value: 0 });
  });
});

describe("a number too large typed in a cell", () => {
  it("a weight of 1e309 makes the score unknown, not 0.0%, with a finding on its cell", () => {
    const result = analyzeSheets(smallPlan({ bets: bets("1e309", 0.4) }));
    expect(result.score).toBeUndefined();
    expect(result.bets.map((b) => b.normalizedWeight)).toEqual([undefined, undefined]);
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["Bets!F2 B1"]);
    expect(result.findings.find((f) => f.rule === "NUMBER_TOO_LARGE")?.message).toMatch(
      /^Weight holds "1e309", a number beyond ±1\.8E\+308.*so its value is unknown/,
    );
    // The weight is there, only not known: it is not "missing while others have one".
    expect(rulesAt(result, "BET_NO_WEIGHT")).toEqual([]);
    expect(formatSummary(result, "plan.xlsx")).toContain(
      "Alignment score: unknown (a number is too large for Excel or is the error #NUM!) over 2 strategic bets",
    );
    expectNoInfinityShown(result);
  });

  it('a budget of "€1e999" makes the total budget unknown, not "Budget: ∞", with a finding on its cell', () => {
    const result = analyzeSheets(smallPlan({ initiatives: initiatives(600, 300, "€1e999") }));
    expect(result.totalBudget).toBeUndefined();
    expect(result.untracedBudget).toBeUndefined();
    // B1's own initiatives are known: its budget is a figure, its share of an unknown total is not.
    expect(result.bets[0]).toMatchObject({ budget: 900, budgetShare: undefined });
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["Initiatives!I4 I3"]);
    expect(formatSummary(result, "plan.xlsx")).toContain(
      "Budget: unknown (a number is too large for Excel or is the error #NUM!; see the findings)",
    );
    expectNoInfinityShown(result);
  });

  it("a KPI target of -1e999 leaves its status unknown, with a finding on its cell", () => {
    const kpis: CellValue[][] = [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 100, "-1e999", 150, null, "FY26", "CVM"],
    ];
    const result = analyzeSheets(smallPlan({ kpis }));
    expect(result.kpis[0]).toMatchObject({ status: "No data", unknown: true, target: undefined, gap: undefined });
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["KPIs!H2 K1"]);
    // An unknown figure is not missing data.
    expect(rulesAt(result, "KPI_NO_DATA")).toEqual([]);
    expectNoInfinityShown(result);
  });

  it("a numeric cell whose stored value overflows (handed over as Infinity) is unknown, with its cell", () => {
    const result = analyzeSheets(smallPlan({ initiatives: initiatives(Number.POSITIVE_INFINITY, 300, 100) }));
    expect(result.totalBudget).toBeUndefined();
    expect(result.bets[0].budget).toBeUndefined();
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["Initiatives!I2 I1"]);
    expectNoInfinityShown(result);
  });

  it('a budget holding #NUM! (what Excel stores for a formula whose result overflows) is unknown, not left out of a total of 0 with "No budgets"', () => {
    const result = analyzeSheets(smallPlan({ initiatives: initiatives({ error: "#NUM!" }, "#NUM!", 100) }));
    expect(result.totalBudget).toBeUndefined();
    expect(result.bets[0].budget).toBeUndefined();
    expect(rulesAt(result, "BAD_NUMBER")).toEqual(["Initiatives!I2 I1", "Initiatives!I3 I2"]);
    expect(result.findings.find((f) => f.rule === "BAD_NUMBER")?.message).toMatch(
      /^Budget holds the error #NUM!, .*so its value is unknown/,
    );
    expect(rulesAt(result, "NO_BUDGET")).toEqual([]);
    expect(formatSummary(result, "plan.xlsx")).toContain(
      "Budget: unknown (a number is too large for Excel or is the error #NUM!; see the findings)",
    );
  });

  it("an impact of 1e999 makes the KPI's bridge unknown", () => {
    const impacts: CellValue[][] = [IMPACT_HEADER, ["I1", "K1", "1e999", 1, ""]];
    const result = analyzeSheets(smallPlan({ impacts }));
    const [k1] = result.kpis;
    expect([k1.closure, k1.planned, k1.projected]).toEqual(["Unknown", undefined, undefined]);
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["Impacts!C2 I1"]);
    expectNoInfinityShown(result);
  });
});

describe("sums and figures that go past what a number holds", () => {
  it("budgets of 1e308 adding up past the limit: the total and the bet's budget unknown, with the cells summed and the bet", () => {
    const result = analyzeSheets(smallPlan({ initiatives: initiatives(1e308, 1e308, 100) }));
    expect(result.totalBudget).toBeUndefined();
    expect(result.bets[0]).toMatchObject({ betId: "B1", budget: undefined, budgetShare: undefined, allocationGapPoints: undefined });
    const found = result.findings.filter((f) => f.rule === "NUMBER_TOO_LARGE");
    expect(found.map((f) => `${f.sheet}!${f.cell} ${f.itemId}`)).toEqual(["Initiatives!I3 ", "Initiatives!I3 B1"]);
    expect(found[0].message).toContain("The initiatives' budgets (Initiatives!I2:I4) add up beyond ±1.8E+308");
    expect(found[1].message).toContain("the initiatives that trace to strategic bet B1 (Initiatives!I2, I3) add up beyond ±1.8E+308");
    expect(formatSummary(result, "plan.xlsx")).toContain(
      "Budget: unknown (a number is too large for Excel or is the error #NUM!; see the findings)",
    );
    expectNoInfinityShown(result);
  });

  it("many budgets of 1e308 on an initiative sheet: the sum's finding counts the cells it does not name", () => {
    const rows: CellValue[][] = [INITIATIVE_HEADER];
    for (let i = 1; i <= 500; i++) rows.push([`I${i}`, `Initiative ${i}`, "", "B2", "", "", "", "CVM", 1e308, "", null, null, "Planned"]);
    const result = analyzeSheets(smallPlan({ initiatives: rows }));
    const bet = result.findings.find((f) => f.rule === "NUMBER_TOO_LARGE" && f.itemId === "B2");
    expect(bet?.message).toMatch(/\(Initiatives!I2, I3, .*, I21 and 480 more\)/);
    expect(result.bets[1].budget).toBeUndefined();
    expectNoInfinityShown(result);
  });

  it("weights of 1e308 adding up past the limit: the score unknown, never 0.0%, with the weights summed", () => {
    const result = analyzeSheets(smallPlan({ bets: bets(1e308, 1e308) }));
    expect(result.score).toBeUndefined();
    expect(result.bets.map((b) => b.normalizedWeight)).toEqual([undefined, undefined]);
    const found = result.findings.filter((f) => f.rule === "NUMBER_TOO_LARGE");
    expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual(["Bets!F3"]);
    expect(found[0].message).toContain("The bets' weights (Bets!F2:F3) add up beyond ±1.8E+308");
    expectNoInfinityShown(result);
  });

  it("a KPI whose gap goes past the limit (target 1e308, value −1e308) is unknown, with its cells", () => {
    const kpis: CellValue[][] = [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", null, 1e308, -1e308, null, "FY26", "CVM"],
    ];
    const result = analyzeSheets(smallPlan({ kpis }));
    expect(result.kpis[0]).toMatchObject({ status: "No data", unknown: true, gap: undefined, value: -1e308 });
    const found = result.findings.find((f) => f.rule === "NUMBER_TOO_LARGE");
    expect([found?.sheet, found?.cell, found?.itemId]).toEqual(["KPIs", "I2", "K1"]);
    expect(found?.message).toContain("The gap of KPI K1, computed from KPIs!I2 and KPIs!H2, comes out beyond ±1.8E+308");
    expectNoInfinityShown(result);
  });

  it("a KPI whose attainment goes past the limit (a tiny target) is unknown, not Off track", () => {
    const kpis: CellValue[][] = [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", null, 5e-324, -1e300, null, "FY26", "CVM"],
    ];
    const result = analyzeSheets(smallPlan({ kpis }));
    expect(result.kpis[0]).toMatchObject({ status: "No data", unknown: true, attainment: undefined });
    expect(result.findings.find((f) => f.rule === "NUMBER_TOO_LARGE")?.message).toContain("The attainment of KPI K1");
    expectNoInfinityShown(result);
  });

  it("impacts adding up past the limit make the bridge unknown, with the impacts summed", () => {
    const impacts: CellValue[][] = [IMPACT_HEADER, ["I1", "K1", 1e308, 1, ""], ["I2", "K1", 1e308, 1, ""]];
    const result = analyzeSheets(smallPlan({ impacts }));
    const [k1] = result.kpis;
    expect([k1.closure, k1.planned, k1.residual, k1.projected, k1.steps]).toEqual(["Unknown", undefined, undefined, undefined, []]);
    const found = result.findings.find((f) => f.rule === "NUMBER_TOO_LARGE");
    expect([found?.sheet, found?.cell, found?.itemId]).toEqual(["KPIs", "I2", "K1"]);
    expect(found?.message).toContain("the impacts counted at Impacts!C2, C3");
    expectNoInfinityShown(result);
  });

  it("a projected value past the limit makes the bridge unknown, not a projected status", () => {
    const kpis: CellValue[][] = [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", null, 1.5e308, 1e308, null, "FY26", "CVM"],
    ];
    const impacts: CellValue[][] = [IMPACT_HEADER, ["I1", "K1", 1e308, 1, ""]];
    const result = analyzeSheets(smallPlan({ kpis, impacts }));
    const [k1] = result.kpis;
    expect([k1.closure, k1.projected, k1.projectedStatus]).toEqual(["Unknown", undefined, undefined]);
    expect(rulesAt(result, "NUMBER_TOO_LARGE")).toEqual(["KPIs!I2 K1"]);
    expectNoInfinityShown(result);
  });
});

describe("a scenario with a number too large", () => {
  // JSON.parse reads the number 1e999 as Infinity, as the command line reads a scenario file.
  it.each([["1e999"], ['"1e999"'], ['"€1e999"']])("refuses a budget written %s with a message that says what it is", (budget) => {
    const json: unknown = JSON.parse(`{ "version": 1, "initiatives": [{ "id": "I01", "budget": ${budget} }] }`);
    expect(() => parseScenario(json)).toThrow(ScenarioError);
    expect(() => parseScenario(json)).toThrow(/initiatives\[0\]: "budget" is .*a number beyond ±1\.8E\+308/);
  });
});

describe("the last report's figures edited past what a number holds", () => {
  it("a run time or score typed as 1e308 in the last report is not compared, rather than failing or showing Infinity", async () => {
    const result = analyzeSheets(smallPlan());
    const workbook = new MemoryWorkbook(smallPlan());
    await workbook.writeReport(buildReportLayout(result, { runAt: RUN_AT }));
    const report = workbook.sheet("CVM Gap Analysis");
    if (!report) throw new Error("no report written");
    // B3 holds the alignment score, B4 the run time (rows 2 and 3 of the header).
    const edited = { ...report, values: report.values.map((row, r) => (r === 2 || r === 3 ? [row[0], 1e308] : row)) };
    const baseline = baselineFromReport(edited);
    expect(baseline?.runAt).toBeUndefined();
    const since = baseline && sinceLast(baseline, result);
    expect(since?.scoreDeltaPoints).toBeUndefined();
    expect(sinceLastLine(since)).toBe("Since the last review: score not comparable, 0 resolved, 0 new");
    expect(formatSinceLast(since)).not.toMatch(/Infinity|NaN/);
  });
});
