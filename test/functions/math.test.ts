/**
 * The CVM math and KPI functions through the built bundle, called as Excel calls them
 * (testkit/excelRuntime.ts): what a cell shows for ranges, blanks, text, omitted arguments
 * and bad input. Excel shows a custom message only with #VALUE! and #N/A.
 */
import { erfc } from "../../src/domain/analysis/cvmMath";
import { column, CustomFunctionsRuntime, omitted, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";

const excel = new CustomFunctionsRuntime();
const call = (id: string, ...args: ExcelArgument[]) => excel.call(id, ...args);
const one = (v: SheetCell) => value(v);
const message = (error: string, text: string | RegExp) => ({
  error,
  message: typeof text === "string" ? expect.stringContaining(text) : expect.stringMatching(text),
});

describe("CVM.ARPU / AMPU", () => {
  it("divides summed revenue by average subscribers per month for a monthly series", async () => {
    // Three months of revenue and subscriber bases: 3 months by default.
    expect(await call("ARPU", column(1_740_000, 1_760_000, 1_800_000), column(100_000, 101_000, 102_000))).toBeCloseTo(
      5_300_000 / 101_000 / 3,
      10,
    );
  });
  it("takes a single period with an opening and closing count as one month unless told", async () => {
    expect(await call("ARPU", one(5_300_000), range([[100_000, 102_000]]))).toBeCloseTo(5_300_000 / 101_000, 10);
    expect(await call("ARPU", one(5_300_000), range([[100_000, 102_000]]), one(3))).toBeCloseTo(5_300_000 / 101_000 / 3, 10);
  });
  it("skips blanks in ranges and reads numbers typed as text", async () => {
    expect(await call("ARPU", column("€1,000", null, "", "1000"), column(100, "", null, "100"))).toBe(10);
    expect(await call("AMPU", column(640, 660), column(100, 100), one("2"))).toBeCloseTo(6.5);
  });
  it("names the argument and cell that is not a number", async () => {
    expect(await call("ARPU", column(1, "n/a"), column(1, 1))).toEqual(
      message("#VALUE!", /^revenue \(value 2\) holds "n\/a", which is not a number/),
    );
    expect(await call("ARPU", one(1), one(1), one("x"))).toEqual(message("#VALUE!", /^months holds "x"/));
    expect(await call("ARPU", one("#REF!"), one(1))).toEqual(message("#VALUE!", "revenue holds the error #REF!."));
  });
  it("returns #DIV/0! for a zero or empty base and #NUM! for bad months or negative bases", async () => {
    expect(await call("ARPU", one(10), one(0))).toEqual({ error: "#DIV/0!" });
    expect(await call("ARPU", one(10), column(null, ""))).toEqual({ error: "#DIV/0!" });
    expect(await call("ARPU", one(10), one(5), one(0))).toEqual({ error: "#NUM!" });
    expect(await call("ARPU", one(10), one(-5))).toEqual({ error: "#NUM!" });
  });
  it("counts revenue values for the default months only when both are same-size ranges", async () => {
    expect(await call("ARPU", column(300, 300), range([[100, 100]]))).toBe(600 / 100);
    expect(await call("ARPU", range([[300, 300]]), range([[100, 100]]))).toBe(600 / 100 / 2);
  });
  it("counts blank cells sent as 0 by older Excel builds as zero subscribers, as SUM and AVERAGE would", async () => {
    const older = new CustomFunctionsRuntime({ blankCell: 0 });
    expect(await older.call("ARPU", column(300, 300), column(100, null))).toBe(600 / 50 / 2);
  });
});

describe("CVM.CHURN", () => {
  it("is lost over the average base per month", async () => {
    expect(await call("CHURN", column(1500, 1600, 1400), column(100_000, 100_000, 100_000))).toBeCloseTo(0.015, 12);
    expect(await call("CHURN", one(4500), range([[100_000, 98_000]]), one(3))).toBeCloseTo(4500 / 99_000 / 3, 12);
  });
});

describe("CVM.CLV", () => {
  it("gives m·r/(1+d−r) without a horizon", async () => {
    expect(await call("CLV", one(20), one(0.02))).toBeCloseTo((20 * 0.98) / 0.02, 9);
    const d = Math.pow(1.1, 1 / 12) - 1;
    expect(await call("CLV", one(20), one("2%"), one("10%"))).toBeCloseTo((20 * 0.98) / (1 + d - 0.98), 9);
  });
  it("sums the finite horizon", async () => {
    let expected = 0;
    const d = Math.pow(1.08, 1 / 12) - 1;
    for (let t = 1; t <= 24; t++) expected += (15 * Math.pow(0.985, t)) / Math.pow(1 + d, t);
    expect(await call("CLV", one(15), one(0.015), one(0.08), one(24))).toBeCloseTo(expected, 9);
    expect(await call("CLV", one(10), one(0), one(0), one(12))).toBeCloseTo(120, 9);
  });
  it("refuses what has no finite answer or makes no sense", async () => {
    expect(await call("CLV", one(10), one(0))).toEqual({ error: "#NUM!" });
    expect(await call("CLV", one(10), one(1.5))).toEqual({ error: "#NUM!" });
    expect(await call("CLV", one(10), one(0.01), omitted, one(2.5))).toEqual({ error: "#NUM!" });
    expect(await call("CLV", one(null), one(0.01))).toEqual(message("#N/A", "monthly_margin is blank"));
  });
});

describe("CVM.NETADDS and CVM.GROWTH", () => {
  it("subtracts the lost from the gross adds, over ranges", async () => {
    expect(await call("NETADDS", column(61_000, 61_500, null), column(59_000, "58,800"))).toBe(4700);
  });
  it("measures growth from the opening base", async () => {
    expect(await call("GROWTH", one(4_020_000), one(4_040_100))).toBeCloseTo(0.005, 12);
    expect(await call("GROWTH", one(0), one(5))).toEqual({ error: "#DIV/0!" });
  });
});

describe("CVM.GAP, ATTAINMENT and STATUS", () => {
  it("agree with the gap analysis on single values", async () => {
    expect(await call("GAP", one(150), one(200))).toEqual([[50]]);
    expect(((await call("GAP", one(0.014), one(0.015), one("Lower is better"))) as number[][])[0][0]).toBeCloseTo(-0.001, 12);
    expect(await call("ATTAINMENT", one(150), one(200))).toEqual([[0.75]]);
    expect(await call("ATTAINMENT", one(150), one(200), omitted, one(100))).toEqual([[0.5]]);
    expect(((await call("ATTAINMENT", one(0.02), one(0.015), one("lower"))) as number[][])[0][0]).toBeCloseTo(0.75, 12);
    expect(await call("STATUS", one(191), one(200), omitted, one(100))).toEqual([["At risk"]]);
    expect(await call("STATUS", one(195), one(200), omitted, one(190))).toEqual([["Off track"]]);
    expect(await call("STATUS", one(195), one(200), omitted, one(190), one("60%"))).toEqual([["At risk"]]);
    expect(await call("STATUS", one(null), one(200))).toEqual([["No data"]]);
  });
  it("read the tolerance by the one share rule: 0.1, 10% and 10 are ten percent, 1 is one percent", async () => {
    // Progress 0.91: At risk within a 10% tolerance, Off track within 1%.
    for (const tolerance of [0.1, "10%", 10, "10"]) {
      expect(await call("STATUS", one(191), one(200), omitted, one(100), one(tolerance))).toEqual([["At risk"]]);
    }
    expect(await call("STATUS", one(191), one(200), omitted, one(100), one(1))).toEqual([["Off track"]]);
    expect(await call("STATUS", one(1), one(2), omitted, omitted, one(100))).toEqual({ error: "#NUM!" });
  });
  it("spill a result per row for ranges, with a single value used for every row", async () => {
    expect(await call("GAP", column(90, 110, null), one(100), one("higher"))).toEqual([
      [10],
      [-10],
      [{ error: "#N/A", message: "actual is blank: no data yet." }],
    ]);
    expect(await call("STATUS", column(90, 89, 100, ""), one(100), one("up"))).toEqual([
      ["At risk"],
      ["Off track"],
      ["On track"],
      ["No data"],
    ]);
  });
  it("refuse ranges of different sizes and unknown directions", async () => {
    expect(await call("GAP", column(1, 2, 3), column(1, 2))).toEqual(message("#VALUE!", "actual is 3×1 but target is 2×1"));
    expect(await call("GAP", one(1), one(2), one("sideways"))).toEqual(message("#VALUE!", 'direction "sideways" is neither'));
    expect(await call("ATTAINMENT", one(1), one(2), omitted, one(2))).toEqual({ error: "#DIV/0!" });
    expect(await call("ATTAINMENT", one(1), one(0))).toEqual({ error: "#DIV/0!" });
    expect(await call("STATUS", one(1), one(2), omitted, omitted, one("150%"))).toEqual({ error: "#NUM!" });
  });
});

describe("CVM.UPLIFT and UPLIFTSIG", () => {
  it("gives the rate difference, or the absolute figure with a size", async () => {
    expect(await call("UPLIFT", one("4.5%"), one("3%"))).toBeCloseTo(0.015, 12);
    expect(await call("UPLIFT", one(0.045), one(0.03), one(20_000))).toBeCloseTo(300, 9);
  });
  it("gives the two-sided p-value of the pooled two-proportion z-test", async () => {
    // 200/2000 against 150/2000: pooled 0.0875, z ≈ 2.79782, two-sided p = erfc(z/√2) ≈ 0.0051449.
    expect(await call("UPLIFTSIG", one(200), one(2000), one(150), one(2000))).toBeCloseTo(0.00514490060971622, 14);
    expect(await call("UPLIFTSIG", one(100), one(1000), one(100), one(1000))).toBe(1);
    expect(await call("UPLIFTSIG", one(0), one(100), one(0), one(100))).toBe(1);
    expect(await call("UPLIFTSIG", one(120), one(100), one(10), one(100))).toEqual({ error: "#NUM!" });
    expect(await call("UPLIFTSIG", one(1), one(0), one(1), one(10))).toEqual({ error: "#NUM!" });
  });
  it("computes erfc to high precision", () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(3)).toBeCloseTo(2.20904969985854e-5, 18);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
  });
});
