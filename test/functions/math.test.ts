import { installCustomFunctionsShim, excelResult, ShimError } from "../helpers/customFunctionsShim";
installCustomFunctionsShim();
import { ampu, arpu, attainment, churn, clv, gap, growth, netAdds, status, upliftOf, upliftSig } from "../../src/functions/functions";
import { erfc } from "../../src/domain/cvmMath";

// Excel passes null for an omitted argument; the signatures say undefined so that the metadata keeps the matrix type.
const OMITTED = null as unknown as undefined;
const col = (...values: unknown[]) => values.map((v) => [v]);
const one = (v: unknown) => [[v]];
const err = (code: string, message: string | RegExp) => ({ code, message: typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message) });

describe("CVM.ARPU / AMPU", () => {
  it("divides summed revenue by average subscribers per month for a monthly series", () => {
    // Three months of revenue and subscriber bases: 3 months by default.
    expect(arpu(col(1_740_000, 1_760_000, 1_800_000), col(100_000, 101_000, 102_000), null)).toBeCloseTo(5_300_000 / 101_000 / 3, 10);
  });
  it("takes a single period with an opening and closing count as one month unless told", () => {
    expect(arpu(one(5_300_000), [[100_000, 102_000]], null)).toBeCloseTo(5_300_000 / 101_000, 10);
    expect(arpu(one(5_300_000), [[100_000, 102_000]], 3)).toBeCloseTo(5_300_000 / 101_000 / 3, 10);
  });
  it("skips blanks in ranges and reads numbers typed as text", () => {
    expect(arpu(col("€1,000", null, "", "1000"), col(100, "", null, "100"), null)).toBe(10);
    expect(ampu(col(640, 660), col(100, 100), "2")).toBeCloseTo(6.5);
  });
  it("names the argument and cell that is not a number", () => {
    expect(excelResult(() => arpu(col(1, "n/a"), col(1, 1), null))).toEqual(err("#VALUE!", /^revenue \(value 2\) holds "n\/a", which is not a number/));
    expect(excelResult(() => arpu(one(1), one(1), "x"))).toEqual(err("#VALUE!", /^months holds "x"/));
  });
  it("passes an error value on, saying where it was", () => {
    expect(excelResult(() => arpu(col(1, new ShimError("#N/A")), col(1, 1), null))).toEqual(err("#N/A", "revenue (value 2) holds the error #N/A."));
    expect(excelResult(() => arpu(one("#REF!"), one(1), null))).toEqual(err("#VALUE!", "revenue holds the error #REF!."));
  });
  it("returns #DIV/0! for a zero or empty base and #NUM! for bad months or negative bases", () => {
    expect(excelResult(() => arpu(one(10), one(0), null))).toEqual(err("#DIV/0!", "average subscriber base is 0"));
    expect(excelResult(() => arpu(one(10), col(null, ""), null))).toEqual(err("#DIV/0!", "subscribers has no numbers"));
    expect(excelResult(() => arpu(one(10), one(5), 0))).toEqual(err("#NUM!", "months must be more than 0"));
    expect(excelResult(() => arpu(one(10), one(-5), null))).toEqual(err("#NUM!", "subscribers must not be negative"));
  });
  it("counts revenue values for the default months only when both are same-size ranges", () => {
    expect(arpu(col(300, 300), [[100, 100]], null)).toBe(600 / 100);
    expect(arpu([[300, 300]], [[100, 100]], null)).toBe(600 / 100 / 2);
  });
});

describe("CVM.CHURN", () => {
  it("is lost over the average base per month", () => {
    expect(churn(col(1500, 1600, 1400), col(100_000, 100_000, 100_000), null)).toBeCloseTo(0.015, 12);
    expect(churn(one(4500), [[100_000, 98_000]], 3)).toBeCloseTo(4500 / 99_000 / 3, 12);
  });
});

describe("CVM.CLV", () => {
  it("gives m·r/(1+d−r) without a horizon", () => {
    expect(clv(20, 0.02, null, null)).toBeCloseTo((20 * 0.98) / 0.02, 9);
    const d = Math.pow(1.1, 1 / 12) - 1;
    expect(clv(20, "2%", "10%", null)).toBeCloseTo((20 * 0.98) / (1 + d - 0.98), 9);
  });
  it("sums the finite horizon", () => {
    let expected = 0;
    const d = Math.pow(1.08, 1 / 12) - 1;
    for (let t = 1; t <= 24; t++) expected += (15 * Math.pow(0.985, t)) / Math.pow(1 + d, t);
    expect(clv(15, 0.015, 0.08, 24)).toBeCloseTo(expected, 9);
    expect(clv(10, 0, 0, 12)).toBeCloseTo(120, 9);
  });
  it("refuses what has no finite answer or makes no sense", () => {
    expect(excelResult(() => clv(10, 0, null, null))).toEqual(err("#NUM!", "unlimited"));
    expect(excelResult(() => clv(10, 1.5, null, null))).toEqual(err("#NUM!", "monthly_churn must be between 0 and 1"));
    expect(excelResult(() => clv(10, 0.01, null, 2.5))).toEqual(err("#NUM!", "horizon_months must be a whole number"));
    expect(excelResult(() => clv(null, 0.01, null, null))).toEqual(err("#N/A", "monthly_margin is blank"));
    expect(excelResult(() => clv([[1, 2]], 0.01, null, null))).toEqual(err("#VALUE!", "monthly_margin takes one value, not a range of 2 cells"));
  });
});

