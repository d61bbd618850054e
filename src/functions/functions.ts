/**
 * The CVM.* worksheet functions. Each is a top-level function declaration with JSDoc, from which
 * the build generates functions.json and appends the CustomFunctions.associate calls. The work is
 * done by the engine (src/domain), so a formula and the gap analysis never disagree.
 *
 * Conventions, as Excel's own functions: ranges arrive as 2-D arrays and blanks in them are
 * skipped as SUM and AVERAGE skip them; an omitted optional argument arrives as null; a repeating
 * parameter (the tables of TRACE, ALIGNMENT and BRIDGE) arrives as one argument, an array of
 * every value given for it; numbers may be typed as text ("12%", "€1,250"); a problem becomes an
 * Excel error whose message names the argument. testkit/excelRuntime.ts calls the built
 * bundle this way.
 *
 * Each function's parameters are declared as data beside it (./parameters.ts: type, optional,
 * default, range, under the JSDoc's names) and read by one checker before its body runs; the
 * errors and their messages are in ./functionErrors.ts.
 */
import { ASPECTS } from "../domain/plan/contract";
import {
  baseGrowth,
  customerLifetimeValue,
  paybackMonths,
  perSubscriberPerMonth,
  retentionValue,
  rollBase,
  twoProportionPValue,
  uplift,
  type BasePeriod,
} from "../domain/analysis/cvmMath";
import { kpiAttainment, kpiGap, kpiProgress, kpiStatus, meetsTarget, statusMeasure } from "../domain/analysis/kpi";
import { DEFAULT_OPTIONS } from "../domain/analysis/result";
import { LEVEL_TREND_POINTS, levelProjection, TREND_LEAST_VALUES, type PeriodValue } from "../domain/analysis/trend";
import { numberAt, shapeOf, sum } from "./excelArgs";
import { cellSafe, elementwise, figureCell, NO_FIGURE, toExcelError } from "./excelResult";
import { functionErrors } from "./functionErrors";
import { readArguments, type ArgumentValues, type Parameter } from "./parameters";
import { TablePlanCache } from "./planTables";

const plans = new TablePlanCache();

/**
 * Reads the arguments by their declared parameters, then runs the function's body on what they
 * hold, turning any problem into the Excel error Excel should show.
 */
function excel<const Ps extends readonly Parameter[], T>(
  parameters: Ps,
  args: readonly unknown[],
  body: (values: ArgumentValues<Ps>) => T,
): T {
  try {
    return cellSafe(body(readArguments(parameters, args)));
  } catch (error) {
    throw toExcelError(error);
  }
}

/** When a monthly series is given for both arguments, its length is the number of months. */
function defaultMonths(values: unknown, bases: unknown, counted: number): number {
  const a = shapeOf(values);
  const b = shapeOf(bases);
  const sameSize = Array.isArray(values) && Array.isArray(bases) && a.rows === b.rows && a.cols === b.cols && a.rows * a.cols > 1;
  return sameSize ? counted : 1;
}

/** ARPU, AMPU and CHURN: amounts summed, a base averaged, over months. */
const perBaseParameters = <V extends string, B extends string>(valuesName: V, basesName: B) =>
  [
    { name: valuesName, type: "numbers" },
    { name: basesName, type: "average", minimum: 0 },
    { name: "months", type: "number", optional: true },
  ] as const satisfies readonly Parameter[];

const ARPU = perBaseParameters("revenue", "subscribers");
const AMPU = perBaseParameters("margin", "subscribers");
const CHURN = perBaseParameters("lost", "base");

function perBasePerMonth(parameters: ReturnType<typeof perBaseParameters>, values: unknown, bases: unknown, months: unknown): number {
  return excel(parameters, [values, bases, months], ([amounts, averageBase, monthCount]) =>
    perSubscriberPerMonth(sum(amounts, parameters[0].name), averageBase, monthCount ?? defaultMonths(values, bases, amounts.length)),
  );
}

/**
 * Average revenue per user per month: the sum of revenue / the average of subscribers / months.
 * @customfunction ARPU
 * @param revenue Service revenue of the period: one cell or a range, summed (blanks skipped).
 * @param subscribers Subscribers: one cell or a range, averaged (monthly bases, or an opening and a closing count).
 * @param [months] Months in the period. Default: the number of revenue values when revenue and subscribers are ranges of the same size (a monthly series), else 1.
 * @returns Revenue per average subscriber per month.
 * @helpurl https://localhost:3000/help.html#arpu
 */
