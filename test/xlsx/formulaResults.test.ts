/**
 * Formulas saved without a result are computed, never read as blank; what cannot be computed
 * faithfully is an UncomputedFormula with its reason. Every expected value below is worked out by
 * hand from Excel's documented behaviour.
 */
import * as path from "node:path";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { CellValue } from "../../src/domain/common/cells";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import FormulaParser from "fast-formula-parser";
import { computeMissingResults } from "../../src/adapters/xlsx/formulaResults";
import { compute, infoOf, readSheet, valueOf, type BookSpec } from "./formulaHarness";

/** The reason of an uncomputed formula, or a failure naming the value that was computed instead. */
function reasonOf(value: CellValue): string {
  if (value !== null && typeof value === "object" && "reason" in value) return value.reason;
  throw new Error(`expected an uncomputed formula, got ${JSON.stringify(value)}`);
}

const INPUTS = {
  A1: "Key",
  B1: "Value",
  C1: "Region",
  A2: "a",
  B2: 10,
  C2: "East",
  A3: "b",
  B3: 20,
  C3: "east",
  A4: "c",
  B4: 30,
  C4: "West",
  D1: "€250,000",
  E1: { error: "#N/A" },
  F1: "=FOO(1)",
  G1: "=B2*2",
};
const BOOK: BookSpec["sheets"] = { Inputs: INPUTS, "Budget FY2026": { A1: 100, A2: 200 }, "O'Brien": { A1: 7 } };

async function value(formula: string, extra: Omit<BookSpec, "sheets" | "plan"> = {}): Promise<CellValue> {
  return valueOf(formula, BOOK, extra);
}

describe("references across sheets", () => {
  it.each([
    ["=Inputs!B2+Inputs!B3", 30],
    ["=inputs!b4", 30],
    ["=SUM('Budget FY2026'!A1:A2)", 300],
    ["='O''Brien'!A1*2", 14],
    ["=Inputs!G1+1", 21],
    ["=Inputs!Z99", 0],
    ["=Inputs!D1", "€250,000"],
    ["=SUM(Inputs!B:B)", 60],
    ["=SUM(Inputs!2:3)", 30],
    ["=Inputs!$B$2*Inputs!B$3", 200],
  ])("%s is %p", async (formula, expected) => {
    expect(await value(formula)).toEqual(expected);
  });

  it("loads only the sheets a formula reads, each once", async () => {
    const result = await compute({ sheets: { Calc: { A1: "=Inputs!B2", A2: "=Inputs!B3+Inputs!B4" }, ...BOOK }, plan: ["Calc"] });
    expect([result.value("Calc!A1"), result.value("Calc!A2")]).toEqual([10, 50]);
    expect(result.loaded).toEqual(["Inputs"]);
    expect(result.tablesLoaded).toBe(0);
  });

  it("leaves a plan without pending formulas as it was, loading nothing", async () => {
    const plan = [readSheet("Calc", { A1: 1, B1: "x" })];
    let loads = 0;
    const sheets = await computeMissingResults(
      plan,
      infoOf({ sheets: { Calc: {} } }),
      async () => (loads++, undefined),
      async () => (loads++, []),
    );
    expect(sheets[0]).toBe(plan[0].sheet);
    expect(loads).toBe(0);
  });

  it("reports a sheet the workbook does not have, another workbook and 3-D references", async () => {
    expect(reasonOf(await value("=Nowhere!A1+1"))).toBe('it refers to the sheet "Nowhere", which the workbook does not have');
    expect(reasonOf(await value("=[1]Inputs!A1"))).toMatch(/another workbook/);
    expect(reasonOf(await value("=SUM(Inputs:Calc!A1)"))).toBe("it refers to several sheets at once (Inputs:Calc!A1)");
  });

  it("follows formulas without results on other sheets, loading each sheet when first read", async () => {
    const result = await compute({
      sheets: { Calc: { A1: "=Middle!A1+1" }, Middle: { A1: "=Far!A1*2" }, Far: { A1: "=B1+1", B1: 4 }, Unread: { A1: "=1/0" } },
      plan: ["Calc"],
    });
    expect(result.value("Calc!A1")).toBe(11);
    expect(result.loaded).toEqual(["Middle", "Far"]);
  });

  it("reports a sheet that is no worksheet (a chart sheet)", async () => {
    // The adapter's loader answers undefined for a chart sheet.
    const chart = await computeMissingResults(
      [readSheet("Calc", { A1: "=Chart1!A1" })],
      infoOf({ sheets: { Calc: {}, Chart1: {} } }),
      async () => undefined,
      async () => [],
    );
    expect(reasonOf(chart[0].values[0][0])).toBe('it refers to "Chart1", which is not a worksheet');
  });
});

