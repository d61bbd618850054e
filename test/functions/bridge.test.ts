/**
 * CVM.BRIDGE through the built bundle, called as Excel calls it (testkit/excelRuntime.ts):
 * the KPI's tables arrive as one repeating argument, each table with its header row. The cache
 * behind it is checked on the source module, called with the arguments the harness marshals,
 * since the bundle keeps its module private.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import * as bridgeModule from "../../src/domain/analysis/bridge";
import type { SheetData } from "../../src/domain/common/cells";
import type { KpiGap } from "../../src/domain/analysis/result";
import * as functionsModule from "../../src/functions/functions";
import { CustomFunctionsRuntime, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";
import { tableCells } from "../../testkit/sampleTables";

const excel = new CustomFunctionsRuntime();

const kpis = range(tableCells("KPIs"));
const impacts = range(tableCells("Impacts"));
const initiatives = range(tableCells("Initiatives"));
const bets = range(tableCells("Bets"));

const bridge = (id: SheetCell, ...tables: ExcelArgument[]) => excel.call("BRIDGE", value(id), ...tables);

/** The Impacts table with other headers and extra rows, the rest as in the sample. */
function impactsWith(header: readonly string[], extra: readonly SheetCell[][] = []): ExcelArgument {
  const [, ...rows] = tableCells("Impacts");
  return range([[...header], ...rows.map((r) => r.slice(0, header.length)), ...extra]);
}

describe("CVM.BRIDGE", () => {
  it("spills gap, planned, residual, coverage, closure and projected for a partly closed KPI", async () => {
    // K2: target 9,000, forecast 6,000; I01 1,500 × 80% and I02 800 × 50% bring 1,600.
    expect(await bridge("K2", kpis, impacts)).toEqual([[3000, 1600, 1400, 1600 / 3000, "Partly closed", 7600]]);
  });

  it("counts a gap closed only to within rounding as Closed", async () => {
    // K6: 11.5 + 0.2 × 90% + 0.15 × 80% against 11.8 leaves a residual of a few 1e-16.
    const [[gap, planned, residual, coverage, closure, projected]] = (await bridge("K6", kpis, impacts)) as unknown[][];
    expect([closure, gap, planned, residual, coverage, projected].map((v) => (typeof v === "number" ? Number(v.toFixed(9)) : v))).toEqual([
      "Closed",
      0.3,
      0.3,
      0,
      1,
      11.8,
    ]);
  });

  it("returns a percent KPI's figures raw, as fractions", async () => {
    // K3, lower is better: forecast 1.38% against 1.3%; −0.05 pp and −0.04 pp × 80% bring it to 1.298%.
    const [row] = (await bridge("K3", kpis, impacts)) as unknown[][];
    expect(row[4]).toBe("Closed");
    expect(row[0]).toBeCloseTo(0.0008, 12);
    expect(row[1]).toBeCloseTo(0.00082, 12);
    expect(row[2]).toBeCloseTo(-0.00002, 12);
    expect(row[5]).toBeCloseTo(0.01298, 12);
  });

  it("leaves the cells without a figure empty: coverage when on track, all but planned without data", async () => {
    const [onTrack] = (await bridge("K4", kpis, impacts)) as unknown[][];
    expect(onTrack[3]).toBe("");
    expect(onTrack[4]).toBe("On track");
    const [noData] = (await bridge("K16", kpis, impacts)) as unknown[][];
    expect(noData.map((v) => (typeof v === "number" ? Number(v.toFixed(9)) : v))).toEqual(["", 0.035, "", "", "No data", ""]);
  });

  it("says Not addressed with a coverage of 0 when nothing moves the KPI towards its target", async () => {
    expect(await bridge("K9", kpis, impacts)).toEqual([[4, 0, 4, 0, "Not addressed", 26]]);
    // I13 would raise K12's care calls, where lower is better: the planned impact is negative.
    expect(await bridge("K12", kpis, impacts)).toEqual([[8, -2, 10, -0.25, "Not addressed", 90]]);
  });

  it("gives every closure state of the sample", async () => {
    const states: Record<string, string[]> = {};
    for (let k = 1; k <= 16; k++) {
      const [row] = (await bridge(`K${k}`, kpis, impacts, initiatives)) as unknown[][];
      (states[row[4] as string] ??= []).push(`K${k}`);
    }
    expect(states).toEqual({
      Closed: ["K3", "K5", "K6", "K10", "K13"],
      "Partly closed": ["K1", "K2", "K8", "K15"],
      "Not addressed": ["K9", "K12"],
      "No data": ["K16"],
      "On track": ["K4", "K7", "K11", "K14"],
    });
  });

  it("takes the tables in any order, other tables beside them, and the ID in any case", async () => {
    const expected = await bridge("K2", kpis, impacts);
    expect(await bridge(" k2 ", impacts, bets, kpis)).toEqual(expected);
    expect(await bridge("K2", initiatives, impacts, kpis)).toEqual(expected);
  });

  it("counts an Impacts table's rows as they are without an Initiatives table, and checks them with one", async () => {
    // I99 is in no Initiatives table: its row counts only when there is none to check it against.
    const withUnknown = impactsWith(tableCells("Impacts")[0] as string[], [["I99", "K9", 2, 0.5, "Loyalty survey follow-up"]]);
    expect(await bridge("K9", kpis, withUnknown)).toEqual([[4, 1, 3, 0.25, "Partly closed", 27]]);
    expect(await bridge("K9", kpis, withUnknown, initiatives)).toEqual([[4, 0, 4, 0, "Not addressed", 26]]);
  });

  it("recognises an Impacts table by the aliases of its headers", async () => {
    const aliased = impactsWith(["Initiative", "KPI", "Expected Change", "Probability"]);
    expect(await bridge("K2", kpis, aliased)).toEqual(await bridge("K2", kpis, impacts));
    const delta = impactsWith(["Initiative ID", "KPI ID", "Delta", "Likelihood"]);
    expect(await bridge("K6", delta, kpis)).toEqual(await bridge("K6", kpis, impacts));
  });

  it("answers #N/A with a message for a KPI that is not in the KPIs table, or a blank ID", async () => {
    expect(await bridge("K99", kpis, impacts)).toEqual({ error: "#N/A", message: "K99 is not a KPI ID in the KPIs table." });
    expect(await bridge("I01", kpis, impacts, initiatives)).toEqual({ error: "#N/A", message: "I01 is not a KPI ID in the KPIs table." });
    expect(await bridge(null, kpis, impacts)).toEqual({ error: "#N/A", message: "kpi_id is blank." });
  });

  it("answers #VALUE! naming the table to pass when the KPIs or the Impacts table is missing", async () => {
    expect(await bridge("K2", impacts, initiatives)).toEqual({
      error: "#VALUE!",
      message: "No KPIs table among the tables given; pass the KPIs table with its header row, e.g. tblKPIs[#All].",
    });
    expect(await bridge("K2", kpis, initiatives)).toEqual({
      error: "#VALUE!",
      message: "No Impacts table among the tables given; pass the Impacts table with its header row, e.g. tblImpacts[#All].",
    });
    expect(await bridge("K2")).toEqual({ error: "#VALUE!", message: expect.stringContaining("Pass at least one plan table") });
  });

  it("says which table was passed twice, or is not a plan table", async () => {
    expect(await bridge("K2", impacts, kpis, impacts)).toEqual({
      error: "#VALUE!",
      message: "table1 and table3 both look like Impacts tables; pass each table once.",
    });
    expect(
      await bridge(
        "K2",
        kpis,
        range([
          ["Month", "Revenue"],
          ["Jan", 1],
        ]),
      ),
    ).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining(
        "table2 is not a plan table: its first row must be the header of a Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth or Collaboration table",
      ),
    });
  });

  it("sees an edited impact: a table changed in place gives a new answer", async () => {
    const cells = tableCells("Impacts");
    cells[2][3] = 1; // I02 → K2 now at 100% confidence: 1,200 + 800 = 2,000 of 3,000
    expect(await bridge("K2", kpis, range(cells))).toEqual([[3000, 2000, 1000, 2000 / 3000, "Partly closed", 8000]]);
  });
});

