/**
 * Lays a what-if out as the "CVM Scenario" sheet: the scenario's changes, then per bet and per
 * KPI the plan's figure beside the scenario's, then the findings that appear or go away. The
 * sheet is owned like the report (the note in A2), and every adapter writes it as it writes the
 * report.
 */
import { LISTED_ITEMS } from "../common/boundedText";

import type { Finding } from "../plan/model";
import { OWNER_MARKER } from "../sheets/ownership";
import { excelSerial, inKpiUnit, opt, ownedSheetLayout, sectionStack } from "../sheets/layoutParts";
import { findingCounts } from "../analysis/findingCounts";
import type { OutCell, OutFormat, OutTable, OutValue, ReportLayout } from "../sheets/reportLayout";
import { defineTable, layoutTable, type Column } from "../sheets/tableSchema";
import type { ScenarioLine } from "./scenario";
import type { BetChange, Change, KpiChange, ScenarioComparison, WhatIf } from "./whatIf";

/** The sheet "Write scenario" writes: the what-if's changes and its figures beside the plan's. */
export const SCENARIO_SHEET_NAME = "CVM Scenario";

export interface ScenarioReportOptions {
  readonly runAt: Date;
}

const text = (value: string | undefined): OutValue => value ?? "No data";

/**
 * A figure of the plan's beside the scenario's: two columns, "<header> (plan)" and "<header>
 * (scenario)", alike but for where their value comes from.
 */
function pair<Row, K extends string, T>(
  key: K,
  header: string,
  looks: Pick<Column<Row>, "format" | "width" | "status" | "dataBar" | "cellFormat">,
  change: (row: Row) => Change<T>,
  show: (value: T | undefined) => OutValue,
): [Column<Row, `${K}Plan`>, Column<Row, `${K}Scenario`>] {
  return [
    { key: `${key}Plan`, header: `${header} (plan)`, ...looks, value: (row) => show(change(row).plan) },
    { key: `${key}Scenario`, header: `${header} (scenario)`, ...looks, value: (row) => show(change(row).scenario) },
  ];
}

const LINE_FORMATS: Readonly<Record<ScenarioLine["what"], OutFormat>> = {
  Active: "text",
  Budget: "money",
  Weight: "percent",
  Confidence: "percent",
};
const lineValue = (value: number | boolean | undefined): OutValue => (typeof value === "boolean" ? (value ? "On" : "Off") : opt(value));
const lineFormat = (line: ScenarioLine) => LINE_FORMATS[line.what];

export const SCENARIO_CHANGES_TABLE = defineTable<ScenarioLine>()({
  name: "CVM_ScenarioChanges",
  columns: [
    { key: "item", header: "Item", format: "text", width: 10, value: (l) => l.kind },
    { key: "id", header: "ID", format: "text", width: 12, value: (l) => l.id },
    { key: "name", header: "Name", format: "text", width: 30, value: (l) => l.name },
    { key: "change", header: "Change", format: "text", width: 12, value: (l) => l.what },
    { key: "plan", header: "Plan", format: "decimal", width: 14, value: (l) => lineValue(l.plan), cellFormat: lineFormat },
    { key: "scenario", header: "Scenario", format: "decimal", width: 14, value: (l) => lineValue(l.scenario), cellFormat: lineFormat },
  ],
});

export const SCENARIO_BETS_TABLE = defineTable<BetChange>()({
  name: "CVM_ScenarioBets",
  columns: [
    { key: "betId", header: "Bet ID", format: "text", width: 10, value: (b) => b.betId },
    { key: "statement", header: "Strategic bet", format: "text", width: 30, value: (b) => b.statement },
    ...pair("coverage", "Coverage", { format: "percent", width: 12 }, (b: BetChange) => b.coverage, opt),
    ...pair("weight", "Weight", { format: "percent", width: 12 }, (b: BetChange) => b.weight, opt),
    ...pair("budget", "Budget", { format: "money", width: 14 }, (b: BetChange) => b.budget, opt),
    ...pair("budgetShare", "Budget share", { format: "percent", width: 14 }, (b: BetChange) => b.budgetShare, opt),
    ...pair("allocation", "Allocation", { format: "text", width: 14, status: true }, (b: BetChange) => b.allocation, text),
  ],
});

export const SCENARIO_KPIS_TABLE = defineTable<KpiChange>()({
  name: "CVM_ScenarioKPIs",
  columns: [
    { key: "kpiId", header: "KPI ID", format: "text", width: 10, value: (k) => k.kpiId },
    { key: "name", header: "KPI", format: "text", width: 30, value: (k) => k.name },
    { key: "unit", header: "Unit", format: "text", width: 8, value: (k) => k.unit },
    ...pair("planned", "Planned", { format: "decimal", width: 12, cellFormat: inKpiUnit }, (k: KpiChange) => k.planned, opt),
    ...pair("coverage", "Coverage", { format: "percent", width: 12, dataBar: true }, (k: KpiChange) => k.coverage, opt),
    ...pair("closure", "Closure", { format: "text", width: 14, status: true }, (k: KpiChange) => k.closure, text),
    ...pair("projected", "Projected", { format: "decimal", width: 12, cellFormat: inKpiUnit }, (k: KpiChange) => k.projected, opt),
    ...pair("projectedStatus", "Projected status", { format: "text", width: 16, status: true }, (k: KpiChange) => k.projectedStatus, text),
  ],
});

