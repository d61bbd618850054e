/**
 * The result of the analysis: KPI gaps and their bridge, each bet's alignment and budget, the
 * handshakes and the findings, with the options it ran with.
 */
import type { Aspect, Direction, Handshake, KpiStatus } from "../plan/contract";
import type { Finding, SheetReport } from "../plan/model";
import type { MonthlySeries } from "../plan/monthlySeries";

export interface AnalysisOptions {
  /** Share below the target (or below full progress) still called "At risk". Default 0.10. */
  readonly tolerance: number;
  /** Budget share minus weight, as a fraction, above which a bet is flagged. Default 0.10. */
  readonly allocationThreshold: number;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { tolerance: 0.1, allocationThreshold: 0.1 };

export interface KpiGap {
  readonly kpiId: string;
  readonly name: string;
  readonly category: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly baseline?: number;
  readonly target?: number;
  readonly actual?: number;
  readonly forecast?: number;
  /** The forecast when there is one, else the actual. */
  readonly value?: number;
  /** Positive when behind the target. */
  readonly gap?: number;
  readonly attainment?: number;
  readonly progress?: number;
  readonly status: KpiStatus;
  /** A figure the status needs is unknown, or one computed from them goes past ±1.8E+308: the status is not known. */
  readonly unknown?: boolean;
  readonly betIds: readonly string[];
  readonly sheet: string;
  readonly cell: string;
  /** The gap-to-target bridge, when the plan has an Impacts sheet (see bridge.ts). */
  readonly planned?: number;
  readonly residual?: number;
  readonly coverage?: number;
  readonly closure?: Closure;
  readonly projected?: number;
  readonly projectedStatus?: KpiStatus;
  /** The initiatives whose impacts were counted, in the order of the Impacts sheet. */
  readonly initiativeIds?: readonly string[];
  /** Per initiative counted, its change to the KPI: the steps of the KPI's waterfall. */
  readonly steps?: readonly BridgeStep[];
  /**
   * With a KPI Series (issue 20): the KPI's values as read, in month order (the plan's own list,
   * not a copy: 10,000 KPIs of 36 months are 360,000 values). --json writes them as
   * [month, value] pairs.
   */
  readonly series?: MonthlySeries;
  /** Where the series is heading by the KPI's due month; undefined with too few values (see trendNote) or no due month. */
  readonly trend?: KpiTrendView;
  /** "Sum" for a KPI whose months add up to its yearly target; a Level KPI (the default) has none. */
  readonly aggregation?: "Sum";
  /** Why a KPI with a series has no trend ("2 values; a trend needs 3 or more."). */
  readonly trendNote?: string;
}

/** A KPI's trend as --json and the report give it: `{ asOf: "2026-10", points: 5, periodsLeft: 2, projected: 48.5, status: "At risk" }`. */
export interface KpiTrendView {
  /** The month of the latest value. */
  readonly asOf: string;
  readonly points: number;
  readonly periodsLeft: number;
  readonly projected: number;
  /** Today's status rule applied to the projected value. */
  readonly status: KpiStatus;
}

/** One initiative's counted impacts on one KPI: a step of the KPI's waterfall. */
export interface BridgeStep {
  readonly initiativeId: string;
  /** Σ impact × confidence of the initiative's rows, as a change of the KPI's value. */
  readonly change: number;
  /** The same, signed so that positive moves the KPI towards its target. */
  readonly favourable: number;
}

/** How far the planned impacts close a KPI's gap, in the order they are tallied. "Unknown" when an impact counted is unknown. */
export const CLOSURES = ["Closed", "Partly closed", "Not addressed", "On track", "No data", "Unknown"] as const;
export type Closure = (typeof CLOSURES)[number];

export interface BetAlignment {
  readonly betId: string;
  readonly statement: string;
  readonly aspects: Readonly<Record<Aspect, boolean>>;
  readonly coverage: number;
  readonly weight?: number;
  /** Weight normalised over the bets that have one (equal shares when none has). */
  readonly normalizedWeight?: number;
  /** Undefined when an initiative's budget that flows to the bet is unknown, or they add up past ±1.8E+308. */
  readonly budget?: number;
  /** Budget / the total budget of all initiatives; undefined when that total is zero or unknown. */
  readonly budgetShare?: number;
  /** (budget share - normalised weight) in percentage points. */
  readonly allocationGapPoints?: number;
  readonly allocationFlag: boolean;
  readonly kpiIds: readonly string[];
  readonly initiativeIds: readonly string[];
}

export interface HandshakeStatus {
  readonly handshake: Handshake;
  readonly required: boolean;
  readonly present: boolean;
  readonly functions: readonly string[];
}

export interface AnalysisResult {
  /** Undefined when a bet's weight is unknown, or the weights add up past ±1.8E+308. */
  readonly score?: number;
  readonly bets: readonly BetAlignment[];
  readonly kpis: readonly KpiGap[];
  readonly findings: readonly Finding[];
  /** Undefined when the plan has no Collaboration sheet. */
  readonly handshakes?: readonly HandshakeStatus[];
  /** Undefined when an initiative's budget is unknown, or the budgets add up past ±1.8E+308. */
  readonly totalBudget?: number;
  readonly untracedBudget?: number;
  readonly sheets: readonly SheetReport[];
  readonly options: AnalysisOptions;
}
