import { readDate, readIdList, readNumber, readText } from "../../src/domain/common/values";

const num = (v: Parameters<typeof readNumber>[0]) => {
  const r = readNumber(v);
  return r.kind === "number" ? r.value : r.kind;
};

describe("readNumber", () => {
  it.each([
    [1250.5, 1250.5],
    ["1250.5", 1250.5],
    ["12%", 0.12],
    [" 12.5 % ", 0.125],
    ["€1,250", 1250],
    ["1,250,000.75", 1250000.75],
    ["EUR 300", 300],
    ["300 €", 300],
    ["-€40", -40],
    ["(1,250)", -1250],
    ["1e3", 1000],
    [".5", 0.5],
  ])("reads %p as %p", (input, expected) => {
    expect(num(input)).toBeCloseTo(expected as number, 10);
  });

  it.each([null, "", "   "])("treats %p as blank", (input) => {
    expect(readNumber(input).kind).toBe("blank");
  });

  it.each([
    ["abc", "not a number"],
    ["1 250,5", "not a number"],
    ["12,5", "not a number"],
    [true, "TRUE"],
    [new Date(2026, 0, 1), "date"],
    [{ error: "#N/A" }, "#N/A"],
    ["#REF!", "#REF!"],
    [Number.NaN, "finite"],
  ])("rejects %p and says why", (input, reason) => {
    const r = readNumber(input);
    expect(r.kind).toBe("bad");
    if (r.kind === "bad") expect(r.reason).toContain(reason);
  });
});

describe("readIdList", () => {
  it("splits on commas, semicolons and line breaks, trims and drops repeats", () => {
    expect(readIdList("B1, B2;B3\nB4\r\nb1")).toEqual(["B1", "B2", "B3", "B4"]);
  });
  it("reads a single number as an ID", () => {
    expect(readIdList(7)).toEqual(["7"]);
  });
  it("gives nothing for blanks and errors", () => {
    expect(readIdList(null)).toEqual([]);
    expect(readIdList(" ; , ")).toEqual([]);
    expect(readIdList({ error: "#REF!" })).toEqual([]);
  });
});

describe("readDate", () => {
  it("reads Date objects, Excel serials and ISO text", () => {
    expect(readDate(new Date(Date.UTC(2026, 2, 31)))).toEqual({ kind: "date", iso: "2026-03-31" });
    expect(readDate(46112)).toEqual({ kind: "date", iso: "2026-03-31" });
    expect(readDate("2026-03-31")).toEqual({ kind: "date", iso: "2026-03-31" });
  });
  it("rejects text that is no date", () => {
    expect(readDate("next spring").kind).toBe("bad");
  });
});

describe("readText", () => {
  it("trims text and shows other values as Excel would", () => {
    expect(readText("  NPS ")).toBe("NPS");
    expect(readText(3)).toBe("3");
    expect(readText(false)).toBe("FALSE");
    expect(readText({ error: "#N/A" })).toBe("#N/A");
  });
});
