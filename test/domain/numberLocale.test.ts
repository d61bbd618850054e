/**
 * Text numbers typed in the planner's convention (issue 19): "1.250,50 €" and "12,5 %" read right
 * with German or Spanish separators; under en-US, the default on every machine, "1.250" is read
 * as today and said to be possibly meant the other way.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { ruleLabel } from "../../src/domain/analysis/ruleLabels";
import { EN_US_SEPARATORS, localeSeparators, readNumber, type NumberSeparators } from "../../src/domain/common/values";
import { parsePlan } from "../../src/domain/plan/parse";
import { GERMAN_NUMBERS, plannerSheets } from "../../testkit/plannerWorkbooks";
import { sheet, smallPlan } from "../../testkit/sheets";

const read = (text: string, separators?: NumberSeparators) => {
  const r = readNumber(text, separators);
  return r.kind === "number" ? (r.otherConvention ? [r.value, "other convention?"] : r.value) : r.kind;
};

describe("the separators of a locale", () => {
  it("are Intl's for the locale", () => {
    expect(localeSeparators("en-US")).toEqual({ decimal: ".", group: "," });
    expect(localeSeparators("de-DE")).toEqual({ decimal: ",", group: "." });
    expect(localeSeparators("es-ES")).toEqual({ decimal: ",", group: "." });
    // France groups with a narrow no-break space: read as any space.
    expect(localeSeparators("fr-FR")).toEqual({ decimal: ",", group: " " });
  });

  it("are none for a locale Intl does not know, rather than the machine's own", () => {
    expect(localeSeparators("xx-XX")).toBeUndefined();
    expect(localeSeparators("not a locale")).toBeUndefined();
  });
});

describe("readNumber with the planner's separators", () => {
  const de = localeSeparators("de-DE");
  const fr = localeSeparators("fr-FR");

  it.each([
    ["1.250,50 €", 1250.5],
    ["12,5 %", 0.125],
    ["1.250", 1250],
    ["1.250.000", 1250000],
    ["-1.250,5", -1250.5],
    ["(1.250)", -1250],
    ["€ 300", 300],
    ["0,25", 0.25],
    ["1e3", 1000],
  ])("reads %p under de-DE as %p", (text, value) => {
    expect(read(text, de)).toBeCloseTo(value, 10);
  });

  it("reads French groups of thousands typed with any space", () => {
    expect(read("1 250,50", fr)).toBe(1250.5);
    expect(read("1\u00a0250,50 €", fr)).toBe(1250.5);
    expect(read("1\u202f250", fr)).toBe(1250);
  });

  it('takes no point for a decimal separator under de-DE: "1.5" is no number there rather than a guess', () => {
    expect(read("1.5", de)).toBe("bad");
    expect(read("1250.5", de)).toBe("bad");
  });

  it("reads en-US by default exactly as before", () => {
    expect(read("1,250.50")).toBe(1250.5);
    expect(read("1.250,50 €")).toBe("bad");
    expect(read("12,5 %")).toBe("bad");
    expect(readNumber("1250.5")).toEqual({ kind: "number", value: 1250.5 });
    expect(readNumber("1250.5", EN_US_SEPARATORS)).toEqual(readNumber("1250.5"));
  });

  it("marks a point after one to three digits and before exactly three, under en-US, as possibly the other convention", () => {
    expect(read("1.250")).toEqual([1.25, "other convention?"]);
    expect(read("12.500")).toEqual([12.5, "other convention?"]);
    expect(read("€1.250")).toEqual([1.25, "other convention?"]);
    expect(read("-999.000")).toEqual([-999, "other convention?"]);
    // A lone 0 before the point, two or four decimals, four digits before: a decimal point, no doubt.
    expect(read("0.250")).toBe(0.25);
    expect(read("1.25")).toBe(1.25);
    expect(read("1.2500")).toBe(1.25);
    expect(read("1250.500")).toBe(1250.5);
    expect(read("1,250.500")).toBe(1250.5);
  });

  it("marks the mirror case under de-DE: a comma before exactly three digits", () => {
    expect(read("1,250", de)).toEqual([1.25, "other convention?"]);
    expect(read("1,25", de)).toBe(1.25);
  });
});

describe("a plan's text numbers in the planner's convention", () => {
  const sheets = plannerSheets(GERMAN_NUMBERS);

  it("reads the German workbook right under de-DE, with no finding about its numbers", () => {
    const parsed = parsePlan(sheets, { separators: localeSeparators("de-DE") });
    expect(parsed.plan.bets.map((b) => b.weight)).toEqual([0.4, 0.3, expect.closeTo(0.175, 12), 0.125]);
    expect(parsed.plan.initiatives.map((i) => i.budget)).toEqual([1250.5, 1250, 500, 200, 300]);
    expect(parsed.findings.findings).toEqual([]);
  });

  it("reads it under en-US as today: two weights and a budget are no numbers, and 1.250 is 1.25 with a warning", () => {
    const parsed = parsePlan(sheets);
    expect(parsed.plan.bets.map((b) => b.weight)).toEqual([0.4, 0.3, undefined, undefined]);
    expect(parsed.plan.initiatives.map((i) => i.budget)).toEqual([undefined, 1.25, 500, 200, 300]);
    expect(parsed.findings.findings.map((f) => [f.severity, f.rule, `${f.sheet}!${f.cell}`])).toEqual([
      ["error", "BAD_NUMBER", "Strategic agenda 2027!D7"],
      ["error", "BAD_NUMBER", "Strategic agenda 2027!D8"],
      ["error", "BAD_NUMBER", "Programmes!F2"],
      ["warning", "NUMBER_CONVENTION", "Programmes!F3"],
    ]);
    expect(parsed.findings.findings[3].message).toBe(
      'Budget "1.250" is read as 1.25, the point taken as the decimal separator; if the point separates thousands, as typed in Germany or Spain, read the workbook with that convention (--locale de-DE on the command line) or type the cell as a number.',
    );
    expect(ruleLabel("NUMBER_CONVENTION")).toBe("Number may be typed in another convention");
  });

  it("gives the budget figures worked by hand under de-DE", () => {
    // PR01 1,250.5 to P1; PR02 1,250 split between P1 and (through M02) P2; PR03 500 to P2 through
    // M03; PR04 200 to P3; PR05 300 untraced. Total 3,500.5; P1 1,875.5, P2 1,125, P3 200.
    const result = analyzeSheets(sheets, undefined, { separators: localeSeparators("de-DE") });
    expect(result.totalBudget).toBe(3500.5);
    expect(result.untracedBudget).toBe(300);
    expect(result.bets.map((b) => b.budget)).toEqual([1875.5, 1125, 200, 0]);
  });

  it("gives the examples of a number in the planner's separators when a cell is none", () => {
    const plan = smallPlan();
    const bets = plan.find((s) => s.name === "Bets");
    const withBadWeight = plan.map((s) =>
      s === bets
        ? sheet(
            "Bets",
            [...s.values.map((r) => [...r])].map((r, i) => (i === 1 ? [...r.slice(0, 5), "sixty", ...r.slice(6)] : r)),
          )
        : s,
    );
    const message = (separators?: NumberSeparators) =>
      parsePlan(withBadWeight, { separators }).findings.findings.find((f) => f.rule === "BAD_NUMBER")?.message;
    expect(message()).toBe(
      'Weight holds "sixty", which is not a number; enter a number such as 1250, 12% or €1,250 (the value is left out).',
    );
    expect(message(localeSeparators("de-DE"))).toBe(
      'Weight holds "sixty", which is not a number; enter a number such as 1250, 12% or €1.250 (the value is left out).',
    );
  });
});
