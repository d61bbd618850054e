/**
 * CVM.TRACE, CVM.ALIGNMENT and CVM.BRIDGE on tables kept under the planner's own header words
 * (issue 19), through the built bundle as Excel calls them: a "Scorecard" table with "Metric code
 * / Goal 2027", "Programmes" with "Prog. ID / Strategic bet / Metrics / Spend k€", the strategic
 * agenda with "Ref / Strategic priority / Weighting", recognised as the sheets are.
 */
import { CustomFunctionsRuntime, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";
import { PLANNER_PLAN, programmes, scorecard } from "../../testkit/plannerWorkbooks";

const excel = new CustomFunctionsRuntime();

/** A sheet's rows from its header down, as `Table[#All]` hands them over. */
const fromHeader = (rows: readonly (readonly SheetCell[])[], headerIndex: number) => range(rows.slice(headerIndex).map((r) => [...r]));

const agendaSheet = PLANNER_PLAN.sheets.find((s) => s.name === "Strategic agenda 2027");
const agenda = fromHeader(agendaSheet?.rows ?? [], 3);
const kpis = fromHeader(scorecard().rows, 1);
const programmeTable = fromHeader(programmes().rows, 0);
const impacts = range([
  ["Programme", "Metric code", "Expected change", "Probability"],
  ["PR01", "M01", 30, 0.8],
  ["PR02", "M01", 20, 0.5],
]);

const trace = (id: SheetCell, ...tables: ExcelArgument[]) => excel.call("TRACE", value(id), ...tables);

describe("the worksheet functions on the planner's own tables", () => {
  it("traces a programme through the metrics it names to the strategic priorities", async () => {
    expect(await trace("PR03", programmeTable, kpis, agenda)).toEqual([
      ["PR03: Postpaid retention offers", "M03: Postpaid monthly churn", "P2: Grow the value of the mobile base"],
    ]);
    expect(await trace("pr02", agenda, kpis, programmeTable)).toEqual([
      ["PR02: Cable base cross-sell", "P1: Win the converged household", ""],
      ["PR02: Cable base cross-sell", "M01: Converged households (k)", "P1: Win the converged household"],
      ["PR02: Cable base cross-sell", "M02: Blended ARPU (€)", "P2: Grow the value of the mobile base"],
    ]);
    expect(await trace("PR05", programmeTable, kpis, agenda)).toEqual({ error: "#N/A", message: "PR05 traces to no strategic bet." });
  });

  it("gives a priority's six aspects and coverage", async () => {
    // No personas table: Strategy (its statement), Business objective and Major initiatives, 3 of 6.
    expect(await excel.call("ALIGNMENT", value("P1"), agenda, kpis, programmeTable)).toEqual([
      [false, false, false, true, true, true, 0.5],
    ]);
    // P4 has no metric and no programme: Strategy only.
    expect(await excel.call("ALIGNMENT", value("P4"), agenda, kpis, programmeTable)).toEqual([
      [false, false, false, true, false, false, 1 / 6],
    ]);
  });

  it("bridges a metric's gap with the impacts table in the planner's words", async () => {
    // M01: goal 520, current 470, a gap of 50; PR01 30 × 80% and PR02 20 × 50% plan 34, leaving 16:
    // 68% covered, partly closed, projected 504.
    expect(await excel.call("BRIDGE", value("M01"), kpis, impacts)).toEqual([[50, 34, 16, 0.68, "Partly closed", 504]]);
  });

  it("still says which table it cannot recognise", async () => {
    const budget = range([
      ["Line", "Jan", "Feb", "Mar"],
      ["Marketing", 100, 110, 120],
    ]);
    expect(await trace("PR01", programmeTable, budget)).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("table2 is not a plan table"),
    });
  });
});
