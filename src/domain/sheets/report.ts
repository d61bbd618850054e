/**
 * Lays the analysis out as the "CVM Gap Analysis" sheet: a header with the score and the run
 * time, then one Excel table per section (declared in reportTables.ts). Both the .xlsx writer and
 * the Office.js writer render this layout, so the command line and the task pane write the same
 * sheet.
 */
import type { AnalysisResult } from "../analysis/result";
import { findingCounts } from "../analysis/findingCounts";
import { OWNER_MARKER } from "./ownership";
import type { OutCell, OutChart, OutSparkline, OutTable, ReportLayout } from "./reportLayout";
import { excelSerial, opt, ownedSheetLayout, sectionStack } from "./layoutParts";
import { columnIndex, layoutTable } from "./tableSchema";
import {
  ALIGNMENT_TABLE,
  BRIDGE_TABLE,
  BRIDGE_TRENDS_TABLE,
  FINDINGS_TABLE,
  HANDSHAKES_TABLE,
  KPI_GAPS_TABLE,
  KPI_TRENDS_TABLE,
  handshakeLines,
} from "./reportTables";
import { seriesTable, SERIES_TABLE_NAME, SPARKLINE_NOTE, sparklines } from "./seriesSection";
import { percentNumber, percentOf } from "../common/units";

export const OUTPUT_SHEET_NAME = "CVM Gap Analysis";

export const REPORT_TABLE_NAMES = {
  alignment: ALIGNMENT_TABLE.name,
  kpis: KPI_GAPS_TABLE.name,
  bridge: BRIDGE_TABLE.name,
  findings: FINDINGS_TABLE.name,
  handshakes: HANDSHAKES_TABLE.name,
} as const;

/** The labels in column A of the report's header beside the figures the next review reads back. */
export const HEADER_LABELS = { score: "Alignment score", runAt: "Run at" } as const;

/**
 * The gap-to-target bridge per KPI. Without an Impacts sheet the bridge was not computed: one
 * row says how to get it, as the handshakes section does without a Collaboration sheet.
 */
function bridgeTable(result: AnalysisResult, row: number, trended: boolean): OutTable {
  const bridged = result.sheets.some((s) => s.key === "impacts" && s.found);
  return layoutTable(trended ? BRIDGE_TRENDS_TABLE : BRIDGE_TABLE, bridged ? result.kpis : [], {
    row,
    empty: bridged
      ? "No KPIs"
      : "No Impacts sheet in the plan: add one (Insert template adds an empty one) with each initiative's expected impact on its KPIs",
  });
}

function headerCells(result: AnalysisResult, runAt: Date): OutCell[] {
  const label = (row: number, text: string): OutCell => ({ row, col: 0, value: text, style: "label" });
  return [
    { row: 0, col: 0, value: "CVM Gap Analysis", style: "title" },
    { row: 1, col: 0, value: OWNER_MARKER, style: "note" },
    label(2, HEADER_LABELS.score),
    { row: 2, col: 1, value: opt(result.score), format: "percent" },
    label(3, HEADER_LABELS.runAt),
    { row: 3, col: 1, value: excelSerial(runAt), format: "datetime" },
    label(4, "Findings"),
    { row: 4, col: 1, value: findingCounts(result.findings) },
    label(5, "Budget"),
    { row: 5, col: 1, value: opt(result.totalBudget), format: "money" },
    label(6, "Untraced budget"),
    { row: 6, col: 1, value: opt(result.untracedBudget), format: "money" },
    label(7, "Settings"),
    {
      row: 7,
      col: 1,
      value: `Status tolerance ${percentOf(result.options.tolerance)}, allocation threshold ${percentNumber(result.options.allocationThreshold)} points`,
    },
  ];
}

/**
 * How the note under the header of a what-if's report began: the command line's --scenario wrote
 * one until what-ifs came to write the "CVM Scenario" sheet alone (src/useCases/writeWhatIf.ts).
 * Such a report in a workbook is not a review of the plan, so the next run does not compare with it.
 */
export const WHAT_IF_NOTE_PREFIX = "What-if:";