describe("defined names", () => {
  const names = [
    { name: "VAT", formula: "0.2", hidden: false },
    { name: "Amounts", formula: "Inputs!$B$2:$B$4", hidden: false },
    { name: "Threshold", formula: "7", hidden: false },
    { name: "Threshold", formula: "5", localSheetId: 0, hidden: false },
    { name: "Label", formula: '"Net"', hidden: false },
    { name: "Doubled", formula: "Amounts*0+VAT*10", hidden: false },
    { name: "Relative", formula: "Inputs!B2", hidden: false },
    { name: "Loop", formula: "Loop+1", hidden: false },
  ];

  it.each([
    ["=100*VAT", 20],
    ["=SUM(Amounts)", 60],
    ["=INDEX(Amounts,3)", 30],
    ["=Threshold", 5],
    ["=Calc!Threshold", 5],
    ['=Label&"!"', "Net!"],
    ["=vat*10", 2],
  ])("%s is %p", async (formula, expected) => {
    expect(await value(formula, { names })).toEqual(expected);
  });

  it("takes the workbook's name on a sheet without its own", async () => {
    const result = await compute({ sheets: { Calc: { A1: "=1" }, Other: { A1: "=Threshold" }, ...BOOK }, plan: ["Calc", "Other"], names });
    expect(result.value("Other!A1")).toBe(7);
  });

  it("reports names it cannot follow", async () => {
    expect(reasonOf(await value("=Nope*2", { names }))).toBe("the name Nope is not defined in the workbook");
    expect(reasonOf(await value("=Relative", { names }))).toMatch(/the name Relative uses a relative reference/);
    expect(reasonOf(await value("=Loop", { names }))).toMatch(/the name Loop is defined through itself/);
    expect(reasonOf(await value("=Doubled", { names }))).toMatch(/arithmetic on a range/);
  });
});

