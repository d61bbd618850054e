/**
 * What a KPI Series adds to the KPIs (issue 20), in two steps around the gap analysis:
 *
 * - seriesActuals, before it: a KPI whose Actual cell is empty takes its actual from the series
 *   (a Level KPI its latest value, a Sum KPI the total of its target year so far); a filled cell
 *   counts, and a latest figure that differs from it is an info finding with both cells. A Sum
 *   KPI learns how many months of its target year have passed, so that its status today is
 *   judged on the baseline and target pro-rated (kpiGaps.ts).
 * - seriesTrends, after the bridge: each KPI's trend to its due month (trend.ts), the trend's
 *   status, and the findings: a trend that ends Off track or At risk while today is better, a
 *   trend behind its target with no impact the bridge counts, a series that stops more than 2 months before
 *   the latest month of the others.
 *
 * A plan without a KPI Series goes through both unchanged.
 */
import { quoteSheetName } from "../common/cells";
import { monthText, type Month } from "../common/month";
import { levelInUnit } from "../common/units";
import type { KpiStatus } from "../plan/contract";
import type { Kpi, Plan } from "../plan/model";
import { EMPTY_SERIES, type MonthlySeries } from "../plan/monthlySeries";
import type { FindingSink } from "../plan/rowReader";
import { cellOf, seriesCellOf } from "../plan/sourceCell";
import type { KpiGap, KpiTrendView } from "./result";
import { byStatusWorstFirst } from "./statusOrder";
import { kpiTrend, trendStatus, yearToDate, type KpiTrend } from "./trend";

/** A series whose latest month is more than this many months before the others' latest is stale. */
export const STALE_MONTHS = 2;

const dueOf = (kpi: Kpi): Month | undefined => (kpi.due?.kind === "month" ? kpi.due.month : undefined);

function noDueFinding(kpi: Kpi, sink: FindingSink): void {
  const why = kpi.due?.kind === "bad" ? `Its Period ${kpi.due.reason}` : "Its Period is empty";
  sink.add(
    "info",
    "SERIES_NO_PERIOD",
    kpi.source.sheet,
    cellOf(kpi.source, "period"),
    kpi.id,
    `KPI ${kpi.id} has monthly values but no month its target is due: ${why}. Write one such as Dec 2027, 2027-12 or FY2027 so that its trend can be projected.`,
  );
}

/** The KPI's figure today from its series: the latest value (Level) or the target year so far (Sum). */
function seriesFigure(kpi: Kpi, values: MonthlySeries, due: Month | undefined): { value: number; monthsElapsed?: number } | undefined {
  if (kpi.aggregation !== "Sum") return { value: values.value(values.length - 1) };
  if (!due) return undefined;
  const year = yearToDate(values, due);
  return year.total === undefined ? undefined : { value: year.total, monthsElapsed: year.monthsElapsed };
}

/** The plan with each KPI's actual filled from its series where its Actual cell is empty (see above). */
export function seriesActuals(plan: Plan, sink: FindingSink): Plan {
  const { series } = plan;
  if (!series) return plan;
  const kpis = plan.kpis.map((kpi) => {
    const values = series.byKpi.get(kpi.id);
    if (!values || values.length === 0) return kpi;
    const due = dueOf(kpi);
    if (!due) noDueFinding(kpi, sink);
    const figure = seriesFigure(kpi, values, due);
    if (!figure) return kpi;
    const latest = values.length - 1;
    const elapsed = figure.monthsElapsed === undefined ? {} : { monthsElapsed: figure.monthsElapsed };
    const actualUnknown = kpi.unknownFigures?.includes("actual") ?? false;
    if (kpi.actual === undefined && !actualUnknown)
      return { ...kpi, actual: figure.value, actualFrom: { sheet: series.sheet, cell: seriesCellOf(values.cell(latest)) }, ...elapsed };
    if (kpi.actual !== undefined && kpi.actual !== figure.value) {
      const what =
        kpi.aggregation === "Sum" ? "year to date of its series" : `latest value of its series (${monthText(values.month(latest))})`;
      sink.add(
        "info",
        "SERIES_ACTUAL_DIFFERS",
        kpi.source.sheet,
        cellOf(kpi.source, "actual"),
        kpi.id,
        `KPI ${kpi.id}'s Actual ${levelInUnit(kpi.actual, kpi.unit)} differs from the ${what}, ${levelInUnit(figure.value, kpi.unit)} in ${quoteSheetName(series.sheet)}!${seriesCellOf(values.cell(latest))}; the Actual cell counts. Clear it to take the series' figure.`,
      );
    }
    // A KPI whose Actual cell counts and that needs no months elapsed is left as it is: no copy of each KPI for nothing.
    return figure.monthsElapsed === undefined ? kpi : { ...kpi, ...elapsed };
  });
  return { ...plan, kpis };
}

