/**
 * Where a KPI is heading at the pace of its monthly values (issue 20), and how it stands today
 * when its target is a year's total. The KPI Series part of the analysis and the CVM.TREND
 * worksheet function both project with levelProjection, so a formula and the report agree.
 *
 * - A Level KPI (a base, ARPU, a churn rate, NPS: a level at a point in time): the least-squares
 *   line through its last up to 6 values, with the month as x, evaluated at the due month. A
 *   month without a value is skipped, never read as 0: the line goes through the months there are.
 * - A Sum KPI (revenue, gross adds: the target is a total over the target year): the year's total
 *   so far, plus the mean of the last 3 monthly values times the months left in the year. Its
 *   status today compares the year to date with the baseline and target pro-rated to the months
 *   elapsed, so that a yearly target is not "Off track" every September.
 * - With fewer than 3 values there is no trend, and the reason says so.
 *
 * The target year is the twelve months ending with the due month: January to December for a
 * KPI due in December or in FY2027, April to March for one due in March.
 */
import { monthOfOrdinal, monthOrdinal, type Month } from "../common/month";
import type { Direction, KpiStatus } from "../plan/contract";
import type { MonthlySeries } from "../plan/monthlySeries";
import { kpiStatus } from "./kpi";

/** How a KPI's monthly values make its figure: a level at a point in time, or a total over the year. */
export type Aggregation = "Level" | "Sum";

/** A value at its period: a month's ordinal for a KPI's series, a position in the range for CVM.TREND. */
export interface PeriodValue {
  readonly period: number;
  readonly value: number;
}

/** The fewest values a trend is drawn from. */
export const TREND_LEAST_VALUES = 3;
/** A Level trend fits the line through this many of the latest values at most. */
export const LEVEL_TREND_POINTS = 6;
/** A Sum trend runs on at the mean of this many of the latest values. */
export const SUM_RUN_RATE_VALUES = 3;
const MONTHS_IN_YEAR = 12;

/** No trend: too few values, or figures too large to project. */
export interface NoTrend {
  readonly kind: "none";
  readonly cause: "tooFewValues" | "pastLimit";
  /** The values there were. */
  readonly values: number;
  readonly reason: string;
}

/** A projection at a period, from the values of a series. */
export type Projection =
  | {
      readonly kind: "projection";
      readonly projected: number;
      /** The values the projection rests on. */
      readonly points: number;
    }
  | NoTrend;

function tooFew(values: number): NoTrend {
  const counted = values === 1 ? "1 value" : `${values} values`;
  return { kind: "none", cause: "tooFewValues", values, reason: `${counted}; a trend needs ${TREND_LEAST_VALUES} or more.` };
}

function pastLimit(values: number): NoTrend {
  return {
    kind: "none",
    cause: "pastLimit",
    values,
    reason: "The values are too large to project: the trend comes out beyond what a number holds.",
  };
}

function checkOrder(values: readonly PeriodValue[]): void {
  for (let i = 1; i < values.length; i++)
    if (!(values[i].period > values[i - 1].period)) throw new RangeError("A series' values must be in period order, one per period.");
}

/**
 * The least-squares line through the last `maxPoints` values (periods ascending, one value per
 * period), evaluated at period `at`. x is counted from the first value fitted, so that month
 * ordinals (near 24,000) add up exactly, and the sums are taken about the means.
 */
export function levelProjection(values: readonly PeriodValue[], at: number, maxPoints: number = LEVEL_TREND_POINTS): Projection {
  if (!Number.isInteger(maxPoints) || maxPoints < TREND_LEAST_VALUES)
    throw new RangeError(`A trend is fitted through a whole number of ${TREND_LEAST_VALUES} values or more, not ${maxPoints}.`);
  checkOrder(values);
  if (values.length < TREND_LEAST_VALUES) return tooFew(values.length);
  const fitted = values.slice(-maxPoints);
  const n = fitted.length;
  const origin = fitted[0].period;
  let sumX = 0;
  let sumY = 0;
  for (const v of fitted) {
    sumX += v.period - origin;
    sumY += v.value;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const v of fitted) {
    const dx = v.period - origin - meanX;
    sxx += dx * dx;
    sxy += dx * (v.value - meanY);
  }
  // Distinct periods make sxx positive.
  const projected = meanY + (sxy / sxx) * (at - origin - meanX);
  return Number.isFinite(projected) ? { kind: "projection", projected, points: n } : pastLimit(values.length);
}

/** The first month's ordinal of the target year that ends with `due`. */
const yearStart = (due: number) => due - (MONTHS_IN_YEAR - 1);

/** Whether the month `period` belongs to the target year that ends with `due`. */
const inTargetYear = (period: number, due: number) => period >= yearStart(due) && period <= due;

/** Months of the year ending with `due` that come after the month `last`: 12 before the year starts, 0 once it is over. */
function monthsLeftInYear(last: number, due: number): number {
  return Math.max(0, due - Math.max(last, yearStart(due) - 1));
}

/**
 * A total over the year ending with the due month (ordinal `due`; periods are month ordinals):
 * the values of that year up to the last value, plus the mean of the last 3 values (of any year)
 * times the months of the year after the last value.
 */
