/**
 * The trend math of issue 20 (src/domain/analysis/trend.ts), each trend worked by hand in the
 * test: a Level KPI's least-squares line through its last up to 6 values with the month as x, a
 * Sum KPI's year so far plus its run rate, the pro-rating of a Sum KPI's figures, and the status
 * rule applied to a projection.
 */
import type { Month } from "../../src/domain/common/month";
import {
  kpiTrend,
  levelProjection,
  proRated,
  sumProjection,
  sumStatusToday,
  trendStatus,
  yearToDate,
} from "../../src/domain/analysis/trend";
import { monthlySeries, type MonthlySeries, type MonthlyValue } from "../../src/domain/plan/monthlySeries";

const m = (year: number, month: number): Month => ({ year, month });
/** Monthly values from a first month on; null is a month without a value. */
function series(first: Month, values: readonly (number | null)[]): MonthlySeries {
  const out: MonthlyValue[] = [];
  values.forEach((value, i) => {
    const ordinal = first.year * 12 + first.month - 1 + i;
    if (value !== null) out.push({ month: m(Math.floor(ordinal / 12), (ordinal % 12) + 1), value });
  });
  return monthlySeries(out);
}

describe("a Level KPI's trend", () => {
  it("is the least-squares line through the values, evaluated at the due month", () => {
    // Jun–Oct 2026: 40, 42, 43, 45, 46 at x = 0…4. x̄ = 2, ȳ = 216/5 = 43.2.
    // dx = −2, −1, 0, 1, 2; dy = −3.2, −1.2, −0.2, 1.8, 2.8; Σdx·dy = 6.4 + 1.2 + 0 + 1.8 + 5.6 = 15; Σdx² = 10.
    // Slope 1.5 a month; December is x = 6: 43.2 + 1.5 × (6 − 2) = 49.2, two months after October.
    const trend = kpiTrend("Level", series(m(2026, 6), [40, 42, 43, 45, 46]), m(2026, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2026, 10), points: 5, periodsLeft: 2, projected: expect.closeTo(49.2, 12) });
  });

  it("skips a month without a value, never reading it as 0: the line runs through the months there are", () => {
    // Jun, Jul, Aug, Oct 2026 (September missing): 40, 42, 43, 47 at x = 0, 1, 2, 4. x̄ = 7/4 = 1.75, ȳ = 172/4 = 43.
    // dx = −1.75, −0.75, 0.25, 2.25; Σdx² = 3.0625 + 0.5625 + 0.0625 + 5.0625 = 8.75.
    // dy = −3, −1, 0, 4; Σdx·dy = 5.25 + 0.75 + 0 + 9 = 15. Slope 15/8.75 = 12/7.
    // December, x = 6: 43 + 12/7 × 4.25 = 43 + 51/7 = 352/7 ≈ 50.2857.
    const trend = kpiTrend("Level", series(m(2026, 6), [40, 42, 43, null, 47]), m(2026, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2026, 10), points: 4, periodsLeft: 2, projected: expect.closeTo(352 / 7, 12) });
  });

  it("fits the last 6 values only, so that an old level no longer pulls the line", () => {
    // Jan and Feb at 100, then Mar–Aug 10, 12, 14, 16, 18, 20: the last six lie on a line rising 2 a month,
    // so December (4 months after August) is 20 + 2 × 4 = 28. All eight would give a falling line.
    const trend = kpiTrend("Level", series(m(2026, 1), [100, 100, 10, 12, 14, 16, 18, 20]), m(2026, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2026, 8), points: 6, periodsLeft: 4, projected: expect.closeTo(28, 12) });
  });

  it("is drawn in month order from values given in any order, and crosses a year's end", () => {
    // Nov 2026 10, Dec 2026 11, Jan 2027 12: a line rising 1 a month reaches 14 in March 2027.
    const values = [
      { month: m(2027, 1), value: 12 },
      { month: m(2026, 11), value: 10 },
      { month: m(2026, 12), value: 11 },
    ];
    expect(kpiTrend("Level", monthlySeries(values), m(2027, 3))).toEqual({
      kind: "trend",
      asOf: m(2027, 1),
      points: 3,
      periodsLeft: 2,
      projected: expect.closeTo(14, 12),
    });
  });

  it("has no trend with fewer than 3 values, and says so", () => {
    expect(kpiTrend("Level", series(m(2026, 9), [40, 42]), m(2026, 12))).toEqual({
      kind: "none",
      cause: "tooFewValues",
      values: 2,
      reason: "2 values; a trend needs 3 or more.",
    });
    expect(kpiTrend("Level", monthlySeries([]), m(2026, 12))).toMatchObject({ kind: "none", values: 0 });
    expect(kpiTrend("Sum", series(m(2026, 1), [5]), m(2026, 12))).toMatchObject({
      kind: "none",
      reason: "1 value; a trend needs 3 or more.",
    });
  });

  it("has no trend when the figures are past what a number holds", () => {
    // −1e308, 0, 1e308 in Jan–Mar rise 1e308 a month: December, 9 months on, would be 1e309.
    expect(kpiTrend("Level", series(m(2026, 1), [-1e308, 0, 1e308]), m(2026, 12))).toEqual({
      kind: "none",
      cause: "pastLimit",
      values: 3,
      reason: "The values are too large to project: the trend comes out beyond what a number holds.",
    });
  });
});

