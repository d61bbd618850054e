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
 */
import { ASPECTS } from "../domain/plan/contract";
import {
  baseGrowth,
  customerLifetimeValue,
  MathError,
  perSubscriberPerMonth,
  twoProportionPValue,
  uplift,
} from "../domain/analysis/cvmMath";
import { readDirection } from "../domain/plan/enums";
import { kpiAttainment, kpiGap, kpiProgress, kpiStatus, meetsTarget, statusMeasure } from "../domain/analysis/kpi";
import { NUMBER_LIMIT } from "../domain/common/values";
import {
  average,
  numberAt,
  numbersOf,
  optionalNumber,
  optionalShare,
  optionalText,
  requiredNumber,
  shapeOf,
  sum,
  type Matrix,
} from "./excelArgs";
import { TablePlanCache } from "./planTables";
import { cellSafe, elementwise, figureCell, toExcelError } from "./excelResult";
import type { Direction } from "../domain/plan/contract";

const plans = new TablePlanCache();

/** Runs a function body, turning an engine problem into the Excel error Excel should show. */
function excel<T>(body: () => T): T {
  try {
    return cellSafe(body());
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

function perBasePerMonth(values: unknown, bases: unknown, months: unknown, valuesName: string, basesName: string): number {
  const amounts = numbersOf(values, valuesName);
  const subscribers = numbersOf(bases, basesName);
  if (subscribers.some((s) => s < 0)) throw new MathError("num", `${basesName} must not be negative.`);
  const averageBase = average(subscribers, basesName);
  const monthCount = optionalNumber(months, "months") ?? defaultMonths(values, bases, amounts.length);
  return perSubscriberPerMonth(sum(amounts, valuesName), averageBase, monthCount);
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
  return excel(() => perBasePerMonth(revenue, subscribers, months, "revenue", "subscribers"));
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
  return excel(() => perBasePerMonth(margin, subscribers, months, "margin", "subscribers"));
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
  return excel(() => perBasePerMonth(lost, base, months, "lost", "base"));
}

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
  return excel(() =>
    customerLifetimeValue(
      requiredNumber(monthly_margin, "monthly_margin"),
      requiredNumber(monthly_churn, "monthly_churn"),
      optionalNumber(annual_discount_rate, "annual_discount_rate") ?? 0,
      optionalNumber(horizon_months, "horizon_months"),
    ),
  );
}

/**
 * Net adds: gross adds minus customers lost.
 * @customfunction NETADDS
 * @param gross_adds Gross additions: one cell or a range, summed.
 * @param lost Customers lost: one cell or a range, summed.
 * @returns Net additions to the base.
 * @helpurl https://localhost:3000/help.html#netadds
 */
export function netAdds(gross_adds: unknown[][], lost: unknown[][]): number {
  return excel(() => sum(numbersOf(gross_adds, "gross_adds"), "gross_adds") - sum(numbersOf(lost, "lost"), "lost"));
}

/**
 * Base growth: (closing − opening) / opening.
 * @customfunction GROWTH
 * @param opening The opening base.
 * @param closing The closing base.
 * @returns Growth as a share, e.g. 0.02 for 2%.
 * @helpurl https://localhost:3000/help.html#growth
 */
export function growth(opening: unknown, closing: unknown): number {
  return excel(() => baseGrowth(requiredNumber(opening, "opening"), requiredNumber(closing, "closing")));
}

function directionOf(arg: unknown): Direction {
  const text = optionalText(arg, "direction");
  if (text === undefined) return "higher";
  const direction = readDirection(text);
  if (!direction) throw new MathError("value", `direction "${text}" is neither "higher" nor "lower".`);
  return direction;
}

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
  return excel(() => {
    const dir = directionOf(direction);
    return elementwise({ actual, target }, (v) => {
      const [value, goal] = [numberAt(v.actual, "actual"), numberAt(v.target, "target")];
      if (value === undefined) throw new MathError("na", "actual is blank: no data yet.");
      if (goal === undefined) throw new MathError("na", "target is blank.");
      return kpiGap(value, goal, dir);
    });
  });
}

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
  return excel(() => {
    const dir = directionOf(direction);
    return elementwise({ actual, target, baseline: baseline ?? null }, (v) => {
      const value = numberAt(v.actual, "actual");
      const goal = numberAt(v.target, "target");
      const base = numberAt(v.baseline, "baseline");
      if (value === undefined) throw new MathError("na", "actual is blank: no data yet.");
      if (goal === undefined) throw new MathError("na", "target is blank.");
      const result = base === undefined ? kpiAttainment(value, goal, dir) : kpiProgress(value, goal, base);
      if (result === undefined)
        throw new MathError(
          "div0",
          base === undefined
            ? `Attainment divides by ${dir === "higher" ? "a target" : "an actual"} of 0.`
            : "baseline equals target, so progress cannot be measured.",
        );
      return result;
    });
  });
}

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
  return excel(() => {
    const dir = directionOf(direction);
    const share = optionalShare(tolerance, "tolerance") ?? 0.1;
    return elementwise({ actual, target, baseline: baseline ?? null }, (v) => {
      const [value, goal, base] = [numberAt(v.actual, "actual"), numberAt(v.target, "target"), numberAt(v.baseline, "baseline")];
      // A progress or attainment past what a number holds judges nothing; the engine says "No data", a function #NUM!.
      const measure =
        value === undefined || goal === undefined || meetsTarget(value, goal, dir) ? undefined : statusMeasure(value, goal, dir, base);
      if (measure !== undefined && !Number.isFinite(measure))
        throw new MathError(
          "num",
          `The ${base === undefined ? "attainment" : "progress"} this status is judged on comes out beyond ${NUMBER_LIMIT}.`,
        );
      return kpiStatus(value, goal, dir, base, share);
    });
  });
}

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
  return excel(() =>
    uplift(
      requiredNumber(target_result, "target_result"),
      requiredNumber(control_result, "control_result"),
      optionalNumber(target_size, "target_size"),
    ),
  );
}

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
  return excel(() =>
    twoProportionPValue(
      requiredNumber(target_hits, "target_hits"),
      requiredNumber(target_size, "target_size"),
      requiredNumber(control_hits, "control_hits"),
      requiredNumber(control_size, "control_size"),
    ),
  );
}

