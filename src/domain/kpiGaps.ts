/** Each KPI's gap, attainment, progress and status, with the cell a finding about it points at. */
import { evaluateKpi } from "./kpi";
import type { KpiGap, Plan } from "./model";
import { cellOf } from "./sourceCell";

export function kpiGaps(plan: Plan, tolerance: number): KpiGap[] {
  return plan.kpis.map((kpi) => {
    const evaluation = evaluateKpi(kpi, tolerance);
    const valueColumn = kpi.forecast !== undefined ? "forecast" : kpi.actual !== undefined ? "actual" : "target";
    return {
      kpiId: kpi.id,
      name: kpi.name,
      category: kpi.categoryText,
      unit: kpi.unit,
      direction: kpi.direction,
      baseline: kpi.baseline,
      target: kpi.target,
      actual: kpi.actual,
      forecast: kpi.forecast,
      // Named one by one, not spread: spreading objects of several shapes is slow in V8.
      value: evaluation.value,
      gap: evaluation.gap,
      attainment: evaluation.attainment,
      progress: evaluation.progress,
      status: evaluation.status,
      unknown: evaluation.unknown,
      betIds: kpi.betIds,
      sheet: kpi.source.sheet,
      cell: cellOf(kpi.source, valueColumn),
    };
  });
}
