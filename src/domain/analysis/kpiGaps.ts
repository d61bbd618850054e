/** Each KPI's gap, attainment, progress and status, with the cell a finding about it points at. */
import { quoteSheetName } from "../common/cells";
import { evaluateKpi, type ComputedKpiFigure } from "./kpi";
import type { Kpi, Plan } from "../plan/model";
import type { KpiGap } from "./result";
import type { FindingSink } from "../plan/rowReader";
import { cellOf } from "../plan/sourceCell";
import { NUMBER_LIMIT } from "../common/values";
import { proRated } from "./trend";

/** `sink`, when given, gets a finding for each KPI whose figures come out past what a number holds. */
export function kpiGaps(plan: Plan, tolerance: number, sink?: FindingSink): KpiGap[] {
  return plan.kpis.map((kpi) => {
    const evaluation = evaluateKpi(figuresToday(kpi), tolerance);
    const valueColumn = kpi.forecast !== undefined ? "forecast" : kpi.actual !== undefined ? "actual" : "target";
    if (evaluation.tooLarge && sink) reportTooLarge(kpi, valueColumn, evaluation.tooLarge, sink);
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

/**
 * A Sum KPI with a series and no forecast is judged today on its year to date against the baseline
 * and target pro-rated to the months elapsed (trend.ts proRated), so that a yearly revenue target
 * is not "Off track" every September. Every other KPI as ever.
 */
function figuresToday(kpi: Kpi): Kpi {
  if (kpi.monthsElapsed === undefined || kpi.forecast !== undefined) return kpi;
  const share = (figure: number | undefined) => (figure === undefined ? undefined : proRated(figure, kpi.monthsElapsed as number));
  return { ...kpi, baseline: share(kpi.baseline), target: share(kpi.target) };
}

const FIGURE_LABELS: Readonly<Record<ComputedKpiFigure, string>> = {
  gap: "gap",
  attainment: "attainment",
  progress: "progress from the baseline",
};

/** The figures typed are numbers, but what they give is past what a number holds: unknown, and said with the cells. */
function reportTooLarge(
  kpi: Kpi,
  valueColumn: "forecast" | "actual" | "target",
  figures: readonly ComputedKpiFigure[],
  sink: FindingSink,
): void {
  const sheet = quoteSheetName(kpi.source.sheet);
  const cells = [valueColumn, "target", ...(figures.includes("progress") ? ["baseline"] : [])].map(
    (column) => `${sheet}!${cellOf(kpi.source, column)}`,
  );
  const names = figures.map((figure) => FIGURE_LABELS[figure]);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
  sink.add(
    "error",
    "NUMBER_TOO_LARGE",
    kpi.source.sheet,
    cellOf(kpi.source, valueColumn),
    kpi.id,
    `The ${listed} of KPI ${kpi.id}, computed from ${cells.slice(0, -1).join(", ")} and ${cells[cells.length - 1]}, ${names.length > 1 ? "come" : "comes"} out beyond ${NUMBER_LIMIT}, so the KPI's figures and status are unknown; check these cells for a slip (an exponent such as e308).`,
  );
}
