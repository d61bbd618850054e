import { installCustomFunctionsShim, excelResult } from "../helpers/customFunctionsShim";
installCustomFunctionsShim();
import { alignment, planBuildCount, status, trace } from "../../src/functions/functions";
import { analyzeSheets } from "../../src/domain/analyze";
import { SAMPLE_SHEETS, type SampleCell } from "../../src/sample/samplePlan";
import type { SheetData } from "../../src/domain/cells";

/** A sample sheet as Excel hands `Table[#All]` to a function: header first, dates as serials, blanks as "". */
function tableArg(name: string): unknown[][] {
  const sheet = SAMPLE_SHEETS.find((s) => s.name === name);
  if (!sheet) throw new Error(name);
  const cell = (v: SampleCell) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v ?? "");
  return [[...sheet.header], ...sheet.rows.map((r) => r.map(cell))];
}

const bets = tableArg("Bets");
const kpis = tableArg("KPIs");
const initiatives = tableArg("Initiatives");
const personas = tableArg("Personas");
const moments = tableArg("Moments of Truth");
const copy = (t: unknown[][]) => t.map((r) => [...r]);

describe("CVM.TRACE", () => {
  it("spills one path per row, one 'ID: name' cell per hop, padded to a rectangle", () => {
    expect(trace("I03", initiatives, kpis, bets)).toEqual([
      ["I03: Household loyalty points", "B1: Win the converged household", ""],
      ["I03: Household loyalty points", "K8: Postpaid CLV", "B1: Win the converged household"],
      ["I03: Household loyalty points", "K8: Postpaid CLV", "B2: Grow the value of the mobile base"],
    ]);
  });

  it("traces through KPIs alone, and accepts the tables in any order and IDs in any case", () => {
    expect(trace(" i07 ", bets, kpis, initiatives)).toEqual([
      ["I07: Prepaid to postpaid migration", "K5: Blended ARPU", "B2: Grow the value of the mobile base"],
      ["I07: Prepaid to postpaid migration", "K6: AMPU", "B2: Grow the value of the mobile base"],
    ]);
  });

  it("traces Moments of Truth, KPIs and personas", () => {
    expect(trace("M7", moments, kpis, bets).map((r) => r[2])).toEqual(["B1: Win the converged household", "B2: Grow the value of the mobile base"]);
    expect(trace("K3", kpis, bets)).toEqual([["K3: Postpaid monthly churn", "B2: Grow the value of the mobile base"]]);
    expect(trace("P5", personas, bets)).toEqual([["P5: Senior", "B3: Best-rated service in the market"]]);
  });

  it("returns #N/A with a message when the ID traces to no bet or is unknown", () => {
    expect(excelResult(() => trace("I16", initiatives, kpis, bets))).toEqual({ code: "#N/A", message: "I16 traces to no strategic bet." });
    expect(excelResult(() => trace("I17", initiatives, kpis, bets))).toEqual({ code: "#N/A", message: "I17 traces to no strategic bet." });
    expect(excelResult(() => trace("X1", initiatives, kpis, bets))).toEqual({ code: "#N/A", message: "X1 is not an ID in the tables given." });
    expect(excelResult(() => trace(null, initiatives, kpis, bets))).toEqual({ code: "#N/A", message: "id is blank." });
  });

  it("says which table it does not recognise, or that one was passed twice", () => {
    expect(excelResult(() => trace("I01", initiatives, [["Month", "Revenue"], ["Jan", 1]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("table2 is not a plan table") });
    expect(excelResult(() => trace("I01", kpis, copy(kpis)))).toEqual({ code: "#VALUE!", message: "table1 and table2 both look like KPIs tables; pass each table once." });
    expect(excelResult(() => trace("I01"))).toEqual({ code: "#VALUE!", message: expect.stringContaining("Pass at least one plan table") });
  });

  it("builds the trace graph once for many calls over the same content, and again when a cell changes", () => {
    // A row of its own makes this content new to the cache.
    const fresh = [...copy(initiatives), ["I99", "Cache probe", "", "B1"]];
    const before = planBuildCount();
    for (let i = 0; i < 200; i++) trace(i % 2 ? "I01" : "I99", copy(fresh), copy(kpis), copy(bets));
    expect(planBuildCount() - before).toBe(1);
    const edited = copy(fresh);
    edited[16][3] = "B4"; // I16 now names bet B4
    expect(trace("I16", edited, kpis, bets)).toEqual([["I16: City marathon sponsorship", "B4: Digital first, lower cost to serve"]]);
    expect(planBuildCount() - before).toBe(2);
  });

  it("is not fooled by a caller that changes its arrays in place", () => {
    const table = copy(initiatives);
    expect(excelResult(() => trace("I16", table, kpis, bets))).toMatchObject({ code: "#N/A" });
    table[16][3] = "B1";
    expect(trace("I16", table, kpis, bets)[0][1]).toBe("B1: Win the converged household");
  });
});

describe("CVM.ALIGNMENT", () => {
  it("spills the six aspects and the coverage of a bet", () => {
    expect(alignment("B5", bets, personas, kpis, initiatives)).toEqual([[false, false, false, true, false, false, 1 / 6]]);
    expect(alignment("b1", bets, personas, kpis, initiatives)).toEqual([[true, true, true, true, true, true, 1]]);
  });

  it("needs a Bets table and a known bet", () => {
    expect(excelResult(() => alignment("B1", kpis))).toEqual({ code: "#VALUE!", message: expect.stringContaining("No Bets table") });
    expect(excelResult(() => alignment("B9", bets, kpis))).toEqual({ code: "#N/A", message: "B9 is not a Bet ID in the Bets table." });
  });
});

describe("the functions and the gap analysis agree", () => {
  const sheets: SheetData[] = ["Bets", "Personas", "KPIs", "Initiatives", "Moments of Truth"].map((name) => ({ name, values: tableArg(name) as SheetData["values"], origin: { row: 0, col: 0 } }));
  const result = analyzeSheets(sheets);

  it("on every bet's coverage", () => {
    for (const bet of result.bets) expect(alignment(bet.betId, bets, personas, kpis, initiatives)[0][6]).toBeCloseTo(bet.coverage, 12);
  });

  it("on every KPI's status", () => {
    for (const [i, kpi] of result.kpis.entries()) {
      const row = kpis[i + 1];
      const value = row[9] === "" ? row[8] : row[9];
      expect([kpi.kpiId, status([[value]], [[row[7]]], row[5], [[row[6]]], undefined)[0][0]]).toEqual([kpi.kpiId, kpi.status]);
    }
  });
});
