/** Builds SheetData the way a workbook adapter would hand it over, for engine tests. */
import type { CellValue, SheetData, SheetTable } from "../src/domain/common/cells";

export function sheet(name: string, values: CellValue[][], origin = { row: 0, col: 0 }, tables?: SheetTable[]): SheetData {
  return { name, values, origin, tables };
}

/** The contract's sheet names, by the key of each part of the plan. */
export const SHEET_NAMES = {
  bets: "Bets",
  personas: "Personas",
  kpis: "KPIs",
  initiatives: "Initiatives",
  impacts: "Impacts",
  moments: "Moments of Truth",
  collaboration: "Collaboration",
} as const;

export const BET_HEADER = ["Bet ID", "Strategic Bet", "Strategy", "Business Objective", "Major Initiative", "Weight", "Owner"];
export const PERSONA_HEADER = ["Persona ID", "Persona", "Segment", "Needs", "Alternatives", "Bet IDs"];
export const KPI_HEADER = [
  "KPI ID",
  "KPI",
  "Category",
  "Bet IDs",
  "Unit",
  "Direction",
  "Baseline",
  "Target",
  "Actual",
  "Forecast",
  "Period",
  "Owner",
];
export const INITIATIVE_HEADER = [
  "Initiative ID",
  "Initiative",
  "Program",
  "Bet IDs",
  "KPI IDs",
  "Persona IDs",
  "MoT IDs",
  "Owner Function",
  "Budget",
  "Expected Impact",
  "Start",
  "End",
  "Status",
];
export const MOT_HEADER = ["MoT ID", "Moment", "Journey Stage", "Persona IDs", "Priority", "Bet IDs", "KPI IDs"];
export const IMPACT_HEADER = ["Initiative ID", "KPI ID", "Impact", "Confidence", "Note"];
export const COLLAB_HEADER = ["Function", "Handshake", "Cadence", "Owner", "Bet IDs"];

/** A small plan that covers every aspect of B1 and leaves B2 thin, for rule tests to vary. */
export function smallPlan(
  overrides: Partial<
    Record<"bets" | "personas" | "kpis" | "initiatives" | "impacts" | "moments" | "collaboration", CellValue[][] | null>
  > = {},
): SheetData[] {
  const base: Record<string, CellValue[][]> = {
    Bets: [
      BET_HEADER,
      ["B1", "Win converged homes", "Convergence", "Grow converged base", "Cable merger", 0.6, "CEO"],
      ["B2", "Lead in 5G", "", "", "", 0.4, "CTO"],
    ],
    Personas: [PERSONA_HEADER, ["P1", "Busy family", "Families", "Reliable wifi", "Cable-only ISP", "B1"]],
    KPIs: [
      KPI_HEADER,
      ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"],
      ["K2", "Monthly churn", "Customer base", "B1", "%", "Lower is better", 0.02, 0.015, 0.014, null, "FY26", "CVM"],
    ],
    Initiatives: [
      INITIATIVE_HEADER,
      ["I1", "Bundle offer", "Cross-sell", "B1", "K1", "P1", "M1", "CVM", 600, "", null, null, "Running"],
      ["I2", "Win-back", "Retention", "", "K2", "", "", "CVM", 300, "", null, null, "Planned"],
      ["I3", "Loyalty app", "Loyalty", "", "", "", "", "Product", 100, "", null, null, "Planned"],
    ],
    "Moments of Truth": [MOT_HEADER, ["M1", "First bill", "Pay", "P1", "High", "B1", ""]],
    Collaboration: [
      COLLAB_HEADER,
      ["CEO office", "Strategic direction", "Quarterly", "CEO", "B1"],
      ["Finance", "Resource allocation", "Quarterly", "CFO", ""],
      ["BI", "KPIs", "Monthly", "CDO", ""],
      ["Insights", "Customer insights", "Monthly", "CMO", ""],
    ],
  };
  const names: Record<string, string> = SHEET_NAMES;
  for (const [key, rows] of Object.entries(overrides)) {
    if (rows === null) delete base[names[key]];
    else if (rows) base[names[key]] = rows;
  }
  return Object.entries(base).map(([name, rows]) => sheet(name, rows));
}