export function sumProjection(values: readonly PeriodValue[], due: number): Projection {
  checkOrder(values);
  if (values.length < TREND_LEAST_VALUES) return tooFew(values.length);
  const monthsLeft = monthsLeftInYear(values[values.length - 1].period, due);
  const used = new Set<number>();
  let total = 0;
  for (const v of values) {
    if (!inTargetYear(v.period, due)) continue;
    total += v.value;
    used.add(v.period);
  }
  let runRate = 0;
  if (monthsLeft > 0) {
    const latest = values.slice(-SUM_RUN_RATE_VALUES);
    for (const v of latest) {
      runRate += v.value / latest.length;
      used.add(v.period);
    }
  }
  const projected = total + runRate * monthsLeft;
  return Number.isFinite(projected) ? { kind: "projection", projected, points: used.size } : pastLimit(values.length);
}

/** A KPI's trend: as of its last month, the value projected at its due month. */
export type KpiTrend =
  | {
      readonly kind: "trend";
      /** The month of the latest value. */
      readonly asOf: Month;
      /** The values the projection rests on. */
      readonly points: number;
      /** Months from the latest value to the due month (for a Sum KPI, within the target year); 0 once the due month is past. */
      readonly periodsLeft: number;
      readonly projected: number;
    }
  | NoTrend;

/**
 * The values a projection reads, as periods: a Level trend's last LEVEL_TREND_POINTS, a Sum
 * trend's target year and last SUM_RUN_RATE_VALUES (a series is in month order). Only those are
 * taken: a KPI's earlier years would be read for nothing.
 */
function projectedValues(aggregation: Aggregation, series: MonthlySeries, due: number): PeriodValue[] {
  let from = Math.max(0, series.length - (aggregation === "Level" ? LEVEL_TREND_POINTS : SUM_RUN_RATE_VALUES));
  if (aggregation === "Sum") while (from > 0 && series.ordinal(from - 1) >= yearStart(due)) from--;
  const values: PeriodValue[] = [];
  for (let i = from; i < series.length; i++) values.push({ period: series.ordinal(i), value: series.value(i) });
  return values;
}

/** Where a KPI with these monthly values is heading by its due month. */
export function kpiTrend(aggregation: Aggregation, series: MonthlySeries, due: Month): KpiTrend {
  const dueOrdinal = monthOrdinal(due);
  if (series.length < TREND_LEAST_VALUES) return tooFew(series.length);
  const values = projectedValues(aggregation, series, dueOrdinal);
  const projection = aggregation === "Level" ? levelProjection(values, dueOrdinal) : sumProjection(values, dueOrdinal);
  if (projection.kind === "none") return projection.cause === "pastLimit" ? pastLimit(series.length) : projection;
  const last = values[values.length - 1].period;
  const periodsLeft = aggregation === "Level" ? Math.max(0, dueOrdinal - last) : monthsLeftInYear(last, dueOrdinal);
  return { kind: "trend", asOf: monthOfOrdinal(last), points: projection.points, periodsLeft, projected: projection.projected };
}

/** A Sum KPI's year so far: the total of the target year's values up to the latest, and the months of the year elapsed by then. */
export interface YearToDate {
  /** Undefined when the year has no value yet. */
  readonly total?: number;
  /** Calendar months of the target year up to the latest value, missing ones included: 0 to 12. */
  readonly monthsElapsed: number;
}

export function yearToDate(series: MonthlySeries, due: Month): YearToDate {
  const dueOrdinal = monthOrdinal(due);
  let total: number | undefined;
  let last: number | undefined;
  for (let i = 0; i < series.length; i++) {
    const period = series.ordinal(i);
    last = last === undefined ? period : Math.max(last, period);
    if (!inTargetYear(period, dueOrdinal)) continue;
    total = (total ?? 0) + series.value(i);
  }
  const monthsElapsed = last === undefined ? 0 : Math.min(MONTHS_IN_YEAR, Math.max(0, last - yearStart(dueOrdinal) + 1));
  return { total, monthsElapsed };
}

/** A yearly figure's share for the months elapsed: figure × months / 12. */
export function proRated(figure: number, monthsElapsed: number): number {
  return (figure * monthsElapsed) / MONTHS_IN_YEAR;
}

/** The figures a status is judged against. */
export interface StatusFigures {
  readonly direction: Direction;
  readonly baseline?: number;
  readonly target?: number;
}

/** A Sum KPI's status today: its year to date against the baseline and target pro-rated to the months elapsed. */
export function sumStatusToday(year: YearToDate, figures: StatusFigures, tolerance: number): KpiStatus {
  const share = (figure: number | undefined) => (figure === undefined ? undefined : proRated(figure, year.monthsElapsed));
  return kpiStatus(year.total, share(figures.target), figures.direction, share(figures.baseline), tolerance);
}

/** The trend's status: today's status rule applied to the projected value; "No data" without a trend. */
export function trendStatus(trend: KpiTrend, figures: StatusFigures, tolerance: number): KpiStatus {
  const projected = trend.kind === "trend" ? trend.projected : undefined;
  return kpiStatus(projected, figures.target, figures.direction, figures.baseline, tolerance);
}
