/**
 * The gap-to-target bridge on hand-worked plans: both directions, confidence defaults, the
 * rounding case of the issue, missing values, impacts in the wrong direction, and every finding
 * with its sheet and cell.
 */
import { analyzePlan, analyzeSheets } from "../../src/domain/analysis/analyze";
import { closes } from "../../src/domain/analysis/bridge";
import type { CellValue } from "../../src/domain/common/cells";
import type { Finding } from "../../src/domain/plan/model";
import type { AnalysisResult, KpiGap } from "../../src/domain/analysis/result";
import { parsePlan } from "../../src/domain/plan/parse";
import { idKey } from "../../src/domain/common/values";
import { IMPACT_HEADER, KPI_HEADER, sheet, smallPlan } from "../../testkit/sheets";

// smallPlan's KPIs: K1 converged households, higher is better, baseline 100, target 200, actual
// 150 (gap 50); K2 monthly churn in %, lower is better, baseline 2%, target 1.5%, actual 1.4%
// (on track). Initiatives: I1 names K1, I2 names K2, I3 names no KPI.
function analyze(impacts: CellValue[][] | null, kpis?: CellValue[][]): AnalysisResult {
  return analyzeSheets(smallPlan({ impacts, ...(kpis && { kpis }) }));
}

function kpi(result: AnalysisResult, id: string): KpiGap {
  const found = result.kpis.find((k) => k.kpiId === id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
}

const rules = (result: AnalysisResult, prefix: RegExp): Finding[] => result.findings.filter((f) => prefix.test(f.rule));
const where = (f: Finding) => [f.rule, f.sheet, f.cell, f.itemId];

describe("the bridge of a higher-is-better KPI", () => {
  const result = analyze([IMPACT_HEADER, ["I1", "K1", 30, 0.5, "bundles"], ["I1", "K1", 20, null, "more bundles"]]);

  it("weights each impact by its confidence, a blank confidence counting as 100%", () => {
    // 30 × 0.5 + 20 × 1 = 35 of a gap of 50.
    expect(kpi(result, "K1")).toMatchObject({
      gap: 50,
      planned: 35,
      residual: 15,
      coverage: 0.7,
      closure: "Partly closed",
      projected: 185,
      projectedStatus: "Off track",
      initiativeIds: ["I1"],
    });
  });

  it("adds an initiative's rows on one KPI into one step of the waterfall", () => {
    expect(kpi(result, "K1").steps).toEqual([{ initiativeId: "I1", change: 35, favourable: 35 }]);
  });

  it("warns that the gap is partly closed, with the share and what is still to find in the KPI's unit", () => {
    const [partly] = rules(result, /^BRIDGE_PARTLY_CLOSED$/);
    expect(where(partly)).toEqual(["BRIDGE_PARTLY_CLOSED", "KPIs", "I2", "K1"]);
    expect(partly.message).toBe(
      "The planned impacts close 70% of the gap of KPI K1 (Converged households): 35 k of 50 k, so 15 k is still to find; raise the impacts or their confidence on the Impacts sheet, or add initiatives.",
    );
  });

  it("calls a KPI closed when the impacts reach the target, and gives its projected status", () => {
    const closed = analyze([IMPACT_HEADER, ["I1", "K1", 50, "100%", ""], ["I1", "K1", 10, "50%", ""]]);
    expect(kpi(closed, "K1")).toMatchObject({
      planned: 55,
      residual: -5,
      coverage: 1.1,
      closure: "Closed",
      projected: 205,
      projectedStatus: "On track",
    });
    expect(rules(closed, /^BRIDGE_/)).toEqual([]);
  });
});

describe("the bridge of a lower-is-better KPI", () => {
  // K2 behind its target: actual 1.8% against 1.5%, a gap of 0.3 points.
  const kpis = [
    KPI_HEADER,
    ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"],
    ["K2", "Monthly churn", "Customer base", "B1", "%", "Lower is better", 0.02, 0.015, 0.018, null, "FY26", "CVM"],
  ];

  it("counts an impact that lowers the value as favourable", () => {
    // −0.2 points × 80% and −0.1 points × 60%: 0.16 + 0.06 = 0.22 of 0.3 points.
    const result = analyze([IMPACT_HEADER, ["I2", "K2", "-0.2%", "80%", ""], ["I2", "K2", -0.001, 0.6, ""]], kpis);
    const k2 = kpi(result, "K2");
    expect(k2.planned).toBeCloseTo(0.0022, 12);
    expect(k2.residual).toBeCloseTo(0.0008, 12);
    expect(k2.coverage).toBeCloseTo(0.22 / 0.3, 12);
    expect(k2.projected).toBeCloseTo(0.0158, 12);
    expect(k2.closure).toBe("Partly closed");
    expect(k2.steps).toEqual([{ initiativeId: "I2", change: expect.closeTo(-0.0022, 12), favourable: expect.closeTo(0.0022, 12) }]);
    expect(rules(result, /^BRIDGE_PARTLY_CLOSED$/)[0].message).toContain(
      "73% of the gap of KPI K2 (Monthly churn): 0.22 pp of 0.3 pp, so 0.08 pp is still to find",
    );
  });

  it("flags an impact that raises it, on the Impact cell, and calls the KPI not addressed", () => {
    const result = analyze([IMPACT_HEADER, ["I2", "K2", 0.001, 1, "price rise"]], kpis);
    expect(kpi(result, "K2")).toMatchObject({ planned: -0.001, closure: "Not addressed", projected: 0.019, projectedStatus: "Off track" });
    expect(rules(result, /^(IMPACT|BRIDGE)_/).map(where)).toEqual([
      ["BRIDGE_NOT_ADDRESSED", "KPIs", "I2", "K1"],
      ["BRIDGE_NOT_ADDRESSED", "KPIs", "I3", "K2"],
      ["IMPACT_WRONG_DIRECTION", "Impacts", "C2", "I2"],
    ]);
    expect(rules(result, /^IMPACT_WRONG_DIRECTION$/)[0].message).toBe(
      "Initiative I2 is expected to move KPI K2 (Monthly churn) away from its target (lower is better) by 0.1 pp; check the sign of the impact or the KPI's direction.",
    );
  });
});

describe("closure", () => {
  it("counts a gap closed to within rounding as closed: 23 − 22.9 closed by 0.1", () => {
    expect(23 - 22.9).toBeGreaterThan(0.1);
    expect(closes(0.1, 23 - 22.9, 23)).toBe(true);
    expect(closes(0.0999, 23 - 22.9, 23)).toBe(false);
    const kpis = [KPI_HEADER, ["K1", "ARPU", "Value", "B1", "€", "Higher is better", 22, 23, 22.9, null, "FY26", "CVM"]];
    const k1 = kpi(analyze([IMPACT_HEADER, ["I1", "K1", 0.1, null, ""]], kpis), "K1");
    expect(k1).toMatchObject({ closure: "Closed", projectedStatus: "On track" });
  });

  it("is On track for a KPI that meets its target, and points at the budget that could be released", () => {
    const result = analyze([IMPACT_HEADER, ["I2", "K2", -0.001, 0.5, ""]]);
    expect(kpi(result, "K2")).toMatchObject({ closure: "On track", planned: 0.0005, coverage: undefined });
    const [info] = rules(result, /^IMPACT_ON_TRACK_KPI$/);
    expect(where(info)).toEqual(["IMPACT_ON_TRACK_KPI", "Impacts", "C2", "I2"]);
    expect(info.severity).toBe("info");
  });

  it("is Not addressed for a KPI behind its target that no impact moves, with planned 0", () => {
    const result = analyze([IMPACT_HEADER, ["I2", "K2", -0.001, 1, ""]]);
    expect(kpi(result, "K1")).toMatchObject({
      planned: 0,
      residual: 50,
      coverage: 0,
      closure: "Not addressed",
      projected: 150,
      initiativeIds: [],
      steps: [],
    });
    expect(rules(result, /^BRIDGE_NOT_ADDRESSED$/).map(where)).toEqual([["BRIDGE_NOT_ADDRESSED", "KPIs", "I2", "K1"]]);
  });

  it("is No data for a KPI without a value, keeping what is planned for it", () => {
    const kpis = [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 100, 200, null, null, "FY26", "CVM"],
    ];
    const k1 = kpi(analyze([IMPACT_HEADER, ["I1", "K1", 10, 0.5, ""]], kpis), "K1");
    expect(k1).toMatchObject({ closure: "No data", planned: 5 });
    expect([k1.projected, k1.residual, k1.coverage, k1.projectedStatus]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("is Unknown when an impact counted is a formula that could not be computed", () => {
    const impact: CellValue = {
      formula: "=XLOOKUP(A2,Other!A:A,Other!B:B)",
      reason: "the function XLOOKUP over a sheet the plan does not hold",
    };
    const result = analyze([IMPACT_HEADER, ["I1", "K1", impact, 1, ""]]);
    const k1 = kpi(result, "K1");
    expect(k1.closure).toBe("Unknown");
    expect([k1.planned, k1.residual, k1.projected]).toEqual([undefined, undefined, undefined]);
    expect(rules(result, /^BRIDGE_/)).toEqual([]);
  });
});

describe("the Impacts sheet's rows", () => {
  it("report an unknown initiative or KPI on its cell and leave the row out", () => {
    const result = analyze([IMPACT_HEADER, ["I9", "K1", 10, 1, ""], ["I1", "K9", 10, 1, ""], ["I1", "K1", 10, 1, ""]]);
    expect(
      rules(result, /^UNKNOWN_REFERENCE$/)
        .filter((f) => f.sheet === "Impacts")
        .map(where),
    ).toEqual([
      ["UNKNOWN_REFERENCE", "Impacts", "A2", "I9"],
      ["UNKNOWN_REFERENCE", "Impacts", "B3", "I1"],
    ]);
    expect(kpi(result, "K1").planned).toBe(10);
  });

  it("report a confidence outside 0–100% and an unreadable impact, leaving the row out", () => {
    const result = analyze([
      IMPACT_HEADER,
      ["I1", "K1", 10, 1.5, ""],
      ["I1", "K1", 10, "150%", ""],
      ["I1", "K1", "a lot", 1, ""],
      ["I1", "K1", 4, "-10%", ""],
      ["I1", "K1", 3, 1, ""],
    ]);
    const bad = rules(result, /^BAD_/).filter((f) => f.sheet === "Impacts");
    expect(bad.map((f) => [f.rule, f.cell])).toEqual([
      ["BAD_NUMBER", "C4"],
      ["BAD_VALUE", "D2"],
      ["BAD_VALUE", "D3"],
      ["BAD_VALUE", "D5"],
    ]);
    expect(bad[1].message).toBe(
      "Confidence 150% is not a share from 0% to 100%; enter it as 0.8 or 80% (the row is left out of the gap bridge).",
    );
    expect(bad[3].message).toContain("Confidence -10% is not");
    expect(kpi(result, "K1").planned).toBe(3);
  });

  it("report a row without its required cells", () => {
    const result = analyze([IMPACT_HEADER, ["I1", "", 10, 1, ""], ["I1", "K1", null, 1, "impact to come"]]);
    expect(result.findings.filter((f) => f.sheet === "Impacts").map((f) => [f.rule, f.cell])).toEqual([
      ["MISSING_VALUE", "B2"],
      ["MISSING_VALUE", "C3"],
      ["EMPTY_SHEET", "A2"],
    ]);
    expect(result.findings.find((f) => f.rule === "EMPTY_SHEET")?.message).toBe(
      "None of the 2 rows of the Impacts sheet can be used; correct the cells the other findings on this sheet point to.",
    );
    expect(kpi(result, "K1").planned).toBe(0);
  });

  it("warn when the initiative does not name the KPI it moves, on its KPI IDs cell", () => {
    const result = analyze([IMPACT_HEADER, ["I3", "K1", 10, 1, ""]]);
    const [unlinked] = rules(result, /^IMPACT_NOT_LINKED$/);
    expect(where(unlinked)).toEqual(["IMPACT_NOT_LINKED", "Initiatives", "E4", "I3"]);
    expect(unlinked.message).toBe(
      "Initiative I3 is expected to move KPI K1 (Impacts!C2) but does not name it in its KPI IDs; add K1 there, so that the work traces through the KPI too.",
    );
    // The impact still counts: the row is the planner's estimate; the trace is another question.
    expect(kpi(result, "K1").planned).toBe(10);
  });

  it("are read under the sheet's and columns' other names", () => {
    const sheets = smallPlan().concat(
      sheet("KPI Impacts", [
        ["Initiative", "KPI", "Expected Change", "Likelihood"],
        ["i1", " k1 ", "30", "50%"],
      ]),
    );
    expect(kpi(analyzeSheets(sheets), "K1")).toMatchObject({ planned: 15, initiativeIds: ["I1"] });
  });

  it("count as they are when there is no Initiatives sheet to check them against", () => {
    const result = analyzeSheets(smallPlan({ initiatives: null, impacts: [IMPACT_HEADER, ["X1", "K1", 10, 1, ""]] }));
    expect(kpi(result, "K1")).toMatchObject({ planned: 10, initiativeIds: ["X1"] });
  });
});

describe("what a scenario may change", () => {
  const sheets = smallPlan({ impacts: [IMPACT_HEADER, ["I1", "K1", 30, 0.5, ""], ["I3", "K1", 20, 1, ""]] });
  const run = (inputs: Parameters<typeof analyzePlan>[3]) => {
    const { plan, findings } = parsePlan(sheets);
    return kpi(analyzePlan(plan, findings, undefined, inputs), "K1");
  };

  it("leaves out the impacts of initiatives switched off", () => {
    expect(run({ inactiveInitiatives: new Set([idKey("i3")]) })).toMatchObject({ planned: 15, initiativeIds: ["I1"] });
  });

  it("uses a confidence given for a row instead of the sheet's", () => {
    expect(run({ confidence: new Map([[0, 1]]) })).toMatchObject({ planned: 50, closure: "Closed" });
    expect(run(undefined)).toMatchObject({ planned: 35, closure: "Partly closed" });
  });
});

describe("a plan without an Impacts sheet", () => {
  it("gives the KPIs no bridge and no bridge finding", () => {
    const result = analyze(null);
    for (const k of result.kpis) expect(Object.keys(k)).not.toEqual(expect.arrayContaining(["planned", "closure"]));
    expect(rules(result, /^(IMPACT|BRIDGE)_/)).toEqual([]);
  });
});
