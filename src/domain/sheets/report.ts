/**
 * Lays the analysis out as the "CVM Gap Analysis" sheet: a header with the score and the run
 * time, then one Excel table per section. Both the .xlsx writer and the Office.js writer render
 * this layout, so the command line and the task pane write the same sheet.
 */
import { ASPECTS } from "../plan/contract";
import { DIRECTION_LABELS } from "../plan/enums";
import type { Finding } from "../plan/model";
import { findingCounts } from "../analysis/findingCounts";
import type { AnalysisResult, BetAlignment, KpiGap } from "../analysis/result";
import { OWNER_MARKER } from "./ownership";
import type { OutCell, OutChart, OutColumn, OutTable, ReportLayout } from "./reportLayout";
import { excelSerial, opt, orPlaceholder, ownedSheetLayout, sectionStack, unitFormats } from "./layoutParts";

export const OUTPUT_SHEET_NAME = "CVM Gap Analysis";

export const TABLE_NAMES = {
  alignment: "CVM_Alignment",
  kpis: "CVM_KPIGaps",
  bridge: "CVM_GapBridge",
  findings: "CVM_Findings",
  handshakes: "CVM_Handshakes",
} as const;

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** How a bet's budget share stands against its weight, as the report and the what-if say it. */
export function allocationLabel(bet: BetAlignment): string {
  if (bet.budget === undefined) return "Unknown";
  if (bet.allocationGapPoints === undefined) return "No data";
  if (!bet.allocationFlag) return "Balanced";
  return bet.allocationGapPoints > 0 ? "Over-funded" : "Under-funded";
}

function alignmentTable(bets: readonly BetAlignment[], row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Bet ID", format: "text", width: 10 },
    { header: "Strategic bet", format: "text", width: 40 },
    ...ASPECTS.map((a): OutColumn => ({ header: a, format: "text", width: 12 })),
    { header: "Coverage", format: "percent", width: 11 },
    { header: "Weight", format: "percent", width: 10 },
    { header: "Budget", format: "money", width: 14 },
    { header: "Budget share", format: "percent", width: 13 },
    { header: "Allocation gap", format: "points", width: 14 },
    { header: "Allocation", format: "text", width: 14 },
  ];
  const rows = bets.map((b) => [
    b.betId,
    b.statement,
    ...ASPECTS.map((a) => yesNo(b.aspects[a])),
    b.coverage,
    opt(b.normalizedWeight),
    opt(b.budget),
    opt(b.budgetShare),
    opt(b.allocationGapPoints),
    allocationLabel(b),
  ]);
  const statusColumns = [...ASPECTS.map((_, i) => 2 + i), columns.length - 1];
  return {
    name: TABLE_NAMES.alignment,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, "No strategic bets"),
    statusColumns,
  };
}

function kpiTable(kpis: readonly KpiGap[], row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "KPI ID", format: "text", width: 10 },
    { header: "KPI", format: "text", width: 30 },
    { header: "Category", format: "text", width: 18 },
    { header: "Bet IDs", format: "text", width: 10 },
    { header: "Direction", format: "text", width: 16 },
    { header: "Unit", format: "text", width: 8 },
    { header: "Baseline", format: "decimal", width: 12 },
    { header: "Target", format: "decimal", width: 12 },
    { header: "Actual", format: "decimal", width: 12 },
    { header: "Forecast", format: "decimal", width: 12 },
    { header: "Gap", format: "decimal", width: 12 },
    { header: "Attainment", format: "percent", width: 12 },
    { header: "Progress", format: "percent", width: 11 },
    { header: "Status", format: "text", width: 11 },
  ];
  const rows = kpis.map((k) => [
    k.kpiId,
    k.name,
    k.category,
    k.betIds.join(", "),
    DIRECTION_LABELS[k.direction],
    k.unit,
    opt(k.baseline),
    opt(k.target),
    opt(k.actual),
    opt(k.forecast),
    opt(k.gap),
    opt(k.attainment),
    opt(k.progress),
    k.status,
  ]);
  return {
    name: TABLE_NAMES.kpis,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, "No KPIs"),
    cellFormats: unitFormats(kpis, columns.length, [6, 7, 8, 9, 10]),
    statusColumns: [columns.length - 1],
  };
}

/**
 * The gap-to-target bridge per KPI. Without an Impacts sheet the bridge was not computed: one
 * row says how to get it, as the handshakes section does without a Collaboration sheet.
 */