describe("CVM.BRIDGE and the gap analysis agree", () => {
  const names = ["Bets", "Personas", "KPIs", "Initiatives", "Impacts", "Moments of Truth"];
  const sheets: SheetData[] = names.map((name) => ({ name, values: tableCells(name) as SheetData["values"], origin: { row: 0, col: 0 } }));
  const result = analyzeSheets(sheets);
  const reportRow = (k: KpiGap) => [k.gap, k.planned, k.residual, k.coverage, k.closure, k.projected].map((v) => v ?? "");

  it("on every KPI's bridge, with the tables the report reads", async () => {
    for (const kpi of result.kpis) {
      const shown = await bridge(kpi.kpiId, kpis, impacts, initiatives);
      expect([kpi.kpiId, shown]).toEqual([kpi.kpiId, [reportRow(kpi)]]);
    }
  });
});

describe("the plan cache behind BRIDGE (the source module, with the arguments Excel passes)", () => {
  const meta = excel.functionMetadata("BRIDGE");
  /** Each call gets its own copy of the tables, as Excel hands every formula its own. */
  const args = (id: string, ...tables: string[]) => excel.marshal(meta, [value(id), ...tables.map((t) => range(tableCells(t)))]);
  const call = (id: string, ...tables: string[]) => functionsModule.bridge(...(args(id, ...tables) as [unknown, unknown[][][]]));

  afterEach(() => jest.restoreAllMocks());

  it("builds the plan once for many calls over the same content, and shares it with TRACE", () => {
    const tables = ["KPIs", "Impacts", "Initiatives", "Bets"];
    const before = functionsModule.planBuildCount();
    const traced = excel.marshal(excel.functionMetadata("TRACE"), [value("K2"), ...tables.map((t) => range(tableCells(t)))]);
    expect(functionsModule.trace(...(traced as [unknown, unknown[][][]]))).toEqual([
      ["K2: Converged net adds per month", "B1: Win the converged household"],
    ]);
    for (let k = 1; k <= 200; k++) call(`K${(k % 16) + 1}`, ...tables);
    expect(functionsModule.planBuildCount() - before).toBe(1);
    call("K2", "KPIs", "Impacts");
    expect(functionsModule.planBuildCount() - before).toBe(2);
  });

  it("runs the analysis only when a BRIDGE needs it, and once per plan", () => {
    const analyzes = jest.spyOn(bridgeModule, "bridgeKpis");
    const traced = excel.marshal(excel.functionMetadata("TRACE"), [
      value("K5"),
      ...["KPIs", "Impacts", "Bets"].map((t) => range(tableCells(t))),
    ]);
    functionsModule.trace(...(traced as [unknown, unknown[][][]]));
    expect(analyzes).not.toHaveBeenCalled();
    for (let k = 1; k <= 50; k++) call(`K${(k % 16) + 1}`, "KPIs", "Impacts", "Bets");
    expect(analyzes).toHaveBeenCalledTimes(1);
  });
});
