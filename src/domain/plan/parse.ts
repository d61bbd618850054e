/**
 * From the workbook's sheets to a Plan: locate each contract sheet, read its rows into typed
 * records, and report every problem with the cell to fix. Duplicate IDs keep the first row.
 */
import { cellAddress, type SheetData } from "../common/cells";
import { HANDSHAKES, SHEETS, type SheetKey, type SheetSpec } from "./contract";
import { readCategory, readDirection, readHandshake, readPriority } from "./enums";
import { findSheet, locateTable, type LocatedTable } from "./locate";
import type { Bet, Collaboration, Impact, Initiative, Kpi, KpiFigure, MomentOfTruth, Persona, Plan, SheetReport } from "./model";
import { FindingSink, RowReader, TableContext } from "./rowReader";
import { percentOf } from "../common/units";
import { idKey } from "../common/values";

type RecordBuilder<T> = (row: RowReader) => T | undefined;

/**
 * Reads an ID-keyed row: a blank ID drops the row, a repeated ID keeps the first occurrence.
 * `seen` maps an ID key to the row index of its first occurrence; its address is only spelled out
 * when a duplicate needs it, which saves formatting one address per row on large sheets.
 */
function withId<T>(build: (row: RowReader, id: string) => T, seen: Map<string, number>): RecordBuilder<T> {
  return (row) => {
    if (row.missingRequired("id")) return undefined;
    const id = row.text("id");
    if (!id) return undefined;
    row.itemId = id;
    const key = idKey(id);
    const first = seen.get(key);
    if (first !== undefined) {
      row.report(
        "warning",
        "DUPLICATE_ID",
        "id",
        `ID ${id} already appears in ${row.cell("id", first)}; this row is left out of the analysis. Give it its own ID or delete it.`,
      );
      return undefined;
    }
    seen.set(key, row.rowIndex);
    return build(row, id);
  };
}

function requiredText(row: RowReader, key: string): string {
  row.missingRequired(key);
  return row.text(key);
}

function nonNegative(row: RowReader, key: string, label: string): number | undefined {
  const value = row.number(key);
  if (value !== undefined && value < 0) {
    row.report("warning", "BAD_VALUE", key, `${label} ${value} is negative; enter zero or more (the value is left out).`);
    return undefined;
  }
  return value;
}

function buildBet(row: RowReader, id: string): Bet {
  const weight = nonNegative(row, "weight", "Weight");
  return {
    id,
    statement: requiredText(row, "statement"),
    strategy: row.text("strategy"),
    objective: row.text("objective"),
    majorInitiative: row.text("majorInitiative"),
    weight,
    ...(row.isUnknown("weight") && { weightUnknown: true }),
    owner: row.text("owner"),
    source: row.source,
  };
}

const buildPersona = (row: RowReader, id: string): Persona => ({
  id,
  name: requiredText(row, "name"),
  segment: row.text("segment"),
  needs: row.text("needs"),
  alternatives: row.text("alternatives"),
  betIds: row.ids("betIds"),
  source: row.source,
});

const CATEGORY_CHOICES = '"Customer base", "Revenue", "Customer experience", "Costs" or "Internal processes"';

const KPI_FIGURES: readonly KpiFigure[] = ["baseline", "target", "actual", "forecast"];

function unknownFigures(row: RowReader): { unknownFigures?: readonly KpiFigure[] } {
  const unknown = KPI_FIGURES.filter((key) => row.isUnknown(key));
  return unknown.length > 0 ? { unknownFigures: unknown } : {};
}

function buildKpi(row: RowReader, id: string): Kpi {
  const name = requiredText(row, "name");
  const category = row.choice("category", readCategory, CATEGORY_CHOICES, "the KPI is listed without a category");
  const direction = row.choice("direction", readDirection, '"Higher is better" or "Lower is better"', "it is treated as higher is better");
  const target = row.missingRequired("target") ? undefined : row.number("target");
  return {
    id,
    name,
    category: category.value,
    categoryText: category.value ?? category.text,
    betIds: row.ids("betIds"),
    unit: row.text("unit"),
    direction: direction.value ?? "higher",
    baseline: row.number("baseline"),
    target,
    actual: row.number("actual"),
    forecast: row.number("forecast"),
    ...unknownFigures(row),
    period: row.text("period"),
    owner: row.text("owner"),
    source: row.source,
  };
}

