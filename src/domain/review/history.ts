/**
 * The "CVM History" sheet: one snapshot per written report, so that alignment can be followed
 * from review to review in the workbook itself. The sheet is owned like the report (the note in
 * A2). Its rows are only ever appended: the rows already there are carried over as they are read
 * (never recomputed), then the new run's rows follow. Table CVM_History has one row per run,
 * table CVM_HistoryDetail one row per run and bet or KPI, and a line chart shows the score. The
 * two tables stand side by side under the chart, so the longer one (the detail, as soon as a plan
 * has a bet or a KPI) decides whether the sheet fits Excel's rows: when it would not, the oldest
 * runs' detail goes (fitHistory) and their lines in CVM_History stay. Both tables are declared
 * in historyTables.ts, which writes and reads them.
 */
import { serialOfDate, serialText, type CellValue, type SheetData } from "../common/cells";
import { KPI_STATUSES, type KpiStatus } from "../plan/contract";
import type { AnalysisResult } from "../analysis/result";
import { OWNER_MARKER } from "../sheets/ownership";
import { excelSerial, ownedSheetLayout } from "../sheets/layoutParts";
import { countBySeverity } from "../analysis/findingCounts";
import type { OutCell, OutChart, OutValue, ReportLayout } from "../sheets/reportLayout";
import { columnIndex, layoutRecords, readTable, recordOf } from "../sheets/tableSchema";
import { HISTORY_DETAIL_TABLE, HISTORY_RUNS_TABLE, type HistoryDetail, type HistoryRun, type RunSnapshot } from "./historyTables";
import { EXCEL_ROWS } from "../sheets/sheetGrid";
import { SheetTooLargeError } from "../common/stopErrors";

export const HISTORY_SHEET_NAME = "CVM History";

/** The rows a history sheet holds, as read: carried over unchanged into the next one. */
export interface HistoryRows {
  readonly runs: readonly HistoryRun[];
  readonly detail: readonly HistoryDetail[];
}

export const EMPTY_HISTORY: HistoryRows = { runs: [], detail: [] };

/**
 * A fingerprint of the plan's content (the plan sheets' names and every cell), so that a run on
 * an unchanged plan is recognisable in the history: two 32-bit FNV-1a style hashes with different
 * primes, 16 hex digits. It is a checksum for recognising, not a security measure. Numbers are
 * fed as their 64 bits rather than as text: on a plan of 100,000 initiatives that is the
 * difference between a tenth and a third of a second.
 */
