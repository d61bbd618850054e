/**
 * Numbers, money and dates as the pane shows them: every view formats through here, so that a
 * figure reads the same in the overview, the KPI list, the bridge and the findings. A KPI's
 * figures follow its unit by the rules of src/domain/common/units.ts (the report's sentences use
 * the same); the written sheet uses Excel number formats instead.
 */
import type { Direction } from "../../../domain/plan/contract";
import type { KpiGap } from "../../../domain/analysis/result";
import { serialText } from "../../../domain/common/cells";
import { amountInUnit, changeInUnit, levelInUnit, percentNumber, percentOf } from "../../../domain/common/units";

export { amountInUnit, changeInUnit, levelInUnit, percentNumber, percentOf };

export const percent = (share: number | undefined) => (share === undefined ? "–" : percentOf(share, { decimals: 1 }));

export const points = (value: number | undefined) => (value === undefined ? "–" : `${value > 0 ? "+" : ""}${value.toFixed(1)} pp`);

/**
 * An amount as the sheets show it, thousands separated and at most two decimals: "2,455,000". The
 * plan's budgets are amounts: the Initiatives sheet states no currency, so none is made up.
 */
export const amount = (value: number | undefined) =>
  value === undefined ? "–" : value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** A budget, or "unknown" where the sheet gives none. */
export const budget = (value: number | undefined) => (value === undefined ? "unknown" : amount(value));

/** A distance in percentage points, without a sign: "11.1 points". */
export const pointsApart = (value: number) => `${Math.abs(value).toFixed(1)} points`;

/** A whole number, thousands separated: "1,250". */
export const wholeNumber = (n: number) => n.toLocaleString("en-US");

/** "1 finding", "3 findings". */
export const count = (n: number, one: string, many: string) => `${wholeNumber(n)} ${n === 1 ? one : many}`;

/** A date and time kept as an Excel serial (the history's runs): "2026-11-20 09:30". */
export const dateTime = (serial: number) => serialText(serial);

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

/** A KPI's value against its target, each in its unit: "6,000 → 9,000 households"; undefined when either is unknown. */
export function valueToTarget(kpi: Pick<KpiGap, "value" | "target" | "unit">): string | undefined {
  if (kpi.value === undefined || kpi.target === undefined) return undefined;
  const target = levelInUnit(kpi.target, kpi.unit);
  const value = levelInUnit(kpi.value, kpi.unit);
  // A unit written after the number is said once, after the target.
  const suffix = target.startsWith(levelInUnit(kpi.target, kpi.unit, { bare: true }))
    ? target.slice(levelInUnit(kpi.target, kpi.unit, { bare: true }).length)
    : "";
  const bareValue = suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
  return `${bareValue} → ${target}`;
}