export function arpu(revenue: unknown[][], subscribers: unknown[][], months?: unknown): number {
  return perBasePerMonth(ARPU, revenue, subscribers, months);
}

/**
 * Average margin per user per month: the sum of margin / the average of subscribers / months.
 * @customfunction AMPU
 * @param margin Margin of the period: one cell or a range, summed (blanks skipped).
 * @param subscribers Subscribers: one cell or a range, averaged.
 * @param [months] Months in the period. Default: the number of margin values when margin and subscribers are ranges of the same size, else 1.
 * @returns Margin per average subscriber per month.
 * @helpurl https://localhost:3000/help.html#ampu
 */
export function ampu(margin: unknown[][], subscribers: unknown[][], months?: unknown): number {
  return perBasePerMonth(AMPU, margin, subscribers, months);
}

/**
 * Monthly churn rate: the sum of customers lost / the average base / months.
 * @customfunction CHURN
 * @param lost Customers lost: one cell or a range, summed.
 * @param base The customer base: one cell or a range, averaged (monthly bases, or the opening base).
 * @param [months] Months in the period. Default: the number of lost values when lost and base are ranges of the same size, else 1.
 * @returns The monthly churn rate, e.g. 0.015 for 1.5%.
 * @helpurl https://localhost:3000/help.html#churn
 */
export function churn(lost: unknown[][], base: unknown[][], months?: unknown): number {
  return perBasePerMonth(CHURN, lost, base, months);
}

const CLV = [
  { name: "monthly_margin", type: "number" },
  { name: "monthly_churn", type: "number" },
  { name: "annual_discount_rate", type: "number", optional: true, defaultValue: 0 },
  { name: "horizon_months", type: "number", optional: true },
] as const satisfies readonly Parameter[];

/**
 * Customer lifetime value: m·r/(1+d−r) with monthly margin m, retention r = 1 − churn and d the monthly rate equivalent to the annual discount rate; with a horizon, the sum of m·r^t/(1+d)^t for t = 1..H.
 * @customfunction CLV
 * @param monthly_margin Margin per customer per month.
 * @param monthly_churn Monthly churn rate, as 0.015 or "1.5%".
 * @param [annual_discount_rate] Annual discount rate, as 0.08 or "8%". Default 0.
 * @param [horizon_months] Months to sum over. Default: no limit.
 * @returns The lifetime value of a customer.
 * @helpurl https://localhost:3000/help.html#clv
 */
export function clv(monthly_margin: unknown, monthly_churn: unknown, annual_discount_rate?: unknown, horizon_months?: unknown): number {
  return excel(CLV, [monthly_margin, monthly_churn, annual_discount_rate, horizon_months], ([margin, monthlyChurn, rate, horizon]) =>
    customerLifetimeValue(margin, monthlyChurn, rate, horizon),
  );
}

const NETADDS = [
  { name: "gross_adds", type: "sum" },
  { name: "lost", type: "sum" },
] as const satisfies readonly Parameter[];

/**
 * Net adds: gross adds minus customers lost.
 * @customfunction NETADDS
 * @param gross_adds Gross additions: one cell or a range, summed.
 * @param lost Customers lost: one cell or a range, summed.
 * @returns Net additions to the base.
 * @helpurl https://localhost:3000/help.html#netadds
 */
export function netAdds(gross_adds: unknown[][], lost: unknown[][]): number {
  return excel(NETADDS, [gross_adds, lost], ([added, gone]) => added - gone);
}

const GROWTH = [
  { name: "opening", type: "number" },
  { name: "closing", type: "number" },
] as const satisfies readonly Parameter[];

/**
 * Base growth: (closing − opening) / opening.
 * @customfunction GROWTH
 * @param opening The opening base.
 * @param closing The closing base.
 * @returns Growth as a share, e.g. 0.02 for 2%.
 * @helpurl https://localhost:3000/help.html#growth
 */
export function growth(opening: unknown, closing: unknown): number {
  return excel(GROWTH, [opening, closing], ([from, to]) => baseGrowth(from, to));
}

const BASE = [
  { name: "opening", type: "number", minimum: 0 },
  { name: "gross_adds", type: "series" },
  { name: "churn_rate", type: "series" },
] as const satisfies readonly Parameter[];