describe("levelProjection, shared with CVM.TREND", () => {
  it("takes any periods as x: positions in a range project the same line", () => {
    // 2, 4, 6 at positions 0, 1, 2: a line rising 2 a period gives 12 three periods after the last value.
    expect(
      levelProjection(
        [0, 1, 2].map((period) => ({ period, value: 2 * period + 2 })),
        5,
      ),
    ).toEqual({
      kind: "projection",
      projected: expect.closeTo(12, 12),
      points: 3,
    });
  });

  it("fits through as many of the latest values as asked", () => {
    // 9, 1, 2, 3: the last three rise 1 a period (x = 1, 2, 3), so x = 4 gives 4; the 9 is left out.
    const values = [9, 1, 2, 3].map((value, period) => ({ period, value }));
    expect(levelProjection(values, 4, 3)).toMatchObject({ projected: expect.closeTo(4, 12), points: 3 });
  });

  it("refuses values out of period order, and fewer than 3 points to fit", () => {
    expect(() =>
      levelProjection(
        [
          { period: 2, value: 1 },
          { period: 1, value: 1 },
          { period: 3, value: 1 },
        ],
        4,
      ),
    ).toThrow(RangeError);
    expect(() => levelProjection([], 4, 2)).toThrow(RangeError);
  });
});

describe("a Sum KPI's trend", () => {
  it("is the year's total so far plus the mean of the last 3 months times the months left", () => {
    // Jan–Sep 2026: six months at 10, then 12, 14, 16. Year to date 60 + 42 = 102; run rate (12 + 14 + 16)/3 = 14;
    // October to December are 3 months left: 102 + 14 × 3 = 144.
    const trend = kpiTrend("Sum", series(m(2026, 1), [10, 10, 10, 10, 10, 10, 12, 14, 16]), m(2026, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2026, 9), points: 9, periodsLeft: 3, projected: expect.closeTo(144, 12) });
  });

  it("skips a month without a value: the year to date lacks it and the run rate is the last 3 values", () => {
    // Jan–Sep 2026 at 100 with May missing: year to date 800; run rate 100; 800 + 100 × 3 = 1100.
    const trend = kpiTrend("Sum", series(m(2026, 1), [100, 100, 100, 100, null, 100, 100, 100, 100]), m(2026, 12));
    expect(trend).toMatchObject({ projected: expect.closeTo(1100, 12), points: 8, periodsLeft: 3 });
  });

  it("runs on at the last 3 months across the year's start, counting only the target year's months so far", () => {
    // Due in FY2027 (December 2027). Nov 2026 30, Dec 2026 36, Jan 2027 33: year to date 33 (January alone);
    // run rate (30 + 36 + 33)/3 = 33; 11 months left: 33 + 33 × 11 = 396. Three values used.
    const trend = kpiTrend("Sum", series(m(2026, 11), [30, 36, 33]), m(2027, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2027, 1), points: 3, periodsLeft: 11, projected: expect.closeTo(396, 12) });
  });

  it("counts the twelve months ending with the due month as the year: April to March for a KPI due in March", () => {
    // Due March 2027: the year is Apr 2026 – Mar 2027. Jan–Jun 2026 at 10: April to June are in it (30);
    // run rate 10; July to March are 9 months left: 30 + 90 = 120.
    const trend = kpiTrend("Sum", series(m(2026, 1), [10, 10, 10, 10, 10, 10]), m(2027, 3));
    expect(trend).toMatchObject({ periodsLeft: 9, projected: expect.closeTo(120, 12) });
  });

  it("is the year's total once the year is over, whatever follows it", () => {
    // Due Dec 2026, values Oct 2026 – Feb 2027 at 5: the year holds Oct–Dec, 15; no months left.
    const trend = kpiTrend("Sum", series(m(2026, 10), [5, 5, 5, 5, 5]), m(2026, 12));
    expect(trend).toEqual({ kind: "trend", asOf: m(2027, 2), points: 3, periodsLeft: 0, projected: 15 });
  });

  it("projects a whole year at the run rate before the year starts", () => {
    // Due Dec 2027, values Aug–Oct 2026 at 7: no month of 2027 yet, 12 left: 7 × 12 = 84.
    expect(kpiTrend("Sum", series(m(2026, 8), [7, 7, 7]), m(2027, 12))).toMatchObject({ periodsLeft: 12, projected: 84 });
    expect(sumProjection([], 0)).toMatchObject({ kind: "none", values: 0 });
  });
});

