/**
 * The two tables of the "CVM History" sheet (history.ts), each declared once: a run's line in
 * CVM_History and its bets' and KPIs' lines in CVM_HistoryDetail are made from the analysis
 * through them, and read back through them to be carried over and drawn as the pane's trend.
 */
import { KPI_STATUSES, type KpiStatus } from "../plan/contract";
import { SEVERITIES, type Severity } from "../plan/model";
import type { AnalysisResult, BetAlignment, KpiGap } from "../analysis/result";
import { opt } from "../sheets/layoutParts";
import { defineTable, type Column, type RecordOf } from "../sheets/tableSchema";

/** A run as its line in CVM_History is made: the analysis, when it ran, and the plan's fingerprint. */
export interface RunSnapshot {
  /** Excel serial of the run time. */
  readonly at: number;
  readonly result: AnalysisResult;
  readonly statuses: Readonly<Record<KpiStatus, number>>;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly fingerprint: string;
}

const SEVERITY_COLUMNS: Readonly<Record<Severity, { header: string; width: number }>> = {
  error: { header: "Errors", width: 8 },
  warning: { header: "Warnings", width: 10 },
  info: { header: "Info", width: 7 },
};

/** One line per run: its score, its KPIs by status, its findings by severity, its budgets. */
export const HISTORY_RUNS_TABLE = defineTable<RunSnapshot>()({
  name: "CVM_History",
  columns: [
    { key: "runAt", header: "Run at", format: "datetime", width: 17, value: (s) => s.at },
    { key: "score", header: "Score", format: "percent", width: 9, value: (s) => opt(s.result.score) },
    ...KPI_STATUSES.map((status): Column<RunSnapshot, KpiStatus> => ({
      key: status,
      header: status,
      format: "integer",
      width: 9,
      value: (s) => s.statuses[status],
    })),
    ...SEVERITIES.map((severity): Column<RunSnapshot, Severity> => ({
      key: severity,
      ...SEVERITY_COLUMNS[severity],
      format: "integer",
      value: (s) => s.findings[severity],
    })),
    { key: "budget", header: "Budget", format: "money", width: 14, value: (s) => opt(s.result.totalBudget) },
    { key: "untracedBudget", header: "Untraced budget", format: "money", width: 15, value: (s) => opt(s.result.untracedBudget) },
    { key: "fingerprint", header: "Fingerprint", format: "text", width: 18, value: (s) => s.fingerprint },
  ],
});

/** A bet or a KPI of a run, as its line in CVM_HistoryDetail is made. */
type DetailSnapshot = { readonly at: number } & (
  { readonly bet: BetAlignment; readonly kpi?: undefined } | { readonly kpi: KpiGap; readonly bet?: undefined }
);

/** One line per run and bet or KPI: a bet's coverage and budget share, a KPI's figures and status. */
export const HISTORY_DETAIL_TABLE = defineTable<DetailSnapshot>()({
  name: "CVM_HistoryDetail",
  columns: [
    { key: "runAt", header: "Run at", format: "datetime", width: 17, value: (d) => d.at },
    { key: "item", header: "Item", format: "text", width: 6, value: (d) => (d.bet ? "Bet" : "KPI") },
    { key: "id", header: "ID", format: "text", width: 8, value: (d) => (d.bet ? d.bet.betId : d.kpi.kpiId) },
    { key: "name", header: "Name", format: "text", width: 30, value: (d) => (d.bet ? d.bet.statement : d.kpi.name) },
    { key: "coverage", header: "Coverage", format: "percent", width: 10, value: (d) => opt(d.bet?.coverage) },
    { key: "budgetShare", header: "Budget share", format: "percent", width: 12, value: (d) => opt(d.bet?.budgetShare) },
    { key: "value", header: "Value", format: "decimal", width: 12, value: (d) => opt(d.kpi?.value) },
    { key: "target", header: "Target", format: "decimal", width: 12, value: (d) => opt(d.kpi?.target) },
    { key: "status", header: "Status", format: "text", width: 10, value: (d) => d.kpi?.status ?? null, status: true },
    { key: "closure", header: "Closure", format: "text", width: 14, value: (d) => d.kpi?.closure ?? null, status: true },
  ],
});

export const HISTORY_TABLE_NAMES = { runs: HISTORY_RUNS_TABLE.name, detail: HISTORY_DETAIL_TABLE.name } as const;

/** A run's line in CVM_History, by column key, as written or as read back. */
export type HistoryRun = RecordOf<typeof HISTORY_RUNS_TABLE>;
/** A bet's or a KPI's line of a run in CVM_HistoryDetail, by column key. */
export type HistoryDetail = RecordOf<typeof HISTORY_DETAIL_TABLE>;
