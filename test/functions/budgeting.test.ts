/**
 * The budgeting functions of issue 20 through the built bundle, called as Excel calls them
 * (testkit/excelRuntime.ts; needs `npm run build`): CVM.BASE, CVM.TREND, CVM.PAYBACK and
 * CVM.RETENTIONVALUE, with the published or hand-worked reference each answer is checked
 * against stated beside it.
 */
import * as formulajs from "@formulajs/formulajs";
import { kpiTrend } from "../../src/domain/analysis/trend";
import { monthlySeries } from "../../src/domain/plan/monthlySeries";
import { column, CustomFunctionsRuntime, omitted, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";

const excel = new CustomFunctionsRuntime();
const call = (id: string, ...args: ExcelArgument[]) => excel.call(id, ...args);
const one = (v: SheetCell) => value(v);
const message = (error: string, text: string | RegExp) => ({
  error,
  message: typeof text === "string" ? expect.stringContaining(text) : expect.stringMatching(text),
});
const close = (expected: number, digits = 9) => expect.closeTo(expected, digits);

describe("CVM.BASE", () => {
  it("rolls the base forward: closing = previous closing × (1 − churn) + gross adds", async () => {
    // Opening 1,000, churn 10%, 50 gross adds a month: 1,000 × 0.9 + 50 = 950; 950 × 0.9 + 50 = 905; 905 × 0.9 + 50 = 864.5.
    expect(await call("BASE", one(1000), column(50, 50, 50), one(0.1))).toEqual([[close(950)], [close(905)], [close(864.5)]]);
  });

  it("spills in the shape of gross_adds: a row gives a row", async () => {
    expect(await call("BASE", one(1000), range([[50, 50, 50]]), one("10%"))).toEqual([[close(950), close(905), close(864.5)]]);
  });

  it("takes one churn rate per period, in either a row or a column", async () => {
    // 1,000 × (1 − 0.1) + 50 = 950; 950 × (1 − 0.2) + 50 = 810; 810 × (1 − 0) + 50 = 860.
    const expected = [[close(950)], [close(810)], [close(860)]];
    expect(await call("BASE", one(1000), column(50, 50, 50), column(0.1, 0.2, 0))).toEqual(expected);
    expect(await call("BASE", one(1000), column(50, 50, 50), range([[0.1, "20%", 0]]))).toEqual(expected);
  });

  it("skips a blank gross adds cell: its cell stays empty and the base carries over to the next period", async () => {
    // 1,000 × 0.9 + 50 = 950; the blank period leaves 950; 950 × 0.9 + 50 = 905; text numbers read as numbers.
    expect(await call("BASE", one("1,000"), column(50, null, "50", ""), one(0.1))).toEqual([[close(950)], [""], [close(905)], [""]]);
  });

  it("counts blank cells sent as 0 by older Excel builds as periods without gross adds, as SUM would count them as 0", async () => {
    const older = new CustomFunctionsRuntime({ blankCell: 0 });
    // 950; 950 × 0.9 + 0 = 855; 855 × 0.9 + 50 = 819.5.
    expect(await older.call("BASE", one(1000), column(50, null, 50), one(0.1))).toEqual([[close(950)], [close(855)], [close(819.5)]]);
  });

  it("names the argument and the period that is wrong", async () => {
    expect(await call("BASE", one(1000), column(50, 50, 50), column(0.1, null, 0.1))).toEqual(
      message("#N/A", "churn_rate (value 2) is blank."),
    );
    expect(await call("BASE", one(1000), column(50, 50, 50), column(0.1, 0.1))).toEqual(
      message("#VALUE!", "churn_rate has 2 values but gross_adds has 3 periods; give one churn_rate, or one per period."),
    );
    expect(
      await call(
        "BASE",
        one(1000),
        range([
          [50, 50],
          [50, 50],
        ]),
        one(0.1),
      ),
    ).toEqual(message("#VALUE!", "gross_adds must be one row or one column of periods, not a range of 2×2 cells."));
    expect(await call("BASE", one(1000), column(50, "lots"), one(0.1))).toEqual(message("#VALUE!", /^gross_adds \(value 2\) holds "lots"/));
    expect(await call("BASE", one(1000), column(null, ""), one(0.1))).toEqual(message("#N/A", "gross_adds is blank: no data yet."));
    expect(await call("BASE", one(1000), column(50), one(null))).toEqual(message("#N/A", "churn_rate is blank."));
  });

  it("refuses a churn past 100% or below 0, and a negative opening base, with #NUM!", async () => {
    expect(await call("BASE", one(1000), column(50, 50), column(0.1, 1.5))).toEqual({ error: "#NUM!" });
    expect(await call("BASE", one(1000), column(50), one(-0.1))).toEqual({ error: "#NUM!" });
    expect(await call("BASE", one(-1), column(50), one(0.1))).toEqual({ error: "#NUM!" });
  });
});

describe("CVM.TREND", () => {
  it("projects the least-squares line, a blank cell being a period without a value, never a 0", async () => {
    // 40, 42, 43, (blank), 47 at periods 0, 1, 2, 4: x̄ = 1.75, ȳ = 43, Σdx² = 8.75, Σdx·dy = 15, slope 12/7.
    // Two periods past the last value is period 6: 43 + 12/7 × (6 − 1.75) = 352/7 ≈ 50.2857.
    expect(await call("TREND", column(40, 42, 43, null, 47), one(2))).toBeCloseTo(352 / 7, 12);
  });

  it("is the engine's Level trend: the same series by month gives the same figure the report shows", async () => {
    // June to October 2026 with September missing, due in December: the KPI's trend of the gap analysis.
    const engine = kpiTrend(
      "Level",
      monthlySeries([
        { month: { year: 2026, month: 6 }, value: 40 },
        { month: { year: 2026, month: 7 }, value: 42 },
        { month: { year: 2026, month: 8 }, value: 43 },
        { month: { year: 2026, month: 10 }, value: 47 },
      ]),
      { year: 2026, month: 12 },
    );
    expect(engine.kind === "trend" && engine.projected).toBe(await call("TREND", column(40, 42, 43, null, 47), one(2)));
  });

  it("agrees with Excel's FORECAST.LINEAR over the last 6 values, as formulajs computes it", async () => {
    const values = [3, 9, 4.5, 5, 6.25, 5.5, 7, 8.75, 8];
    // The last six, at their places 3…8 in the range, forecast at place 8 + 4 = 12.
    const expected = formulajs.FORECAST(12, values.slice(3), [3, 4, 5, 6, 7, 8]) as number;
    expect(await call("TREND", range([values]), one(4))).toBeCloseTo(expected, 9);
    // With points 3, the last three: 7, 8.75, 8 at 6, 7, 8.
    expect(await call("TREND", range([values]), one(4), one(3))).toBeCloseTo(formulajs.FORECAST(12, [7, 8.75, 8], [6, 7, 8]) as number, 9);
  });

  it("counts periods ahead from the last value, not the end of the range, and 0 is the line at the last value", async () => {
    // 10, 20, 30 lie on a line rising 10 a period: one past the last value is 40, blanks after it aside.
    expect(await call("TREND", column(10, 20, 30, null, ""), one(1))).toBeCloseTo(40, 12);
    expect(await call("TREND", column(10, 20, 30), one(0))).toBeCloseTo(30, 12);
  });

  it("has no trend with fewer than 3 values (#N/A), and refuses points below 3 or not whole and a negative periods_ahead", async () => {
    expect(await call("TREND", column(10, null, 20), one(1))).toEqual(message("#N/A", "values holds 2 numbers; a trend needs 3 or more."));
    expect(await call("TREND", one(10), one(1))).toEqual(message("#N/A", "values holds 1 number; a trend needs 3 or more."));
    expect(await call("TREND", column(1, 2, 3), one(1), one(2))).toEqual({ error: "#NUM!" });
    expect(await call("TREND", column(1, 2, 3), one(1), one(3.5))).toEqual({ error: "#NUM!" });
    expect(await call("TREND", column(1, 2, 3), one(-1))).toEqual({ error: "#NUM!" });
    expect(
      await call(
        "TREND",
        range([
          [1, 2],
          [3, 4],
        ]),
        one(1),
      ),
    ).toEqual(message("#VALUE!", "values must be one row or one column"));
  });

  it("answers #NUM! for a trend past what a cell holds", async () => {
    expect(await call("TREND", column(-1e308, 0, 1e308), one(9))).toEqual({ error: "#NUM!" });
  });
});

describe("CVM.PAYBACK", () => {
  it("is the cost over the margin, rounded up to a whole month, without churn or discount (published CAC payback examples)", async () => {
    // theprimecalculator.com, "CAC Payback Period Calculator Formula": CAC $600, $100 a month at 75% gross margin,
    // $600 / $75 = 8.0 months. The margin counted by month 8 is 8 × 75 = 600, which reaches the cost exactly.
    expect(await call("PAYBACK", one(600), one(75), one(0))).toBe(8);
    // freeonlinecal.com, "CAC Payback Period Calculator": $70 gross profit a month gives 14.286 months (a CAC of $1,000);
    // the first whole month at which it is paid back is the 15th.
    expect(await call("PAYBACK", one(1000), one(70), one(0))).toBe(15);
  });

  it("counts the margin as CLV does, each month's retained and discounted (worked by hand)", async () => {
    // Cost 100, margin 10, churn 2%, no discount: by month t the margin counted is 10 × 0.98 × (1 − 0.98^t)/0.02 = 490 × (1 − 0.98^t).
    // 0.98^11 = 0.80073, so month 11 brings 97.64; 0.98^12 = 0.78472, so month 12 brings 105.49 ≥ 100: 12 months.
    expect(await call("PAYBACK", one(100), one(10), one("2%"))).toBe(12);
    expect(await call("CLV", one(10), one(0.02), omitted, one(11))).toBeCloseTo(97.642, 3);
    expect(await call("CLV", one(10), one(0.02), omitted, one(12))).toBeCloseTo(105.489, 3);
  });

  it("is the month at which CVM.CLV over that horizon reaches the cost, and over one month fewer does not", async () => {
    const cases: [number, number, number, number][] = [
      [250, 11.5, 0.0145, 0.08],
      [480, 17.95, 0.02, 0.1],
      [35, 4.2, 0.035, 0],
      [1200, 22, 0.008, -0.05],
    ];
    for (const [cost, margin, churn, rate] of cases) {
      const months = (await call("PAYBACK", one(cost), one(margin), one(churn), one(rate))) as number;
      expect(await call("CLV", one(margin), one(churn), one(rate), one(months))).toBeGreaterThanOrEqual(cost);
      if (months > 1) expect(await call("CLV", one(margin), one(churn), one(rate), one(months - 1))).toBeLessThan(cost);
    }
  });

  it("answers #N/A with a message when the margin never reaches the cost", async () => {
    // Margin 10 at 2% churn is worth 490 over a lifetime (CLV without a horizon): a cost of 600 is never paid back.
    const never = message("#N/A", "The margin never reaches the acquisition cost");
    expect(await call("PAYBACK", one(600), one(10), one(0.02))).toEqual(never);
    // Exactly the lifetime value: the margin nears it and never reaches it.
    expect(await call("PAYBACK", one(490), one(10), one(0.02))).toEqual(never);
    expect(await call("PAYBACK", one(100), one(0), one(0.02))).toEqual(never);
    expect(await call("PAYBACK", one(100), one(10), one(1))).toEqual(never);
  });

  it("pays back no cost at once, and refuses a negative cost or a churn past 100%", async () => {
    expect(await call("PAYBACK", one(0), one(10), one(0.02))).toBe(0);
    expect(await call("PAYBACK", one(-5), one(10), one(0.02))).toEqual({ error: "#NUM!" });
    expect(await call("PAYBACK", one(100), one(10), one(1.2))).toEqual({ error: "#NUM!" });
    expect(await call("PAYBACK", one(null), one(10), one(0.02))).toEqual(message("#N/A", "acquisition_cost is blank."));
  });
});

describe("CVM.RETENTIONVALUE", () => {
  it("gives the difference of Gupta and Lehmann's margin multiples r/(1+i−r) (published)", async () => {
    // Gupta & Lehmann, "Customers as assets" (Journal of Interactive Marketing, 2003): CLV = m × r/(1 + i − r).
    // The multiple at r = 80%, i = 10% is 2.67 (0.8/0.3, as quoted e.g. at ealhamed.github.io/frameworks-library/ms/m02.html)
    // and at r = 90% it is 4.5 (0.9/0.2). One period is a month here, so an annual rate of 1.1^12 − 1 makes i = 10%:
    // raising retention from 80% to 90% is worth 4.5 − 2.6667 = 1.8333 margins per customer.
    const annual = Math.pow(1.1, 12) - 1;
    expect(await call("RETENTIONVALUE", one(1), one(0.2), one(0.1), one(1), one(annual))).toBeCloseTo(0.9 / 0.2 - 0.8 / 0.3, 9);
  });

  it("is base × (CLV after − CLV before), worked by hand", async () => {
    // 100,000 customers, margin 10, no discount: churn 2% → CLV 10 × 0.98/0.02 = 490; churn 1.5% → 10 × 0.985/0.015 = 656.67.
    // 100,000 × 166.67 = 16,666,666.67.
    expect(await call("RETENTIONVALUE", one(100_000), one("2%"), one("1.5%"), one(10))).toBeCloseTo(100_000 * (985 / 1.5 - 490), 4);
    // Over a 2-month horizon, one customer, margin 10: churn 50% counts 10 × 0.5 + 10 × 0.25 = 7.5; churn 0 counts 20; worth 12.5.
    expect(await call("RETENTIONVALUE", one(1), one(0.5), one(0), one(10), omitted, one(2))).toBeCloseTo(12.5, 12);
  });

  it("uses CVM.CLV's own figures, discount and horizon included", async () => {
    const after = (await call("CLV", one(11.5), one(0.013), one(0.08), one(36))) as number;
    const before = (await call("CLV", one(11.5), one(0.016), one(0.08), one(36))) as number;
    expect(await call("RETENTIONVALUE", one(1_000_000), one(0.016), one(0.013), one(11.5), one(0.08), one(36))).toBeCloseTo(
      1_000_000 * (after - before),
      6,
    );
  });

  it("is negative when churn rises, and refuses what CLV refuses", async () => {
    expect(await call("RETENTIONVALUE", one(1), one(0.015), one(0.02), one(10))).toBeCloseTo(490 - 985 / 1.5, 9);
    expect(await call("RETENTIONVALUE", one(1), one(1.5), one(0.02), one(10))).toEqual({ error: "#NUM!" });
    // No churn after, no discount and no horizon: an unlimited lifetime value.
    expect(await call("RETENTIONVALUE", one(1), one(0.02), one(0), one(10))).toEqual({ error: "#NUM!" });
    expect(await call("RETENTIONVALUE", one(-1), one(0.02), one(0.01), one(10))).toEqual({ error: "#NUM!" });
    expect(await call("RETENTIONVALUE", one(1), one("high"), one(0.01), one(10))).toEqual(message("#VALUE!", /^churn_before holds "high"/));
  });
});