/** A finding the scenario adds or takes away. */
export interface FindingChange {
  readonly change: "Appears" | "Goes away";
  readonly finding: Finding;
}

export const SCENARIO_FINDINGS_TABLE = defineTable<FindingChange>()({
  name: "CVM_ScenarioFindings",
  columns: [
    { key: "change", header: "Change", format: "text", width: 11, value: (c) => c.change, status: true },
    { key: "severity", header: "Severity", format: "text", width: 10, value: (c) => c.finding.severity, status: true },
    { key: "rule", header: "Rule", format: "text", width: 22, value: (c) => c.finding.rule },
    { key: "sheet", header: "Sheet", format: "text", width: 14, value: (c) => c.finding.sheet },
    { key: "cell", header: "Cell", format: "text", width: 8, value: (c) => c.finding.cell },
    { key: "itemId", header: "Item", format: "text", width: 10, value: (c) => c.finding.itemId },
    { key: "message", header: "What to do", format: "text", width: 90, value: (c) => c.finding.message },
  ],
});

export const SCENARIO_TABLE_NAMES = {
  changes: SCENARIO_CHANGES_TABLE.name,
  bets: SCENARIO_BETS_TABLE.name,
  kpis: SCENARIO_KPIS_TABLE.name,
  findings: SCENARIO_FINDINGS_TABLE.name,
} as const;

function kpisTable(whatIf: WhatIf, row: number): OutTable {
  const bridged = whatIf.plan.sheets.some((s) => s.key === "impacts" && s.found);
  return layoutTable(SCENARIO_KPIS_TABLE, bridged ? whatIf.comparison.kpis : [], {
    row,
    empty: bridged ? "No KPIs" : "No Impacts sheet in the plan: the gap bridge was not computed",
  });
}

/** The findings that appear in the scenario, then those that go away. */
export function findingChanges(comparison: Pick<ScenarioComparison, "appeared" | "resolved">): FindingChange[] {
  return [
    ...comparison.appeared.map((finding) => ({ change: "Appears" as const, finding })),
    ...comparison.resolved.map((finding) => ({ change: "Goes away" as const, finding })),
  ];
}

function headerCells(whatIf: WhatIf, runAt: Date): OutCell[] {
  const { comparison, applied } = whatIf;
  const label = (row: number, value: string): OutCell => ({ row, col: 0, value, style: "label" });
  const figures = (row: number, title: string, c: Change<number>, format: OutFormat): OutCell[] => [
    label(row, title),
    { row, col: 1, value: opt(c.plan), format },
    { row, col: 2, value: opt(c.scenario), format },
  ];
  const cells: OutCell[] = [
    { row: 0, col: 0, value: "CVM Scenario", style: "title" },
    { row: 1, col: 0, value: OWNER_MARKER, style: "note" },
    { row: 2, col: 1, value: "Plan", style: "label" },
    { row: 2, col: 2, value: "Scenario", style: "label" },
    ...figures(3, "Alignment score", comparison.score, "percent"),
    ...figures(4, "Budget", comparison.totalBudget, "money"),
    ...figures(5, "Untraced budget", comparison.untracedBudget, "money"),
    label(6, "Findings"),
    { row: 6, col: 1, value: findingCounts(whatIf.plan.findings) },
    { row: 6, col: 2, value: findingCounts(whatIf.scenario.findings) },
    label(7, "Run at"),
    { row: 7, col: 1, value: excelSerial(runAt), format: "datetime" },
  ];
  // A change that names nothing in the plan is said on the sheet, not dropped silently.
  problemNotes(applied.problems).forEach((note, i) => cells.push({ row: 8 + i, col: 0, value: note, style: "note" }));
  return cells;
}

/** The changes that name nothing in the plan, a line each up to a bound, then how many more: a scenario file may hold any number. */
function problemNotes(problems: readonly string[]): string[] {
  if (problems.length <= LISTED_ITEMS) return problems.slice();
  const rest = (problems.length - LISTED_ITEMS).toLocaleString("en-US");
  return [...problems.slice(0, LISTED_ITEMS), `… and ${rest} more changes that name nothing in the plan were left out.`];
}

export function buildScenarioLayout(whatIf: WhatIf, options: ScenarioReportOptions): ReportLayout {
  const cells = headerCells(whatIf, options.runAt);
  const { tables, section } = sectionStack(cells, 10 + problemNotes(whatIf.applied.problems).length);
  section("Changes", (r) =>
    layoutTable(SCENARIO_CHANGES_TABLE, whatIf.applied.lines, { row: r, empty: "No change: the scenario is the plan as it stands" }),
  );
  section("Bets: plan and scenario", (r) =>
    layoutTable(SCENARIO_BETS_TABLE, whatIf.comparison.bets, { row: r, empty: "No strategic bets" }),
  );
  section("KPIs: the gap bridge in the plan and in the scenario", (r) => kpisTable(whatIf, r));
  section("Findings that appear or go away", (r) =>
    layoutTable(SCENARIO_FINDINGS_TABLE, findingChanges(whatIf.comparison), { row: r, empty: "The scenario changes no finding" }),
  );
  return ownedSheetLayout(SCENARIO_SHEET_NAME, cells, tables);
}
