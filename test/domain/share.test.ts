/**
 * The one unit rule for a share (the at-risk tolerance, the allocation threshold), whichever
 * place it is given in: the command line, a worksheet function, the pane's fields, the document
 * settings.
 */
import { isShare, readShare, shareOfNumber } from "../../src/domain/common/share";

const shareOf = (typed: Parameters<typeof readShare>[0]) => {
  const read = readShare(typed);
  return read.kind === "share" ? read.share : read.kind;
};

describe("readShare", () => {
  it.each([
    ["10%", 0.1],
    ["0.5%", 0.005],
    [" 12.5 % ", 0.125],
    ["0.1", 0.1],
    [0.1, 0.1],
    [0.25, 0.25],
    ["10", 0.1],
    [10, 0.1],
    [12.5, 0.125],
    ["99", 0.99],
    ["0", 0],
    ["0%", 0],
  ])("reads %p as %p", (typed, share) => {
    expect(shareOf(typed)).toBeCloseTo(share, 12);
  });

  it("reads 1 as one percent (one point), as the command line's help gives the allocation threshold in points", () => {
    expect(shareOf("1")).toBeCloseTo(0.01, 12);
    expect(shareOf(1)).toBeCloseTo(0.01, 12);
    expect(shareOf("1%")).toBeCloseTo(0.01, 12);
  });

  it.each([["100%"], ["100"], [100], ["150%"], [-0.1], ["-5"], ["-5%"]])(
    "refuses %p: shares go from 0 up to, not including, 100%",
    (typed) => {
      expect(shareOf(typed)).toBe("outOfRange");
    },
  );

  it("keeps the number as given for the message", () => {
    expect(readShare("150%")).toEqual({ kind: "outOfRange", typed: 1.5 });
    expect(readShare(150)).toEqual({ kind: "outOfRange", typed: 150 });
  });

  it.each([["lots"], [""], [null], [true]])("finds no number in %p", (typed) => {
    expect(shareOf(typed)).toBe("notNumber");
  });

  it("reads a number already read by the same rule, told whether it carried a % sign", () => {
    expect(shareOfNumber(1, true)).toEqual({ kind: "outOfRange", typed: 1 });
    expect(shareOfNumber(1, false)).toEqual({ kind: "share", share: 0.01 });
  });
});

describe("isShare", () => {
  it("accepts the fractions the settings hold, from 0 up to, not including, 1", () => {
    expect([0, 0.1, 0.5, 0.99].every(isShare)).toBe(true);
    expect([1, 7, -1, Number.NaN, Number.POSITIVE_INFINITY, "0.2", null, undefined].some(isShare)).toBe(false);
  });
});