/**
 * Rolls a subscriber base forward period by period: closing = the previous closing × (1 − churn) + gross adds, from the opening base.
 * @customfunction BASE
 * @param opening The base at the start of the first period.
 * @param gross_adds Gross additions, one per period: a row or a column. A blank cell is no period: its cell stays empty and the base carries over.
 * @param churn_rate The churn rate of a period, as 0.015 or "1.5%": one rate for every period, or a range with one per period.
 * @returns The closing base of each period, spilled in the shape of gross_adds.
 * @helpurl https://localhost:3000/help.html#base
 */
export function subscriberBase(opening: unknown, gross_adds: unknown[][], churn_rate: unknown[][]): unknown[][] {
  return excel(BASE, [opening, gross_adds, churn_rate], ([start, adds, churns]) => {
    if (churns.length !== 1 && churns.length !== adds.length)
      throw functionErrors.notOnePerPeriod("churn_rate", churns.length, "gross_adds", adds.length);
    const periods: BasePeriod[] = [];
    adds.forEach((grossAdds, i) => {
      if (grossAdds === undefined) return;
      const churn = churns.length === 1 ? churns[0] : churns[i];
      if (churn === undefined) throw functionErrors.blank(churns.length === 1 ? "churn_rate" : `churn_rate (value ${i + 1})`);
      periods.push({ grossAdds, churn });
    });
    if (periods.length === 0) throw functionErrors.noData("gross_adds");
    const closings = rollBase(start, periods);
    let period = 0;
    const cells = adds.map((grossAdds) => (grossAdds === undefined ? NO_FIGURE : figureCell(closings[period++])));
    return shapeOf(gross_adds).rows === 1 ? [cells] : cells.map((cell) => [cell]);
  });
}

const TREND = [
  { name: "values", type: "series" },
  { name: "periods_ahead", type: "number", minimum: 0 },
  { name: "points", type: "number", optional: true, defaultValue: LEVEL_TREND_POINTS, minimum: TREND_LEAST_VALUES, whole: true },
] as const satisfies readonly Parameter[];

/**
 * The gap analysis's trend of a Level KPI: the least-squares line through the last values (one per period, blanks skipped), projected periods ahead of the last value.
 * @customfunction TREND
 * @param values The series, one value per period in a row or a column; a blank cell is a period without a value, skipped.
 * @param periods_ahead How many periods past the last value to project, e.g. 2 from October to December.
 * @param [points] How many of the latest values the line is fitted through, 3 or more. Default 6, as the gap analysis fits.
 * @returns The value of the trend line periods_ahead periods past the last value.
 * @helpurl https://localhost:3000/help.html#trend
 */
export function trend(values: unknown[][], periods_ahead: unknown, points?: unknown): number {
  return excel(TREND, [values, periods_ahead, points], ([series, ahead, fitted]) => {
    // A cell's place in the range is its period, as a month is a KPI's: a blank keeps its place.
    const known: PeriodValue[] = [];
    series.forEach((value, period) => {
      if (value !== undefined) known.push({ period, value });
    });
    const last = known.at(-1)?.period ?? 0;
    const projection = levelProjection(known, last + ahead, fitted);
    if (projection.kind === "projection") return projection.projected;
    throw projection.cause === "tooFewValues"
      ? functionErrors.tooFewForTrend("values", projection.values)
      : functionErrors.resultPastLimit();
  });
}

const PAYBACK = [
  { name: "acquisition_cost", type: "number", minimum: 0 },
  { name: "monthly_margin", type: "number" },
  { name: "monthly_churn", type: "number" },
  { name: "annual_discount_rate", type: "number", optional: true, defaultValue: 0 },
] as const satisfies readonly Parameter[];

/**
 * The payback of acquiring a customer: the first whole month at which the expected margin, counted as CVM.CLV counts it, reaches the acquisition cost.
 * @customfunction PAYBACK
 * @param acquisition_cost What acquiring the customer costs.
 * @param monthly_margin Margin per customer per month.
 * @param monthly_churn Monthly churn rate, as 0.015 or "1.5%".
 * @param [annual_discount_rate] Annual discount rate, as 0.08 or "8%". Default 0.
 * @returns The number of months; #N/A when the margin never reaches the cost.
 * @helpurl https://localhost:3000/help.html#payback
 */
export function payback(
  acquisition_cost: unknown,
  monthly_margin: unknown,
  monthly_churn: unknown,
  annual_discount_rate?: unknown,
): number {
  return excel(PAYBACK, [acquisition_cost, monthly_margin, monthly_churn, annual_discount_rate], ([cost, margin, monthlyChurn, rate]) => {
    const months = paybackMonths(cost, margin, monthlyChurn, rate);
    if (months === undefined) throw functionErrors.neverPaysBack();
    return months;
  });
}

