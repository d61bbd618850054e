/**
 * The gap-to-target bridge: if the initiatives deliver the impacts on the Impacts sheet, how far
 * does each KPI get towards its target, and what is still to find? Per KPI with v its value (the
 * forecast, else the actual) and g its gap (positive when behind):
 *
 *   each impact row counts impact × confidence, favourably signed by the KPI's direction;
 *   planned P = Σ favourable contributions; residual R = g − P; coverage = P / g when g > 0;
 *   projected = v + Σ impact × confidence, and its status by today's status rule.
 *
 * Closure: On track when g ≤ 0; Closed when P ≥ g (to within 1e-9 of the target, so rounding
 * does not leave a closed gap open); Partly closed when 0 < P < g; Not addressed when P ≤ 0;
 * No data without a value or a target; Unknown when an impact counted is a formula that could
 * not be computed. The bridge only adds to the analysis: it changes no other figure.
 */
import { quoteSheetName } from "../common/cells";
import type { Direction } from "../plan/contract";
import { kpiStatus, meetsTarget, statusMeasure } from "./kpi";
import type { Initiative, Kpi, Plan } from "../plan/model";
import type { BridgeStep, Closure, KpiGap } from "./result";
import { cellOf } from "../plan/sourceCell";
import type { FindingSink } from "../plan/rowReader";
import { amountInUnit, percentOf } from "../common/units";
import { TraceIndex } from "./trace";
import { boundedList } from "../common/boundedText";
import { getById, idKey, NUMBER_LIMIT } from "../common/values";

/** What a scenario may change in the bridge (the what-if view); nothing by default. */
export interface BridgeInputs {
  /** Initiatives switched off: their impacts do not count. Keys as idKey gives them. */
  readonly inactiveInitiatives?: ReadonlySet<string>;
  /** A confidence to use instead of a row's, by the row's position on the Impacts sheet. */
  readonly confidence?: ReadonlyMap<number, number>;
}

export interface KpiBridge {
  readonly planned?: number;
  readonly residual?: number;
  readonly coverage?: number;
  readonly closure: Closure;
  readonly projected?: number;
  readonly projectedStatus?: KpiGap["status"];
  readonly initiativeIds: readonly string[];
  /** Per initiative, in the order of the Impacts sheet; empty when the closure is Unknown. */
  readonly steps: readonly BridgeStep[];
}

/** The impact rows counted for one KPI. */
interface Tally {
  favourable: number;
  change: number;
  unknown: boolean;
  /** By initiative (its record, or its ID's key without an Initiatives sheet), in first-seen order. */
  readonly steps: Map<Initiative | string, { initiativeId: string; change: number; favourable: number }>;
}

/**
 * Each Impacts row's KPI and favourable contribution, by row, for the findings about single rows
 * once every KPI's closure is known. Arrays by row rather than an object per row: a large plan
 * has hundreds of thousands of rows, and the garbage collector would pay for each object.
 */
interface Counted {
  readonly kpis: (Kpi | undefined)[];
  readonly initiativeIds: string[];
  readonly favourable: Float64Array;
}

const favourably = (change: number, direction: Direction) => (direction === "higher" ? change : -change);

/** A gap closed to within rounding counts as closed: 23 − 22.9 closed by 0.1 is closed. */
export function closes(planned: number, gap: number, target: number): boolean {
  return planned >= gap - 1e-9 * Math.max(Math.abs(target), 1e-9);
}

/** The projected value, or the target itself when the projection misses it only by rounding. */
function closerToTarget(projected: number, target: number, direction: Direction): number {
  return meetsTarget(projected, target, direction) ? projected : target;
}

/**
 * The bridge of one KPI from its gap and the rows counted for it. Unknown when an impact counted
 * is, when the KPI's gap is, and when a sum or figure of the bridge comes out past what a number
 * holds (see bridgeOverflows).
 */
export function kpiBridge(gap: KpiGap, tally: Tally | undefined, tolerance: number): KpiBridge {
  const steps = tally ? [...tally.steps.values()] : [];
  const initiativeIds = steps.map((step) => step.initiativeId);
  if (tally?.unknown) return { closure: "Unknown", initiativeIds, steps: [] };
  const planned = tally?.favourable ?? 0;
  const change = tally?.change ?? 0;
  const unknown: KpiBridge = { closure: "Unknown", initiativeIds, steps: [] };
  if (tally && sumsOverflow(tally, steps)) return unknown;
  if (gap.unknown) return { planned, closure: "Unknown", initiativeIds, steps };
  const { value, target } = gap;
  if (value === undefined || target === undefined || gap.gap === undefined) {
    const projected = value === undefined ? undefined : value + change;
    return projected !== undefined && !Number.isFinite(projected)
      ? unknown
      : { planned, projected, closure: "No data", initiativeIds, steps };
  }
  const projected = value + change;
  const g = gap.gap;
  const closure: Closure = g <= 0 ? "On track" : closes(planned, g, target) ? "Closed" : planned > 0 ? "Partly closed" : "Not addressed";
  const residual = g - planned;
  const coverage = g > 0 ? planned / g : undefined;
  // A gap closed to within rounding leaves the projected value a hair short: it meets the target.
  const judged = closure === "Closed" ? closerToTarget(projected, target, gap.direction) : projected;
  const measure = statusMeasure(judged, target, gap.direction, gap.baseline);
  if (
    !Number.isFinite(residual) ||
    !Number.isFinite(projected) ||
    (coverage !== undefined && !Number.isFinite(coverage)) ||
    (measure !== undefined && !Number.isFinite(measure))
  )
    return unknown;
  return {
    planned,
    residual,
    coverage,
    closure,
    projected,
    projectedStatus: kpiStatus(judged, target, gap.direction, gap.baseline, tolerance),
    initiativeIds,
    steps,
  };
}

