import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ReportLayout } from "../../src/domain/reportLayout";
import { OWNER_MARKER } from "../../src/domain/reportLayout";
import { ForeignSheetError } from "../../src/workbook/port";
import { openXlsx, XlsxReadError, XlsxWriteError } from "../../src/workbook/xlsxFile";
import { readBack, sha256, tempDir, writeXlsx } from "../helpers/xlsx";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function richWorkbook(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const plain = workbook.addWorksheet("Plain");
  plain.getCell("B1").value = "A title";
  plain.getCell("B3").value = "ID";
  plain.getCell("C3").value = "Value";
  plain.getCell("B4").value = "X1";
  plain.getCell("C4").value = { formula: "1+1", result: 2 };
  plain.getCell("B6").value = { richText: [{ text: "Rich " }, { text: "text" }] };
  plain.getCell("C6").value = { error: "#N/A" };
  plain.getCell("D6").value = new Date(Date.UTC(2026, 2, 31));
  plain.getCell("E6").value = { text: "a link", hyperlink: "https://example.com" };
  plain.getCell("F6").value = { formula: "NOW()" };
  const withTable = workbook.addWorksheet("Tabled");
  withTable.addTable({ name: "tblThings", ref: "C2", headerRow: true, columns: [{ name: "ID" }, { name: "Name" }], rows: [["T1", "One"], ["T2", "Two"]] });
  workbook.addWorksheet("Empty");
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("reading", () => {
  it("gives each sheet's used range with its origin, values and tables", async () => {
    const file = await richWorkbook(path.join(dir, "rich.xlsx"));
    const sheets = await (await openXlsx(file)).readSheets();
    expect(sheets.map((s) => s.name)).toEqual(["Plain", "Tabled", "Empty"]);
    const [plain, tabled, empty] = sheets;
    expect(plain.origin).toEqual({ row: 0, col: 1 });
    expect(plain.values).toEqual([
      ["A title"],
      [],
      ["ID", "Value"],
      ["X1", 2],
      [],
      ["Rich text", { error: "#N/A" }, new Date(Date.UTC(2026, 2, 31)), "a link"],
    ]);
    expect(tabled.tables).toEqual([{ name: "tblThings", range: "C2:D4" }]);
    expect(tabled.origin).toEqual({ row: 1, col: 2 });
    expect(empty.values).toEqual([]);
  });
});

describe("refusing what is not an .xlsx workbook", () => {
  const cases: [string, (file: string) => void, RegExp][] = [
    ["a missing file", () => undefined, /was not found/],
    ["an empty file", (f) => fs.writeFileSync(f, ""), /is empty/],
    ["a CSV renamed", (f) => fs.writeFileSync(f, "Bet ID,Strategic Bet\nB1,Win\n"), /looks like text, such as a CSV file/],
    ["a legacy .xls or password-protected file", (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(600)])), /legacy \.xls workbook or an \.xlsx protected with a password/],
    ["a folder", (f) => fs.mkdirSync(f), /is a folder/],
  ];
  it.each(cases)("refuses %s with a message that says what to do", async (_, make, message) => {
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.xlsx`);
    make(file);
    await expect(openXlsx(file)).rejects.toThrow(XlsxReadError);
    await expect(openXlsx(file)).rejects.toThrow(message);
  });

  it("refuses a truncated workbook and leaves it as it was", async () => {
    const whole = await writeXlsx(path.join(dir, "whole.xlsx"), [{ name: "Bets", rows: [["Bet ID"], ["B1"]] }]);
    const cut = path.join(dir, "cut.xlsx");
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = sha256(cut);
    await expect(openXlsx(cut)).rejects.toThrow(/could not be read as an \.xlsx workbook; it may be damaged/);
    expect(sha256(cut)).toBe(before);
  });
});

function layout(sheetName = "CVM Gap Analysis"): ReportLayout {
  return {
    sheetName,
    cells: [
      { row: 0, col: 0, value: "CVM Gap Analysis", style: "title" },
      { row: 1, col: 0, value: OWNER_MARKER, style: "note" },
      { row: 2, col: 1, value: 0.5, format: "percent" },
    ],
    tables: [
      {
        name: "CVM_Test",
        row: 4,
        col: 0,
        columns: [{ header: "Item", format: "text" }, { header: "Budget", format: "money" }, { header: "Status", format: "text" }],
        rows: [["=1+1", 1250, "On track"], ["+SUM(A1)", 30, "Off track"], ["@risk", null, "At risk"], ["-3 things", 0.5, "No data"]],
        cellFormats: [[undefined, undefined, undefined], [undefined, undefined, undefined], [undefined, undefined, undefined], [undefined, "percent", undefined]],
        statusColumns: [2],
      },
    ],
    statusRules: [
      { text: "On track", fill: "C6EFCE", font: "006100" },
      { text: "Off track", fill: "FFC7CE", font: "9C0006" },
    ],
    columnWidths: [20, 12, 10],
  };
}

async function sheetXml(file: string, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="(rId\\d+)"`).exec(workbookXml ?? "")?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels ?? "")?.[1] ?? "";
  return (await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)?.async("string")) ?? "";
}