const RETENTIONVALUE = [
  { name: "base", type: "number", minimum: 0 },
  { name: "churn_before", type: "number" },
  { name: "churn_after", type: "number" },
  { name: "monthly_margin", type: "number" },
  { name: "annual_discount_rate", type: "number", optional: true, defaultValue: 0 },
  { name: "horizon_months", type: "number", optional: true },
] as const satisfies readonly Parameter[];

/**
 * What a churn reduction is worth: base × (CLV at churn_after − CLV at churn_before), each CLV as CVM.CLV computes it.
 * @customfunction RETENTIONVALUE
 * @param base The customers whose churn changes.
 * @param churn_before The monthly churn rate today, as 0.015 or "1.5%".
 * @param churn_after The monthly churn rate after the change.
 * @param monthly_margin Margin per customer per month.
 * @param [annual_discount_rate] Annual discount rate, as 0.08 or "8%". Default 0.
 * @param [horizon_months] Months to count the margin over. Default: no limit.
 * @returns The value of the change: positive when churn falls.
 * @helpurl https://localhost:3000/help.html#retentionvalue
 */
export function retentionValueOf(
  base: unknown,
  churn_before: unknown,
  churn_after: unknown,
  monthly_margin: unknown,
  annual_discount_rate?: unknown,
  horizon_months?: unknown,
): number {
  return excel(
    RETENTIONVALUE,
    [base, churn_before, churn_after, monthly_margin, annual_discount_rate, horizon_months],
    ([customers, before, after, margin, rate, horizon]) => retentionValue(customers, before, after, margin, rate, horizon),
  );
}

/** "higher" (the default) or "lower" is better, as GAP, ATTAINMENT and STATUS take it. */
const DIRECTION = { name: "direction", type: "direction", optional: true, defaultValue: "higher" } as const satisfies Parameter;

const GAP = [{ name: "actual", type: "cells" }, { name: "target", type: "cells" }, DIRECTION] as const satisfies readonly Parameter[];

/**
 * The gap to target, positive when behind: target − actual, or actual − target when lower is better. Ranges of the same size give a gap per cell.
 * @customfunction GAP
 * @param actual The actual (or forecast) value, or a range of them.
 * @param target The target, or a range of targets.
 * @param [direction] "higher" (default) or "lower" is better.
 * @returns The gap; #N/A where the actual is blank.
 * @helpurl https://localhost:3000/help.html#gap
 */
export function gap(actual: unknown[][], target: unknown[][], direction?: unknown): unknown[][] {
  return excel(GAP, [actual, target, direction], ([actuals, targets, dir]) =>
    elementwise({ actual: actuals, target: targets }, (v) => {
      const [value, goal] = [numberAt(v.actual, "actual"), numberAt(v.target, "target")];
      if (value === undefined) throw functionErrors.noData("actual");
      if (goal === undefined) throw functionErrors.blank("target");
      return kpiGap(value, goal, dir);
    }),
  );
}

const ATTAINMENT = [
  { name: "actual", type: "cells" },
  { name: "target", type: "cells" },
  DIRECTION,
  { name: "baseline", type: "cells", optional: true },
] as const satisfies readonly Parameter[];

/**
 * Attainment: actual / target, or target / actual when lower is better; with a baseline, the progress (actual − baseline) / (target − baseline). Ranges of the same size give a result per cell.
 * @customfunction ATTAINMENT
 * @param actual The actual (or forecast) value, or a range of them.
 * @param target The target, or a range of targets.
 * @param [direction] "higher" (default) or "lower" is better.
 * @param [baseline] The baseline, or a range of baselines, to measure progress from.
 * @returns A share, e.g. 0.9 for 90%.
 * @helpurl https://localhost:3000/help.html#attainment
 */
