import type { Direction } from "../../../domain/plan/contract";
import type { KpiGap } from "../../../domain/analysis/result";
import { amountInUnit, percentOf } from "../../../domain/common/units";

/** Numbers as the pane shows them; the written sheet uses Excel number formats instead. */
export const percent = (share: number | undefined) => (share === undefined ? "–" : percentOf(share, { decimals: 1 }));

export const points = (value: number | undefined) => (value === undefined ? "–" : `${value > 0 ? "+" : ""}${value.toFixed(1)} pp`);

/**
 * Where the KPI's value stands against its target. The gap is positive when behind, so behind is
 * below the target when higher is better and above it when lower is better.
 */
export function gapSide(gap: number, direction: Direction): "below target" | "above target" | "on target" {
  if (gap === 0) return "on target";
  return gap > 0 === (direction === "higher") ? "below target" : "above target";
}

/** A KPI's gap in its unit and which side of the target it is: { amount: "3,000 households", side: "below target" }. */
export function gapInUnit(kpi: Pick<KpiGap, "gap" | "unit" | "direction">): { amount: string; side: string } | undefined {
  if (kpi.gap === undefined || !Number.isFinite(kpi.gap)) return undefined;
  return { amount: amountInUnit(Math.abs(kpi.gap), kpi.unit), side: gapSide(kpi.gap, kpi.direction) };
}