/** Impacts that add up past what a number holds: in all, or for one initiative. */
function sumsOverflow(tally: Tally, steps: readonly BridgeStep[]): boolean {
  if (!Number.isFinite(tally.change) || !Number.isFinite(tally.favourable)) return true;
  for (const step of steps) if (!Number.isFinite(step.change) || !Number.isFinite(step.favourable)) return true;
  return false;
}

/**
 * Whether the bridge is unknown because a sum or figure of it came out past what a number holds,
 * rather than because an impact or the gap is unknown (each reported on its own cell already).
 */
function bridgeOverflows(gap: KpiGap, tally: Tally | undefined, bridge: KpiBridge): boolean {
  if (bridge.closure !== "Unknown" || tally?.unknown) return false;
  return !gap.unknown || (tally !== undefined && sumsOverflow(tally, [...tally.steps.values()]));
}

/**
 * The KPI gaps with their bridge, and the bridge's findings. Rows naming an unknown initiative
 * or KPI, or whose numbers cannot be read, were reported when the sheet was read or are reported
 * here, and are left out of the bridge.
 */
export function bridgeKpis(
  plan: Plan,
  gaps: readonly KpiGap[],
  tolerance: number,
  sink: FindingSink,
  inputs: BridgeInputs = {},
  index: TraceIndex = new TraceIndex(plan),
): KpiGap[] {
  const tallies = new Map<Kpi, Tally>();
  const counted: Counted = {
    kpis: new Array<Kpi | undefined>(plan.impacts.length),
    initiativeIds: new Array<string>(plan.impacts.length),
    favourable: new Float64Array(plan.impacts.length),
  };
  plan.impacts.forEach((impact, row) => {
    // An initiative switched off in a scenario is no longer in the plan: its rows simply do not count.
    if (inputs.inactiveInitiatives?.has(idKey(impact.initiativeId))) return;
    const kpi = index.kpi(impact.kpiId);
    if (!kpi) {
      if (plan.present.kpis)
        sink.add(
          "warning",
          "UNKNOWN_REFERENCE",
          impact.source.sheet,
          cellOf(impact.source, "kpiId"),
          impact.initiativeId,
          `${impact.kpiId} is not an ID on the KPIs sheet; correct the ID or add the KPI (the row is left out of the gap bridge).`,
        );
      return;
    }
    // Without an Initiatives sheet (a function given only the KPIs and Impacts tables) the rows
    // count as they are: there is nothing to check their initiatives against.
    const initiative = plan.present.initiatives ? getById(index.initiatives, impact.initiativeId) : undefined;
    if (plan.present.initiatives) {
      if (!initiative) {
        sink.add(
          "warning",
          "UNKNOWN_REFERENCE",
          impact.source.sheet,
          cellOf(impact.source, "initiativeId"),
          impact.initiativeId,
          `${impact.initiativeId} is not an ID on the Initiatives sheet; correct the ID or add the initiative (the row is left out of the gap bridge).`,
        );
        return;
      }
      if (!names(initiative, kpi)) {
        sink.add(
          "warning",
          "IMPACT_NOT_LINKED",
          initiative.source.sheet,
          cellOf(initiative.source, "kpiIds"),
          initiative.id,
          `Initiative ${initiative.id} is expected to move KPI ${kpi.id} (${quoteSheetName(impact.source.sheet)}!${cellOf(impact.source, "impact")}) but does not name it in its KPI IDs; add ${kpi.id} there, so that the work traces through the KPI too.`,
        );
      }
    }
    const initiativeId = initiative?.id ?? impact.initiativeId;
    let tally = tallies.get(kpi);
    if (!tally) tallies.set(kpi, (tally = { favourable: 0, change: 0, unknown: false, steps: new Map() }));
    const stepKey = initiative ?? idKey(initiativeId);
    let step = tally.steps.get(stepKey);
    if (!step) tally.steps.set(stepKey, (step = { initiativeId, change: 0, favourable: 0 }));
    if (impact.unknown || impact.impact === undefined) {
      tally.unknown = true;
      return;
    }
    const change = impact.impact * (inputs.confidence?.get(row) ?? impact.confidence);
    const favourable = favourably(change, kpi.direction);
    tally.change += change;
    tally.favourable += favourable;
    step.change += change;
    step.favourable += favourable;
    counted.kpis[row] = kpi;
    counted.initiativeIds[row] = initiativeId;
    counted.favourable[row] = favourable;
  });

  const bridges = new Map<Kpi, KpiBridge>();
  const bridged = gaps.map((gap, i) => {
    const kpi = plan.kpis[i];
    const tally = tallies.get(kpi);
    const bridge = kpiBridge(gap, tally, tolerance);
    bridges.set(kpi, bridge);
    if (bridgeOverflows(gap, tally, bridge)) reportOverflow(plan, kpi, counted, sink);
    reportClosure(kpi, gap, bridge, sink);
    // Object.assign, not spread: spreading objects of many shapes is several times slower in V8.
    return Object.assign({}, gap, bridge);
  });
  reportRows(plan, counted, bridges, sink);
  return bridged;
}