describe("structured references", () => {
  // tblK on KPIs!A1:C5: header row, three data rows, a totals row.
  const KPIS = {
    A1: "Name",
    B1: "Base",
    C1: "Target",
    A2: "k1",
    B2: 10,
    C2: "=tblK[[#This Row],[Base]]+100",
    A3: "k2",
    B3: 20,
    C3: "=[@Base]+5",
    A4: "k3",
    B4: 30,
    C4: { shared: 0, ref: "C4:C4", formula: "tblK[@Base]*2" },
    A5: "Total",
    B5: 60,
    E1: "=tblK[[#This Row],[Base]]",
  };
  const tables = {
    KPIs: [{ name: "tblK", ref: "A1:C5", columns: ["Name", "Base", "Target"], totalsRows: 1 }],
    Inputs: [{ name: "tblInputs", ref: "A1:C4", columns: ["Key", "Value", "Region"] }],
  };

  it("computes this-row references in the table, in both file forms", async () => {
    const result = await compute({ sheets: { KPIs: KPIS, ...BOOK }, plan: ["KPIs"], tables });
    expect([result.value("KPIs!C2"), result.value("KPIs!C3"), result.value("KPIs!C4")]).toEqual([110, 25, 60]);
    expect(result.value("KPIs!E1")).toEqual({ error: "#VALUE!" });
    expect(result.tablesLoaded).toBe(1);
  });

  it.each([
    ["=SUM(tblK[Base])", 60],
    ["=SUM(tblK[[#All],[Base]])", 120],
    ["=SUM(tblK[[#Data],[#Totals],[Base]])", 120],
    ["=tblK[[#Totals],[Base]]", 60],
    ["=COUNTA(tblK[#Headers])", 3],
    ['=tblK[[#Headers],[Target]]&""', "Target"],
    ["=ROWS(tblK)", 3],
    ["=ROWS(tblK[#All])", 5],
    ["=COLUMNS(tblK[[Name]:[Base]])", 2],
    ["=COLUMNS(tblK[])", 3],
    ['=VLOOKUP("K2",tblK,2,FALSE)', 20],
    ["=INDEX(tblInputs[Value],2)", 20],
    ['=SUMIFS(tblInputs[Value],tblInputs[Region],"east")', 30],
    ["=SUM(TBLK[base])", 60],
  ])("%s is %p", async (formula, expected) => {
    expect(await valueOf(formula, { KPIs: KPIS, ...BOOK }, { tables })).toEqual(expected);
  });

  it("answers #REF! for a section the table does not have", async () => {
    expect(await valueOf("=SUM(tblInputs[#Totals])", BOOK, { tables })).toEqual({ error: "#REF!" });
  });

  it("reports unknown tables and columns", async () => {
    expect(reasonOf(await valueOf("=SUM(tblNope[Base])", { KPIs: KPIS }, { tables }))).toBe(
      "it refers to the table tblNope, which the workbook does not have",
    );
    expect(reasonOf(await valueOf("=SUM(tblK[Nope])", { KPIs: KPIS }, { tables }))).toBe('the table tblK has no column "Nope"');
    expect(reasonOf(await valueOf("=[@Base]", { KPIs: KPIS }, { tables }))).toMatch(/outside any table/);
  });
});

describe("shared formulas", () => {
  it("translates the master's formula to each cell of the group", async () => {
    const result = await compute({
      sheets: {
        Calc: {
          A1: 1,
          A2: 2,
          A3: 3,
          B1: { shared: 0, ref: "B1:B3", formula: "A1*2+$A$1" },
          B2: { shared: 0 },
          B3: { shared: 0 },
          C1: { shared: 1, ref: "C1:E1", formula: "SUM($A$1:A3)" },
          D1: { shared: 1 },
          E1: { shared: 9 },
        },
      },
    });
    expect([result.value("Calc!B1"), result.value("Calc!B2"), result.value("Calc!B3")]).toEqual([3, 5, 7]);
    expect(result.value("Calc!C1")).toBe(6);
    expect(result.value("Calc!D1")).toBe(21); // SUM($A$1:B3): 1+2+3 and 3+5+7
    expect(reasonOf(result.value("Calc!E1"))).toMatch(/shared formula whose first cell is missing/);
  });
});