function trendView(trend: Extract<KpiTrend, { kind: "trend" }>, status: KpiStatus): KpiTrendView {
  return { asOf: monthText(trend.asOf), points: trend.points, periodsLeft: trend.periodsLeft, projected: trend.projected, status };
}

const troubled = (status: KpiStatus) => status === "Off track" || status === "At risk";

/**
 * Whether the bridge counted an impact that moves the KPI: the rule of what is planned on a KPI is
 * the bridge's, so a row it leaves out (an initiative not on the Initiatives sheet, one switched
 * off in a scenario) or one that changes nothing (an impact or a confidence of 0) plans nothing.
 * An impact the bridge could not compute may move it: the KPI is not said to have none.
 */
const hasPlannedImpact = (gap: KpiGap) => gap.closure === "Unknown" || (gap.steps ?? []).some((step) => step.change !== 0);

/** What the series adds to a KPI's gap. */
type SeriesFields = Pick<KpiGap, "series" | "trend" | "trendNote" | "aggregation">;

/**
 * Each KPI with its series and trend, and the findings about them (see above).
 *
 * The gaps are the analysis's own, made a moment before by kpiGaps or the bridge and held by
 * nothing else, and each gets its series' fields added in place: copying 10,000 objects of about
 * 30 properties and many shapes took three times as long as all the rest of this step
 * (bench/series.ts, 2026-12-07).
 */
export function seriesTrends(plan: Plan, gaps: KpiGap[], tolerance: number, sink: FindingSink): KpiGap[] {
  const { series } = plan;
  if (!series) return gaps;
  const add = (gap: KpiGap, fields: SeriesFields): KpiGap => Object.assign(gap, fields);
  let latestOfAll: number | undefined;
  for (const values of series.byKpi.values())
    if (values.length > 0) latestOfAll = Math.max(latestOfAll ?? -Infinity, values.ordinal(values.length - 1));
  // gaps[i] is plan.kpis[i]'s, as kpiGaps and the bridge make them.
  return gaps.map((gap, i) => {
    const kpi = plan.kpis[i];
    const values = series.byKpi.get(kpi.id);
    if (!values || values.length === 0) return add(gap, { series: EMPTY_SERIES });
    const sum: SeriesFields = kpi.aggregation === "Sum" ? { aggregation: "Sum" } : {};
    const latest = values.length - 1;
    if (latestOfAll !== undefined && latestOfAll - values.ordinal(latest) > STALE_MONTHS) {
      sink.add(
        "info",
        "SERIES_STALE",
        series.sheet,
        seriesCellOf(values.cell(latest)),
        kpi.id,
        `KPI ${kpi.id}'s series stops at ${monthText(values.month(latest))}, ${latestOfAll - values.ordinal(latest)} months before the latest month of the others; add its recent values, or its actual and trend are out of date.`,
      );
    }
    const due = dueOf(kpi);
    if (!due) return add(gap, { ...sum, series: values });
    const trend = kpiTrend(kpi.aggregation ?? "Level", values, due);
    if (trend.kind !== "trend") return add(gap, { ...sum, series: values, trendNote: trend.reason });
    const figures = { direction: kpi.direction, baseline: kpi.baseline, target: kpi.target };
    const status = trendStatus(trend, figures, tolerance);
    const withTrend = add(gap, { ...sum, series: values, trend: trendView(trend, status) });
    if (!troubled(status)) return withTrend;
    const worse = byStatusWorstFirst(gap.status, status) > 0 && gap.status !== "No data";
    const unplanned = !hasPlannedImpact(gap);
    if (!worse && !unplanned) return withTrend;
    // The figures are put in words only for a finding: most KPIs' trends need none.
    const at = cellOf(kpi.source, "target");
    const projected = levelInUnit(trend.projected, kpi.unit);
    const target = kpi.target === undefined ? "" : levelInUnit(kpi.target, kpi.unit);
    if (worse) {
      sink.add(
        "warning",
        "TREND_WORSE_THAN_TODAY",
        kpi.source.sheet,
        at,
        kpi.id,
        `KPI ${kpi.id} is ${gap.status} today, but at the pace of its last ${trend.points} months it reaches ${projected} by ${monthText(due)} against a target of ${target}: ${status}.`,
      );
    }
    if (unplanned) {
      sink.add(
        "warning",
        "TREND_BEHIND_NO_IMPACTS",
        kpi.source.sheet,
        at,
        kpi.id,
        `KPI ${kpi.id}'s trend reaches ${projected} by ${monthText(due)}, short of its target of ${target}, and no initiative's impact is planned on it; plan what closes the rest (the Impacts sheet) or revise the target.`,
      );
    }
    return withTrend;
  });
}
