/**
 * The words of the bridge view: the chart's accessible name, the closure sentence and the rows of
 * the table, so that what a screen reader hears and what the chart draws come from the same
 * figures (and can be tested without rendering).
 */
import type { KpiGap } from "../../../domain/analysis/result";
import { amountInUnit, changeInUnit, levelInUnit, percentOf } from "../../../domain/common/units";
import type { ChartableKpi } from "./waterfall";

/** Whether the analysis has a bridge at all: only a plan with an Impacts sheet gives closures. */
export const hasBridge = (kpis: readonly KpiGap[]) => kpis.some((kpi) => kpi.closure !== undefined);

/** The KPI to open the view on: the first behind its target with planned impacts, else the first. */
export function defaultBridgeKpi(kpis: readonly KpiGap[]): KpiGap | undefined {
  return kpis.find((kpi) => (kpi.gap ?? 0) > 0 && (kpi.steps?.length ?? 0) > 0) ?? kpis[0];
}

const scaleOf = (chart: ChartableKpi) => Math.max(Math.abs(chart.value), Math.abs(chart.target));

/** The level after each step, starting with the value: the last one is the projected value. */
export function levelsOf(chart: ChartableKpi): number[] {
  const levels = [chart.value];
  for (const step of chart.steps) levels.push(levels[levels.length - 1] + step.change);
  return levels;
}

/** "K2 waterfall: 6,000 households now, +1,200 households from I01, …, projected 7,600 households against a target of 9,000 households." */
export function waterfallName(kpiId: string, chart: ChartableKpi): string {
  const { unit } = chart;
  const steps = chart.steps.map(
    (step) =>
      `${changeInUnit(step.change, unit, { scale: scaleOf(chart) })} from ${step.initiativeId}${step.favourable < 0 ? " (away from the target)" : ""}`,
  );
  const projected = levelsOf(chart)[chart.steps.length];
  return `${kpiId} waterfall: ${levelInUnit(chart.value, unit)} now, ${steps.join(", ")}, projected ${levelInUnit(projected, unit)} against a target of ${levelInUnit(chart.target, unit)}.`;
}

/** What the closure means for this KPI, in one or two sentences with its figures. */
export function closureSentence(kpi: KpiGap): string {
  const unit = kpi.unit;
  const gap = kpi.gap === undefined ? "" : amountInUnit(kpi.gap, unit);
  const planned = kpi.planned ?? 0;
  switch (kpi.closure) {
    case "Closed": {
      // A residual below zero is planned beyond the target; rounding leftovers are not.
      const spare = -(kpi.residual ?? 0);
      const beyond = spare > 1e-9 * Math.max(Math.abs(kpi.target ?? 0), 1e-9) ? `, ${amountInUnit(spare, unit)} beyond the target` : "";
      return `The planned impacts close the whole gap of ${gap} (${amountInUnit(planned, unit)} planned${beyond}): nothing is left to find.`;
    }
    case "Partly closed":
      return `The planned impacts close ${percentOf(kpi.coverage ?? 0)} of the gap of ${gap}: ${amountInUnit(planned, unit)} planned, so ${amountInUnit(kpi.residual ?? 0, unit)} is still to find.`;
    case "Not addressed":
      return planned < 0
        ? `No planned impact moves ${kpi.kpiId} towards its target, and the impacts planned move it ${amountInUnit(-planned, unit)} away from it: ${amountInUnit(kpi.residual ?? 0, unit)} is still to find.`
        : `No planned impact moves ${kpi.kpiId} towards its target: the whole gap of ${gap} is still to find.`;
    case "On track":
      return `${kpi.kpiId} already meets its target, so there is nothing to find.`;
    case "No data":
      return kpi.value === undefined
        ? `${kpi.kpiId} has no actual or forecast value, so its gap and bridge cannot be worked out: add one on the KPIs sheet.`
        : `${kpi.kpiId} has no target, so its gap and bridge cannot be worked out: add one on the KPIs sheet.`;
    case "Unknown":
      return `A figure of ${kpi.kpiId} or of an impact on it could not be read or computed, so its bridge is unknown: see the findings.`;
    default:
      return `${kpi.kpiId} has no bridge.`;
  }
}

/** Why a KPI with figures gets no chart: no initiative is expected to move it. */
export function noStepsSentence(kpi: KpiGap): string {
  return `No initiative on the Impacts sheet is expected to move ${kpi.kpiId}, so there is no waterfall to draw.`;
}

export interface BridgeRow {
  readonly key: string;
  /** The row's header: "Now", an initiative's ID, "Projected", "Target". */
  readonly label: string;
  readonly change: string;
  readonly level: string;
  readonly effect: string;
}

/**
 * The table's caption. Its cells give a unit written after the number ("households") only once,
 * here, so that they stay short enough for a narrow pane; "%" and money units stay in the cells.
 */
export function bridgeCaption(kpi: Pick<KpiGap, "kpiId" | "name" | "unit">): string {
  const unit = kpi.unit.trim();
  const inUnit = unit === "" || levelInUnit(1, unit, { bare: true }) !== "1" ? "" : `, in ${unit}`;
  return `${kpi.kpiId} ${kpi.name}${inUnit}: from now to the projected value, step by step`;
}

/** The waterfall as table rows: each step's change, the level it leads to, and which way it moves the KPI. */
export function bridgeRows(chart: ChartableKpi): BridgeRow[] {
  const { unit } = chart;
  const bare = { bare: true, scale: scaleOf(chart) };
  const levels = levelsOf(chart);
  const projected = levels[levels.length - 1];
  return [
    { key: "value", label: "Now", change: "", level: levelInUnit(chart.value, unit, bare), effect: "" },
    ...chart.steps.map((step, i) => ({
      key: step.initiativeId,
      label: step.initiativeId,
      change: changeInUnit(step.change, unit, bare),
      level: levelInUnit(levels[i + 1], unit, bare),
      effect: step.favourable >= 0 ? "Towards the target" : "Away from the target",
    })),
    {
      key: "projected",
      label: "Projected",
      change: changeInUnit(projected - chart.value, unit, bare),
      level: levelInUnit(projected, unit, bare),
      effect: "",
    },
    { key: "target", label: "Target", change: "", level: levelInUnit(chart.target, unit, bare), effect: "" },
  ];
}