describe("a Sum KPI's status today: its year to date against the figures pro-rated to the months elapsed", () => {
  it("is not Off track every September: 900 by September against a yearly 1,200 is on track", () => {
    // Revenue of 100 a month, January to September: year to date 900, 9 months elapsed.
    // Target 1,200 × 9/12 = 900 and baseline 1,080 × 9/12 = 810: 900 meets 900, On track (unpro-rated it would be Off track).
    const values = series(m(2026, 1), [100, 100, 100, 100, 100, 100, 100, 100, 100]);
    const year = yearToDate(values, m(2026, 12));
    expect(year).toEqual({ total: 900, monthsElapsed: 9 });
    expect(sumStatusToday(year, { direction: "higher", baseline: 1080, target: 1200 }, 0.1)).toBe("On track");
    // Its trend: 900 + 100 × 3 = 1,200 meets the yearly target too.
    expect(trendStatus(kpiTrend("Sum", values, m(2026, 12)), { direction: "higher", baseline: 1080, target: 1200 }, 0.1)).toBe("On track");
  });

  it("pro-rates both the baseline and the target: a year to date at 91% of the pro-rated way is At risk", () => {
    // Six months elapsed: target 1,200 → 600, baseline 600 → 300. Year to date 573: progress (573 − 300)/(600 − 300) = 0.91 ≥ 0.9.
    const year = yearToDate(series(m(2026, 1), [95.5, 95.5, 95.5, 95.5, 95.5, 95.5]), m(2026, 12));
    expect(year.monthsElapsed).toBe(6);
    expect(year.total).toBeCloseTo(573, 9);
    expect(sumStatusToday(year, { direction: "higher", baseline: 600, target: 1200 }, 0.1)).toBe("At risk");
  });

  it("counts the months elapsed by the calendar, a missing month included, and has no data before the year's first value", () => {
    // Jan–Apr with March missing: 3 values, but 4 months of the year have elapsed.
    expect(yearToDate(series(m(2026, 1), [1, 1, null, 1]), m(2026, 12))).toEqual({ total: 3, monthsElapsed: 4 });
    // Only last year's months: no year to date, no status.
    const before = yearToDate(series(m(2026, 10), [1, 1, 1]), m(2027, 12));
    expect(before).toEqual({ total: undefined, monthsElapsed: 0 });
    expect(sumStatusToday(before, { direction: "higher", baseline: 10, target: 12 }, 0.1)).toBe("No data");
    // Values past the due month leave the year full: 12 months elapsed.
    expect(yearToDate(series(m(2026, 12), [2, 3]), m(2026, 12))).toEqual({ total: 2, monthsElapsed: 12 });
  });

  it("pro-rates a figure as figure × months / 12", () => {
    expect(proRated(1200, 9)).toBe(900);
    expect(proRated(1200, 0)).toBe(0);
  });
});

describe("a trend's status: today's status rule applied to the projected value", () => {
  const figures = { direction: "higher", baseline: 40, target: 50 } as const;
  it("judges the projection as the status rule judges an actual", () => {
    // The Level trend of 49.2 above: progress (49.2 − 40)/(50 − 40) = 0.92, At risk within a 10% tolerance, Off track within 5%.
    const trend = kpiTrend("Level", series(m(2026, 6), [40, 42, 43, 45, 46]), m(2026, 12));
    expect(trendStatus(trend, figures, 0.1)).toBe("At risk");
    expect(trendStatus(trend, figures, 0.05)).toBe("Off track");
  });

  it("reads lower-is-better KPIs as the rule does", () => {
    // Churn 1.6%, 1.5%, 1.4% (Aug–Oct): falling 0.1 point a month, 1.2% in December, under a 1.3% target.
    const trend = kpiTrend("Level", series(m(2026, 8), [0.016, 0.015, 0.014]), m(2026, 12));
    expect(trend).toMatchObject({ projected: expect.closeTo(0.012, 12) });
    expect(trendStatus(trend, { direction: "lower", baseline: 0.016, target: 0.013 }, 0.1)).toBe("On track");
  });

  it("is No data without a trend", () => {
    expect(trendStatus(kpiTrend("Level", monthlySeries([]), m(2026, 12)), figures, 0.1)).toBe("No data");
  });
});
