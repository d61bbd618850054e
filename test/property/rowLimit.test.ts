/**
 * Sheets at Excel's edges: a plan whose tables sit at the bottom right of the grid, and a
 * 1,048,576-row used range handed over sparsely (rows in between left out, as an adapter may).
 * Findings must still name cells that exist on a sheet.
 */
import fc from "fast-check";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { cellAddress, parseCellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { BET_HEADER, KPI_HEADER } from "../../testkit/sheets";

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLS = 16_384;

function expectOnTheGrid(cells: readonly string[]): void {
  for (const cell of cells) {
    const at = parseCellAddress(cell);
    expect({ cell, onGrid: at !== undefined && at.row < EXCEL_ROWS && at.col < EXCEL_COLS }).toEqual({ cell, onGrid: true });
  }
}

const bets: SheetData = { name: "Bets", values: [BET_HEADER, ["B1", "Win", "", "", "", 1]], origin: { row: 0, col: 0 } };

describe("a plan at the bottom right of the grid", () => {
  it("reports bad cells on the last row and column with their real addresses", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: EXCEL_COLS - KPI_HEADER.length }),
        fc.boolean(),
        (rows, col, asTable) => {
          // The last data row is the sheet's last row, 1,048,576.
          const top = EXCEL_ROWS - 1 - rows;
          const values: CellValue[][] = [KPI_HEADER];
          for (let r = 1; r <= rows; r++)
            values.push([`K${r}`, `KPI ${r}`, "", "B1", "", "", "n/a", r === rows ? { error: "#REF!" } : 10, true, "", "", ""]);
          const range = `${cellAddress(top, col)}:${cellAddress(top + rows, col + KPI_HEADER.length - 1)}`;
          const kpis: SheetData = {
            name: "KPIs",
            values,
            origin: { row: top, col },
            tables: asTable ? [{ name: "KPIs", range }] : undefined,
          };
          const result = analyzeSheets([bets, kpis]);
          const targetOfLast = cellAddress(EXCEL_ROWS - 1, col + 7);
          expect(result.findings.some((f) => f.sheet === "KPIs" && f.cell === targetOfLast && f.rule === "BAD_NUMBER")).toBe(true);
          // Every row's baseline ("n/a") is reported in the baseline column.
          expect(result.findings.filter((f) => f.rule === "BAD_NUMBER" && parseCellAddress(f.cell)?.col === col + 6).length).toBe(rows);
          expectOnTheGrid(result.findings.map((f) => f.cell));
          expect(result.kpis).toHaveLength(rows);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("names XFD1048576 for an error in the very last cell", () => {
    const values: CellValue[][] = [
      ["KPI ID", "KPI", "Target"],
      ["K1", "NPS", { error: "#N/A" }],
    ];
    const kpis: SheetData = { name: "KPIs", values, origin: { row: EXCEL_ROWS - 2, col: EXCEL_COLS - 3 } };
    const result = analyzeSheets([bets, kpis]);
    expect(result.findings.find((f) => f.sheet === "KPIs" && f.cell === "XFD1048576")?.rule).toBe("BAD_NUMBER");
  });
});

describe("a 1,048,576-row used range", () => {
  function sparseSheet(fill: "holes" | "empty rows"): SheetData {
    // Header on row 1, one KPI on row 2 and one on the sheet's last row; nothing in between.
    const values: CellValue[][] = fill === "holes" ? new Array<CellValue[]>(EXCEL_ROWS) : Array.from({ length: EXCEL_ROWS }, () => []);
    values[0] = KPI_HEADER;
    values[1] = ["K1", "Churn", "", "B1", "%", "Lower is better", 0.02, 0.015, 0.017];
    values[EXCEL_ROWS - 1] = ["K2", "NPS", "", "B9", "", "", 10, "twenty", 12];
    return { name: "KPIs", values, origin: { row: 0, col: 0 } };
  }

  it.each(["holes", "empty rows"] as const)("reads the first and the last row (rows in between as %s)", (fill) => {
    const result = analyzeSheets([bets, sparseSheet(fill)]);
    expect(result.kpis.map((k) => k.kpiId)).toEqual(["K1", "K2"]);
    const last = result.findings.filter((f) => f.sheet === "KPIs" && f.cell.endsWith(String(EXCEL_ROWS)));
    expect(last.map((f) => [f.rule, f.cell])).toEqual(
      expect.arrayContaining([
        ["BAD_NUMBER", `H${EXCEL_ROWS}`],
        ["UNKNOWN_REFERENCE", `D${EXCEL_ROWS}`],
      ]),
    );
    expectOnTheGrid(result.findings.map((f) => f.cell));
  });
});
