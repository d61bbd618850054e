/**
 * Lays a what-if out as the "CVM Scenario" sheet: the scenario's changes, then per bet and per
 * KPI the plan's figure beside the scenario's, then the findings that appear or go away. The
 * sheet is owned like the report (the note in A2), and every adapter writes it as it writes the
 * report.
 */
import { LISTED_ITEMS } from "../common/boundedText";

import type { Finding } from "../plan/model";
import { OWNER_MARKER } from "../sheets/ownership";
import { excelSerial, opt, orPlaceholder, ownedSheetLayout, sectionStack, unitFormats } from "../sheets/layoutParts";
import { findingCounts } from "../analysis/findingCounts";
import type { OutCell, OutColumn, OutFormat, OutTable, OutValue, ReportLayout } from "../sheets/reportLayout";
import type { ScenarioLine } from "./scenario";
import type { Change, WhatIf } from "./whatIf";

/** The sheet "Write scenario" writes: the what-if's changes and its figures beside the plan's. */
export const SCENARIO_SHEET_NAME = "CVM Scenario";

export const SCENARIO_TABLE_NAMES = {
  changes: "CVM_ScenarioChanges",
  bets: "CVM_ScenarioBets",
  kpis: "CVM_ScenarioKPIs",
  findings: "CVM_ScenarioFindings",
} as const;

export interface ScenarioReportOptions {
  readonly runAt: Date;
}

/** The plan's and the scenario's value, side by side. */
const both = <T>(c: Change<T>, read: (value: T | undefined) => OutValue): OutValue[] => [read(c.plan), read(c.scenario)];
const text = (value: string | undefined): OutValue => value ?? "No data";
const pair = (header: string, format: OutFormat, width = 12): OutColumn[] => [
  { header: `${header} (plan)`, format, width },
  { header: `${header} (scenario)`, format, width },
];

const LINE_FORMATS: Readonly<Record<ScenarioLine["what"], OutFormat>> = {
  Active: "text",
  Budget: "money",
  Weight: "percent",
  Confidence: "percent",
};
const lineValue = (value: number | boolean | undefined): OutValue => (typeof value === "boolean" ? (value ? "On" : "Off") : opt(value));

function changesTable(lines: readonly ScenarioLine[], row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Item", format: "text", width: 10 },
    { header: "ID", format: "text", width: 12 },
    { header: "Name", format: "text", width: 30 },
    { header: "Change", format: "text", width: 12 },
    { header: "Plan", format: "decimal", width: 14 },
    { header: "Scenario", format: "decimal", width: 14 },
  ];
  const rows = lines.map((l) => [l.kind, l.id, l.name, l.what, lineValue(l.plan), lineValue(l.scenario)]);
  const cellFormats = lines.map((l) => [undefined, undefined, undefined, undefined, LINE_FORMATS[l.what], LINE_FORMATS[l.what]]);
  return {
    name: SCENARIO_TABLE_NAMES.changes,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, "No change: the scenario is the plan as it stands"),
    cellFormats: lines.length ? cellFormats : undefined,
    statusColumns: [],
  };
}

function betsTable(whatIf: WhatIf, row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Bet ID", format: "text", width: 10 },
    { header: "Strategic bet", format: "text", width: 30 },
    ...pair("Coverage", "percent"),
    ...pair("Weight", "percent"),
    ...pair("Budget", "money", 14),
    ...pair("Budget share", "percent", 14),
    ...pair("Allocation", "text", 14),
  ];
  const rows = whatIf.comparison.bets.map((b) => [
    b.betId,
    b.statement,
    ...both(b.coverage, opt),
    ...both(b.weight, opt),
    ...both(b.budget, opt),
    ...both(b.budgetShare, opt),
    ...both(b.allocation, text),
  ]);
  return {
    name: SCENARIO_TABLE_NAMES.bets,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, "No strategic bets"),
    statusColumns: [10, 11],
  };
}

function kpisTable(whatIf: WhatIf, row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "KPI ID", format: "text", width: 10 },
    { header: "KPI", format: "text", width: 30 },
    { header: "Unit", format: "text", width: 8 },
    ...pair("Planned", "decimal"),
    ...pair("Coverage", "percent"),
    ...pair("Closure", "text", 14),
    ...pair("Projected", "decimal"),
    ...pair("Projected status", "text", 16),
  ];
  const kpis = whatIf.comparison.kpis;
  const rows = kpis.map((k) => [
    k.kpiId,
    k.name,
    k.unit,
    ...both(k.planned, opt),
    ...both(k.coverage, opt),
    ...both(k.closure, text),
    ...both(k.projected, opt),
    ...both(k.projectedStatus, text),
  ]);
  const hasBridge = whatIf.plan.sheets.some((s) => s.key === "impacts" && s.found);
  return {
    name: SCENARIO_TABLE_NAMES.kpis,
    row,
    col: 0,
    columns,
    rows: hasBridge
      ? orPlaceholder(rows, columns.length, "No KPIs")
      : orPlaceholder([], columns.length, "No Impacts sheet in the plan: the gap bridge was not computed"),
    cellFormats: hasBridge ? unitFormats(kpis, columns.length, [3, 4, 9, 10]) : undefined,
    statusColumns: [7, 8, 11, 12],
    dataBarColumns: [5, 6],
  };
}

function findingsTable(appeared: readonly Finding[], resolved: readonly Finding[], row: number): OutTable {
  const columns: OutColumn[] = [
    { header: "Change", format: "text", width: 11 },
    { header: "Severity", format: "text", width: 10 },
    { header: "Rule", format: "text", width: 22 },
    { header: "Sheet", format: "text", width: 14 },
    { header: "Cell", format: "text", width: 8 },
    { header: "Item", format: "text", width: 10 },
    { header: "What to do", format: "text", width: 90 },
  ];
  const line = (change: string) => (f: Finding) => [change, f.severity, f.rule, f.sheet, f.cell, f.itemId, f.message];
  const rows = [...appeared.map(line("Appears")), ...resolved.map(line("Goes away"))];
  return {
    name: SCENARIO_TABLE_NAMES.findings,
    row,
    col: 0,
    columns,
    rows: orPlaceholder(rows, columns.length, "The scenario changes no finding"),
    statusColumns: [0, 1],
  };
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
  section("Changes", (r) => changesTable(whatIf.applied.lines, r));
  section("Bets: plan and scenario", (r) => betsTable(whatIf, r));
  section("KPIs: the gap bridge in the plan and in the scenario", (r) => kpisTable(whatIf, r));
  section("Findings that appear or go away", (r) => findingsTable(whatIf.comparison.appeared, whatIf.comparison.resolved, r));
  return ownedSheetLayout(SCENARIO_SHEET_NAME, cells, tables);
}