export function attainment(actual: unknown[][], target: unknown[][], direction?: unknown, baseline?: unknown[][]): unknown[][] {
  return excel(ATTAINMENT, [actual, target, direction, baseline], ([actuals, targets, dir, baselines]) =>
    elementwise({ actual: actuals, target: targets, baseline: baselines }, (v) => {
      const value = numberAt(v.actual, "actual");
      const goal = numberAt(v.target, "target");
      const base = numberAt(v.baseline, "baseline");
      if (value === undefined) throw functionErrors.noData("actual");
      if (goal === undefined) throw functionErrors.blank("target");
      const result = base === undefined ? kpiAttainment(value, goal, dir) : kpiProgress(value, goal, base);
      if (result === undefined)
        throw base === undefined
          ? functionErrors.attainmentByZero(dir === "higher" ? "a target" : "an actual")
          : functionErrors.progressWithoutDistance();
      return result;
    }),
  );
}

const STATUS = [
  { name: "actual", type: "cells" },
  { name: "target", type: "cells" },
  DIRECTION,
  { name: "baseline", type: "cells", optional: true },
  { name: "tolerance", type: "share", optional: true, defaultValue: DEFAULT_OPTIONS.tolerance },
] as const satisfies readonly Parameter[];

/**
 * KPI status as in the gap analysis: "On track" when the target is met, "At risk" when progress (or, without a baseline, attainment) is at least 1 − tolerance, else "Off track"; "No data" without an actual.
 * @customfunction STATUS
 * @param actual The actual (or forecast) value, or a range of them.
 * @param target The target, or a range of targets.
 * @param [direction] "higher" (default) or "lower" is better.
 * @param [baseline] The baseline, or a range of baselines.
 * @param [tolerance] How far below target still counts as "At risk", as 0.1, "10%" or 10 (a number of 1 or more is a percentage). Default 10%.
 * @returns "On track", "At risk", "Off track" or "No data".
 * @helpurl https://localhost:3000/help.html#status
 */
export function status(
  actual: unknown[][],
  target: unknown[][],
  direction?: unknown,
  baseline?: unknown[][],
  tolerance?: unknown,
): unknown[][] {
  return excel(STATUS, [actual, target, direction, baseline, tolerance], ([actuals, targets, dir, baselines, share]) =>
    elementwise({ actual: actuals, target: targets, baseline: baselines }, (v) => {
      const [value, goal, base] = [numberAt(v.actual, "actual"), numberAt(v.target, "target"), numberAt(v.baseline, "baseline")];
      // A progress or attainment past what a number holds judges nothing; the engine says "No data", a function #NUM!.
      const measure =
        value === undefined || goal === undefined || meetsTarget(value, goal, dir) ? undefined : statusMeasure(value, goal, dir, base);
      if (measure !== undefined && !Number.isFinite(measure))
        throw functionErrors.statusMeasurePastLimit(base === undefined ? "attainment" : "progress");
      return kpiStatus(value, goal, dir, base, share);
    }),
  );
}

const UPLIFT = [
  { name: "target_result", type: "number" },
  { name: "control_result", type: "number" },
  { name: "target_size", type: "number", optional: true },
] as const satisfies readonly Parameter[];

/**
 * Campaign uplift: the target group's result minus the control group's (rates or values per customer); with the target group's size, the absolute figure.
 * @customfunction UPLIFT
 * @param target_result The target group's result, e.g. its take-up rate.
 * @param control_result The control group's result.
 * @param [target_size] The target group's size, for the absolute uplift.
 * @returns The uplift.
 * @helpurl https://localhost:3000/help.html#uplift
 */
export function upliftOf(target_result: unknown, control_result: unknown, target_size?: unknown): number {
  return excel(UPLIFT, [target_result, control_result, target_size], ([result, control, size]) => uplift(result, control, size));
}

const UPLIFTSIG = [
  { name: "target_hits", type: "number" },
  { name: "target_size", type: "number" },
  { name: "control_hits", type: "number" },
  { name: "control_size", type: "number" },
] as const satisfies readonly Parameter[];

/**
 * Whether a campaign's rate differs from its control group's: the two-sided p-value of the pooled two-proportion z-test.
 * @customfunction UPLIFTSIG
 * @param target_hits Responders in the target group.
 * @param target_size Size of the target group.
 * @param control_hits Responders in the control group.
 * @param control_size Size of the control group.
 * @returns The p-value; below 0.05 is commonly read as significant.
 * @helpurl https://localhost:3000/help.html#upliftsig
 */
export function upliftSig(target_hits: unknown, target_size: unknown, control_hits: unknown, control_size: unknown): number {
  return excel(UPLIFTSIG, [target_hits, target_size, control_hits, control_size], ([hits, size, controlHits, controlSize]) =>
    twoProportionPValue(hits, size, controlHits, controlSize),
  );
}

