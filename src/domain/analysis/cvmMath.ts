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
  if (monthlyChurn < 0 || monthlyChurn > 1)
    throw new NoResultError("num", `monthly_churn must be between 0 and 1 (0% to 100%), not ${monthlyChurn}.`);
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