describe("dates", () => {
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it("reads and returns dates in the 1900 system", async () => {
    const result = await compute({
      sheets: {
        Calc: {
          A1: { serial: 45322 },
          B1: { formula: "EOMONTH(A1,1)", dateStyled: true },
          C1: "=A1+1",
          D1: "=YEAR(A1)*100+MONTH(A1)",
          E1: { formula: "DATE(2024,1,31)+Inputs!A1", dateStyled: true },
          F1: "=EDATE(A1,1)",
          G1: { formula: "TODAY()", dateStyled: true },
          H1: "=DAY(A1)",
          I1: "=DAYS(B1,A1)",
        },
        Inputs: { A1: 29 },
      },
      plan: ["Calc"],
      now: new Date(2026, 0, 15, 9, 0),
    });
    expect(result.value("Calc!A1")).toEqual(date("2024-01-31"));
    expect(result.value("Calc!B1")).toEqual(date("2024-02-29"));
    expect(result.value("Calc!C1")).toBe(45323);
    expect(result.value("Calc!D1")).toBe(202401);
    expect(result.value("Calc!E1")).toEqual(date("2024-02-29"));
    expect(result.value("Calc!F1")).toBe(45351);
    expect(result.value("Calc!G1")).toEqual(date("2026-01-15"));
    expect(result.value("Calc!H1")).toBe(31);
    expect(result.value("Calc!I1")).toBe(29);
  });

  it("reads and returns dates in the 1904 system", async () => {
    const result = await compute({
      date1904: true,
      sheets: {
        Calc: {
          A1: { serial: 43860 },
          B1: { formula: "EOMONTH(A1,1)", dateStyled: true },
          C1: "=DATE(2024,1,31)",
          D1: "=YEAR(A1)",
          E1: "=A1",
          F1: { formula: "Inputs!A1", dateStyled: true },
        },
        Inputs: { A1: 0 },
      },
      plan: ["Calc"],
    });
    expect(result.value("Calc!A1")).toEqual(date("2024-01-31"));
    expect(result.value("Calc!B1")).toEqual(date("2024-02-29"));
    expect(result.value("Calc!C1")).toBe(43860);
    expect(result.value("Calc!D1")).toBe(2024);
    expect(result.value("Calc!E1")).toBe(43860);
    expect(result.value("Calc!F1")).toEqual(date("1904-01-01"));
  });

  it("does not compute dates before 1900-03-01, where Excel counts a 1900-02-29", async () => {
    expect(reasonOf(await value("=DATE(1900,2,1)"))).toMatch(/before 1900-03-01/);
  });
});

describe("errors", () => {
  it.each([
    ["=1/0", { error: "#DIV/0!" }],
    ['=VLOOKUP("zz",Inputs!A2:B4,2,FALSE)', { error: "#N/A" }],
    ['="a"+1', { error: "#VALUE!" }],
    ["=Inputs!E1+1", { error: "#N/A" }],
    ["=SUM(Inputs!E1:E2)", { error: "#N/A" }],
    ['=IFERROR(1/0,"none")', "none"],
    ["=IFNA(Inputs!E1,0)", 0],
    ["=ISNA(Inputs!E1)", true],
    ["=SQRT(-1)", { error: "#NUM!" }],
    ["=0^0", { error: "#NUM!" }],
    ["=#REF!+1", { error: "#REF!" }],
    ["=INDEX(Inputs!B2:B4,4)", { error: "#REF!" }],
    ["=AVERAGE(Inputs!Z1:Z3)", { error: "#DIV/0!" }],
  ])("%s is %p", async (formula, expected) => {
    expect(await value(formula)).toEqual(expected);
  });
});

