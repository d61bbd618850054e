/**
 * One percent formatter for every percentage written as text: the pane, the command line's
 * summary, the findings and the what-if's fields.
 */
import { percentNumber, percentOf } from "../../src/domain/common/units";

describe("percentOf", () => {
  it("rounds to a whole percent by default, half up", () => {
    expect(percentOf(0.533)).toBe("53%");
    expect(percentOf(0.125)).toBe("13%");
    expect(percentOf(0)).toBe("0%");
    expect(percentOf(-0.004)).toBe("0%");
  });

  it("keeps a fixed number of decimals, or drops the trailing zeros when asked", () => {
    expect(percentOf(0.5333, { decimals: 1 })).toBe("53.3%");
    expect(percentOf(0.5, { decimals: 1 })).toBe("50.0%");
    expect(percentOf(-0.1234, { decimals: 1 })).toBe("-12.3%");
    expect(percentOf(1 / 3, { decimals: 2, trimZeros: true })).toBe("33.33%");
    expect(percentOf(0.25, { decimals: 2, trimZeros: true })).toBe("25%");
  });

  it("says in words a percentage past what a number holds", () => {
    expect(percentOf(1e307)).toBe("more than 1.8E+308%");
    expect(percentOf(-1e307, { decimals: 1 })).toBe("less than −1.8E+308%");
  });
});

describe("percentNumber", () => {
  it("is the number of percent or points without the sign", () => {
    expect(percentNumber(0.1)).toBe("10");
    expect(percentNumber(0.01)).toBe("1");
    expect(percentNumber(0.1234, { decimals: 1 })).toBe("12.3");
  });
});
