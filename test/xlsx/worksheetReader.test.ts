/**
 * The worksheet reader at the sizes a large plan reaches: 200,000 Impacts rows and more, and as
 * many formula results to write back, must not hit the engine's limit on call arguments.
 */
import { readWorksheet, withValues } from "../../src/adapters/xlsx/worksheetReader";

const CONTEXT = { sharedStrings: ["Initiative ID"], dateStyles: new Set<number>(), date1904: false };
const ROWS = 250_000;

/** A sheetData of ROWS rows: a shared-string header, then the row number in A and B. */
function sheetXml(rows: number): string {
  const parts = [
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
  ];
  for (let r = 2; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><f>A${r}*2</f></c></row>`);
  parts.push("</sheetData></worksheet>");
  return parts.join("");
}

describe("the worksheet reader on a quarter of a million rows", () => {
  const read = readWorksheet("Impacts", sheetXml(ROWS), CONTEXT);

  it("reads every row in place", () => {
    expect(read.sheet.origin).toEqual({ row: 0, col: 0 });
    expect(read.sheet.values).toHaveLength(ROWS);
    expect(read.sheet.values[0][0]).toBe("Initiative ID");
    expect(read.sheet.values[ROWS - 1][0]).toBe(ROWS);
    expect(read.pending).toHaveLength(ROWS - 1);
  });

  it("writes back as many formula results", () => {
    const results = read.pending.map((p) => ({ row: p.row, col: p.col, value: (p.row + 1) * 2 }));
    const sheet = withValues(read.sheet, results);
    expect(sheet.values).toHaveLength(ROWS);
    expect(sheet.values[ROWS - 1]).toEqual([ROWS, ROWS * 2]);
  });
});
