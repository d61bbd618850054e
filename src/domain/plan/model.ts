/**
 * The plan as the engine understands it once the sheets are parsed, and the findings about it.
 * Every record remembers where it came from so that findings can name the cell to fix.
 */
import type { Direction, Handshake, KpiCategory, Priority, SheetKey } from "./contract";
import type { FoundHow } from "./planSources";
import type { MonthRead } from "../common/month";
import type { MonthlySeries } from "./monthlySeries";

/** The severities, most severe first: the order findings are counted and listed in. */
export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type RuleCode =
  | "MISSING_SHEET"
  | "UNCLEAR_SHEET"
  | "MISSING_COLUMN"
  | "EMPTY_SHEET"
  | "DUPLICATE_ID"
  | "MISSING_VALUE"
  | "BAD_NUMBER"
  | "NUMBER_CONVENTION"
  | "NUMBER_TOO_LARGE"
  | "BAD_VALUE"
  | "ERROR_VALUE"
  | "UNCOMPUTED_FORMULA"
  | "UNKNOWN_REFERENCE"
  | "INITIATIVE_UNTRACED"
  | "BET_NO_KPI"
  | "BET_NO_INITIATIVE"
  | "BET_ASPECTS_MISSING"
  | "BET_NO_WEIGHT"
  | "KPI_NO_BET"
  | "KPI_NO_DATA"
  | "MOT_UNTRACED"
  | "HANDSHAKE_MISSING"
  | "HANDSHAKE_RECOMMENDED"
  | "ALLOCATION_GAP"
  | "BRIDGE_NOT_ADDRESSED"
  | "BRIDGE_PARTLY_CLOSED"
  | "IMPACT_WRONG_DIRECTION"
  | "IMPACT_ON_TRACK_KPI"
  | "IMPACT_NOT_LINKED"
  | "UNTRACED_BUDGET"
  | "NO_BUDGET"
  | "SERIES_UNKNOWN_KPI"
  | "SERIES_BAD_PERIOD"
  | "SERIES_DUPLICATE"
  | "SERIES_ACTUAL_DIFFERS"
  | "SERIES_NO_PERIOD"
  | "SERIES_STALE"
  | "TREND_WORSE_THAN_TODAY"
  | "TREND_BEHIND_NO_IMPACTS";

export interface Finding {
  readonly severity: Severity;
  readonly rule: RuleCode;
  /** The sheet as the user named it (or the expected name when the sheet is missing). */
  readonly sheet: string;
  /** A1 address of the cell to fix, without the sheet name. */
  readonly cell: string;
  /** The ID of the item concerned; empty when the finding is about a sheet or the plan. */
  readonly itemId: string;
  readonly message: string;
}

/** Where a record sits in the workbook: its sheet and its zero-based row, plus its columns. */
export interface Source {
  readonly sheet: string;
  readonly row: number;
  /** Zero-based sheet column of each contract column that the sheet has. */
  readonly columns: Readonly<Record<string, number>>;
}

export interface Bet {
  readonly id: string;
  readonly statement: string;
  readonly strategy: string;
  readonly objective: string;
  readonly majorInitiative: string;
  readonly weight?: number;
  /** The weight is unknown (a formula that could not be computed, a number past ±1.8E+308, #NUM!): every weight share is then unknown. */
  readonly weightUnknown?: boolean;
  readonly owner: string;
  readonly source: Source;
}

export interface Persona {
  readonly id: string;
  readonly name: string;
  readonly segment: string;
  readonly needs: string;
  readonly alternatives: string;
  readonly betIds: readonly string[];
  readonly source: Source;
}