/** Whether the initiative names the KPI in its KPI IDs; as typed is the common case and needs no key. */
function names(initiative: Initiative, kpi: Kpi): boolean {
  if (initiative.kpiIds.includes(kpi.id)) return true;
  const key = idKey(kpi.id);
  return initiative.kpiIds.some((id) => idKey(id) === key);
}

const kpiName = (kpi: Kpi) => `KPI ${kpi.id} (${kpi.name})`;

/** A bridge past what a number holds: said on the KPI, with the Impacts cells summed. */
function reportOverflow(plan: Plan, kpi: Kpi, counted: Counted, sink: FindingSink): void {
  const cells: string[] = [];
  plan.impacts.forEach((impact, row) => {
    if (counted.kpis[row] === kpi) cells.push(cellOf(impact.source, "impact"));
  });
  const sheet = plan.impacts[0] ? `${quoteSheetName(plan.impacts[0].source.sheet)}!` : "";
  sink.add(
    "error",
    "NUMBER_TOO_LARGE",
    kpi.source.sheet,
    cellOf(kpi.source, kpi.forecast !== undefined ? "forecast" : kpi.actual !== undefined ? "actual" : "target"),
    kpi.id,
    `The gap-to-target bridge of ${kpiName(kpi)} comes out beyond ${NUMBER_LIMIT} (its value, target and the impacts counted at ${sheet}${boundedList(cells)}), so the bridge is unknown; check these cells for a slip (an exponent such as e308).`,
  );
}

/** Findings about single rows: an impact away from the target, an impact on a KPI on track. */
function reportRows(plan: Plan, counted: Counted, bridges: ReadonlyMap<Kpi, KpiBridge>, sink: FindingSink): void {
  plan.impacts.forEach((impact, row) => {
    const kpi = counted.kpis[row];
    if (!kpi) return;
    const favourable = counted.favourable[row];
    const initiativeId = counted.initiativeIds[row];
    if (favourable < 0) {
      sink.add(
        "warning",
        "IMPACT_WRONG_DIRECTION",
        impact.source.sheet,
        cellOf(impact.source, "impact"),
        initiativeId,
        `Initiative ${initiativeId} is expected to move ${kpiName(kpi)} away from its target (${kpi.direction === "higher" ? "higher" : "lower"} is better) by ${amountInUnit(-favourable, kpi.unit)}; check the sign of the impact or the KPI's direction.`,
      );
    } else if (bridges.get(kpi)?.closure === "On track") {
      sink.add(
        "info",
        "IMPACT_ON_TRACK_KPI",
        impact.source.sheet,
        cellOf(impact.source, "impact"),
        initiativeId,
        `${kpiName(kpi)} is already on track, so the budget of ${initiativeId} aimed at it could be released or moved to a KPI still behind its target.`,
      );
    }
  });
}

/** Findings about a KPI's closure: behind its target and nothing moves it, or only partly closed. */
function reportClosure(kpi: Kpi, gap: KpiGap, bridge: KpiBridge, sink: FindingSink): void {
  if (gap.gap === undefined || bridge.planned === undefined) return;
  const name = kpiName(kpi);
  if (bridge.closure === "Not addressed") {
    sink.add(
      "warning",
      "BRIDGE_NOT_ADDRESSED",
      kpi.source.sheet,
      gap.cell,
      kpi.id,
      `${name} is ${amountInUnit(gap.gap, kpi.unit)} behind its target and no initiative is expected to move it towards the target; add the initiatives that will, with their expected impact, on the Impacts sheet, or fund one.`,
    );
  } else if (bridge.closure === "Partly closed" && bridge.coverage !== undefined && bridge.residual !== undefined) {
    sink.add(
      "warning",
      "BRIDGE_PARTLY_CLOSED",
      kpi.source.sheet,
      gap.cell,
      kpi.id,
      `The planned impacts close ${percentOf(bridge.coverage)} of the gap of ${name}: ${amountInUnit(bridge.planned, kpi.unit)} of ${amountInUnit(gap.gap, kpi.unit)}, so ${amountInUnit(bridge.residual, kpi.unit)} is still to find; raise the impacts or their confidence on the Impacts sheet, or add initiatives.`,
    );
  }
}
