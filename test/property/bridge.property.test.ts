/**
 * Properties of the gap-to-target bridge: planned is additive over the Impacts sheet's rows, the
 * closure agrees with the projected value, and the bridge only adds to the analysis: a plan
 * without its Impacts sheet gives exactly the result it gave before the bridge existed.
 */
import fc from "fast-check";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { CellValue, SheetData } from "../../src/domain/common/cells";
import type { Finding } from "../../src/domain/plan/model";
import type { AnalysisResult, KpiGap } from "../../src/domain/analysis/result";
import { IMPACT_HEADER, KPI_HEADER, smallPlan } from "../../testkit/sheets";
import { genPlan, render } from "./planArbitraries";

const BRIDGE_FIELDS = ["planned", "residual", "coverage", "closure", "projected", "projectedStatus", "initiativeIds", "steps"] as const;

/** An impact row on smallPlan's KPIs by one of its initiatives (each names the KPI it moves). */
const impactRow: fc.Arbitrary<CellValue[]> = fc
  .tuple(
    fc.constantFrom<[string, string]>(["I1", "K1"], ["I2", "K2"]),
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.oneof(
      fc.constant<CellValue>(null),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
    ),
  )
  .map(([[initiative, kpi], impact, confidence]) => [initiative, kpi, kpi === "K2" ? impact / 1000 : impact, confidence, ""]);

/** smallPlan's KPIs with a random actual, so that every closure comes up. */
const kpiSheet: fc.Arbitrary<CellValue[][]> = fc
  .tuple(fc.double({ min: 50, max: 250, noNaN: true }), fc.double({ min: 0.005, max: 0.03, noNaN: true }))
  .map(([k1, k2]) => [
    KPI_HEADER,
    ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 100, 200, k1, null, "FY26", "CVM"],
    ["K2", "Monthly churn", "Customer base", "B1", "%", "Lower is better", 0.02, 0.015, k2, null, "FY26", "CVM"],
  ]);

function analyze(kpis: CellValue[][], rows: CellValue[][]): AnalysisResult {
  return analyzeSheets(smallPlan({ kpis, impacts: [IMPACT_HEADER, ...rows] }));
}

const planned = (result: AnalysisResult, id: string) => result.kpis.find((k) => k.kpiId === id)?.planned ?? Number.NaN;

describe("the bridge's properties", () => {
  it("planned is additive over the Impacts rows", () => {
    fc.assert(
      fc.property(kpiSheet, fc.array(impactRow, { maxLength: 8 }), fc.array(impactRow, { maxLength: 8 }), (kpis, a, b) => {
        const [whole, first, second] = [analyze(kpis, [...a, ...b]), analyze(kpis, a), analyze(kpis, b)];
        for (const id of ["K1", "K2"]) {
          const sum = planned(first, id) + planned(second, id);
          expect(Math.abs(planned(whole, id) - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
        }
      }),
    );
  });

  it("a KPI's closure agrees with its projected value and its gap", () => {
    fc.assert(
      fc.property(kpiSheet, fc.array(impactRow, { maxLength: 8 }), (kpis, rows) => {
        for (const k of analyze(kpis, rows).kpis) {
          if (k.gap === undefined || k.planned === undefined || k.projected === undefined || k.target === undefined)
            throw new Error(`${k.kpiId} has no bridge`);
          const reaches =
            k.direction === "higher"
              ? k.projected >= k.target - 1e-9 * Math.abs(k.target)
              : k.projected <= k.target + 1e-9 * Math.abs(k.target);
          const expected = k.gap <= 0 ? "On track" : reaches ? "Closed" : k.planned > 0 ? "Partly closed" : "Not addressed";
          expect([k.kpiId, k.closure]).toEqual([k.kpiId, expected]);
          if (k.closure === "Closed" || k.closure === "On track")
            expect(k.projectedStatus === "On track" || k.closure === "On track").toBe(true);
          expect(k.residual).toBeCloseTo(k.gap - k.planned, 9);
          expect((k.steps ?? []).reduce((s, step) => s + step.favourable, 0)).toBeCloseTo(k.planned, 9);
        }
      }),
    );
  });

  it("a plan without its Impacts sheet gives the result it gave before: the bridge only adds", () => {
    const withoutBridge = (kpi: KpiGap) =>
      Object.fromEntries(Object.entries(kpi).filter(([key]) => !(BRIDGE_FIELDS as readonly string[]).includes(key)));
    const aboutImpacts = (f: Finding, impactsSheet: string | undefined) => f.sheet === impactsSheet || /^(BRIDGE|IMPACT)_/.test(f.rule);
    fc.assert(
      fc.property(genPlan(), (plan) => {
        const sheets = plan.sheets.map((s) => ({ key: s.spec.key, data: render(s).data }));
        const all: SheetData[] = [...sheets.map((s) => s.data), ...plan.foreign];
        const impactsSheet = sheets.find((s) => s.key === "impacts")?.data.name;
        const without: SheetData[] = all.filter((s) => s.name !== impactsSheet);
        const full = analyzeSheets(all);
        const bare = analyzeSheets(without);
        expect(bare.kpis.every((k) => BRIDGE_FIELDS.every((f) => !(f in k)))).toBe(true);
        expect(full.kpis.map(withoutBridge)).toEqual(bare.kpis.map(withoutBridge));
        expect(full.findings.filter((f) => !aboutImpacts(f, impactsSheet))).toEqual(bare.findings);
        expect({ ...full, kpis: [], findings: [], sheets: [] }).toEqual({ ...bare, kpis: [], findings: [], sheets: [] });
      }),
      { numRuns: 150 },
    );
  });
});
