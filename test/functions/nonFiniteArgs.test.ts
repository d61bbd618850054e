/**
 * The worksheet functions' arguments and sums past what a number holds (issue 17): #NUM! with a
 * message naming the argument, as Excel's own functions answer a number out of range, never a
 * figure computed from Infinity. These are the conventions functions.ts calls (src/functions/
 * excelArgs.ts and src/domain/cvmMath.ts); they run without the built bundle.
 */
import { MathError, twoProportionPValue } from "../../src/domain/cvmMath";
import { average, numberAt, numbersOf, sum } from "../../src/functions/excelArgs";

function mathError(run: () => unknown): { kind: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MathError) return { kind: error.kind, message: error.message };
    throw error;
  }
  return undefined;
}

describe("a worksheet function's argument past what a number holds", () => {
  it.each([["1e309"], ["€1e999"], ["-1e999"]])("answers #NUM! for %p, naming the argument", (typed) => {
    expect(mathError(() => numberAt(typed, "revenue (value 2)"))).toEqual({ kind: "num", message: expect.stringMatching(/^revenue \(value 2\) holds ".*", a number beyond ±1\.8E\+308/) });
  });

  it("still answers #VALUE! for text that is no number", () => {
    expect(mathError(() => numberAt("n/a", "revenue"))?.kind).toBe("value");
  });

  it("answers #NUM! when an argument's numbers add up past the limit, rather than a sum of Infinity or an average that makes a ratio 0", () => {
    const numbers = numbersOf([[1e308], [1e308]], "subscribers");
    expect(mathError(() => sum(numbers, "subscribers"))).toEqual({ kind: "num", message: "subscribers adds up beyond ±1.8E+308, the largest number Excel holds." });
    expect(mathError(() => average(numbers, "subscribers"))?.kind).toBe("num");
    expect(sum([1e308, -1e308, 5], "revenue")).toBe(5);
  });

  it("answers #NUM! for UPLIFTSIG sizes that add up past the limit, not a p-value of 1", () => {
    expect(mathError(() => twoProportionPValue(1e308, 1e308, 0, 1e308))?.kind).toBe("num");
  });
});
