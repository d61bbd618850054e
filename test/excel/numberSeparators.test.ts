/**
 * Text numbers read with Excel's own separators: the Office adapter asks
 * Application.cultureInfo.numberFormat (the fake emulates it, testkit/fakeExcel), and the pane's
 * reading (readPlan, then the parse with those separators) reads the German planner workbook's
 * "1.250,50 €" and "1.250" as 1250.5 and 1250 under de-DE, as the command line does with --locale de-DE.
 */
import { OfficeWorkbook } from "../../src/adapters/office/officeWorkbook";
import { EN_US_SEPARATORS, separatorsOf } from "../../src/domain/common/values";
import { readPlan } from "../../src/useCases/readPlan";
import { analyzePlanSheets } from "../../src/useCases/analyzePlan";
import { FakeExcel } from "../../testkit/fakeExcel";
import { GERMAN_NUMBERS, plannerSheets } from "../../testkit/plannerWorkbooks";

const OPTIONS = { tolerance: 0.1, allocationThreshold: 0.1 };

function germanWorkbook(culture?: FakeExcel["culture"]): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel();
  for (const sheet of plannerSheets(GERMAN_NUMBERS)) fake.addSheet(sheet);
  if (culture) fake.culture = culture;
  return { fake, workbook: new OfficeWorkbook({ run: fake.run }) };
}

async function analyzedWith(workbook: OfficeWorkbook) {
  const { sheets, sources } = await readPlan(workbook);
  const separators = await workbook.readNumberSeparators();
  return analyzePlanSheets(sheets, OPTIONS, undefined, { sources, separators }).result;
}

describe("Excel's number separators, through the Office adapter", () => {
  it("are en-US's under an en-US culture, in one round trip", async () => {
    const { fake, workbook } = germanWorkbook();
    const before = fake.syncs.length;
    expect(await workbook.readNumberSeparators()).toEqual(EN_US_SEPARATORS);
    expect(fake.syncs.length - before).toBe(1);
  });

  it("are de-DE's under a de-DE culture, and fr-FR's narrow no-break space is read as a space", async () => {
    expect(await germanWorkbook({ numberDecimalSeparator: ",", numberGroupSeparator: "." }).workbook.readNumberSeparators()).toEqual({
      decimal: ",",
      group: ".",
    });
    expect(await germanWorkbook({ numberDecimalSeparator: ",", numberGroupSeparator: "\u202f" }).workbook.readNumberSeparators()).toEqual({
      decimal: ",",
      group: " ",
    });
  });

  it("fall back to en-US when the culture gives separators no number could be read with", async () => {
    const { workbook } = germanWorkbook({ numberDecimalSeparator: ",", numberGroupSeparator: "," });
    expect(await workbook.readNumberSeparators()).toEqual(EN_US_SEPARATORS);
    expect(separatorsOf("", ",")).toBeUndefined();
    expect(separatorsOf("1", ",")).toBeUndefined();
  });

  it("read 1.250,50 € and 1.250 as 1250.5 and 1250 under de-DE: the budget is 3500.5, no NUMBER_CONVENTION", async () => {
    const result = await analyzedWith(germanWorkbook({ numberDecimalSeparator: ",", numberGroupSeparator: "." }).workbook);
    // 1250.5 + 1250 + 500 + 200 + 300, as typed in Programmes!F2:F6.
    expect(result.totalBudget).toBeCloseTo(3500.5, 9);
    expect(result.findings.filter((f) => f.rule === "NUMBER_CONVENTION")).toEqual([]);
  });

  it("read 1.250 as 1.25 under en-US, flagging its cell", async () => {
    const result = await analyzedWith(germanWorkbook().workbook);
    expect(result.findings).toContainEqual(expect.objectContaining({ rule: "NUMBER_CONVENTION", sheet: "Programmes", cell: "F3" }));
  });

  it("are Excel's own when 'Use system separators' is off, still in one round trip: German separators on an en-US system", async () => {
    const { fake, workbook } = germanWorkbook();
    fake.excelSeparators = { decimalSeparator: ",", thousandsSeparator: "." };
    const before = fake.syncs.length;
    expect(await workbook.readNumberSeparators()).toEqual({ decimal: ",", group: "." });
    expect(fake.syncs.length - before).toBe(1);
    // 1250.5 + 1250 + 500 + 200 + 300, as typed in Programmes!F2:F6, read with Excel's separators.
    expect((await analyzedWith(workbook)).totalBudget).toBeCloseTo(3500.5, 9);
  });

  it("are the system culture's while Excel uses the system separators", async () => {
    const { fake, workbook } = germanWorkbook({ numberDecimalSeparator: ",", numberGroupSeparator: "." });
    expect(fake.excelSeparators).toBeUndefined();
    expect(await workbook.readNumberSeparators()).toEqual({ decimal: ",", group: "." });
  });
});
