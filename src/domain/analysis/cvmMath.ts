/**
 * The telecom CVM formulas of the primer (monthly unless said otherwise), as plain functions on
 * numbers. The CVM.* worksheet functions call these; figures a formula has no result for (a zero
 * base, a churn past 100%) are thrown as a NoResultError carrying the Excel error to show and a
 * message for the planner. The conditions, and so their messages, are the formulas' own and stay
 * beside them.
 */
import { ErrorValue } from "../common/errorValue";
import { NUMBER_LIMIT } from "../common/values";

/** The formula has no result for these figures: #NUM! (outside what it is defined for, or past what a cell holds) or #DIV/0!. */
export class NoResultError extends ErrorValue {}

/** Revenue (or margin, or lost customers) per average subscriber per month. */
export function perSubscriberPerMonth(total: number, averageBase: number, months: number): number {
  if (!(months > 0)) throw new NoResultError("num", `months must be more than 0, not ${months}.`);
  if (averageBase === 0) throw new NoResultError("div0", "The average subscriber base is 0.");
  return total / averageBase / months;
}

/** A churn rate is a share of the base: `name` is the argument that gave it. */
function checkChurn(churn: number, name: string): void {
  if (churn < 0 || churn > 1) throw new NoResultError("num", `${name} must be between 0 and 1 (0% to 100%), not ${churn}.`);
}

/** The monthly rate that compounds to the annual rate. */
export function monthlyRate(annualRate: number): number {
  if (annualRate <= -1) throw new NoResultError("num", `annual_discount_rate must be above -100%, not ${annualRate}.`);
  return Math.pow(1 + annualRate, 1 / 12) - 1;
}

/**
 * CLV with monthly margin m, monthly retention r = 1 - churn and monthly discount d:
 * m·r / (1 + d − r) over an unlimited horizon, or the sum of m·r^t / (1 + d)^t for t = 1..H.
 */
export function customerLifetimeValue(
  monthlyMargin: number,
  monthlyChurn: number,
  annualDiscountRate: number,
  horizonMonths?: number,
): number {
  checkChurn(monthlyChurn, "monthly_churn");
  const d = monthlyRate(annualDiscountRate);
  const r = 1 - monthlyChurn;
  if (horizonMonths === undefined) {
    if (1 + d - r <= 0)
      throw new NoResultError(
        "num",
        "With no churn and no discount the lifetime value is unlimited; give a churn above 0, a discount rate or a horizon.",
      );
    return (monthlyMargin * r) / (1 + d - r);
  }
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1)
    throw new NoResultError("num", `horizon_months must be a whole number of 1 or more, not ${horizonMonths}.`);
  const ratio = r / (1 + d);
  // A geometric series; summed directly when the ratio is 1 to avoid dividing by zero.
  if (Math.abs(1 - ratio) < 1e-15) return monthlyMargin * horizonMonths;
  return (monthlyMargin * ratio * (1 - Math.pow(ratio, horizonMonths))) / (1 - ratio);
}

/**
 * The first whole month t at which the expected margin of an acquired customer, counted as CLV
 * counts it (the CLV over a horizon of t months), reaches the acquisition cost: 0 for no cost,
 * undefined when it never does (the unlimited CLV is no more than the cost).
 */
export function paybackMonths(
  acquisitionCost: number,
  monthlyMargin: number,
  monthlyChurn: number,
  annualDiscountRate: number,
): number | undefined {
  checkChurn(monthlyChurn, "monthly_churn");
  const d = monthlyRate(annualDiscountRate);
  if (acquisitionCost <= 0) return 0;
  if (!(monthlyMargin > 0) || monthlyChurn === 1) return undefined;
  const counted = (months: number) => customerLifetimeValue(monthlyMargin, monthlyChurn, annualDiscountRate, months);
  // The margin counted by month t is m·q(1 − q^t)/(1 − q) with q = r/(1 + d) (m·t when q is 1):
  // it reaches the cost C once q^t crosses 1 − C(1 − q)/(m·q), which solves for t by logarithms.
  const q = (1 - monthlyChurn) / (1 + d);
  const crossing = 1 - (acquisitionCost * (1 - q)) / (monthlyMargin * q);
  const estimate = Math.abs(1 - q) < 1e-15 ? acquisitionCost / monthlyMargin : crossing > 0 ? Math.log(crossing) / Math.log(q) : Infinity;
  if (!Number.isFinite(estimate)) return undefined;
  if (estimate > Number.MAX_SAFE_INTEGER) throw new NoResultError("num", "The payback is further off than a number of months can count.");
  // The estimate may sit a month off where the logarithms round; CLV itself decides, so that
  // CVM.CLV over the payback's months reaches the cost and over one month fewer does not.
  let months = Math.max(1, Math.ceil(estimate));
  for (let step = 0; step < 3 && months > 1 && counted(months - 1) >= acquisitionCost; step++) months--;
  for (let step = 0; counted(months) < acquisitionCost; step++) {
    // Still short a few months on: the cost is the limit itself, which the margin nears but never reaches.
    if (step === 3) return undefined;
    months++;
  }
  return months;
}