describe("writing the report", () => {
  it("writes cells, a real table, number formats and status colours, and user text as text", async () => {
    const input = await writeXlsx(path.join(dir, "plan.xlsx"), [{ name: "Bets", rows: [["Bet ID"], ["B1"]] }]);
    const workbook = await openXlsx(input);
    await workbook.writeReport(layout());
    const out = path.join(dir, "plan.out.xlsx");
    await workbook.save(out);

    const back = await readBack(out);
    const ws = back.getWorksheet("CVM Gap Analysis");
    if (!ws) throw new Error("no report sheet");
    expect(ws.getCell("A2").value).toBe(OWNER_MARKER);
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect([ws.getCell("A6").value, ws.getCell("A7").value, ws.getCell("A8").value, ws.getCell("A9").value]).toEqual(["=1+1", "+SUM(A1)", "@risk", "-3 things"]);
    expect(ws.getCell("B6").numFmt).toBe("#,##0");
    expect(ws.getCell("B9").numFmt).toBe("0.0%");
    expect(ws.getColumn(1).width).toBe(20);

    const xml = await sheetXml(out, "CVM Gap Analysis");
    expect(xml).not.toContain("<f>");
    expect(xml).toContain('<tablePart r:id=');
    expect(xml).toMatch(/<conditionalFormatting sqref="C6:C9">/);
    expect(xml).toContain("<formula>&quot;On track&quot;</formula>");
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const tableXml = await zip.file(/xl\/tables\/table\d+\.xml/)[0].async("string");
    expect(tableXml).toMatch(/name="CVM_Test"[^>]*ref="A5:C9"|ref="A5:C9"[^>]*name="CVM_Test"/);
    const styles = await zip.file("xl/styles.xml")?.async("string");
    expect(styles).toContain("FFC6EFCE");
    expect(back.getWorksheet("Bets")?.getCell("A2").value).toBe("B1");
  });

  it("replaces its own earlier report where it was and leaves the other sheets alone", async () => {
    const file = path.join(dir, "rerun.xlsx");
    await writeXlsx(file, [
      { name: "Bets", rows: [["Bet ID"], ["B1"]] },
      { name: "CVM Gap Analysis", rows: [["CVM Gap Analysis"], [OWNER_MARKER], ["old run"]] },
      { name: "Notes", rows: [["keep me"]] },
    ]);
    const workbook = await openXlsx(file);
    await workbook.writeReport(layout());
    await workbook.save(file);
    const back = await readBack(file);
    expect(back.worksheets.map((w) => w.name)).toEqual(["Bets", "CVM Gap Analysis", "Notes"]);
    const report = back.getWorksheet("CVM Gap Analysis");
    expect(report?.getCell("A3").value).toBeNull();
    expect(report?.getCell("B3").value).toBe(0.5);
    expect(back.getWorksheet("Notes")?.getCell("A1").value).toBe("keep me");
    expect(back.getWorksheet("Bets")?.getCell("A2").value).toBe("B1");
  });

  it("refuses to overwrite a sheet of that name that it did not write", async () => {
    const file = await writeXlsx(path.join(dir, "foreign.xlsx"), [{ name: "cvm gap analysis", rows: [["my own analysis"]] }]);
    const before = sha256(file);
    const workbook = await openXlsx(file);
    await expect(workbook.writeReport(layout())).rejects.toThrow(ForeignSheetError);
    await expect(workbook.writeReport(layout())).rejects.toThrow(/was not written by this add-in/);
    expect(sha256(file)).toBe(before);
  });

  it("reports a folder it cannot write to and leaves no temporary file", async () => {
    const input = await writeXlsx(path.join(dir, "w.xlsx"), [{ name: "Bets", rows: [["Bet ID"], ["B1"]] }]);
    const workbook = await openXlsx(input);
    await expect(workbook.save(path.join(dir, "no-such-folder", "out.xlsx"))).rejects.toThrow(XlsxWriteError);
    await expect(workbook.save(path.join(dir, "no-such-folder", "out.xlsx"))).rejects.toThrow(/the folder does not exist/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
