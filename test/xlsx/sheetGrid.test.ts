/**
 * Row and column numbers Excel's grid cannot hold (rows past 1,048,576, columns past XFD) and
 * references that are none (r="1.5", r="A0", a cell in another row than its row element) are
 * refused with a stop error naming the sheet and the cell or row, before anything is allocated
 * for them: one row numbered 50,000,000 once took gigabytes and half a minute, r="1.5" and
 * r="4294967296" ended in internal error text. Memory and time of the refusals are measured in
 * bench/readBounds.ts, not here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { StopError } from "../../src/domain/common/stopErrors";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { readWorksheet, SheetGridError } from "../../src/adapters/xlsx/worksheetReader";
import { tempDir } from "../../testkit/xlsx";

const CONTEXT = { sharedStrings: [], dateStyles: new Set<number>(), date1904: false };
const sheetXml = (rows: string) =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>${rows}</sheetData></worksheet>`;
const read = (rows: string) => readWorksheet("Bets", sheetXml(rows), CONTEXT);

describe("the worksheet reader refuses what Excel's grid cannot hold", () => {
  it.each([
    [
      "a row numbered 50,000,000",
      '<row r="50000000"><c r="A50000000"><v>2</v></c></row>',
      /row 50,000,000 is past Excel's last row, 1,048,576/,
    ],
    [
      "a row numbered 4294967296",
      '<row r="4294967296"><c r="A4294967296"><v>2</v></c></row>',
      /row 4,294,967,296 is past Excel's last row/,
    ],
    ["a row numbered 1,048,577", '<row r="1048577"><c r="A1048577"><v>2</v></c></row>', /row 1,048,577 is past Excel's last row/],
    ["a row numbered with more digits than a number holds", `<row r="${"9".repeat(400)}"/>`, /row 9{400} is past Excel's last row/],
    ['a row numbered r="1.5"', '<row r="1.5"><c r="A2"><v>2</v></c></row>', /a row is numbered r="1\.5", which is not a row number/],
    ['a row numbered r="1e3"', '<row r="1e3"/>', /r="1e3", which is not a row number/],
    ['a row numbered r="-2"', '<row r="-2"/>', /r="-2", which is not a row number/],
    ['a row numbered r=""', '<row r=""/>', /r="", which is not a row number/],
    ["a row numbered 0", '<row r="0"/>', /rows count from 1/],
    ["a cell past column XFD", '<row r="2"><c r="XFE2"><v>2</v></c></row>', /the cell XFE2 is past Excel's last column, XFD/],
    [
      "a cell with a long run of letters",
      '<row r="2"><c r="AAAAAAAAAAAAAAAAAAAAAAAA2"><v>2</v></c></row>',
      /past Excel's last column, XFD/,
    ],
    [
      "a cell past the last row in an unnumbered row",
      '<row><c r="A1048577"><v>2</v></c></row>',
      /the cell A1048577 is past Excel's last row, 1,048,576/,
    ],
    ['a cell at r="A1.5"', '<row r="2"><c r="A1.5"><v>2</v></c></row>', /a cell is at r="A1\.5", which is not a cell reference/],
    ['a cell at r="2A"', '<row r="2"><c r="2A"><v>2</v></c></row>', /r="2A", which is not a cell reference/],
    ['a cell at r="A"', '<row r="2"><c r="A"><v>2</v></c></row>', /r="A", which is not a cell reference/],
    ['a cell at r="A0"', '<row r="2"><c r="A0"><v>2</v></c></row>', /r="A0", which is not a cell reference/],
    ['a cell at r="$A$2"', '<row r="2"><c r="$A$2"><v>2</v></c></row>', /r="\$A\$2", which is not a cell reference/],
    [
      "a cell whose reference names another row than its row element",
      '<row r="3"><c r="B5"><v>2</v></c></row>',
      /the cell B5 is inside row 3/,
    ],
  ])("refuses %s, naming it", (_, rows, message) => {
    expect(() => read(rows)).toThrow(SheetGridError);
    expect(() => read(rows)).toThrow(message);
  });

  it("refuses the 16,385th cell of a row written without references", () => {
    const cells = "<c><v>1</v></c>".repeat(16_385);
    expect(() => read(`<row r="2">${cells}</row>`)).toThrow(/row 2 has a cell past Excel's last column, XFD/);
    expect(read(`<row r="2">${"<c><v>1</v></c>".repeat(16_384)}</row>`).sheet.values[1]).toHaveLength(16_384);
  });

  it("refuses a cell in a row numbered past the last by counting unnumbered rows", () => {
    expect(() => read('<row r="1048576"><c r="A1048576"><v>2</v></c></row><row><c><v>3</v></c></row>')).toThrow(
      /a row after row 1,048,576 has a cell, past Excel's last row/,
    );
  });

  it("reads the last cell of the grid, XFD1048576", () => {
    const sheet = readWorksheet(
      "Bets",
      sheetXml("").replace('<row r="1"><c r="A1"><v>1</v></c></row>', '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'),
      CONTEXT,
    ).sheet;
    expect(sheet.origin).toEqual({ row: 1_048_575, col: 16_383 });
    expect(sheet.values).toEqual([[7]]);
  });

  it("places an unnumbered row where its first cell's reference says, and the next unnumbered row after it", () => {
    const sheet = read('<row><c r="B4"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>').sheet;
    expect(sheet.values).toEqual([[1], [], [], [null, 4, 5], [6]]);
  });

  it("reads rows with leading zeros and lower-case references as before", () => {
    expect(read('<row r="002"><c r="b2"><v>2</v></c></row>').sheet.values).toEqual([[1], [null, 2]]);
  });
});

describe("a plan with a row Excel cannot hold", () => {
  const dir = tempDir("cvm-gap-grid-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The xlsxwriter fixture with rows added to the end of its Bets sheet (xl/worksheets/sheet1.xml). */
  async function planWith(rows: string): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(__dirname, "..", "fixtures", "xlsx", "xlsxwriter.xlsx")));
    const xml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml).toContain("</sheetData>");
    zip.file("xl/worksheets/sheet1.xml", xml.replace("</sheetData>", `${rows}</sheetData>`));
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  it("is refused with a stop error naming the file, the sheet and the row", async () => {
    const workbook = await openXlsxBytes(await planWith('<row r="50000000"><c r="A50000000"><v>1</v></c></row>'), "plan.xlsx");
    const refusal = workbook.readSheets();
    await expect(refusal).rejects.toThrow(StopError);
    await expect(refusal).rejects.toThrow(
      /The sheet "Bets" of plan\.xlsx cannot be read.*row 50,000,000 is past Excel's last row, 1,048,576/,
    );
  });

  it("stops the command line with exit 1 and one plain message, writing nothing", async () => {
    const plan = path.join(dir, "plan.xlsx");
    fs.writeFileSync(plan, await planWith('<row r="7"><c r="A1.5"><v>1</v></c></row>'));
    const errors: string[] = [];
    expect(await main(["analyze", plan], { out: () => undefined, err: (t) => errors.push(t) })).toBe(1);
    expect(errors.join("\n")).toMatch(/The sheet "Bets" of "?.*plan\.xlsx"? cannot be read.*r="A1\.5", which is not a cell reference/);
    expect(errors.join("\n")).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir)).toEqual(["plan.xlsx"]);
  });
});