function idOf(arg: unknown, name: string): string {
  const id = optionalText(arg, name);
  if (id === undefined) throw new MathError("na", `${name} is blank.`);
  return id;
}

/**
 * The tables of a repeating parameter. Excel hands a repeating parameter to the function as one
 * argument: an array holding every value given for it, each a 2-D array here since the parameter
 * is a matrix. With no table given the array is empty.
 */
function tablesOf(tables: unknown): Matrix[] {
  const given = Array.isArray(tables) ? tables : [];
  if (given.length === 0) throw new MathError("value", "Pass at least one plan table with its header row, e.g. tblKPIs[#All].");
  return given.map((t: unknown, i) => {
    if (!Array.isArray(t) || !Array.isArray(t[0])) throw new MathError("value", `table${i + 1} must be a range with its header row.`);
    return t as Matrix;
  });
}

/**
 * The trace paths from an initiative, KPI, Moment of Truth or persona to the strategic bets: one path per row, one "ID: name" cell per hop.
 * @customfunction TRACE
 * @param id The ID to trace, e.g. I07.
 * @param table1 The plan tables with their header rows, one per argument, in any order: e.g. Initiatives!A3:M21, tblKPIs[#All], tblBets[#All].
 * @returns The paths, spilled; #N/A when the ID traces to no bet.
 * @helpurl https://localhost:3000/help.html#trace
 */
export function trace(id: unknown, table1: unknown[][][]): string[][] {
  return excel(() => {
    const key = idOf(id, "id");
    const { index } = plans.get(tablesOf(table1));
    const paths = index.pathsFor(key);
    if (paths === undefined) throw new MathError("na", `${key} is not an ID in the tables given.`);
    if (paths.length === 0) throw new MathError("na", `${key} traces to no strategic bet.`);
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
  return excel(() => {
    const key = idOf(bet_id, "bet_id");
    const model = plans.get(tablesOf(table1));
    if (model.plan.bets.length === 0) throw new MathError("value", "No Bets table among the tables given; pass Bets[#All].");
    const bet = model.index.bet(key);
    const aligned = bet && model.alignment.bets.find((b) => b.betId === bet.id);
    if (!aligned) throw new MathError("na", `${key} is not a Bet ID in the Bets table.`);
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
  return excel(() => {
    const key = idOf(kpi_id, "kpi_id");
    const model = plans.get(tablesOf(table1));
    if (!model.plan.present.kpis)
      throw new MathError("value", "No KPIs table among the tables given; pass the KPIs table with its header row, e.g. tblKPIs[#All].");
    if (!model.plan.present.impacts)
      throw new MathError(
        "value",
        "No Impacts table among the tables given; pass the Impacts table with its header row, e.g. tblImpacts[#All].",
      );
    const kpi = model.index.kpi(key);
    const gap = kpi && model.kpiGap(kpi);
    if (!gap) throw new MathError("na", `${key} is not a KPI ID in the KPIs table.`);
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
