/**
 * One display order of KPI statuses, what needs attention first, for every list sorted by status:
 * the pane's KPI table and the command line's worst KPIs.
 */
import { KPI_STATUSES } from "../../src/domain/plan/contract";
import { byStatusWorstFirst, STATUSES_WORST_FIRST } from "../../src/domain/analysis/statusOrder";
import type { KpiGap } from "../../src/domain/analysis/result";
import fc from "fast-check";
import { worstKpiGaps } from "../../src/cli/summary";

describe("the display order of KPI statuses", () => {
  it("puts off track first, then at risk, then no data, then on track", () => {
    expect([...KPI_STATUSES].sort(byStatusWorstFirst)).toEqual(["Off track", "At risk", "No data", "On track"]);
    expect([...STATUSES_WORST_FIRST].sort()).toEqual([...KPI_STATUSES].sort());
  });

  it("is the order of the command line's worst KPIs, furthest from target first within a status", () => {
    const kpi = (kpiId: string, status: KpiGap["status"], progress?: number) => ({ kpiId, status, progress }) as KpiGap;
    const kpis = [
      kpi("K1", "At risk", 0.95),
      kpi("K2", "On track"),
      kpi("K3", "Off track", 0.5),
      kpi("K4", "No data"),
      kpi("K5", "At risk", 0.91),
    ];
    expect(worstKpiGaps(kpis, 5).map((k) => k.kpiId)).toEqual(["K3", "K5", "K1"]);
  });

  it("keeps the first KPIs of a stable sort of all those off track or at risk, however many there are", () => {
    const kpi = fc.record({
      kpiId: fc.string({ maxLength: 2 }),
      status: fc.constantFrom(...KPI_STATUSES),
      progress: fc.option(fc.constantFrom(0.2, 0.5, 0.9, 1.2), { nil: undefined }),
      attainment: fc.option(fc.constantFrom(0.5, 0.9), { nil: undefined }),
    }) as fc.Arbitrary<KpiGap>;
    fc.assert(
      fc.property(fc.array(kpi, { maxLength: 40 }), fc.nat(7), (kpis, count) => {
        const distance = (k: KpiGap) => k.progress ?? k.attainment ?? 0;
        const sorted = kpis
          .filter((k) => k.status === "Off track" || k.status === "At risk")
          .sort((a, b) => byStatusWorstFirst(a.status, b.status) || distance(a) - distance(b));
        expect(worstKpiGaps(kpis, count)).toEqual(sorted.slice(0, count));
      }),
      { numRuns: 500 },
    );
  });
});