describe("what is reported uncomputed", () => {
  it("names the unsupported function", async () => {
    expect(reasonOf(await value("=FOO(1)+1"))).toBe("the function FOO is not supported");
    expect(reasonOf(await value('=TEXT(1,"0")'))).toBe("the function TEXT is not supported");
    expect(reasonOf(await value("=_xlfn._xlws.SORT(Inputs!B2:B4)"))).toBe("the function SORT is not supported");
  });

  it("names the uncomputable cell a formula depends on, so that no number built on it is zero", async () => {
    expect(reasonOf(await value("=Inputs!F1*2"))).toBe(
      "it refers to Inputs!F1, which could not be computed (the function FOO is not supported)",
    );
    expect(reasonOf(await value("=SUM(Inputs!F1:F3)"))).toMatch(/^it refers to Inputs!F1/);
    const chain = await compute({ sheets: { Calc: { A1: "=B1+1", B1: "=Inputs!F1", C1: "=A1*0" }, ...BOOK }, plan: ["Calc"] });
    expect(reasonOf(chain.value("Calc!B1"))).toMatch(/^it refers to Inputs!F1/);
    expect(reasonOf(chain.value("Calc!A1"))).toBe("it refers to B1, which could not be computed (the function FOO is not supported)");
    expect(reasonOf(chain.value("Calc!C1"))).toMatch(/^it refers to A1/);
  });

  it("does not guess how a criterion treats a number or TRUE stored as text", async () => {
    expect(reasonOf(await valueOf('=SUMIFS(Data!A1:A2,Data!A1:A2,">15")', { Data: { A1: 20, A2: "50" } }))).toBe(
      'the number stored as text "50" meets a numeric criterion',
    );
    expect(reasonOf(await valueOf("=COUNTIF(Data!A1:A2,TRUE)", { Data: { A1: true, A2: "TRUE" } }))).toBe(
      'the text "TRUE" meets a TRUE/FALSE criterion',
    );
  });

  it("computes only the branch IF takes when the other is a plain reference", async () => {
    expect(await value("=IF(TRUE,1,Inputs!F1)")).toBe(1);
  });

  it.each([
    ["=Inputs!A1#", /spilled range/],
    ["=@Inputs!A1", /@ operator/],
    ["=LET(x,1,x)", /the function LET is not supported/],
    ['="abc', /without its closing quote/],
    ["=CVM.ARPU(1,2)", /the function CVM.ARPU is not supported/],
  ])("reports %s", async (formula, pattern) => {
    expect(reasonOf(await value(formula))).toMatch(pattern);
  });

  it("keeps the formula as written in the uncomputed cell", async () => {
    expect(await value("=FOO(Inputs!B2)")).toEqual({ formula: "FOO(Inputs!B2)", reason: "the function FOO is not supported" });
  });

  it("reports circular references, short and longer than one stack of formulas", async () => {
    const result = await compute({ sheets: { Calc: { A1: "=B1+1", B1: "=A1+1", C1: "=C1", D1: "=A1" } } });
    expect(reasonOf(result.value("Calc!A1"))).toBe("it is part of a circular reference (A1 → B1 → A1)");
    expect(reasonOf(result.value("Calc!B1"))).toBe("it is part of a circular reference (A1 → B1 → A1)");
    expect(reasonOf(result.value("Calc!C1"))).toBe("it is part of a circular reference (C1 → C1)");
    expect(reasonOf(result.value("Calc!D1"))).toMatch(/^it refers to A1, which could not be computed \(it is part of a circular reference/);
    const ring: Record<string, string> = {};
    for (let r = 1; r <= 60; r++) ring[`A${r}`] = `=A${r === 60 ? 1 : r + 1}+1`;
    const long = await compute({ sheets: { Calc: ring } });
    for (let r = 1; r <= 60; r++) expect(reasonOf(long.value(`Calc!A${r}`))).toMatch(/circular reference/);
  });

  it("follows a chain deeper than one stack of formulas", async () => {
    const cells: Record<string, string | number> = { A300: 1 };
    for (let r = 1; r < 300; r++) cells[`A${r}`] = `=A${r + 1}+1`;
    const result = await compute({ sheets: { Calc: cells } });
    expect(result.value("Calc!A1")).toBe(300);
  });

  it.each([
    ["=SUM(Inputs!B2:B4*2)", /arithmetic on a range/],
    ["=Inputs!B2:B4", /several values/],
    ["=Inputs!D1*1", /the text "€250,000" is used as a number/],
    ["=SUM((Inputs!B2,Inputs!B3))", /union/],
    ["=SUM(Inputs!B2:B4 Inputs!A3:C3)", /intersects/],
    ["=VLOOKUP(15,{30;10;20},1)", /not sorted/],
    ["=MATCH(25,{30,10,20},1)", /not sorted/],
    ["=ROUND(1)+SUM(1,2", /could not be read/],
    ['="I07 Budget"<"I06 Budget"', /orders the texts/],
    ["=0.1+0.2-0.3", /cancels out/],
    ['=COUNTIF(Inputs!C2:C4,"1/1/2024")', /may be read as a number or date/],
    ["=IF(TRUE,1,FOO())", /the function FOO is not supported/],
    ["=ROUND(1,2,3)", /ROUND is given 3 arguments/],
  ])("%s", async (formula, pattern) => {
    expect(reasonOf(await value(formula))).toMatch(pattern);
  });
});

describe("cost", () => {
  it("computes each formula once, however many formulas read it", async () => {
    const parse = jest.spyOn(FormulaParser.prototype, "parse");
    try {
      const result = await compute({ sheets: { Calc: { A1: "=B1+1", A2: "=B1+2", A3: "=B1*3", B1: "=C1*2", C1: 5 } } });
      expect([result.value("Calc!A1"), result.value("Calc!A2"), result.value("Calc!A3"), result.value("Calc!B1")]).toEqual([
        11, 12, 30, 10,
      ]);
      expect(parse).toHaveBeenCalledTimes(4);
    } finally {
      parse.mockRestore();
    }
  });

  // Its time is measured by `npm run bench:formulas`, not asserted here.
  it("computes 2,000 shared formulas that each count over a whole column (4 million cells read)", async () => {
    const cells: Record<string, number | { shared: number; ref?: string; formula?: string }> = {};
    for (let r = 1; r <= 2000; r++) cells[`A${r}`] = r;
    cells.B1 = { shared: 0, ref: "B1:B2000", formula: 'A1*2+COUNTIF(A:A,">1000")' };
    for (let r = 2; r <= 2000; r++) cells[`B${r}`] = { shared: 0 };
    const result = await compute({ sheets: { Calc: cells } });
    expect([result.value("Calc!B1"), result.value("Calc!B2000")]).toEqual([1002, 5000]);
  });

  it("computes NPV and MIN over a range of 200,000 cash flows without overflowing the call stack", async () => {
    const cells: Record<string, number | string> = { C1: "=ROUND(NPV(0,B1:B200000),2)", C2: "=MIN(B1:B200000)" };
    for (let r = 1; r <= 200_000; r++) cells[`B${r}`] = r % 2 === 0 ? 1 : -0.5;
    const result = await compute({ sheets: { Calc: cells } });
    // At a rate of 0 the NPV is the plain sum: 100,000 × 1 − 100,000 × 0.5.
    expect([result.value("Calc!C1"), result.value("Calc!C2")]).toEqual([50_000, -0.5]);
  });
});

describe("functions, hand-worked", () => {
  const DATA = {
    A1: "Name",
    B1: "Region",
    C1: "Sales",
    A2: "a",
    B2: "East",
    C2: 10,
    A3: "b",
    B3: "West",
    C3: 20,
    A4: "c",
    B4: "east",
    C4: 30,
    A5: "d",
    B5: "West",
    C5: 40,
    A6: "e",
    B6: "East",
    C6: "50",
    D2: true,
    D3: "x",
    E2: 1.5,
    E3: -2.5,
  };
  it.each([
    ["=SUM(Data!C2:C6)", 100],
    ['=SUM(Data!C2:C6,"5",TRUE)', 106],
    ["=AVERAGE(Data!C2:C6)", 25],
    ["=MIN(Data!C2:C6)", 10],
    ["=MAX(Data!C2:C6,45)", 45],
    ["=COUNT(Data!A1:E6)", 6],
    ["=COUNTA(Data!A1:C6)", 18],
    ["=COUNTBLANK(Data!D1:D10)", 8],
    ["=COUNTBLANK(Data!Z:Z)", 1048576],
    ["=PRODUCT(Data!C2:C3,2)", 400],
    ["=SUMPRODUCT(Data!C2:C4,Data!C2:C4)", 1400],
    ['=SUMIF(Data!B2:B6,"east",Data!C2:C6)', 40],
    ['=SUMIF(Data!B2:B6,"East",Data!C2)', 40],
    ['=SUMIFS(Data!C2:C5,Data!B2:B5,"E*",Data!C2:C5,">15")', 30],
    ['=SUMIFS(Data!C:C,Data!B:B,"<>West")', 40],
    ['=COUNTIF(Data!B2:B6,"West")', 2],
    ['=COUNTIF(Data!B:B,"")', 1048570],
    ['=COUNTIF(Data!C2:C5,">=20")', 3],
    ['=COUNTIF(Data!D2:D3,TRUE)+COUNTIF(Data!D2:D3,"<>TRUE")', 2],
    ['=COUNTIF(Data!C2:C5,0)+COUNTIF(Data!E2:E9,"<>1.5")', 7],
    ['=COUNTIFS(Data!B2:B6,"?ast",Data!C2:C5,"<40")', { error: "#VALUE!" }],
    ['=COUNTIFS(Data!B2:B6,"?ast",Data!A2:A6,"<>c")', 2],
    ['=AVERAGEIF(Data!B2:B6,"West",Data!C2:C6)', 30],
    ['=AVERAGEIFS(Data!C2:C6,Data!B2:B6,"East")', 20],
    ['=MAXIFS(Data!C2:C6,Data!B2:B6,"West")', 40],
    ['=MINIFS(Data!C2:C6,Data!B2:B6,"Nobody")', 0],
    ['=INDEX(Data!C2:C6,MATCH("C",Data!A2:A6,0))', 30],
    ["=INDEX(Data!A2:C6,2,3)", 20],
    ["=INDEX(Data!A1:C1,2)", "Region"],
    ["=SUM(INDEX(Data!A2:C6,0,3))", 100],
    ['=MATCH("b*",Data!A2:A6,0)', 2],
    ["=MATCH(25,Data!C2:C5,1)", 2],
    ["=MATCH(25,{40,30,20,10},-1)", 2],
    ['=VLOOKUP("d",Data!A2:C6,3,FALSE)', 40],
    ['=VLOOKUP("D",Data!A2:C6,3,)', 40],
    ["=VLOOKUP(25,Data!C2:C5,1)", 20],
    ['=VLOOKUP("bz",Data!A2:C6,3,TRUE)', 20],
    ['=VLOOKUP("a",Data!A2:D6,4,FALSE)', true],
    ['=VLOOKUP("b",Data!A2:E6,5,FALSE)', -2.5],
    ['=VLOOKUP("c",Data!A2:E6,5,FALSE)', 0],
    ['=HLOOKUP("Sales",Data!A1:C6,3,FALSE)', 20],
    ['=XLOOKUP("E",Data!A2:A6,Data!C2:C6)', "50"],
    ['=_xlfn.XLOOKUP("z",Data!A2:A6,Data!C2:C6,"none")', "none"],
    ['=XLOOKUP("c*",Data!A2:A6,Data!C2:C6,,2)', 30],
    ['=XLOOKUP("West",Data!B2:B6,Data!C2:C6,,0,-1)', 40],
    ["=IF(TRUE,1,Data!Q1)", 1],
    ['=SUM(XLOOKUP("b",Data!A2:A6,Data!B2:C6))', 20],
    ["=SUM(OFFSET(Data!C2,1,0,2,1))", 50],
    ["=OFFSET(Data!A1,2,2)", 20],
    ["=OFFSET(Data!A1,-1,0)", { error: "#REF!" }],
    ['=CHOOSE(2,"x",Data!C3,"z")', 20],
    ["=ROW(Data!C4)+COLUMN()+ROW()", 6],
    ["=ROWS(Data!A1:C6)*COLUMNS(Data!A1:C6)", 18],
    ["=ROUND(2.675,2)", 2.68],
    ["=ROUND(-2.5,0)", -3],
    ["=ROUND(1234.567,-2)", 1200],
    ["=ROUNDUP(3.2,0)", 4],
    ["=ROUNDDOWN(-3.7,0)", -3],
    ["=INT(-2.5)", -3],
    ["=MOD(-5,5)", 0],
    ["=MOD(3,-2)", -1],
    ["=ABS(-3)+SIGN(-2)", 2],
    ["=POWER(2,10)+2^-1", 1024.5],
    ["=-2^2", 4],
    ["=50%*4", 2],
    ["=182/10", 18.2],
    ["=45/100", 0.45],
    ["=ROUND(PMT(8%/12,10,10000),2)", -1037.03],
    ["=ROUND(PV(0.08/12,12*20,500),2)", -59777.15],
    ["=ROUND(FV(0.06/12,10,-200,-500,1),2)", 2581.4],
    ["=ROUND(NPV(10%,-10000,3000,4200,6800),2)", 1188.44],
    ['=IF(Data!C2>5,"big","small")', "big"],
    ["=IF(FALSE,1)", false],
    ["=IF(Data!Z1,1,2)", 2],
    ["=SUM(IF(TRUE,Data!C2:C3,0))", 30],
    ['=IFS(Data!C2>50,"a",Data!C2>5,"b")', "b"],
    ["=AND(Data!D2,1,Data!A2)", true],
    ["=OR(FALSE,0)", false],
    ["=NOT(Data!Z1)", true],
    ["=TRUE()", true],
    ["=ISBLANK(Data!Z1)", true],
    ["=ISBLANK(Data!A1)", false],
    ["=ISNUMBER(Data!C6)", false],
    ["=ISTEXT(Data!C6)", true],
    ['="a"="A"', true],
    ['="abc"<"ABD"', true],
    ['=Data!Z1=""', true],
    ["=Data!Z1=0", true],
    ['=1<"1"', true],
    ['="1"+1', 2],
    ["=TRUE+1", 2],
    ['=1/3&""', "0.333333333333333"],
    ['=CONCATENATE("x",1.5,TRUE)', "x1.5TRUE"],
    ['=CONCAT(Data!A2:B3,"!")', "aEastbWest!"],
    ['=TEXTJOIN(", ",TRUE,Data!A2:A4,"")', "a, b, c"],
    ['=LEFT("Budget",3)&RIGHT("Budget",2)&MID("Budget",2,3)&LEN("abc")', "Budetudg3"],
    ['=TRIM("  a   b ")', "a b"],
    ['=UPPER("ab")&LOWER("CD")', "ABcd"],
    ['=SUBSTITUTE("a-b-c","-","+",2)', "a-b+c"],
    ['=VALUE(" 12.5 ")', 12.5],
    ['="I07 Budget"="i07 budget"', true],
    ['="I07 Budget"<>"I06 Budget"', true],
    ['=COUNTIF(Data!A1:A6,"Marketing 2")', 0],
    ["=ROUND(1.55E+21,-20)", 1.6e21],
    ["=ROUND(0.000012345,7)", 0.0000123],
    ["=ROUND(-0.4,0)", 0],
  ])("%s is %p", async (formula, expected) => {
    expect(await valueOf(formula, { Data: DATA })).toEqual(expected);
  });
});

describe("the openpyxl fixture", () => {
  const root = path.join(__dirname, "..", "..");

  it("reads to the same analysis as the sample plan, every formula computed", async () => {
    const withFormulas = await (await openXlsx(path.join(root, "test/fixtures/xlsx/openpyxl.xlsx"))).readSheets();
    const sample = await (await openXlsx(path.join(root, "examples/cvm-sample-plan.xlsx"))).readSheets();
    const comparable = (sheets: Parameters<typeof analyzeSheets>[0]) => {
      const { sheets: _sheets, ...rest } = analyzeSheets(sheets);
      void _sheets;
      return JSON.stringify(rest);
    };
    expect(comparable(withFormulas)).toBe(comparable(sample));
    const uncomputed = withFormulas.flatMap((s) => s.values.flat().filter((v) => v !== null && typeof v === "object" && "reason" in v));
    expect(uncomputed).toEqual([]);
    const initiatives = withFormulas.find((s) => s.name === "Initiatives");
    expect(initiatives?.values[5 - (initiatives?.origin.row ?? 0)]?.[8 - (initiatives?.origin.col ?? 0)]).toBe("€250,000");
  });
});