const buildInitiative = (row: RowReader, id: string): Initiative => ({
  id,
  name: requiredText(row, "name"),
  program: row.text("program"),
  betIds: row.ids("betIds"),
  kpiIds: row.ids("kpiIds"),
  personaIds: row.ids("personaIds"),
  motIds: row.ids("motIds"),
  ownerFunction: row.text("ownerFunction"),
  budget: nonNegative(row, "budget", "Budget"),
  ...(row.isUnknown("budget") && { budgetUnknown: true }),
  expectedImpact: row.text("expectedImpact"),
  start: row.date("start"),
  end: row.date("end"),
  status: row.text("status"),
  source: row.source,
});

/** A share from 0 to 1, typed 0.8 or 80%; blank means 100%; anything else is reported and left out. */
function confidenceOf(row: RowReader): number | undefined {
  const value = row.number("confidence");
  if (value === undefined) return row.isUnknown("confidence") || row.hasValue("confidence") ? undefined : 1;
  if (value < 0 || value > 1) {
    row.report(
      "warning",
      "BAD_VALUE",
      "confidence",
      `Confidence ${percentOf(value)} is not a share from 0% to 100%; enter it as 0.8 or 80% (the row is left out of the gap bridge).`,
    );
    return undefined;
  }
  return value;
}

function buildImpact(row: RowReader): Impact | undefined {
  const missingInitiative = row.missingRequired("initiativeId");
  const initiativeId = row.text("initiativeId");
  row.itemId = initiativeId;
  const missingKpi = row.missingRequired("kpiId");
  const kpiId = row.text("kpiId");
  const missingImpact = row.missingRequired("impact");
  const impact = missingImpact ? undefined : row.number("impact");
  const confidence = confidenceOf(row);
  const unknown = row.isUnknown("impact") || row.isUnknown("confidence");
  if (missingInitiative || missingKpi || !initiativeId || !kpiId) return undefined;
  // A row whose impact or confidence cannot be read stays out of the bridge; the finding says so.
  if (!unknown && (impact === undefined || confidence === undefined)) return undefined;
  return {
    initiativeId,
    kpiId,
    impact,
    confidence: confidence ?? 1,
    ...(unknown && { unknown: true }),
    note: row.text("note"),
    source: row.source,
  };
}

const buildMoment = (row: RowReader, id: string): MomentOfTruth => ({
  id,
  name: requiredText(row, "name"),
  stage: row.text("stage"),
  personaIds: row.ids("personaIds"),
  priority: row.choice("priority", readPriority, '"High", "Medium" or "Low"', "it is treated as having no priority").value,
  betIds: row.ids("betIds"),
  kpiIds: row.ids("kpiIds"),
  source: row.source,
});

/** "Strategic direction", "KPIs", … or "Strategic initiatives": the handshakes a row may name, for its message. */
const quotedHandshakes = HANDSHAKES.map((h) => `"${h.handshake}"`);
const HANDSHAKE_CHOICES = `${quotedHandshakes.slice(0, -1).join(", ")} or ${quotedHandshakes[quotedHandshakes.length - 1]}`;

function buildCollaboration(row: RowReader): Collaboration | undefined {
  const fn = requiredText(row, "function");
  row.itemId = fn;
  row.missingRequired("handshake");
  const handshake = row.choice("handshake", readHandshake, HANDSHAKE_CHOICES, "the row does not count as a handshake");
  return {
    function: fn,
    handshake: handshake.value,
    handshakeText: handshake.text,
    cadence: row.text("cadence"),
    owner: row.text("owner"),
    betIds: row.ids("betIds"),
    source: row.source,
  };
}

function missingSheetReport(spec: SheetSpec, sink: FindingSink): SheetReport {
  if (spec.required) {
    sink.add(
      "error",
      "MISSING_SHEET",
      spec.label,
      "A1",
      "",
      `The plan has no ${spec.label} sheet; add a sheet named "${spec.label}" with the columns ${spec.columns
        .filter((c) => c.required)
        .map((c) => c.label)
        .join(", ")}.`,
    );
  }
  return {
    key: spec.key,
    label: spec.label,
    required: spec.required,
    found: false,
    rowsRead: 0,
    missingColumns: spec.columns.filter((c) => c.required).map((c) => c.label),
  };
}

// Excel's last column is XFD; a finding must name a cell that exists, even for a header that ends there.
const LAST_COLUMN = 16_383;

