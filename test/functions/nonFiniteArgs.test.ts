/**
 * The worksheet functions' arguments and sums past what a number holds (issue 17): #NUM! with a
 * message naming the argument, as Excel's own functions answer a number out of range, never a
 * figure computed from Infinity. First the conventions functions.ts calls (src/functions/
 * excelArgs.ts and src/domain/analysis/cvmMath.ts), then the functions of the built bundle called as
 * Excel calls them (testkit/excelRuntime.ts; needs `npm run build`).
 */
import { twoProportionPValue } from "../../src/domain/analysis/cvmMath";
import { ErrorValue } from "../../src/domain/common/errorValue";
import { average, numberAt, numbersOf, sum } from "../../src/functions/excelArgs";
import { column, CustomFunctionsRuntime, omitted, value, type ExcelArgument } from "../../testkit/excelRuntime";

function mathError(run: () => unknown): { kind: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ErrorValue) return { kind: error.kind, message: error.message };
    throw error;
  }
  return undefined;
}

describe("a worksheet function's argument past what a number holds", () => {
  it.each([["1e309"], ["€1e999"], ["-1e999"]])("answers #NUM! for %p, naming the argument", (typed) => {
    expect(mathError(() => numberAt(typed, "revenue (value 2)"))).toEqual({
      kind: "num",
      message: expect.stringMatching(/^revenue \(value 2\) holds ".*", a number beyond ±1\.8E\+308/),
    });
  });

  it("still answers #VALUE! for text that is no number", () => {
    expect(mathError(() => numberAt("n/a", "revenue"))?.kind).toBe("value");
  });

  it("answers #NUM! when an argument's numbers add up past the limit, rather than a sum of Infinity or an average that makes a ratio 0", () => {
    const numbers = numbersOf([[1e308], [1e308]], "subscribers");
    expect(mathError(() => sum(numbers, "subscribers"))).toEqual({
      kind: "num",
      message: "subscribers adds up beyond ±1.8E+308, the largest number Excel holds.",
    });
    expect(mathError(() => average(numbers, "subscribers"))?.kind).toBe("num");
    expect(sum([1e308, -1e308, 5], "revenue")).toBe(5);
  });

  it("answers #NUM! for UPLIFTSIG sizes that add up past the limit, not a p-value of 1", () => {
    expect(mathError(() => twoProportionPValue(1e308, 1e308, 0, 1e308))?.kind).toBe("num");
  });
});

describe("the CVM functions, called as Excel calls them, on numbers past the limit", () => {
  const excel = new CustomFunctionsRuntime();
  const call = (id: string, ...args: ExcelArgument[]) => excel.call(id, ...args);
  const NUM = { error: "#NUM!" };

  it.each([
    ["ARPU with revenue typed 1e999", () => call("ARPU", value("1e999"), value(5))],
    ["ARPU with subscribers adding up past the limit (no ARPU of 0)", () => call("ARPU", column(10, 10), column(1e308, 1e308))],
    ["NETADDS with gross adds adding up past the limit", () => call("NETADDS", column(1e308, 1e308), value(1))],
    ["GAP with a target typed -1e999", () => call("GAP", value(5), value("-1e999"))],
    [
      "STATUS whose attainment goes past the limit (not Off track)",
      () => call("STATUS", value(-1e300), value(5e-324), omitted, omitted, omitted),
    ],
    [
      "UPLIFTSIG with sizes adding up past the limit (not a p-value of 1)",
      () => call("UPLIFTSIG", value(1e308), value(1e308), value(0), value(1e308)),
    ],
    ["CLV with a margin typed €1e999", () => call("CLV", value("€1e999"), value(0.02))],
  ])("answers #NUM! for %s", async (_case, run) => {
    expect(await run()).toEqual(NUM);
  });
});
