/**
 * Months as monthly sheets name them (src/domain/common/month.ts): the period text of issue 20,
 * date cells and Excel date serials, and a KPI's due period with its fiscal years.
 */
import { monthOfOrdinal, monthOrdinal, monthText, readDueMonth, readMonth, type MonthRead } from "../../src/domain/common/month";

const read = (year: number, month: number): MonthRead => ({ kind: "month", month: { year, month } });

describe("readMonth", () => {
  it("reads the period text of the issue: 2027-03, Mar 2027, March 2027 and 03/2027", () => {
    for (const text of ["2027-03", "Mar 2027", "March 2027", "03/2027"]) expect([text, readMonth(text)]).toEqual([text, read(2027, 3)]);
  });

  it("reads the same text in other cases, with one digit, a hyphen or an ISO date", () => {
    for (const text of ["2027-3", "2027/03", "2027-03-15", "3/2027", "03-2027", "MAR 2027", "mar-2027", " March  2027 ", "Sept. 2027"]) {
      const expected = text.includes("Sept") ? read(2027, 9) : read(2027, 3);
      expect([text, readMonth(text)]).toEqual([text, expected]);
    }
  });

  it("reads a date cell by its UTC day, as the .xlsx reader gives it, whatever the day of the month", () => {
    expect(readMonth(new Date(Date.UTC(2026, 9, 1)))).toEqual(read(2026, 10));
    expect(readMonth(new Date(Date.UTC(2026, 9, 31)))).toEqual(read(2026, 10));
  });

  it("reads an Excel date serial, as Office.js gives a date cell", () => {
    // =DATE(2026,3,1) is 46082 and =DATE(2027,3,31) is 46477 (days since 1899-12-30); a time of day does not move the month.
    expect(readMonth(46082)).toEqual(read(2026, 3));
    expect(readMonth(46477.75)).toEqual(read(2027, 3));
  });

  it("does not read a small number as a date: 3 and 2027 are a month number and a year, not January 1900 and July 1905", () => {
    expect(readMonth(3)).toMatchObject({ kind: "bad", reason: expect.stringContaining("the number 3") });
    expect(readMonth(2027)).toMatchObject({ kind: "bad" });
    // 10000 is 18 May 1927, the least serial read.
    expect(readMonth(10_000)).toEqual(read(1927, 5));
    expect(readMonth(9_999)).toMatchObject({ kind: "bad" });
  });

  it("says what is wrong with text that names no month, an impossible month, an error or an invalid date", () => {
    expect(readMonth("Q1 2027")).toEqual({
      kind: "bad",
      reason: 'holds "Q1 2027", which is not a month such as 2027-03, Mar 2027 or 03/2027',
    });
    expect(readMonth("2027-13")).toEqual({ kind: "bad", reason: "names month 13, and a year has 12" });
    expect(readMonth("Marz 2027")).toMatchObject({ kind: "bad" });
    expect(readMonth({ error: "#REF!" })).toEqual({ kind: "bad", reason: "holds the error #REF!" });
    expect(readMonth(new Date(Number.NaN))).toEqual({ kind: "bad", reason: "holds an invalid date" });
    expect(readMonth(true)).toMatchObject({ kind: "bad" });
  });

  it("leaves a blank cell blank", () => {
    expect(readMonth(null)).toEqual({ kind: "blank" });
    expect(readMonth("  ")).toEqual({ kind: "blank" });
  });

  it("does not take a fiscal year for a series' month: FY2027 names no one month of a series", () => {
    expect(readMonth("FY2027")).toMatchObject({ kind: "bad" });
  });
});

describe("readDueMonth, a KPI's Period", () => {
  it("reads FY2027 as December 2027, and FY 2027 and FY27 alike", () => {
    for (const text of ["FY2027", "fy 2027", "FY27"]) expect([text, readDueMonth(text)]).toEqual([text, read(2027, 12)]);
  });

  it("reads every month readMonth reads", () => {
    expect(readDueMonth("Dec 2027")).toEqual(read(2027, 12));
    expect(readDueMonth("2027-12")).toEqual(read(2027, 12));
    expect(readDueMonth(new Date(Date.UTC(2027, 11, 31)))).toEqual(read(2027, 12));
  });

  it("names the forms it takes when the text is none of them", () => {
    expect(readDueMonth("end of year")).toEqual({
      kind: "bad",
      reason: 'holds "end of year", which is not a period such as Dec 2027, 2027-12 or FY2027',
    });
    expect(readDueMonth(null)).toEqual({ kind: "blank" });
  });
});

describe("month ordinals", () => {
  it("count months, so that a subtraction is a number of months, across a year's end too", () => {
    expect(monthOrdinal({ year: 2027, month: 2 }) - monthOrdinal({ year: 2026, month: 11 })).toBe(3);
    expect(monthOfOrdinal(monthOrdinal({ year: 2026, month: 12 }) + 1)).toEqual({ year: 2027, month: 1 });
    expect(monthText({ year: 2026, month: 3 })).toBe("2026-03");
  });
});
