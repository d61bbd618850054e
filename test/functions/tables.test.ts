/**
 * CVM.TRACE and CVM.ALIGNMENT through the built bundle, called as Excel calls them (one repeating
 * argument holding every table), on the sample plan's sheets passed as `Table[#All]` ranges.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { TablePlanCache } from "../../src/functions/planTables";
import { CustomFunctionsRuntime, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";
import { tableCells } from "../../testkit/sampleTables";

const excel = new CustomFunctionsRuntime();

const bets = range(tableCells("Bets"));
const kpis = range(tableCells("KPIs"));
const initiatives = range(tableCells("Initiatives"));
const personas = range(tableCells("Personas"));
const moments = range(tableCells("Moments of Truth"));

const trace = (id: SheetCell, ...tables: ExcelArgument[]) => excel.call("TRACE", value(id), ...tables);
const alignment = (id: SheetCell, ...tables: ExcelArgument[]) => excel.call("ALIGNMENT", value(id), ...tables);

describe("CVM.TRACE", () => {
  it("spills one path per row, one 'ID: name' cell per hop, padded to a rectangle", async () => {
    expect(await trace("I03", initiatives, kpis, bets)).toEqual([
      ["I03: Household loyalty points", "B1: Win the converged household", ""],
      ["I03: Household loyalty points", "K8: Postpaid CLV", "B1: Win the converged household"],
      ["I03: Household loyalty points", "K8: Postpaid CLV", "B2: Grow the value of the mobile base"],
    ]);
  });

  it("traces through KPIs alone, and accepts the tables in any order and IDs in any case", async () => {
    expect(await trace(" i07 ", bets, kpis, initiatives)).toEqual([
      ["I07: Prepaid to postpaid migration", "K5: Blended ARPU", "B2: Grow the value of the mobile base"],
      ["I07: Prepaid to postpaid migration", "K6: AMPU", "B2: Grow the value of the mobile base"],
    ]);
  });

  it("traces Moments of Truth, KPIs and personas", async () => {
    expect(((await trace("M7", moments, kpis, bets)) as string[][]).map((r) => r[2])).toEqual([
      "B1: Win the converged household",
      "B2: Grow the value of the mobile base",
    ]);
    expect(await trace("K3", kpis, bets)).toEqual([["K3: Postpaid monthly churn", "B2: Grow the value of the mobile base"]]);
    expect(await trace("P5", personas, bets)).toEqual([["P5: Senior", "B3: Best-rated service in the market"]]);
  });

  it("returns #N/A with a message when the ID traces to no bet, is unknown or blank", async () => {
    expect(await trace("I16", initiatives, kpis, bets)).toEqual({ error: "#N/A", message: "I16 traces to no strategic bet." });
    expect(await trace("I17", initiatives, kpis, bets)).toEqual({ error: "#N/A", message: "I17 traces to no strategic bet." });
    expect(await trace("X1", initiatives, kpis, bets)).toEqual({ error: "#N/A", message: "X1 is not an ID in the tables given." });
    expect(await trace(null, initiatives, kpis, bets)).toEqual({ error: "#N/A", message: "id is blank." });
  });

  it("says which table it does not recognise, or that one was passed twice", async () => {
    expect(
      await trace(
        "I01",
        initiatives,
        range([
          ["Month", "Revenue"],
          ["Jan", 1],
        ]),
      ),
    ).toEqual({ error: "#VALUE!", message: expect.stringContaining("table2 is not a plan table") });
    expect(await trace("I01", kpis, kpis)).toEqual({
      error: "#VALUE!",
      message: "table1 and table2 both look like KPIs tables; pass each table once.",
    });
    expect(await trace("I01")).toEqual({ error: "#VALUE!", message: expect.stringContaining("Pass at least one plan table") });
  });

  it("sees an edited cell: a table changed in place gives a new answer", async () => {
    const cells = tableCells("Initiatives");
    expect(await trace("I16", range(cells), kpis, bets)).toMatchObject({ error: "#N/A" });
    cells[16][3] = "B4"; // I16 now names bet B4
    expect(await trace("I16", range(cells), kpis, bets)).toEqual([
      ["I16: City marathon sponsorship", "B4: Digital first, lower cost to serve"],
    ]);
  });
});

describe("the plan cache behind TRACE and ALIGNMENT", () => {
  const asMatrix = (cells: SheetCell[][]) => cells.map((row) => [...row]);

  it("builds the trace graph once for many calls over the same content, and again when a cell changes", () => {
    const cache = new TablePlanCache();
    // Excel hands every formula its own copy of the ranges, so each call gets fresh arrays.
    for (let i = 0; i < 200; i++)
      cache.get([asMatrix(tableCells("Initiatives")), asMatrix(tableCells("KPIs")), asMatrix(tableCells("Bets"))]);
    expect(cache.buildCount).toBe(1);
    const edited = asMatrix(tableCells("Initiatives"));
    edited[16][3] = "B4";
    expect(cache.get([edited, asMatrix(tableCells("KPIs")), asMatrix(tableCells("Bets"))]).index.pathsFor("I16")).toHaveLength(1);
    expect(cache.buildCount).toBe(2);
  });

  it("is not fooled by a caller that changes its arrays in place after the call", () => {
    const cache = new TablePlanCache();
    const table = asMatrix(tableCells("Initiatives"));
    const tables = [table, asMatrix(tableCells("KPIs")), asMatrix(tableCells("Bets"))];
    expect(cache.get(tables).index.pathsFor("I16")).toEqual([]);
    table[16][3] = "B1";
    expect(cache.get(tables).index.pathsFor("I16")).toHaveLength(1);
  });
});

describe("CVM.ALIGNMENT", () => {
  it("spills the six aspects and the coverage of a bet", async () => {
    expect(await alignment("B5", bets, personas, kpis, initiatives)).toEqual([[false, false, false, true, false, false, 1 / 6]]);
    expect(await alignment("b1", bets, personas, kpis, initiatives)).toEqual([[true, true, true, true, true, true, 1]]);
  });

  it("needs a Bets table and a known bet", async () => {
    expect(await alignment("B1", kpis)).toEqual({ error: "#VALUE!", message: expect.stringContaining("No Bets table") });
    expect(await alignment("B9", bets, kpis)).toEqual({ error: "#N/A", message: "B9 is not a Bet ID in the Bets table." });
  });
});

describe("the functions and the gap analysis agree", () => {
  const sheets: SheetData[] = ["Bets", "Personas", "KPIs", "Initiatives", "Moments of Truth"].map((name) => ({
    name,
    values: tableCells(name) as SheetData["values"],
    origin: { row: 0, col: 0 },
  }));
  const result = analyzeSheets(sheets);

  it("on every bet's coverage", async () => {
    for (const bet of result.bets) {
      const shown = (await alignment(bet.betId, bets, personas, kpis, initiatives)) as unknown[][];
      expect(shown[0][6]).toBeCloseTo(bet.coverage, 12);
    }
  });

  it("on every KPI's status", async () => {
    const rows = tableCells("KPIs");
    for (const [i, kpi] of result.kpis.entries()) {
      const row = rows[i + 1];
      const actual = row[9] === null ? row[8] : row[9];
      const shown = await excel.call("STATUS", value(actual), value(row[7]), value(row[5]), value(row[6]));
      expect([kpi.kpiId, shown]).toEqual([kpi.kpiId, [[kpi.status]]]);
    }
  });
});
