import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import type { ReportLayout } from "../../src/domain/sheets/reportLayout";
import { NUMBER_FORMATS } from "../../src/domain/sheets/reportStyle";
import type { SheetData } from "../../src/domain/common/cells";
import {
  ForeignSheetError,
  TableNameClashError,
  UnreadableWorkbookError as XlsxReadError,
  UnwritableOutputError as XlsxWriteError,
} from "../../src/domain/common/stopErrors";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { everySheet, sha256, tempDir } from "../../testkit/xlsx";

const dir = tempDir("xlsx-workbook-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function newPath(name = "book.xlsx"): string {
  const sub = path.join(dir, String(++fileCount));
  fs.mkdirSync(sub);
  return path.join(sub, name);
}

async function saveWorkbook(build: (workbook: ExcelJS.Workbook) => void, file = newPath()): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function loadWithExceljs(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

async function zipEntries(file: string): Promise<JSZip> {
  return JSZip.loadAsync(fs.readFileSync(file));
}

/** The XML of a sheet, found by name through workbook.xml and its relationships. */
async function sheetXml(file: string, sheetName: string): Promise<string> {
  const zip = await zipEntries(file);
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rId = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="(rId\\d+)"`).exec(workbookXml)?.[1];
  const target =
    new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels)?.[1];
  return zip.file(`xl/${target!.replace(/^\/?xl\//, "")}`)!.async("string");
}

async function tableXmls(file: string): Promise<string[]> {
  const zip = await zipEntries(file);
  const names = Object.keys(zip.files).filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name));
  return Promise.all(names.map((name) => zip.file(name)!.async("string")));
}

/**
 * Rewrites a table part the way Excel itself writes it: no headerRowCount, no filterColumn entries,
 * and no autoFilter at all when the user switched the filter buttons off.
 */
async function makeTableLookExcelMade(file: string, tableName: string, filterButtons = true): Promise<void> {
  const zip = await zipEntries(file);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    if (!xml.includes(`name="${tableName}"`)) continue;
    const excelStyle = xml
      .replace(/ headerRowCount="1"/, "")
      .replace(/ totalsRowShown="1"/, ' totalsRowShown="0"')
      .replace(/<autoFilter ref="([^"]+)">.*?<\/autoFilter>/, filterButtons ? '<autoFilter ref="$1"/>' : "");
    zip.file(name, excelStyle);
  }
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

async function sheetNamed(file: string, name: string): Promise<SheetData> {
  const read = await (await openXlsx(file)).readWorksheet(name);
  if (!read) throw new Error(`no sheet ${name}`);
  return read.sheet;
}

// ---------------------------------------------------------------------------------------------