export interface Kpi {
  readonly id: string;
  readonly name: string;
  readonly category?: KpiCategory;
  readonly categoryText: string;
  readonly betIds: readonly string[];
  readonly unit: string;
  readonly direction: Direction;
  readonly baseline?: number;
  readonly target?: number;
  readonly actual?: number;
  readonly forecast?: number;
  /** Figures whose value is unknown (formulas that could not be computed, numbers past ±1.8E+308, #NUM!): unknown, not missing. */
  readonly unknownFigures?: readonly KpiFigure[];
  readonly period: string;
  /** The Period cell read as the month the target is due (readDueMonth); only a KPI with a series needs it. */
  readonly due?: MonthRead;
  /** Level unless the Aggregation column says Sum (issue 20). */
  readonly aggregation?: "Level" | "Sum";
  /** The actual came from the KPI Series (the Actual cell is blank): the cell it was read from. */
  readonly actualFrom?: { readonly sheet: string; readonly cell: string };
  /** A Sum KPI with a series: months of its target year passed; its status today is judged on the baseline and target pro-rated. */
  readonly monthsElapsed?: number;
  readonly owner: string;
  readonly source: Source;
}

/** The KPI Series part as read: each KPI's values in month order, one per month. */
export interface KpiSeries {
  readonly sheet: string;
  readonly layout: "wide" | "long";
  readonly headerRange: string;
  readonly how: FoundHow;
  /** By the KPI's ID as the KPIs sheet writes it. */
  readonly byKpi: ReadonlyMap<string, MonthlySeries>;
  readonly values: number;
}

export type KpiFigure = "baseline" | "target" | "actual" | "forecast";

export interface Initiative {
  readonly id: string;
  readonly name: string;
  readonly program: string;
  readonly betIds: readonly string[];
  readonly kpiIds: readonly string[];
  readonly personaIds: readonly string[];
  readonly motIds: readonly string[];
  readonly ownerFunction: string;
  readonly budget?: number;
  /** The budget is unknown (a formula that could not be computed, a number past ±1.8E+308, #NUM!): every sum it is part of is unknown. */
  readonly budgetUnknown?: boolean;
  readonly expectedImpact: string;
  readonly start?: string;
  readonly end?: string;
  readonly status: string;
  readonly source: Source;
}

/** One row of the Impacts sheet: what an initiative is expected to change in a KPI. */
export interface Impact {
  readonly initiativeId: string;
  readonly kpiId: string;
  /** The change of the KPI's value, in its unit, signed as a change (−0.002 lowers a churn rate). */
  readonly impact?: number;
  /** Share from 0 to 1; 1 when the cell is blank. */
  readonly confidence: number;
  /** The impact or confidence is unknown (as a budget can be): the bridge it is part of is unknown. */
  readonly unknown?: boolean;
  readonly note: string;
  readonly source: Source;
}

export interface MomentOfTruth {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  readonly personaIds: readonly string[];
  readonly priority?: Priority;
  readonly betIds: readonly string[];
  readonly kpiIds: readonly string[];
  readonly source: Source;
}

export interface Collaboration {
  readonly function: string;
  readonly handshake?: Handshake;
  readonly handshakeText: string;
  readonly cadence: string;
  readonly owner: string;
  readonly betIds: readonly string[];
  readonly source: Source;
}

/** What the parser found of one contract sheet, for the task pane's overview and the CLI. */
export interface SheetReport {
  readonly key: SheetKey;
  readonly label: string;
  readonly required: boolean;
  readonly found: boolean;
  /** The user's sheet name when found. */
  readonly sheetName?: string;
  /** Where the header row was found, e.g. "A3:L3". */
  readonly headerRange?: string;
  /** The Excel table the rows came from, when the sheet holds one. */
  readonly tableName?: string;
  readonly rowsRead: number;
  readonly missingColumns: readonly string[];
  /** When found: each contract column found (by its label) and the header it is read from. */
  readonly columns?: Readonly<Record<string, string>>;
  /** When found: how the sheet was found. */
  readonly how?: FoundHow;
}

export interface Plan {
  readonly bets: readonly Bet[];
  readonly personas: readonly Persona[];
  readonly kpis: readonly Kpi[];
  readonly initiatives: readonly Initiative[];
  readonly impacts: readonly Impact[];
  readonly moments: readonly MomentOfTruth[];
  readonly collaboration: readonly Collaboration[];
  /** Which optional sheets are present: rules about a sheet run only when it is. */
  readonly present: Readonly<Record<SheetKey, boolean>>;
  readonly sheets: readonly SheetReport[];
  /** The KPI Series part, when the plan has one (issue 20): everything it adds depends on it. */
  readonly series?: KpiSeries;
}
