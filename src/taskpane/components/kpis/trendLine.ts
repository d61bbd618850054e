/**
 * The geometry and words of a KPI's small trend line (issue 20): its monthly values as a line
 * (broken where a month has no value, never drawn down to 0), the trend from the latest value to
 * the due month dashed, and the target as a mark at the due month. A Sum KPI's months are parts
 * of a yearly total, on another scale than its target: its line shows the months only.
 */
import type { KpiGap } from "../../../domain/analysis/result";
import { monthOrdinal, monthText } from "../../../domain/common/month";
import { largest, smallest } from "../../../domain/common/extremes";
import { levelInUnit } from "../../../domain/common/units";

export const TREND_WIDTH = 120;
export const TREND_HEIGHT = 32;
const PAD = 3;

export interface TrendLineShape {
  /** SVG path of the values, one "M … L …" run per stretch of consecutive months. */
  readonly values: string;
  /** From the latest value to the projection at the due month. */
  readonly trend?: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
  readonly target?: { readonly x: number; readonly y: number };
  /** What the line shows, point by point: the image's accessible name. */
  readonly label: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function trendLineShape(kpi: KpiGap): TrendLineShape | undefined {
  const series = kpi.series?.entries() ?? [];
  if (series.length === 0) return undefined;
  const level = kpi.aggregation !== "Sum";
  const trend = level ? kpi.trend : undefined;
  const first = monthOrdinal(series[0].month);
  const lastValue = series[series.length - 1];
  const last = monthOrdinal(lastValue.month);
  const end = trend ? last + trend.periodsLeft : last;
  const figures = series.map((v) => v.value);
  if (trend) figures.push(trend.projected);
  if (level && kpi.target !== undefined) figures.push(kpi.target);
  const low = smallest(figures);
  const high = largest(figures);
  const x = (ordinal: number) => round(PAD + ((ordinal - first) / Math.max(1, end - first)) * (TREND_WIDTH - 2 * PAD));
  const y = (value: number) => round(high === low ? TREND_HEIGHT / 2 : PAD + ((high - value) / (high - low)) * (TREND_HEIGHT - 2 * PAD));
  let path = "";
  let previous: number | undefined;
  for (const v of series) {
    const ordinal = monthOrdinal(v.month);
    path += `${previous === ordinal - 1 ? "L" : "M"}${x(ordinal)} ${y(v.value)} `;
    previous = ordinal;
  }
  const points = series.map((v) => `${monthText(v.month)} ${levelInUnit(v.value, kpi.unit)}`).join(", ");
  const due = monthText({ year: Math.floor(end / 12), month: (end % 12) + 1 });
  const ahead = trend ? `; on trend ${levelInUnit(trend.projected, kpi.unit)} by ${due}` : "";
  const target = level && kpi.target !== undefined ? `; target ${levelInUnit(kpi.target, kpi.unit)}` : "";
  return {
    values: path.trim(),
    ...(trend && { trend: { x1: x(last), y1: y(lastValue.value), x2: x(end), y2: y(trend.projected) } }),
    ...(level && kpi.target !== undefined && { target: { x: x(end), y: y(kpi.target) } }),
    label: `${kpi.kpiId} by month: ${points}${ahead}${target}`,
  };
}
