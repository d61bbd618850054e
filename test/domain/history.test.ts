/**
 * The CVM History sheet: one snapshot per written report, rows only ever appended and carried
 * over exactly as read, a fingerprint that recognises an unchanged plan, and a score chart.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { cellAddress, parseRangeAddress, type SheetData } from "../../src/domain/common/cells";
import {
  appendHistory,
  buildHistoryLayout,
  EMPTY_HISTORY,
  fitHistory,
  HISTORY_SHEET_NAME,
  HISTORY_TABLE_ROWS,
  historyFromSheet,
  planFingerprint,
  snapshotRows,
  type HistoryRows,
} from "../../src/domain/review/history";
import { HISTORY_TABLE_NAMES, type HistoryDetail, type HistoryRun } from "../../src/domain/review/historyTables";
import { excelSerial } from "../../src/domain/sheets/layoutParts";
import { checkWithinGrid, OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { EXCEL_ROWS, layoutExtent } from "../../src/domain/sheets/sheetGrid";
import { SheetTooLargeError } from "../../src/domain/common/stopErrors";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";

const sheets = sampleSheets();
const result = analyzeSheets(sheets);
const FIRST = new Date(2026, 10, 20, 9, 30, 0);
const SECOND = new Date(2026, 11, 18, 14, 0, 0);

/** The history sheet as an adapter reads it back after writing the layout. */
async function written(rows: Parameters<typeof buildHistoryLayout>[0]): Promise<SheetData> {
  const workbook = new MemoryWorkbook(sampleSheets());
  await workbook.writeReport(buildHistoryLayout(rows));
  return workbook.sheet(HISTORY_SHEET_NAME) as SheetData;
}

describe("planFingerprint", () => {
  it("is the same for the same content and differs when one cell does", () => {
    const fingerprint = planFingerprint(sheets);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(planFingerprint(sampleSheets())).toBe(fingerprint);
    expect(planFingerprint([...sampleSheets()].reverse())).toBe(fingerprint);
    const changed = sampleSheets().map((s) =>
      s.name === "KPIs" ? { ...s, values: s.values.map((row, r) => (r === 1 ? [...row.slice(0, 8), 2941, ...row.slice(9)] : row)) } : s,
    );
    expect(planFingerprint(changed)).not.toBe(fingerprint);
    // A number and the same digits typed as text are different content.
    expect(planFingerprint([{ name: "A", values: [[1]], origin: { row: 0, col: 0 } }])).not.toBe(
      planFingerprint([{ name: "A", values: [["1"]], origin: { row: 0, col: 0 } }]),
    );
  });
});

describe("snapshotRows", () => {
  const rows = snapshotRows(result, FIRST, "0123456789abcdef");

  it("gives one run row with the score, the KPI statuses, the findings by severity and the budgets", () => {
    expect(rows.runs).toEqual([
      {
        runAt: excelSerial(FIRST),
        score: result.score,
        "On track": 4,
        "At risk": 5,
        "Off track": 6,
        "No data": 1,
        error: 0,
        warning: 21,
        info: 2,
        budget: 5_980_000,
        untracedBudget: 440_000,
        fingerprint: "0123456789abcdef",
      },
    ]);
    // Written in the columns' order.
    expect(buildHistoryLayout(rows).tables[0].rows).toEqual([
      [excelSerial(FIRST), result.score, 4, 5, 6, 1, 0, 21, 2, 5_980_000, 440_000, "0123456789abcdef"],
    ]);
  });

  it("gives one detail row per bet and per KPI", () => {
    expect(rows.detail).toHaveLength(result.bets.length + result.kpis.length);
    expect(rows.detail[0]).toEqual({
      runAt: excelSerial(FIRST),
      item: "Bet",
      id: "B1",
      name: "Win the converged household",
      coverage: 1,
      budgetShare: expect.closeTo(0.4105, 4),
      value: null,
      target: null,
      status: null,
      closure: null,
    });
    expect(rows.detail.find((r) => r.id === "K2")).toEqual({
      runAt: excelSerial(FIRST),
      item: "KPI",
      id: "K2",
      name: "Converged net adds per month",
      coverage: null,
      budgetShare: null,
      value: 6000,
      target: 9000,
      status: "Off track",
      closure: "Partly closed",
    });
    // Written in the columns' order.
    const written = buildHistoryLayout(rows).tables[1].rows;
    expect(written[0]).toEqual([
      excelSerial(FIRST),
      "Bet",
      "B1",
      "Win the converged household",
      1,
      expect.closeTo(0.4105, 4),
      null,
      null,
      null,
      null,
    ]);
    expect(written.find((r) => r[2] === "K2")).toEqual([
      excelSerial(FIRST),
      "KPI",
      "K2",
      "Converged net adds per month",
      null,
      null,
      6000,
      9000,
      "Off track",
      "Partly closed",
    ]);
  });
});