export function planFingerprint(sheets: readonly SheetData[]): string {
  const float = new Float64Array(1);
  const halves = new Uint32Array(float.buffer);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  // Written out as one loop over locals: this runs once per cell of the plan.
  const word = (value: number) => {
    a = Math.imul(a ^ value, 0x01000193);
    a ^= a >>> 15; // brings high bits down, which multiplication alone never does
    b = Math.imul(b ^ value, 0x01002193);
    b ^= b >>> 13;
  };
  const text = (value: string) => {
    word(value.length);
    for (let i = 0; i < value.length; i++) word(value.charCodeAt(i));
  };
  const bits = (value: number) => {
    float[0] = value;
    word(halves[0]);
    word(halves[1]);
  };
  for (const sheet of [...sheets].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    text(sheet.name);
    word(sheet.origin.row);
    word(sheet.origin.col);
    for (const row of sheet.values) {
      for (const value of row) {
        // A tag per kind, so that 1, "1" and TRUE differ.
        if (value === null || value === undefined) word(1);
        else if (typeof value === "number") {
          word(2);
          bits(value);
        } else if (typeof value === "string") {
          word(3);
          text(value);
        } else if (typeof value === "boolean") word(value ? 4 : 5);
        else if (value instanceof Date) {
          word(6);
          bits(value.getTime());
        } else if ("error" in value) {
          word(7);
          text(value.error);
        } else {
          word(8);
          text(value.formula);
        }
      }
      word(0x0a0a0a0a); // end of row: [a][b] and [a, b] differ
    }
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

function countByStatus(kpis: AnalysisResult["kpis"]): Record<KpiStatus, number> {
  const counts = Object.fromEntries(KPI_STATUSES.map((status) => [status, 0])) as Record<KpiStatus, number>;
  for (const k of kpis) counts[k.status]++;
  return counts;
}

/** The rows one run adds: its line in CVM_History and its lines in CVM_HistoryDetail. */
export function snapshotRows(result: AnalysisResult, runAt: Date, fingerprint: string): HistoryRows {
  const at = excelSerial(runAt);
  const run: RunSnapshot = { at, result, statuses: countByStatus(result.kpis), findings: countBySeverity(result.findings), fingerprint };
  const detail = [
    ...result.bets.map((bet) => recordOf(HISTORY_DETAIL_TABLE, { at, bet })),
    ...result.kpis.map((kpi) => recordOf(HISTORY_DETAIL_TABLE, { at, kpi })),
  ];
  return { runs: [recordOf(HISTORY_RUNS_TABLE, run)], detail };
}

/** A cell read back as a value the layout can write again: a date cell as its serial. */
function outValue(value: CellValue): OutValue {
  if (value === null) return null;
  if (value instanceof Date) return serialOfDate(value);
  if (typeof value === "object") return "error" in value ? value.error : null;
  return value;
}

/** The blank row of an empty table, or any row without a run time, is no run. */
const isRun = (row: { readonly runAt: OutValue }) => typeof row.runAt === "number";

/**
 * The rows of a history sheet the add-in wrote, as they are, for the next write to carry over:
 * each column found by its header (a column added by hand is not carried over).
 */
export function historyFromSheet(sheet: SheetData): HistoryRows {
  return {
    runs: (readTable(HISTORY_RUNS_TABLE, sheet, outValue) ?? []).filter(isRun),
    detail: (readTable(HISTORY_DETAIL_TABLE, sheet, outValue) ?? []).filter(isRun),
  };
}

/** The rows of both, the earlier first. */
export function appendHistory(earlier: HistoryRows, added: HistoryRows): HistoryRows {
  return { runs: [...earlier.runs, ...added.runs], detail: [...earlier.detail, ...added.detail] };
}

/** Zero-based row of both tables' header: the title, the marker and the chart are above it. */
const FIRST_TABLE_ROW = 20;

/**
 * Rows each history table can hold under its header: Excel's 1,048,576 less the 20 rows above the
 * tables and the header row, so 1,048,555 (the last on row 1,048,576).
 */
export const HISTORY_TABLE_ROWS = EXCEL_ROWS - FIRST_TABLE_ROW - 1;

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The history cut to fit its sheet: while the detail table holds more rows than `limit`, the
 * detail of the oldest run goes, a whole run at a time (its rows are consecutive: each write
 * appends a run's rows after the earlier ones), and its line in CVM_History stays, so every run's
 * score, counts and budgets (what the pane's trend and the next review read) are kept whole. The
 * newest run keeps its detail: when even that does not fit, or when the runs themselves do not,
 * the write stops with a message rather than writing a sheet Excel would cut.
 */
export function fitHistory(history: HistoryRows, limit = HISTORY_TABLE_ROWS): HistoryRows {
  const { runs, detail } = history;
  if (runs.length > limit) {
    throw new SheetTooLargeError(
      `The "${HISTORY_SHEET_NAME}" sheet would hold ${count(runs.length)} reviews, and Excel has room for ${count(limit)} rows under its tables: nothing was written. Rename that sheet or move it to another workbook, and the next review starts a new history.`,
    );
  }
  let from = 0;
  while (detail.length - from > limit) {
    const at = detail[from].runAt;
    let end = from;
    while (end < detail.length && detail[end].runAt === at) end++;
    if (end === detail.length) {
      throw new SheetTooLargeError(
        `This review has ${count(detail.length - from)} bets and KPIs to keep in the "${HISTORY_SHEET_NAME}" sheet, and Excel has room for ${count(limit)} rows under its tables: nothing was written.`,
      );
    }
    from = end;
  }
  return from === 0 ? history : { runs, detail: detail.slice(from) };
}

/** How many of the oldest runs have no rows in the detail table: those before the first run that has some. */
function runsWithoutDetail(history: HistoryRows): number {
  const first = history.detail[0]?.runAt;
  if (first === undefined) return 0;
  return Math.max(
    0,
    history.runs.findIndex((run) => run.runAt === first),
  );
}

/** The note that says which runs' detail is no longer in the sheet, or nothing when none is missing. */
function trimmedNote(history: HistoryRows): OutCell[] {
  const missing = runsWithoutDetail(history);
  if (missing === 0) return [];
  const last = history.runs[missing - 1].runAt;
  const until = typeof last === "number" ? ` (to ${serialText(last)})` : "";
  const runs = missing === 1 ? "oldest run" : `${count(missing)} oldest runs`;
  return [
    {
      row: 2,
      col: 3,
      value: `The bets and KPIs of the ${runs}${until} are no longer in the detail table: the oldest runs' detail goes first when the sheet would pass Excel's ${count(EXCEL_ROWS)} rows. Their lines in Runs are kept whole.`,
      style: "note",
    },
  ];
}

/** The history sheet: a title, the marker, the score chart above the two tables side by side. */
export function buildHistoryLayout(history: HistoryRows): ReportLayout {
  const detailCol = HISTORY_RUNS_TABLE.columns.length + 1;
  const cells: OutCell[] = [
    { row: 0, col: 0, value: "CVM History", style: "title" },
    { row: 1, col: 0, value: OWNER_MARKER, style: "note" },
    { row: 2, col: 0, value: "Runs", style: "label" },
    { row: 2, col: 1, value: history.runs.length, format: "integer" },
    ...trimmedNote(history),
    { row: FIRST_TABLE_ROW - 1, col: 0, value: "Runs", style: "section" },
    { row: FIRST_TABLE_ROW - 1, col: detailCol, value: "Bets and KPIs per run", style: "section" },
  ];
  // An empty table still needs a row; it is blank, and not read back as a run.
  const runs = layoutRecords(HISTORY_RUNS_TABLE, history.runs, { row: FIRST_TABLE_ROW });
  const detail = layoutRecords(HISTORY_DETAIL_TABLE, history.detail, { row: FIRST_TABLE_ROW, col: detailCol });
  const charts: OutChart[] =
    history.runs.length > 0
      ? [
          {
            kind: "line",
            title: "Alignment score by run",
            table: runs.name,
            categories: columnIndex(HISTORY_RUNS_TABLE, "runAt"),
            series: [columnIndex(HISTORY_RUNS_TABLE, "score")],
            from: { row: 3, col: 0 },
            to: { row: FIRST_TABLE_ROW - 2, col: 8 },
          },
        ]
      : [];
  return ownedSheetLayout(HISTORY_SHEET_NAME, cells, [runs, detail], charts);
}
