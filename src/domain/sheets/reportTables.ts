/**
 * The tables of the "CVM Gap Analysis" sheet, each declared once (tableSchema.ts): report.ts
 * writes them, and the next review reads the last report back through them
 * (src/domain/review/review.ts baselineFromReport).
 */
import { ASPECTS, RECOMMENDED_HANDSHAKES, REQUIRED_HANDSHAKES, type Aspect } from "../plan/contract";
import { DIRECTION_LABELS } from "../plan/enums";
import type { Finding } from "../plan/model";
import type { AnalysisResult, BetAlignment, KpiGap } from "../analysis/result";
import { inKpiUnit, opt } from "./layoutParts";
import { defineTable, type Column } from "./tableSchema";

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** How a bet's budget share stands against its weight, as the report and the what-if say it. */
export function allocationLabel(bet: BetAlignment): string {
  if (bet.budget === undefined) return "Unknown";
  if (bet.allocationGapPoints === undefined) return "No data";
  if (!bet.allocationFlag) return "Balanced";
  return bet.allocationGapPoints > 0 ? "Over-funded" : "Under-funded";
}

export const ALIGNMENT_TABLE = defineTable<BetAlignment>()({
  name: "CVM_Alignment",
  columns: [
    { key: "betId", header: "Bet ID", format: "text", width: 10, value: (b) => b.betId },
    { key: "statement", header: "Strategic bet", format: "text", width: 40, value: (b) => b.statement },
    ...ASPECTS.map((aspect): Column<BetAlignment, Aspect> => ({
      key: aspect,
      header: aspect,
      format: "text",
      width: 12,
      value: (b) => yesNo(b.aspects[aspect]),
      status: true,
    })),
    { key: "coverage", header: "Coverage", format: "percent", width: 11, value: (b) => b.coverage },
    { key: "weight", header: "Weight", format: "percent", width: 10, value: (b) => opt(b.normalizedWeight) },
    { key: "budget", header: "Budget", format: "money", width: 14, value: (b) => opt(b.budget) },
    { key: "budgetShare", header: "Budget share", format: "percent", width: 13, value: (b) => opt(b.budgetShare) },
    { key: "allocationGap", header: "Allocation gap", format: "points", width: 14, value: (b) => opt(b.allocationGapPoints) },
    { key: "allocation", header: "Allocation", format: "text", width: 14, value: allocationLabel, status: true },
  ],
});

export const KPI_GAPS_TABLE = defineTable<KpiGap>()({
  name: "CVM_KPIGaps",
  columns: [
    { key: "kpiId", header: "KPI ID", format: "text", width: 10, value: (k) => k.kpiId },
    { key: "name", header: "KPI", format: "text", width: 30, value: (k) => k.name },
    { key: "category", header: "Category", format: "text", width: 18, value: (k) => k.category },
    { key: "betIds", header: "Bet IDs", format: "text", width: 10, value: (k) => k.betIds.join(", ") },
    { key: "direction", header: "Direction", format: "text", width: 16, value: (k) => DIRECTION_LABELS[k.direction] },
    { key: "unit", header: "Unit", format: "text", width: 8, value: (k) => k.unit },
    { key: "baseline", header: "Baseline", format: "decimal", width: 12, value: (k) => opt(k.baseline), cellFormat: inKpiUnit },
    { key: "target", header: "Target", format: "decimal", width: 12, value: (k) => opt(k.target), cellFormat: inKpiUnit },
    { key: "actual", header: "Actual", format: "decimal", width: 12, value: (k) => opt(k.actual), cellFormat: inKpiUnit },
    { key: "forecast", header: "Forecast", format: "decimal", width: 12, value: (k) => opt(k.forecast), cellFormat: inKpiUnit },
    { key: "gap", header: "Gap", format: "decimal", width: 12, value: (k) => opt(k.gap), cellFormat: inKpiUnit },
    { key: "attainment", header: "Attainment", format: "percent", width: 12, value: (k) => opt(k.attainment) },
    { key: "progress", header: "Progress", format: "percent", width: 11, value: (k) => opt(k.progress) },
    { key: "status", header: "Status", format: "text", width: 11, value: (k) => k.status, status: true },
  ],
});

/**
 * What a KPI Series adds to the KPI gaps (issue 20): where the trend ends, its status, the months
 * left to the due month, and a cell the .xlsx writer draws the KPI's sparkline in. Only a plan
 * with a series gets these columns, so every other report stays as it was.
 */
const TREND_COLUMNS = [
  { key: "onTrend", header: "On trend", format: "decimal", width: 12, value: (k) => opt(k.trend?.projected), cellFormat: inKpiUnit },
  { key: "trendStatus", header: "Trend status", format: "text", width: 13, value: (k) => k.trend?.status ?? "No data", status: true },
  { key: "monthsLeft", header: "Months left", format: "integer", width: 12, value: (k) => opt(k.trend?.periodsLeft) },
  { key: "trendLine", header: "Trend", format: "text", width: 16, value: () => null },
] as const satisfies readonly Column<KpiGap>[];

export const KPI_TRENDS_TABLE = defineTable<KpiGap>()({
  name: KPI_GAPS_TABLE.name,
  columns: [...KPI_GAPS_TABLE.columns, ...TREND_COLUMNS],
});