export interface ReportOptions {
  readonly runAt: Date;
  readonly sheetName?: string;
  /**
   * What the review adds to the report it writes (src/domain/review/reviewReport.ts reviewSection):
   * the line under the header saying what changed since the last review, and CVM_Changes.
   */
  readonly review?: ReportReviewSection;
}

/** The comparison with the report this one replaces, as the review lays it out. */
export interface ReportReviewSection {
  /** "Since 2026-11-20 09:30: …", or that this is the first review. */
  readonly line: string;
  /** The CVM_Changes table, placed at `row`. */
  readonly changes: (row: number) => OutTable;
}

export function buildReportLayout(result: AnalysisResult, options: ReportOptions): ReportLayout {
  const cells = headerCells(result, options.runAt);
  let row = 8;
  if (options.review) {
    cells.push({ row, col: 0, value: "Since last review", style: "label" }, { row: row++, col: 1, value: options.review.line });
  }
  const { tables, section } = sectionStack(cells, Math.max(row, 8) + 1);
  // Only a plan with a KPI Series has series on its KPIs: every other report stays as it was.
  const trended = result.kpis.some((k) => k.series !== undefined);
  section("Alignment by bet", (r) => layoutTable(ALIGNMENT_TABLE, result.bets, { row: r, empty: "No strategic bets" }));
  section("KPI gaps", (r) => layoutTable(trended ? KPI_TRENDS_TABLE : KPI_GAPS_TABLE, result.kpis, { row: r, empty: "No KPIs" }));
  if (trended)
    section("KPI series", (r) => {
      cells.push({ row: r - 1, col: 2, value: SPARKLINE_NOTE, style: "note" });
      return seriesTable(result.kpis, r);
    });
  section("Gap-to-target bridge", (r) => bridgeTable(result, r, trended));
  section("Findings", (r) => layoutTable(FINDINGS_TABLE, result.findings, { row: r, empty: "No findings" }));
  section("Handshakes", (r) => layoutTable(HANDSHAKES_TABLE, handshakeLines(result), { row: r }));
  const review = options.review;
  if (review) section("Changes since last review", review.changes);
  const layout = ownedSheetLayout(options.sheetName ?? OUTPUT_SHEET_NAME, cells, tables, budgetChart(cells, tables));
  return trended ? { ...layout, sparklines: trendLines(result, layout.tables) } : layout;
}

/** A sparkline per KPI with a series, in the KPI gaps' Trend column, over its row of the KPI series. */
function trendLines(result: AnalysisResult, tables: readonly OutTable[]): OutSparkline[] {
  const kpiTable = tables.find((t) => t.name === KPI_TRENDS_TABLE.name);
  const series = tables.find((t) => t.name === SERIES_TABLE_NAME);
  return kpiTable && series ? sparklines(result.kpis, kpiTable, columnIndex(KPI_TRENDS_TABLE, "trendLine"), series) : [];
}

/**
 * Budget share against weight per bet, right of the header block and above the first section,
 * when there is a figure to show.
 */
function budgetChart(cells: readonly OutCell[], tables: readonly OutTable[]): OutChart[] {
  const table = tables.find((t) => t.name === ALIGNMENT_TABLE.name);
  if (!table) return [];
  const [id, weight, share] = (["betId", "weight", "budgetShare"] as const).map((key) => columnIndex(ALIGNMENT_TABLE, key));
  if (!table.rows.some((row) => typeof row[weight] === "number" || typeof row[share] === "number")) return [];
  let headerRows = Infinity;
  for (const t of tables) headerRows = Math.min(headerRows, t.row - 2);
  let headerCols = 0;
  for (const c of cells) if (c.row < headerRows) headerCols = Math.max(headerCols, c.col);
  return [
    {
      kind: "columnClustered",
      title: "Budget share vs weight by bet",
      table: table.name,
      categories: id,
      series: [weight, share],
      from: { row: 0, col: headerCols + 2 },
      to: { row: Math.max(headerRows, 7), col: headerCols + 8 },
    },
  ];
}
