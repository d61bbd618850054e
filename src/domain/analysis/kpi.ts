/**
 * Direction-aware KPI arithmetic. The gap analysis and the CVM.GAP / CVM.ATTAINMENT / CVM.STATUS
 * functions both call these, so a formula and the written report never disagree.
 */
import type { Direction, KpiStatus } from "../plan/contract";

export interface KpiFigures {
  readonly direction: Direction;
  readonly baseline?: number;
  readonly target?: number;
  readonly actual?: number;
  readonly forecast?: number;
  /** Figures that are formulas which could not be computed. */
  readonly unknownFigures?: readonly ("baseline" | "target" | "actual" | "forecast")[];
}

export interface KpiEvaluation {
  /** The forecast when there is one, else the actual. */
  readonly value?: number;
  readonly gap?: number;
  readonly attainment?: number;
  readonly progress?: number;
  readonly status: KpiStatus;
  /** A figure the result needs is unknown: the numbers are left out and the status is "No data". */
  readonly unknown?: boolean;
  /**
   * The figures that came out past what a number holds (a target of 1e308 and a value of −1e308
   * are 2e308 apart): the evaluation is then unknown, and the caller reports these.
   */
  readonly tooLarge?: readonly ComputedKpiFigure[];
}

export type ComputedKpiFigure = "gap" | "attainment" | "progress";

/** Positive when the value is behind the target. */
export function kpiGap(value: number, target: number, direction: Direction): number {
  return direction === "higher" ? target - value : value - target;
}

/** value / target, or target / value for lower-is-better; undefined when that divides by zero. */
export function kpiAttainment(value: number, target: number, direction: Direction): number | undefined {
  const [numerator, denominator] = direction === "higher" ? [value, target] : [target, value];
  if (denominator === 0) return undefined;
  return numerator / denominator;
}

/** Share of the way from baseline to target; undefined without a baseline or when they coincide. */
export function kpiProgress(value: number, target: number, baseline: number | undefined): number | undefined {
  if (baseline === undefined || baseline === target) return undefined;
  return (value - baseline) / (target - baseline);
}

export function meetsTarget(value: number, target: number, direction: Direction): boolean {
  return direction === "higher" ? value >= target : value <= target;
}

/** What "At risk" is judged on: progress from the baseline when there is one, else attainment. */
export function statusMeasure(value: number, target: number, direction: Direction, baseline: number | undefined): number | undefined {
  return kpiProgress(value, target, baseline) ?? kpiAttainment(value, target, direction);
}

/**
 * "At risk" is judged on progress from the baseline when there is one, else on attainment, and
 * holds from 1 - tolerance upwards. A measure past what a number holds judges nothing: "No data",
 * which the callers report as unknown.
 */
export function kpiStatus(
  value: number | undefined,
  target: number | undefined,
  direction: Direction,
  baseline: number | undefined,
  tolerance: number,
): KpiStatus {
  if (value === undefined || target === undefined) return "No data";
  if (meetsTarget(value, target, direction)) return "On track";
  const measure = statusMeasure(value, target, direction, baseline);
  if (measure !== undefined && !Number.isFinite(measure)) return "No data";
  if (measure !== undefined && measure >= 1 - tolerance) return "At risk";
  return "Off track";
}

export function evaluateKpi(figures: KpiFigures, tolerance: number): KpiEvaluation {
  const { direction, baseline, target, actual, forecast } = figures;
  const unknown = new Set(figures.unknownFigures ?? []);
  const valueUnknown = unknown.has("forecast") || (forecast === undefined && unknown.has("actual"));
  // A known status needs the value, the target and, past "On track", the baseline as well.
  if (valueUnknown || unknown.has("target")) return { status: "No data", unknown: true };
  if (unknown.has("baseline")) {
    const value = forecast ?? actual;
    if (value === undefined || target === undefined || !meetsTarget(value, target, direction)) return { status: "No data", unknown: true };
  }
  const value = forecast ?? actual;
  const status = kpiStatus(value, target, direction, baseline, tolerance);
  if (value === undefined || target === undefined) return { value, status };
  const gap = kpiGap(value, target, direction);
  const attainment = kpiAttainment(value, target, direction);
  const progress = kpiProgress(value, target, baseline);
  if (!Number.isFinite(gap) || !finiteOrNone(attainment) || !finiteOrNone(progress)) {
    const figures: [ComputedKpiFigure, number | undefined][] = [
      ["gap", gap],
      ["attainment", attainment],
      ["progress", progress],
    ];
    return {
      value,
      status: "No data",
      unknown: true,
      tooLarge: figures.filter(([, figure]) => !finiteOrNone(figure)).map(([name]) => name),
    };
  }
  return { value, gap, attainment, progress, status };
}

const finiteOrNone = (value: number | undefined) => value === undefined || Number.isFinite(value);