/** The gap-to-target bridge per KPI (src/domain/analysis/bridge.ts). */
export const BRIDGE_TABLE = defineTable<KpiGap>()({
  name: "CVM_GapBridge",
  columns: [
    { key: "kpiId", header: "KPI ID", format: "text", width: 10, value: (k) => k.kpiId },
    { key: "name", header: "KPI", format: "text", width: 30, value: (k) => k.name },
    { key: "unit", header: "Unit", format: "text", width: 8, value: (k) => k.unit },
    { key: "direction", header: "Direction", format: "text", width: 16, value: (k) => DIRECTION_LABELS[k.direction] },
    { key: "value", header: "Value", format: "decimal", width: 12, value: (k) => opt(k.value), cellFormat: inKpiUnit },
    { key: "target", header: "Target", format: "decimal", width: 12, value: (k) => opt(k.target), cellFormat: inKpiUnit },
    { key: "gap", header: "Gap", format: "decimal", width: 12, value: (k) => opt(k.gap), cellFormat: inKpiUnit },
    { key: "planned", header: "Planned", format: "decimal", width: 12, value: (k) => opt(k.planned), cellFormat: inKpiUnit },
    { key: "residual", header: "Residual", format: "decimal", width: 12, value: (k) => opt(k.residual), cellFormat: inKpiUnit },
    { key: "coverage", header: "Coverage", format: "percent", width: 12, value: (k) => opt(k.coverage), dataBar: true },
    { key: "closure", header: "Closure", format: "text", width: 14, value: (k) => k.closure ?? "No data", status: true },
    { key: "projected", header: "Projected", format: "decimal", width: 12, value: (k) => opt(k.projected), cellFormat: inKpiUnit },
    {
      key: "projectedStatus",
      header: "Projected status",
      format: "text",
      width: 16,
      value: (k) => k.projectedStatus ?? "No data",
      status: true,
    },
    { key: "initiativeIds", header: "Initiatives", format: "text", width: 24, value: (k) => (k.initiativeIds ?? []).join(", ") },
  ],
});

/** The bridge with the trend beside the plan's projection: on trend 96, with the plan 101, target 100. */
export const BRIDGE_TRENDS_TABLE = defineTable<KpiGap>()({
  name: BRIDGE_TABLE.name,
  columns: [
    ...BRIDGE_TABLE.columns.slice(0, -3),
    TREND_COLUMNS[0],
    ...BRIDGE_TABLE.columns.slice(-3, -1),
    TREND_COLUMNS[1],
    ...BRIDGE_TABLE.columns.slice(-1),
  ],
});

export const FINDINGS_TABLE = defineTable<Finding>()({
  name: "CVM_Findings",
  columns: [
    { key: "severity", header: "Severity", format: "text", width: 10, value: (f) => f.severity, status: true },
    { key: "rule", header: "Rule", format: "text", width: 22, value: (f) => f.rule },
    { key: "sheet", header: "Sheet", format: "text", width: 18, value: (f) => f.sheet },
    { key: "cell", header: "Cell", format: "text", width: 8, value: (f) => f.cell },
    { key: "itemId", header: "Item", format: "text", width: 12, value: (f) => f.itemId },
    { key: "message", header: "What to do", format: "text", width: 100, value: (f) => f.message },
  ],
});

/** A GM–CVM handshake as the report lists it: checked against the Collaboration sheet, or not when the plan has none. */
export interface HandshakeLine {
  readonly handshake: string;
  readonly required: boolean;
  readonly status: "Present" | "Missing" | "Not checked";
  readonly functions: string;
}

export const HANDSHAKES_TABLE = defineTable<HandshakeLine>()({
  name: "CVM_Handshakes",
  columns: [
    { key: "handshake", header: "Handshake", format: "text", width: 22, value: (h) => h.handshake },
    { key: "required", header: "Required", format: "text", width: 13, value: (h) => (h.required ? "Required" : "Recommended") },
    { key: "status", header: "Status", format: "text", width: 12, value: (h) => h.status, status: true },
    { key: "functions", header: "Functions", format: "text", width: 40, value: (h) => h.functions },
  ],
});

/** The handshakes of a plan without a Collaboration sheet: every one listed, none checked. */
const UNCHECKED_HANDSHAKES: readonly HandshakeLine[] = [
  ...REQUIRED_HANDSHAKES.map((handshake) => ({ handshake, required: true })),
  ...RECOMMENDED_HANDSHAKES.map((handshake) => ({ handshake, required: false })),
].map((h) => ({ ...h, status: "Not checked", functions: "No Collaboration sheet in the plan" }));

/** The handshakes as the report lists them: as checked, or every one unchecked when the plan has no Collaboration sheet. */
export function handshakeLines(result: Pick<AnalysisResult, "handshakes">): readonly HandshakeLine[] {
  if (!result.handshakes) return UNCHECKED_HANDSHAKES;
  return result.handshakes.map((h) => ({
    handshake: h.handshake,
    required: h.required,
    status: h.present ? "Present" : "Missing",
    functions: h.functions.join(", "),
  }));
}