describe("the history sheet", () => {
  it("is owned like the report, with a score chart over the runs", () => {
    const layout = buildHistoryLayout(snapshotRows(result, FIRST, "f"));
    expect(layout.sheetName).toBe("CVM History");
    expect(layout.cells.find((c) => c.row === 1 && c.col === 0)?.value).toBe(OWNER_MARKER);
    expect(layout.tables.map((t) => t.name)).toEqual([HISTORY_TABLE_NAMES.runs, HISTORY_TABLE_NAMES.detail]);
    expect(layout.charts).toEqual([expect.objectContaining({ kind: "line", table: HISTORY_TABLE_NAMES.runs, categories: 0, series: [1] })]);
    expect(buildHistoryLayout(EMPTY_HISTORY).charts).toEqual([]);
  });

  it("reads back to its rows, and an empty history to none", async () => {
    const rows = snapshotRows(result, FIRST, "f");
    expect(historyFromSheet(await written(rows))).toEqual(rows);
    expect(historyFromSheet(await written(EMPTY_HISTORY))).toEqual(EMPTY_HISTORY);
  });

  it("reads each column by its header: a column a planner inserted in CVM_History is left out, every other carried over", async () => {
    const rows = snapshotRows(result, FIRST, "f");
    const sheet = await written(rows);
    const runs = sheet.tables?.find((t) => t.name === HISTORY_TABLE_NAMES.runs);
    const bounds = runs && parseRangeAddress(runs.range);
    if (!bounds) throw new Error("no CVM_History table");
    // A column typed into the table after Score: every cell right of it moves one column on.
    const at = bounds.left + 2;
    const inserted: SheetData = {
      ...sheet,
      values: sheet.values.map((line, r) => {
        const added = r === bounds.top ? "Checked by" : r > bounds.top && r <= bounds.bottom ? "CFO" : null;
        return [...line.slice(0, at), added, ...line.slice(at)];
      }),
      tables: sheet.tables?.map((t) => {
        const b = parseRangeAddress(t.range);
        if (!b) return t;
        const [left, right] = [b.left >= at ? b.left + 1 : b.left, b.right >= at ? b.right + 1 : b.right];
        return { ...t, range: `${cellAddress(b.top, left)}:${cellAddress(b.bottom, right)}` };
      }),
    };
    expect(historyFromSheet(inserted)).toEqual(rows);
  });

  it("only ever appends: the earlier rows come back exactly as they were read", async () => {
    const first = historyFromSheet(await written(snapshotRows(result, FIRST, "f1")));
    // Someone typed a note into an earlier row's fingerprint cell: it stays as typed.
    const edited = { ...first, runs: [{ ...first.runs[0], fingerprint: "checked by CFO" }] };
    const second = historyFromSheet(await written(appendHistory(edited, snapshotRows(result, SECOND, "f2"))));
    expect(second.runs).toHaveLength(2);
    expect(second.runs[0]).toEqual(edited.runs[0]);
    expect(second.runs[1].runAt).toBe(excelSerial(SECOND));
    expect(second.detail).toHaveLength(2 * (result.bets.length + result.kpis.length));
    expect(second.detail.slice(0, first.detail.length)).toEqual(first.detail);
  });
});

/**
 * A history of `sizes.length` runs, run i with sizes[i] detail rows. Rows only: the detail rows of
 * one run are one shared record, so a million of them cost a million references, not a million rows.
 */
function generatedHistory(sizes: readonly number[], firstRun = 0): HistoryRows {
  const runs: HistoryRun[] = [];
  const detail: HistoryDetail[] = [];
  sizes.forEach((size, n) => {
    const i = firstRun + n;
    const at = excelSerial(FIRST) + 7 * i;
    runs.push({
      runAt: at,
      score: 0.5 + i / 1000,
      "On track": 1,
      "At risk": 2,
      "Off track": 3,
      "No data": 0,
      error: 0,
      warning: 4,
      info: 1,
      budget: 1_000_000,
      untracedBudget: 0,
      fingerprint: `run${i}`,
    });
    const row: HistoryDetail = {
      runAt: at,
      item: "KPI",
      id: "K1",
      name: "Generated KPI",
      coverage: null,
      budgetShare: null,
      value: 10,
      target: 12,
      status: "At risk",
      closure: "Partly closed",
    };
    for (let k = 0; k < size; k++) detail.push(row);
  });
  return { runs, detail };
}