function bridgeTable(result: AnalysisResult, row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "KPI ID", format: "text", width: 10 },
    { header: "KPI", format: "text", width: 30 },
    { header: "Unit", format: "text", width: 8 },
    { header: "Direction", format: "text", width: 16 },
    { header: "Value", format: "decimal", width: 12 },
    { header: "Target", format: "decimal", width: 12 },
    { header: "Gap", format: "decimal", width: 12 },
    { header: "Planned", format: "decimal", width: 12 },
    { header: "Residual", format: "decimal", width: 12 },
    { header: "Coverage", format: "percent", width: 12 },
    { header: "Closure", format: "text", width: 14 },
    { header: "Projected", format: "decimal", width: 12 },
    { header: "Projected status", format: "text", width: 16 },
    { header: "Initiatives", format: "text", width: 24 },
  ];
  const base = { name: TABLE_NAMES.bridge, row, col: 0, columns, statusColumns: [10, 12], dataBarColumns: [9] };
  if (!result.sheets.some((s) => s.key === "impacts" && s.found)) {
    return {
      ...base,
      rows: orPlaceholder(
        [],
        columns.length,
        "No Impacts sheet in the plan: add one (Insert template adds an empty one) with each initiative's expected impact on its KPIs",
      ),
    };
  }
  const kpis = result.kpis;
  const rows = kpis.map((k) => [
    k.kpiId,
    k.name,
    k.unit,
    DIRECTION_LABELS[k.direction],
    opt(k.value),
    opt(k.target),
    opt(k.gap),
    opt(k.planned),
    opt(k.residual),
    opt(k.coverage),
    k.closure ?? "No data",
    opt(k.projected),
    k.projectedStatus ?? "No data",
    (k.initiativeIds ?? []).join(", "),
  ]);
  return {
    ...base,
    rows: orPlaceholder(rows, columns.length, "No KPIs"),
    cellFormats: unitFormats(kpis, columns.length, [4, 5, 6, 7, 8, 11]),
  };
}

function findingsTable(findings: readonly Finding[], row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Severity", format: "text", width: 10 },
    { header: "Rule", format: "text", width: 22 },
    { header: "Sheet", format: "text", width: 18 },
    { header: "Cell", format: "text", width: 8 },
    { header: "Item", format: "text", width: 12 },
    { header: "What to do", format: "text", width: 100 },
  ];
  const rows = findings.map((f) => [f.severity, f.rule, f.sheet, f.cell, f.itemId, f.message]);
  return { name: TABLE_NAMES.findings, row, col: 0, columns, rows: orPlaceholder(rows, columns.length, "No findings"), statusColumns: [0] };
}

function handshakeTable(result: AnalysisResult, row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Handshake", format: "text", width: 22 },
    { header: "Required", format: "text", width: 13 },
    { header: "Status", format: "text", width: 12 },
    { header: "Functions", format: "text", width: 40 },
  ];
  const statuses = result.handshakes;
  const rows = statuses
    ? statuses.map((h) => [h.handshake, h.required ? "Required" : "Recommended", h.present ? "Present" : "Missing", h.functions.join(", ")])
    : ["Strategic direction", "KPIs", "Resource allocation", "Customer insights", "Strategic initiatives"].map((h, i) => [
        h,
        i < 4 ? "Required" : "Recommended",
        "Not checked",
        "No Collaboration sheet in the plan",
      ]);
  return { name: TABLE_NAMES.handshakes, row, col: 0, columns, rows, statusColumns: [2] };
}

function headerCells(result: AnalysisResult, runAt: Date): OutCell[] {
  const label = (row: number, text: string): OutCell => ({ row, col: 0, value: text, style: "label" });
  return [
    { row: 0, col: 0, value: "CVM Gap Analysis", style: "title" },
    { row: 1, col: 0, value: OWNER_MARKER, style: "note" },
    label(2, "Alignment score"),
    { row: 2, col: 1, value: opt(result.score), format: "percent" },
    label(3, "Run at"),
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
      value: `Status tolerance ${(result.options.tolerance * 100).toFixed(0)}%, allocation threshold ${(result.options.allocationThreshold * 100).toFixed(0)} points`,
    },
  ];
}

/**
 * How the note of a report of a what-if (the command line's --scenario) begins: such a report is
 * not a review of the plan, so the next run does not compare with it.
 */
export const WHAT_IF_NOTE_PREFIX = "What-if:";

export interface ReportOptions {
  readonly runAt: Date;
  readonly sheetName?: string;
  /** A line under the header, e.g. that the figures are a what-if's, not the plan's. */
  readonly note?: string;
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
  if (options.note) cells.push({ row: row++, col: 0, value: options.note, style: "note" });
  const { tables, section } = sectionStack(cells, Math.max(row, 8) + 1);
  section("Alignment by bet", (r) => alignmentTable(result.bets, r));
  section("KPI gaps", (r) => kpiTable(result.kpis, r));
  section("Gap-to-target bridge", (r) => bridgeTable(result, r));
  section("Findings", (r) => findingsTable(result.findings, r));
  section("Handshakes", (r) => handshakeTable(result, r));
  const review = options.review;
  if (review) section("Changes since last review", review.changes);
  return ownedSheetLayout(options.sheetName ?? OUTPUT_SHEET_NAME, cells, tables, budgetChart(cells, tables));
}

/**
 * Budget share against weight per bet, right of the header block and above the first section,
 * when there is a figure to show.
 */
function budgetChart(cells: readonly OutCell[], tables: readonly OutTable[]): OutChart[] {
  const table = tables.find((t) => t.name === TABLE_NAMES.alignment);
  if (!table) return [];
  const column = (header: string) => table.columns.findIndex((c) => c.header === header);
  const [id, weight, share] = [column("Bet ID"), column("Weight"), column("Budget share")];
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