/** TRACE, ALIGNMENT and BRIDGE: an ID, and the plan tables of a repeating parameter. */
const idAndTables = <N extends string>(idName: N) =>
  [
    { name: idName, type: "id" },
    { name: "table1", type: "tables" },
  ] as const satisfies readonly Parameter[];

const TRACE = idAndTables("id");
const ALIGNMENT = idAndTables("bet_id");
const BRIDGE = idAndTables("kpi_id");

/**
 * The trace paths from an initiative, KPI, Moment of Truth or persona to the strategic bets: one path per row, one "ID: name" cell per hop.
 * @customfunction TRACE
 * @param id The ID to trace, e.g. I07.
 * @param table1 The plan tables with their header rows, one per argument, in any order: e.g. Initiatives!A3:M21, tblKPIs[#All], tblBets[#All].
 * @returns The paths, spilled; #N/A when the ID traces to no bet.
 * @helpurl https://localhost:3000/help.html#trace
 */
export function trace(id: unknown, table1: unknown[][][]): string[][] {
  return excel(TRACE, [id, table1], ([key, tables]) => {
    const { index } = plans.get(tables);
    const paths = index.pathsFor(key);
    if (paths === undefined) throw functionErrors.unknownId(key);
    if (paths.length === 0) throw functionErrors.noPathToBet(key);
    let width = 0;
    for (const path of paths) width = Math.max(width, path.length);
    return paths.map((path) => {
      const cells = path.map((node) => `${node.id}: ${node.name}`);
      while (cells.length < width) cells.push("");
      return cells;
    });
  });
}

/**
 * The six-aspect coverage of a strategic bet, as a row: Persona, Needs, Alternatives, Strategy, Business objective, Major initiatives (TRUE/FALSE), then the coverage ratio.
 * @customfunction ALIGNMENT
 * @param bet_id The bet's ID, e.g. B1.
 * @param table1 The plan tables with their header rows, one per argument: Bets and whichever of Personas, KPIs, Initiatives you have.
 * @returns Six TRUE/FALSE cells and the coverage, spilled to the right.
 * @helpurl https://localhost:3000/help.html#alignment
 */
export function alignment(bet_id: unknown, table1: unknown[][][]): unknown[][] {
  return excel(ALIGNMENT, [bet_id, table1], ([key, tables]) => {
    const model = plans.get(tables);
    if (model.plan.bets.length === 0) throw functionErrors.noBetsTable();
    const bet = model.index.bet(key);
    const aligned = bet && model.alignment.bets.find((b) => b.betId === bet.id);
    if (!aligned) throw functionErrors.unknownBet(key);
    return [[...ASPECTS.map((a) => aligned.aspects[a]), aligned.coverage]];
  });
}

/**
 * The gap-to-target bridge of a KPI, as a row: its gap, the planned impact (Σ impact × confidence of the Impacts rows, towards the target), the residual gap, the coverage of the gap, the closure and the projected value.
 * @customfunction BRIDGE
 * @param kpi_id The KPI's ID, e.g. K2.
 * @param table1 The plan tables with their header rows, one per argument: KPIs and Impacts, and Initiatives to check the impacts' initiatives against.
 * @returns Gap, planned, residual, coverage, closure ("On track", "Closed", "Partly closed", "Not addressed", "No data") and projected value, spilled to the right; an empty cell where there is no figure.
 * @helpurl https://localhost:3000/help.html#bridge
 */
export function bridge(kpi_id: unknown, table1: unknown[][][]): unknown[][] {
  return excel(BRIDGE, [kpi_id, table1], ([key, tables]) => {
    const model = plans.get(tables);
    if (!model.plan.present.kpis) throw functionErrors.noKpisTable();
    if (!model.plan.present.impacts) throw functionErrors.noImpactsTable();
    const kpi = model.index.kpi(key);
    const gap = kpi && model.kpiGap(kpi);
    if (!gap) throw functionErrors.unknownKpi(key);
    // Figures in the KPI's own terms, as stored: a percent KPI's are fractions, as in GAP.
    return [
      [
        figureCell(gap.gap),
        figureCell(gap.planned),
        figureCell(gap.residual),
        figureCell(gap.coverage),
        gap.closure ?? "Unknown",
        figureCell(gap.projected),
      ],
    ];
  });
}

/** For tests and the benchmark: how often the plan behind TRACE, ALIGNMENT and BRIDGE was rebuilt. */
export function planBuildCount(): number {
  return plans.buildCount;
}