describe("the history within Excel's rows", () => {
  it("fits exactly: a detail table of 1,048,555 rows ends on row 1,048,576, one more is refused unless the history is fitted", () => {
    expect(HISTORY_TABLE_ROWS).toBe(1_048_555);
    const full = generatedHistory([HISTORY_TABLE_ROWS - 10, 10]);
    expect(fitHistory(full)).toBe(full);
    const layout = buildHistoryLayout(full);
    expect(layoutExtent(layout).lastRow + 1).toBe(EXCEL_ROWS);
    expect(() => checkWithinGrid(layout)).not.toThrow();
    const over = generatedHistory([HISTORY_TABLE_ROWS - 10, 11]);
    expect(() => checkWithinGrid(buildHistoryLayout(over))).toThrow(SheetTooLargeError);
  });

  it("keeps a plan of 10,000 KPIs within Excel's rows past about a hundred reviews: the oldest runs' detail goes, every run's line stays", () => {
    // 5 bets and 10,000 KPIs: 10,005 detail rows a review; 104 of them fit, the 105th does not.
    const perRun = 10_005;
    const history = generatedHistory(Array<number>(105).fill(perRun));
    expect(history.detail.length).toBeGreaterThan(HISTORY_TABLE_ROWS);
    const fitted = fitHistory(history);
    expect(fitted.runs).toBe(history.runs);
    expect(fitted.detail).toHaveLength(104 * perRun);
    expect(fitted.detail[0].runAt).toBe(history.runs[1].runAt);
    expect(fitted.detail.at(-1)).toBe(history.detail.at(-1));
    const layout = buildHistoryLayout(fitted);
    expect(layoutExtent(layout).lastRow + 1).toBeLessThanOrEqual(EXCEL_ROWS);
    expect(() => checkWithinGrid(layout)).not.toThrow();
    expect(layout.tables[0].rows).toHaveLength(105);
    expect(layout.cells.find((c) => c.row === 2 && c.col === 3)?.value).toBe(
      "The bets and KPIs of the oldest run (to 2026-11-20 09:30) are no longer in the detail table: the oldest runs' detail goes first when the sheet would pass Excel's 1,048,576 rows. Their lines in Runs are kept whole.",
    );
    // The next review drops one more run's detail, never a run.
    const next = fitHistory(appendHistory(fitted, generatedHistory([perRun], 105)));
    expect(next.runs).toHaveLength(106);
    expect(next.detail[0].runAt).toBe(history.runs[2].runAt);
    expect(buildHistoryLayout(next).cells.find((c) => c.row === 2 && c.col === 3)?.value).toMatch(
      /^The bets and KPIs of the 2 oldest runs \(to 2026-11-27 09:30\)/,
    );
  });

  it("leaves a history that fits as it is, with no note", () => {
    const history = generatedHistory([21, 21]);
    expect(fitHistory(history)).toBe(history);
    expect(buildHistoryLayout(history).cells.some((c) => c.row === 2 && c.col === 3)).toBe(false);
  });

  it("reads a fitted sheet back with every run whole and the kept detail as written, and says so again on the next write", async () => {
    // The same cut as at full size, on a budget of 50 rows so that the sheet is rendered and read back in a moment.
    const history = generatedHistory([20, 20, 20, 20]);
    const fitted = fitHistory(history, 50);
    expect(fitted.detail).toHaveLength(40);
    const back = historyFromSheet(await written(fitted));
    expect(back.runs).toEqual(history.runs);
    expect(back.detail).toEqual(fitted.detail);
    expect(back.detail[0].runAt).toBe(history.runs[2].runAt);
    expect(buildHistoryLayout(back).cells.find((c) => c.row === 2 && c.col === 3)?.value).toMatch(
      /^The bets and KPIs of the 2 oldest runs/,
    );
  });

  it("stops with a message, writing nothing, when this review's own detail does not fit", () => {
    const history = generatedHistory([10, 60]);
    expect(() => fitHistory(history, 50)).toThrow(SheetTooLargeError);
    expect(() => fitHistory(history, 50)).toThrow(
      'This review has 60 bets and KPIs to keep in the "CVM History" sheet, and Excel has room for 50 rows under its tables: nothing was written.',
    );
  });

  it("stops with a message when the runs themselves would pass the rows Excel has", () => {
    expect(() => fitHistory(generatedHistory([0, 0, 0]), 2)).toThrow(
      'The "CVM History" sheet would hold 3 reviews, and Excel has room for 2 rows under its tables: nothing was written.',
    );
  });
});