describe("openXlsx refuses what is no .xlsx workbook, in plain words", () => {
  async function refusal(file: string): Promise<XlsxReadError> {
    const error = await openXlsx(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(XlsxReadError);
    return error as XlsxReadError;
  }

  it("names a missing file", async () => {
    const file = path.join(dir, "nowhere", "plan.xlsx");
    const error = await refusal(file);
    expect(error.message).toContain("not found");
    expect(error.message).toContain(file);
  });

  it("refuses a folder", async () => {
    expect((await refusal(dir)).message).toMatch(/folder/);
  });

  it("refuses an empty file", async () => {
    const file = newPath();
    fs.writeFileSync(file, "");
    expect((await refusal(file)).message).toMatch(/empty \(0 bytes\).*save it as Excel Workbook \(\.xlsx\)/);
  });

  it("recognises a CSV file renamed to .xlsx", async () => {
    const file = newPath();
    fs.writeFileSync(file, "Segment;KPI;Target\nPrepaid;ARPU;12,5\nPostpaid;Churn;1,2 %\n");
    expect((await refusal(file)).message).toContain("not an .xlsx workbook (it looks like text/CSV)");
  });

  it("explains an OLE2 file: a legacy .xls or a password-protected .xlsx", async () => {
    const file = newPath();
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const message = (await refusal(file)).message;
    expect(message).toContain("legacy .xls");
    expect(message).toContain("password");
    expect(message).toContain("without a password");
  });

  it("wraps the reason when the zip is damaged (first half of a real workbook)", async () => {
    const whole = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet("Plan");
      for (let r = 1; r <= 200; r++) sheet.addRow([`KPI ${r}`, r, r / 7]);
    });
    const file = newPath();
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const message = (await refusal(file)).message;
    expect(message).toContain(file);
    expect(message).toMatch(/damaged or incompletely copied \(.+\)/);
  });

  it("refuses a zip archive that holds no workbook", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "not a workbook");
    const file = newPath();
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    expect((await refusal(file)).message).toMatch(/zip archive without any worksheet/);
  });

  it("never changes the input file, even after writing a report in memory", async () => {
    const file = await saveWorkbook((workbook) => workbook.addWorksheet("Plan").addRow(["KPI", 1]));
    const before = sha256(file);
    const workbook = await openXlsx(file);
    await workbook.readSheets();
    await workbook.writeReport(smallLayout());
    expect(sha256(file)).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe("readSheets", () => {
  async function sheetsOf(build: (workbook: ExcelJS.Workbook) => void) {
    return everySheet(await openXlsx(await saveWorkbook(build)));
  }

  it("gives the used range of a plain block whose header is on row 3 from column B", async () => {
    const [sheet] = await sheetsOf((workbook) => {
      const ws = workbook.addWorksheet("Plan");
      ws.getCell("B3").value = "KPI";
      ws.getCell("C3").value = "Target";
      ws.getCell("D3").value = "Active";
      ws.getCell("B4").value = "ARPU";
      ws.getCell("C4").value = 12.5;
      ws.getCell("D4").value = true;
      // row 5 left blank on purpose
      ws.getCell("B6").value = "Churn";
      ws.getCell("D6").value = false;
    });
    expect(sheet.name).toBe("Plan");
    expect(sheet.origin).toEqual({ row: 2, col: 1 });
    expect(sheet.values).toEqual([["KPI", "Target", "Active"], ["ARPU", 12.5, true], [], ["Churn", null, false]]);
    expect(sheet.tables).toEqual([]);
  });

  it("maps formulas, errors, rich text, hyperlinks, dates and merged cells", async () => {
    const date = new Date(Date.UTC(2026, 2, 31));
    const [sheet] = await sheetsOf((workbook) => {
      const ws = workbook.addWorksheet("Values");
      ws.getCell("A1").value = { formula: "2*5", result: 10 };
      ws.getCell("B1").value = { formula: 'A1&"x"', result: "10x" };
      ws.getCell("C1").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      ws.getCell("D1").value = { formula: "NOW()" };
      ws.getCell("E1").value = { formula: "A1>1", result: true };
      ws.getCell("A2").value = { error: "#N/A" };
      ws.getCell("B2").value = { richText: [{ text: "Rich ", font: { bold: true } }, { text: "text" }] };
      ws.getCell("C2").value = { text: "the site", hyperlink: "https://example.com" };
      ws.getCell("D2").value = date;
      ws.getCell("A3").value = "merged";
      ws.mergeCells("A3:C3");
      ws.getCell("D3").value = "after";
    });
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    expect(sheet.values[0]).toEqual([10, "10x", { error: "#DIV/0!" }, null, true]);
    expect(sheet.values[1]).toEqual([{ error: "#N/A" }, "Rich text", "the site", date]);
    expect(sheet.values[1][3]).toBeInstanceOf(Date);
    expect(sheet.values[2]).toEqual(["merged", null, null, "after"]);
  });

  it("lists a formula saved without its result as one to compute, never as a blank value", async () => {
    const file = await saveWorkbook((workbook) => {
      const ws = workbook.addWorksheet("Values");
      ws.getCell("A1").value = 4;
      ws.getCell("B1").value = { formula: "A1*2" };
    });
    const read = await (await openXlsx(file)).readWorksheet("Values");
    expect(read?.pending).toEqual([{ row: 0, col: 1, text: "A1*2", dateStyled: false }]);
    expect(read?.sheet.values).toEqual([[4]]);
  });

  it("reads only the plan's sheets, so a damaged sheet that is not part of the plan does no harm", async () => {
    const file = await saveWorkbook((workbook) => {
      workbook.addWorksheet("Ledger").getCell("A1").value = "booked";
      workbook.addWorksheet("Bets").addRow(["Bet ID", "Strategic Bet"]);
      workbook.getWorksheet("Bets")!.addRow(["B1", "Win"]);
    });
    const zip = await zipEntries(file);
    zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c"); // not even XML
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const workbook = await openXlsx(file);
    expect((await workbook.readSheets()).map((s) => [s.name, s.values])).toEqual([
      [
        "Bets",
        [
          ["Bet ID", "Strategic Bet"],
          ["B1", "Win"],
        ],
      ],
    ]);
    await expect(workbook.readWorksheet("Ledger")).rejects.toThrow(/The sheet "Ledger" .* cannot be read/);
  });

  it("lists the Excel tables with their whole range, header included", async () => {
    const sheets = await sheetsOf((workbook) => {
      workbook.addWorksheet("Notes").getCell("A1").value = "see KPIs";
      const ws = workbook.addWorksheet("KPIs");
      ws.getCell("B1").value = "KPI targets";
      ws.addTable({
        name: "tblKpi",
        ref: "B3",
        headerRow: true,
        columns: [{ name: "KPI" }, { name: "Target" }, { name: "Unit" }],
        rows: [
          ["ARPU", 12.5, "EUR"],
          ["Churn", 0.012, "%"],
        ],
      });
    });
    expect(sheets.map((s) => s.name)).toEqual(["Notes", "KPIs"]);
    const kpis = sheets[1];
    expect(kpis.tables).toEqual([{ name: "tblKpi", range: "B3:D5" }]);
    expect(kpis.origin).toEqual({ row: 0, col: 1 });
    expect(kpis.values).toEqual([["KPI targets"], [], ["KPI", "Target", "Unit"], ["ARPU", 12.5, "EUR"], ["Churn", 0.012, "%"]]);
  });

  it("reads an empty sheet as no values", async () => {
    const [sheet] = await sheetsOf((workbook) => workbook.addWorksheet("Empty"));
    expect(sheet).toEqual({ name: "Empty", values: [], origin: { row: 0, col: 0 }, tables: [] });
  });

  it("reads a 20,000 × 13 sheet written by exceljs", async () => {
    const file = await saveWorkbook((workbook) => {
      const ws = workbook.addWorksheet("Big");
      for (let r = 0; r < 20000; r++) ws.addRow(Array.from({ length: 13 }, (_, c) => (c === 0 ? `row ${r}` : r + c)));
    });
    const workbook = await openXlsx(file);
    const sheet = (await workbook.readWorksheet("Big"))!.sheet;
    expect(sheet.values).toHaveLength(20000);
    expect(sheet.values[19999]).toHaveLength(13);
  });
});

// ---------------------------------------------------------------------------------------------

const STATUS_RULES = [
  { text: "Off track", fill: "F8D7DA", font: "842029" },
  { text: "On track", fill: "D1E7DD", font: "0F5132" },
];

const TRICKY_TEXTS = ["=1+1", "+SUM(A1)", "@x", "-3 things"];

function smallLayout(sheetName = "Gap Analysis", title = "CVM gap analysis"): ReportLayout {
  return {
    sheetName,
    cells: [
      { row: 0, col: 0, value: OWNER_MARKER, style: "note" },
      { row: 1, col: 0, value: title, style: "title" },
      { row: 2, col: 0, value: "Plan score", style: "label" },
      { row: 2, col: 1, value: 0.734, format: "percent" },
      { row: 3, col: 0, value: "KPIs", style: "section" },
      ...TRICKY_TEXTS.map((text, i) => ({ row: 3, col: 1 + i, value: text })),
      { row: 3, col: 6, value: null, format: "integer" },
      { row: 3, col: 7, value: Number.NaN },
    ],
    tables: [
      {
        name: "CvmKpiGaps",
        row: 5,
        col: 0,
        columns: [
          { header: "KPI" },
          { header: "Target", format: "decimal" },
          { header: "Gap", format: "points" },
          { header: "Status", format: "text" },
          { header: "Coverage", format: "percent" },
        ],
        rows: [
          ["ARPU", 12.5, 1.5, "On track", 0.25],
          ["Churn", 0.012, -0.4, "Off track", 1.4],
          ["=1+1", null, null, "n/a", null],
        ],
        cellFormats: [[], [undefined, "percent"], []],
        statusColumns: [3],
        dataBarColumns: [4],
      },
      {
        name: "CvmFindings",
        row: 11,
        col: 1,
        columns: [{ header: "Finding" }, { header: "Finding" }, { header: "" }],
        rows: [],
        statusColumns: [],
      },
    ],
    statusRules: STATUS_RULES,
    dataBar: { min: 0, max: 1, color: "638EC6" },
    charts: [],
    columnWidths: [40, 12, 12, 14],
  };
}

/** A typed view of what exceljs keeps but does not declare. */
interface ConditionalFormattingRead {
  ref: string;
  rules: {
    type: string;
    operator?: string;
    formulae?: string[];
    cfvo?: { type: string; value?: number }[];
    color?: { argb?: string };
    style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
  }[];
}

function conditionalFormattings(worksheet: ExcelJS.Worksheet): ConditionalFormattingRead[] {
  return (worksheet as unknown as { conditionalFormattings: ConditionalFormattingRead[] }).conditionalFormattings;
}

async function planFile(): Promise<string> {
  return saveWorkbook((workbook) => {
    const plan = workbook.addWorksheet("Plan");
    plan.addTable({ name: "tblPlan", ref: "A1", headerRow: true, columns: [{ name: "KPI" }, { name: "Target" }], rows: [["ARPU", 12.5]] });
    workbook.addWorksheet("Notes").getCell("C2").value = "my own notes";
  });
}

describe("writeReport and save", () => {
  it("writes values, styles, number formats, tables and status colours", async () => {
    const input = await planFile();
    const workbook = await openXlsx(input);
    await workbook.writeReport(smallLayout());
    const output = path.join(path.dirname(input), "out.xlsx");
    await workbook.save(output);

    const back = await loadWithExceljs(output);
    expect(back.worksheets.map((ws) => ws.name)).toEqual(["Plan", "Notes", "Gap Analysis"]);
    const ws = back.getWorksheet("Gap Analysis")!;
    expect(ws.getCell("A1").value).toBe(OWNER_MARKER);
    expect(ws.getCell("A1").font).toMatchObject({ italic: true, color: { argb: "FF595959" } });
    expect(ws.getCell("A2").font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell("A3").font).toMatchObject({ bold: true });
    expect(ws.getCell("A4").font).toMatchObject({ bold: true, size: 12 });
    expect(ws.getCell("B3").value).toBe(0.734);
    expect(ws.getCell("B3").numFmt).toBe(NUMBER_FORMATS.percent);
    expect(ws.getCell("G4").value).toBeNull();
    expect(ws.getCell("H4").value).toBeNull();
    // Widths are stored with Excel's padding, so that 40 characters show (ECMA-376 18.3.1.13).
    expect(ws.getColumn(1).width).toBe(Math.trunc(((40 * 7 + 5) / 7) * 256) / 256);
    expect(ws.getColumn(4).width).toBe(Math.trunc(((14 * 7 + 5) / 7) * 256) / 256);

    // The table's header sits on zero-based row 5, so Excel row 6.
    expect(ws.getCell("A6").value).toBe("KPI");
    expect(ws.getCell("B7").value).toBe(12.5);
    expect(ws.getCell("B7").numFmt).toBe(NUMBER_FORMATS.decimal);
    expect(ws.getCell("B8").numFmt).toBe(NUMBER_FORMATS.percent);
    expect(ws.getCell("C8").numFmt).toBe(NUMBER_FORMATS.points);
    expect(ws.getCell("D7").numFmt).toBe("@");

    const report = await sheetNamed(output, "Gap Analysis");
    // A table without data rows gets one blank row; repeated and empty headers are made unique.
    expect(report.tables).toEqual([
      { name: "CvmKpiGaps", range: "A6:E9" },
      { name: "CvmFindings", range: "B12:D13" },
    ]);
    expect(ws.getRow(12).values).toEqual([undefined, undefined, "Finding", "Finding2", "Column3"]);

    const xml = (await tableXmls(output)).find((t) => t.includes('name="CvmKpiGaps"'))!;
    expect(xml).not.toContain('headerRowCount="0"'); // 1, the default, as Excel leaves it out
    expect(xml).toContain("TableStyleMedium2");
    expect(xml).not.toContain('hiddenButton="1"');

    const [cf] = conditionalFormattings(ws);
    expect(cf.ref).toBe("D7:D9");
    expect(cf.rules.map((r) => [r.type, r.operator, r.formulae])).toEqual([
      ["cellIs", "equal", ['"Off track"']],
      ["cellIs", "equal", ['"On track"']],
    ]);
    expect(cf.rules[0].style?.fill?.bgColor?.argb).toBe("FFF8D7DA");
    expect(cf.rules[0].style?.font?.color?.argb).toBe("FF842029");
    // The data bar as exceljs reads it back: fixed bounds 0 and 1, the layout's colour.
    const bar = conditionalFormattings(ws)[1];
    expect(bar.ref).toBe("E7:E9");
    expect(bar.rules.map((r) => [r.type, r.cfvo, r.color?.argb])).toEqual([
      [
        "dataBar",
        [
          { type: "num", value: 0 },
          { type: "num", value: 1 },
        ],
        "FF638EC6",
      ],
    ]);
  });

  it("writes text that looks like a formula as text, never as a formula", async () => {
    const workbook = await openXlsx(await planFile());
    await workbook.writeReport(smallLayout());
    const output = newPath("tricky.xlsx");
    await workbook.save(output);

    const ws = (await loadWithExceljs(output)).getWorksheet("Gap Analysis")!;
    TRICKY_TEXTS.forEach((text, i) => {
      const cell = ws.getCell(4, 2 + i);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    });
    expect(ws.getCell("A9").value).toBe("=1+1");
    expect(await sheetXml(output, "Gap Analysis")).not.toMatch(/<f[ >]/);
  });

  it("replaces its own earlier report in place and leaves the other sheets alone", async () => {
    const first = await planFile();
    let workbook = await openXlsx(first);
    await workbook.writeReport(smallLayout("Gap Analysis", "first run"));
    await workbook.save(first);
    // Move the report between the user's sheets, as a user might.
    const arranged = await loadWithExceljs(first);
    const notes = arranged.getWorksheet("Notes")!;
    (notes as unknown as { orderNo: number }).orderNo = 99;
    await arranged.xlsx.writeFile(first);

    workbook = await openXlsx(first);
    const longer = smallLayout("gap analysis", "second run");
    await workbook.writeReport({ ...longer, cells: longer.cells.filter((cell) => cell.row < 3) });
    await workbook.save(first);

    const back = await loadWithExceljs(first);
    expect(back.worksheets.map((ws) => ws.name)).toEqual(["Plan", "gap analysis", "Notes"]);
    const report = back.getWorksheet("gap analysis")!;
    expect(report.getCell("A2").value).toBe("second run");
    expect(report.getCell("B4").value).toBeNull(); // nothing left over from the first run
    expect(back.getWorksheet("Notes")!.getCell("C2").value).toBe("my own notes");
    const sheets = await everySheet(await openXlsx(first));
    expect(sheets.map((s) => s.tables?.map((t) => t.name))).toEqual([["tblPlan"], ["CvmKpiGaps", "CvmFindings"], []]);
  });

  it.each([true, false])("keeps a table as Excel wrote it (filter buttons %s), byte for byte", async (filterButtons) => {
    const file = await planFile();
    await makeTableLookExcelMade(file, "tblPlan", filterButtons);
    const before = (await tableXmls(file)).find((t) => t.includes('name="tblPlan"'));
    const workbook = await openXlsx(file);
    await workbook.writeReport(smallLayout());
    await workbook.save(file);
    expect((await tableXmls(file)).find((t) => t.includes('name="tblPlan"'))).toBe(before);
  });

  it("refuses to overwrite a sheet of that name it did not write, leaving the file unchanged", async () => {
    const file = await saveWorkbook((workbook) => {
      const ws = workbook.addWorksheet("Gap Analysis");
      ws.getCell("A1").value = "My own gap analysis";
    });
    const before = sha256(file);
    const workbook = await openXlsx(file);
    await expect(workbook.writeReport(smallLayout("GAP ANALYSIS"))).rejects.toBeInstanceOf(ForeignSheetError);
    expect(sha256(file)).toBe(before);
    expect((await sheetNamed(file, "Gap Analysis")).values).toEqual([["My own gap analysis"]]);
  });

  it("refuses a table name another sheet already uses, before changing anything", async () => {
    const file = await saveWorkbook((workbook) => {
      workbook.addWorksheet("Data").addTable({ name: "cvmkpigaps", ref: "A1", columns: [{ name: "A" }], rows: [[1]] });
    });
    const workbook = await openXlsx(file);
    await expect(workbook.writeReport(smallLayout())).rejects.toThrow(TableNameClashError);
    expect(workbook.sheetNames).toEqual(["Data"]);
  });

  it("saves through a temporary file and leaves none behind", async () => {
    const input = await planFile();
    const workbook = await openXlsx(input);
    await workbook.writeReport(smallLayout());
    await workbook.save(input);
    expect(fs.readdirSync(path.dirname(input))).toEqual([path.basename(input)]);
  });

  it("reports a folder it cannot write to, leaving the target untouched and no temporary file", async () => {
    const input = await planFile();
    const before = sha256(input);
    const workbook = await openXlsx(input);
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const open = jest.spyOn(fs.promises, "open").mockRejectedValueOnce(denied);
    try {
      await expect(workbook.save(input)).rejects.toThrow(/no permission to write in the folder/);
    } finally {
      open.mockRestore();
    }
    expect(sha256(input)).toBe(before);
    expect(fs.readdirSync(path.dirname(input))).toEqual([path.basename(input)]);
  });

  it("reports a missing folder and a target that is a folder", async () => {
    const workbook = await openXlsx(await planFile());
    await expect(workbook.save(path.join(dir, "no-such-folder", "out.xlsx"))).rejects.toThrow(XlsxWriteError);
    const folderTarget = newPath("out.xlsx");
    fs.mkdirSync(folderTarget);
    fs.writeFileSync(path.join(folderTarget, "keep.txt"), "keep");
    await expect(workbook.save(folderTarget)).rejects.toThrow(XlsxWriteError);
    expect(fs.readdirSync(folderTarget)).toEqual(["keep.txt"]);
    expect(fs.readdirSync(path.dirname(folderTarget))).toEqual(["out.xlsx"]);
  });
});

describe("the report's chart", () => {
  it("is the native chart the task pane writes: budget share against weight per bet, beside the header", async () => {
    const { analyzeSheets } = await import("../../src/domain/analysis/analyze");
    const { buildReportLayout } = await import("../../src/domain/sheets/report");
    const input = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
    const workbook = await openXlsx(input);
    const layout = buildReportLayout(analyzeSheets(await workbook.readSheets()), { runAt: new Date(2026, 0, 15) });
    await workbook.writeReport(layout);
    const output = newPath("chart.xlsx");
    await workbook.save(output);

    const zip = await zipEntries(output);
    const sheetRels = await zip
      .file(/xl\/worksheets\/_rels\/sheet\d+\.xml\.rels/)
      .at(-1)!
      .async("string");
    const drawingTarget = /Type="[^"]*\/drawing" Target="([^"]+)"/.exec(sheetRels)?.[1];
    expect(drawingTarget).toMatch(/^\.\.\/drawings\/drawing\d+\.xml$/);
    const drawing = await zip.file(`xl/drawings/${path.basename(drawingTarget!)}`)!.async("string");
    // From D1 to J9: right of the header block, above the first section (as in Excel through Office.js).
    expect(drawing).toContain("<xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row>");
    expect(drawing).toContain("<xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row>");
    const chart = await zip.file(/xl\/charts\/chart\d+\.xml/)[0].async("string");
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect([...chart.matchAll(/<c:val><c:numRef><c:f>([^<]+)<\/c:f>/g)].map((m) => m[1])).toEqual([
      "'CVM Gap Analysis'!$J$12:$J$16",
      "'CVM Gap Analysis'!$L$12:$L$16",
    ]);
    expect([...chart.matchAll(/<c:cat><c:strRef><c:f>([^<]+)<\/c:f>/g)].map((m) => m[1])).toEqual([
      "'CVM Gap Analysis'!$A$12:$A$16",
      "'CVM Gap Analysis'!$A$12:$A$16",
    ]);
    // The cached values are the report's figures, so a viewer shows them before recalculating.
    expect(chart).toContain('<c:pt idx="0"><c:v>0.3</c:v></c:pt>');
    expect(chart).toContain("<c:v>Budget share</c:v>");
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
  });
});