describe("CVM.NETADDS and CVM.GROWTH", () => {
  it("subtracts the lost from the gross adds, over ranges", () => {
    expect(netAdds(col(61_000, 61_500, null), col(59_000, "58,800"))).toBe(4700);
  });
  it("measures growth from the opening base", () => {
    expect(growth(4_020_000, 4_040_100)).toBeCloseTo(0.005, 12);
    expect(excelResult(() => growth(0, 5))).toEqual(err("#DIV/0!", "opening base is 0"));
  });
});

describe("CVM.GAP, ATTAINMENT and STATUS", () => {
  it("agree with the gap analysis on single values", () => {
    expect(gap(one(150), one(200), null)).toEqual([[50]]);
    expect(gap(one(0.014), one(0.015), "Lower is better")[0][0]).toBeCloseTo(-0.001, 12);
    expect(attainment(one(150), one(200), null, OMITTED)).toEqual([[0.75]]);
    expect(attainment(one(150), one(200), null, one(100))).toEqual([[0.5]]);
    expect(attainment(one(0.02), one(0.015), "lower", OMITTED)[0][0]).toBeCloseTo(0.75, 12);
    expect(status(one(191), one(200), null, one(100), null)).toEqual([["At risk"]]);
    expect(status(one(195), one(200), null, one(190), null)).toEqual([["Off track"]]);
    expect(status(one(195), one(200), null, one(190), "60%")).toEqual([["At risk"]]);
    expect(status(one(null), one(200), null, OMITTED, null)).toEqual([["No data"]]);
  });
  it("spill a result per row for ranges, with a scalar used for every row", () => {
    expect(gap(col(90, 110, null), one(100), "higher")).toEqual([[10], [-10], [new ShimError("#N/A", "actual is blank: no data yet.")]]);
    expect(status(col(90, 89, 100, ""), one(100), "up", OMITTED, null)).toEqual([["At risk"], ["Off track"], ["On track"], ["No data"]]);
  });
  it("refuse ranges of different sizes and unknown directions", () => {
    expect(excelResult(() => gap(col(1, 2, 3), col(1, 2), null))).toEqual(err("#VALUE!", "actual is 3×1 but target is 2×1"));
    expect(excelResult(() => gap(one(1), one(2), "sideways"))).toEqual(err("#VALUE!", 'direction "sideways" is neither'));
    expect(excelResult(() => attainment(one(1), one(2), null, one(2)))).toEqual(err("#DIV/0!", "baseline equals target"));
    expect(excelResult(() => attainment(one(1), one(0), null, OMITTED))).toEqual(err("#DIV/0!", "target of 0"));
    expect(excelResult(() => status(one(1), one(2), null, OMITTED, "150%"))).toEqual(err("#NUM!", "tolerance must be a share"));
  });
});

describe("CVM.UPLIFT and UPLIFTSIG", () => {
  it("gives the rate difference, or the absolute figure with a size", () => {
    expect(upliftOf("4.5%", "3%", null)).toBeCloseTo(0.015, 12);
    expect(upliftOf(0.045, 0.03, 20_000)).toBeCloseTo(300, 9);
  });
  it("gives the two-sided p-value of the pooled two-proportion z-test", () => {
    // 200/2000 against 150/2000: pooled 0.0875, z ≈ 2.79782, two-sided p = erfc(z/√2) ≈ 0.0051449.
    expect(upliftSig(200, 2000, 150, 2000)).toBeCloseTo(0.00514490060971622, 14);
    expect(upliftSig(100, 1000, 100, 1000)).toBe(1);
    expect(upliftSig(0, 100, 0, 100)).toBe(1);
    expect(excelResult(() => upliftSig(120, 100, 10, 100))).toEqual(err("#NUM!", "target_hits must be between 0 and target_size"));
    expect(excelResult(() => upliftSig(1, 0, 1, 10))).toEqual(err("#NUM!", "target_size must be more than 0"));
  });
  it("computes erfc to high precision", () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(3)).toBeCloseTo(2.20904969985854e-5, 18);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
  });
});