/**
 * What a churn reduction is worth: base × (CLV at churn_after − CLV at churn_before), each CLV as
 * customerLifetimeValue computes it, with the same margin, discount rate and horizon.
 */
export function retentionValue(
  base: number,
  churnBefore: number,
  churnAfter: number,
  monthlyMargin: number,
  annualDiscountRate: number,
  horizonMonths?: number,
): number {
  checkChurn(churnBefore, "churn_before");
  checkChurn(churnAfter, "churn_after");
  const after = customerLifetimeValue(monthlyMargin, churnAfter, annualDiscountRate, horizonMonths);
  const before = customerLifetimeValue(monthlyMargin, churnBefore, annualDiscountRate, horizonMonths);
  return base * (after - before);
}

/** One period of a base rolled forward: its gross adds, and the churn rate applied to the base carried in. */
export interface BasePeriod {
  readonly grossAdds: number;
  readonly churn: number;
}

/** The closing base of each period: closing_t = closing_(t−1) × (1 − churn_t) + gross_adds_t, from the opening base. */
export function rollBase(opening: number, periods: readonly BasePeriod[]): number[] {
  let base = opening;
  return periods.map((period) => {
    checkChurn(period.churn, "churn_rate");
    base = base * (1 - period.churn) + period.grossAdds;
    return base;
  });
}

export function baseGrowth(opening: number, closing: number): number {
  if (opening === 0) throw new NoResultError("div0", "The opening base is 0, so growth cannot be measured.");
  return (closing - opening) / opening;
}

/** Target group result minus control group result, times the target group's size when given. */
export function uplift(targetResult: number, controlResult: number, targetSize?: number): number {
  if (targetSize !== undefined && targetSize < 0) throw new NoResultError("num", `target_size must not be negative, not ${targetSize}.`);
  const difference = targetResult - controlResult;
  return targetSize === undefined ? difference : difference * targetSize;
}

/** erfc by its power series near zero and its continued fraction further out; ~1e-15 relative. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 60; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Two-sided p-value of the pooled two-proportion z-test. */
export function twoProportionPValue(targetHits: number, targetSize: number, controlHits: number, controlSize: number): number {
  const check = (hits: number, size: number, hitsName: string, sizeName: string) => {
    if (!(size > 0)) throw new NoResultError("num", `${sizeName} must be more than 0, not ${size}.`);
    if (hits < 0 || hits > size) throw new NoResultError("num", `${hitsName} must be between 0 and ${sizeName} (${size}), not ${hits}.`);
  };
  check(targetHits, targetSize, "target_hits", "target_size");
  check(controlHits, controlSize, "control_hits", "control_size");
  // Sizes that add up past what a number holds would pool to a rate of 0 and a p-value of 1: a wrong figure, not an error.
  if (!Number.isFinite(targetSize + controlSize))
    throw new NoResultError("num", `target_size and control_size add up beyond ${NUMBER_LIMIT}.`);
  const p1 = targetHits / targetSize;
  const p2 = controlHits / controlSize;
  const pooled = (targetHits + controlHits) / (targetSize + controlSize);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / targetSize + 1 / controlSize));
  // Both groups all hits or all misses: the rates are equal and nothing differs.
  if (se === 0) return 1;
  const z = Math.abs(p1 - p2) / se;
  return Math.min(1, erfc(z / Math.SQRT2));
}
