/**
 * The CVM History sheet: one snapshot per written report, rows only ever appended and carried
 * over exactly as read, a fingerprint that recognises an unchanged plan, and a score chart.
 */
import { analyzeSheets } from "../../src/domain/analyze";
import type { SheetData } from "../../src/domain/cells";
import { appendHistory, buildHistoryLayout, EMPTY_HISTORY, HISTORY_SHEET_NAME, HISTORY_TABLE_NAMES, historyFromSheet, planFingerprint, snapshotRows } from "../../src/domain/history";
import { excelSerial } from "../../src/domain/layoutParts";
import { OWNER_MARKER } from "../../src/domain/ownership";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";

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
    const changed = sampleSheets().map((s) => (s.name === "KPIs" ? { ...s, values: s.values.map((row, r) => (r === 1 ? [...row.slice(0, 8), 2941, ...row.slice(9)] : row)) } : s));
    expect(planFingerprint(changed)).not.toBe(fingerprint);
    // A number and the same digits typed as text are different content.
    expect(planFingerprint([{ name: "A", values: [[1]], origin: { row: 0, col: 0 } }])).not.toBe(planFingerprint([{ name: "A", values: [["1"]], origin: { row: 0, col: 0 } }]));
  });
});

describe("snapshotRows", () => {
  const rows = snapshotRows(result, FIRST, "0123456789abcdef");

  it("gives one run row with the score, the KPI statuses, the findings by severity and the budgets", () => {
    expect(rows.runs).toEqual([[excelSerial(FIRST), result.score, 4, 5, 6, 1, 0, 21, 2, 5_980_000, 440_000, "0123456789abcdef"]]);
  });

  it("gives one detail row per bet and per KPI", () => {
    expect(rows.detail).toHaveLength(result.bets.length + result.kpis.length);
    expect(rows.detail[0]).toEqual([excelSerial(FIRST), "Bet", "B1", "Win the converged household", 1, expect.closeTo(0.4105, 4), null, null, null, null]);
    expect(rows.detail.find((r) => r[2] === "K2")).toEqual([excelSerial(FIRST), "KPI", "K2", "Converged net adds per month", null, null, 6000, 9000, "Off track", "Partly closed"]);
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

  it("only ever appends: the earlier rows come back exactly as they were read", async () => {
    const first = historyFromSheet(await written(snapshotRows(result, FIRST, "f1")));
    // Someone typed a note into an earlier row's fingerprint cell: it stays as typed.
    const edited = { ...first, runs: [[...first.runs[0].slice(0, 11), "checked by CFO"]] };
    const second = historyFromSheet(await written(appendHistory(edited, snapshotRows(result, SECOND, "f2"))));
    expect(second.runs).toHaveLength(2);
    expect(second.runs[0]).toEqual(edited.runs[0]);
    expect(second.runs[1][0]).toBe(excelSerial(SECOND));
    expect(second.detail).toHaveLength(2 * (result.bets.length + result.kpis.length));
    expect(second.detail.slice(0, first.detail.length)).toEqual(first.detail);
  });
});