function reportMissingColumns(spec: SheetSpec, table: LocatedTable, sink: FindingSink): void {
  const headerRow = table.sheet.origin.row + table.headerIndex;
  table.missing.forEach((column, i) => {
    const aliases = column.aliases.length ? ` (or ${column.aliases.map((a) => `"${a}"`).join(", ")})` : "";
    sink.add(
      "error",
      "MISSING_COLUMN",
      table.sheet.name,
      cellAddress(headerRow, Math.min(table.nextFreeCol + i, LAST_COLUMN)),
      "",
      `The ${spec.label} sheet has no "${column.label}" column${aliases}; add it to the header row ${table.headerRange}.`,
    );
  });
}

interface SheetRead<T> {
  readonly records: T[];
  readonly report: SheetReport;
}

function readSheet<T>(spec: SheetSpec, sheets: readonly SheetData[], build: RecordBuilder<T>, sink: FindingSink): SheetRead<T> {
  const sheet = findSheet(spec, sheets);
  if (!sheet) return { records: [], report: missingSheetReport(spec, sink) };
  const table = locateTable(spec, sheet);
  const records: T[] = [];
  let filledRows = 0;
  if (table) {
    reportMissingColumns(spec, table, sink);
    const context = new TableContext(spec, table, sink);
    // Without the ID column (or the first required one) no row can be told apart.
    const keyColumn = spec.columns.find((c) => c.required);
    if (keyColumn && table.columns[keyColumn.key] !== undefined) {
      for (let i = table.headerIndex + 1; i <= table.lastIndex; i++) {
        const row = new RowReader(context, i);
        if (row.isBlankRow()) continue;
        filledRows++;
        const record = build(row);
        if (record) records.push(record);
      }
    }
  }
  if (records.length === 0 && (!table || table.missing.length === 0)) {
    // Rows that are there but cannot be used have findings of their own; say so rather than "no rows".
    const message =
      filledRows === 0
        ? `The ${spec.label} sheet has no data rows; add them below its header row.`
        : `None of the ${filledRows} rows of the ${spec.label} sheet can be used; correct the cells the other findings on this sheet point to.`;
    sink.add(
      spec.required ? "error" : "info",
      "EMPTY_SHEET",
      sheet.name,
      table ? cellAddress(table.sheet.origin.row + table.headerIndex + 1, table.sheet.origin.col) : "A1",
      "",
      message,
    );
  }
  return {
    records,
    report: {
      key: spec.key,
      label: spec.label,
      required: spec.required,
      found: true,
      sheetName: sheet.name,
      headerRange: table?.headerRange,
      tableName: table?.tableName,
      rowsRead: records.length,
      missingColumns: table ? table.missing.map((c) => c.label) : spec.columns.filter((c) => c.required).map((c) => c.label),
    },
  };
}

export interface ParsedPlan {
  readonly plan: Plan;
  readonly findings: FindingSink;
}

export function parsePlan(sheets: readonly SheetData[]): ParsedPlan {
  const sink = new FindingSink();
  const spec = (key: SheetKey) => SHEETS.find((s) => s.key === key) as SheetSpec;
  const bets = readSheet(spec("bets"), sheets, withId(buildBet, new Map()), sink);
  const personas = readSheet(spec("personas"), sheets, withId(buildPersona, new Map()), sink);
  const kpis = readSheet(spec("kpis"), sheets, withId(buildKpi, new Map()), sink);
  const initiatives = readSheet(spec("initiatives"), sheets, withId(buildInitiative, new Map()), sink);
  const impacts = readSheet(spec("impacts"), sheets, buildImpact, sink);
  const moments = readSheet(spec("moments"), sheets, withId(buildMoment, new Map()), sink);
  const collaboration = readSheet(spec("collaboration"), sheets, buildCollaboration, sink);
  const reads = { bets, personas, kpis, initiatives, impacts, moments, collaboration };
  const present = Object.fromEntries(Object.entries(reads).map(([k, r]) => [k, r.report.found])) as Record<SheetKey, boolean>;
  return {
    plan: {
      bets: bets.records,
      personas: personas.records,
      kpis: kpis.records,
      initiatives: initiatives.records,
      impacts: impacts.records,
      moments: moments.records,
      collaboration: collaboration.records,
      present,
      sheets: SHEETS.map((s) => reads[s.key].report),
    },
    findings: sink,
  };
}
