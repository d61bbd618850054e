/**
 * The starter plan that "Insert template" writes into an empty workbook: each contract sheet as
 * a table with its headers and a few example rows a planner overwrites.
 */
import { SHEETS, sheetSpec, type SheetKey } from "../plan/contract";
import { findSheet } from "../plan/locate";
import { freeName } from "./ownership";
import type { OutValue } from "./reportLayout";

export interface TemplateSheet {
  readonly key: SheetKey;
  readonly sheetName: string;
  readonly tableName: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly OutValue[])[];
}

const EXAMPLES: Readonly<Record<SheetKey, readonly (readonly OutValue[])[]>> = {
  bets: [
    ["B1", "Win the converged household", "Convergence", "Converged households +25%", "Merger cross-sell", 0.6, "CEO"],
    ["B2", "Grow the value of the mobile base", "Value growth", "ARPU +4%", "5G roll-out", 0.4, "CCO"],
  ],
  personas: [["P1", "Connected family", "Households with 3+ lines", "One bill, reliable wifi", "Cable-only provider", "B1"]],
  kpis: [
    ["K1", "Converged households", "Customer base", "B1", "k", "Higher is better", 410, 520, 455, null, "FY2026", "CVM"],
    ["K2", "Postpaid monthly churn", "Customer base", "B2", "%", "Lower is better", 0.016, 0.013, 0.0145, null, "FY2026", "CVM"],
  ],
  initiatives: [
    ["I1", "Bundle offer to the cable base", "Cross-sell", "B1", "K1", "P1", "M1", "CVM", 500000, "+30k households", null, null, "Planned"],
    ["I2", "Churn prediction and save offers", "Retention", "B2", "K2", "", "", "CVM", 300000, "Churn -0.2 pp", null, null, "Planned"],
  ],
  // Empty: an impact is a planner's estimate, not something an example should put in their plan.
  // An Excel table holds at least one row, so the empty table is its header and one blank row.
  impacts: [[null, null, null, null, null]],
  moments: [["M1", "Installation day", "Join", "P1", "High", "B1", "K1"]],
  collaboration: [
    ["CEO office", "Strategic direction", "Quarterly", "CEO", "B1; B2"],
    ["Finance", "Resource allocation", "Quarterly", "CFO", ""],
    ["BI", "KPIs", "Monthly", "Head of BI", ""],
    ["Insights team", "Customer insights", "Monthly", "CMO", ""],
  ],
};

const TABLE_NAMES: Readonly<Record<SheetKey, string>> = {
  bets: "Bets",
  personas: "Personas",
  kpis: "KPIs",
  initiatives: "Initiatives",
  impacts: "Impacts",
  moments: "MomentsOfTruth",
  collaboration: "Collaboration",
};

export const TEMPLATE: readonly TemplateSheet[] = SHEETS.map((spec) => ({
  key: spec.key,
  sheetName: spec.label,
  tableName: TABLE_NAMES[spec.key],
  header: spec.columns.map((c) => c.label),
  rows: EXAMPLES[spec.key],
}));

export interface TemplatePlan {
  /** The contract sheets to create, each with a table name no table of the workbook uses. */
  readonly create: readonly TemplateSheet[];
  /** The sheets of the workbook that already stand for a contract sheet, left alone. */
  readonly skipped: readonly string[];
}

/**
 * What "Insert template" does on a workbook with these sheets and tables: create only the
 * contract sheets it lacks (a sheet is never overwritten), and give each new table a free name.
 */
export function planTemplate(sheetNames: readonly string[], tableNames: readonly string[]): TemplatePlan {
  const present = sheetNames.map((name) => ({ name }));
  const takenTables = new Set(tableNames.map((n) => n.toLowerCase()));
  const create: TemplateSheet[] = [];
  const skipped: string[] = [];
  for (const template of TEMPLATE) {
    const existing = findSheet(sheetSpec(template.key), present);
    if (existing) {
      skipped.push(existing.name);
      continue;
    }
    const tableName = freeName(template.tableName, takenTables);
    takenTables.add(tableName.toLowerCase());
    create.push({ ...template, tableName });
  }
  return { create, skipped };
}
