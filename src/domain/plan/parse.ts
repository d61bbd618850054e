/**
 * From the workbook's sheets to a Plan: locate each contract sheet, read its rows into typed
 * records, and report every problem with the cell to fix. Duplicate IDs keep the first row.
 */
import { cellAddress, type SheetData } from "../common/cells";
import { HANDSHAKES, normalizeName, SHEETS, type SheetKey, type SheetSpec } from "./contract";
import { readAggregation, readCategory, readDirection, readHandshake, readPriority } from "./enums";
import type { LocatedTable } from "./locate";
import type { Bet, Collaboration, Impact, Initiative, Kpi, KpiFigure, MomentOfTruth, Persona, Plan, SheetReport } from "./model";
import { locateSource, type PartSource, type PlanSources } from "./planSources";
import { recognizePlan } from "./recognizePlan";
import { readSeries } from "./series";
import { FindingSink, RowReader, TableContext } from "./rowReader";
import { percentOf } from "../common/units";
import { EN_US_SEPARATORS, idKey, type NumberSeparators } from "../common/values";

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
    ...dueAndAggregation(row),
    owner: row.text("owner"),
    source: row.source,
  };
}

/** Issue 20's two readings of a KPI row, each only where the row has something to read. */
function dueAndAggregation(row: RowReader): Pick<Kpi, "due" | "aggregation"> {
  const due = row.hasValue("period") ? row.dueMonth("period") : undefined;
  const aggregation = row.has("aggregation")
    ? row.choice("aggregation", readAggregation, '"Level" or "Sum"', "it is treated as a level").value
    : undefined;
  return { ...(due && { due }), ...(aggregation && { aggregation }) };
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

/** A part that was not read: found nowhere, or not told apart without guessing. */
function notReadReport(spec: SheetSpec): SheetReport {
  return {
    key: spec.key,
    label: spec.label,
    required: spec.required,
    found: false,
    rowsRead: 0,
    missingColumns: spec.columns.filter((c) => c.required).map((c) => c.label),
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
  return notReadReport(spec);
}

// Excel's last column is XFD; a finding must name a cell that exists, even for a header that ends there.
const LAST_COLUMN = 16_383;

/**
 * "The KPIs sheet" for a sheet found by name, as ever; "The sheet "Scorecard" (the plan's KPIs)"
 * for one recognised or mapped, whose name alone would not say which part it is.
 */
function sheetPhrase(spec: SheetSpec, source: PartSource): string {
  return source.how === "by name" || normalizeName(source.sheet) === normalizeName(spec.label)
    ? `The ${spec.label} sheet`
    : `The sheet "${source.sheet}" (the plan's ${spec.label})`;
}

function reportMissingColumns(spec: SheetSpec, source: PartSource, table: LocatedTable, sink: FindingSink): void {
  const headerRow = table.sheet.origin.row + table.headerIndex;
  const mapHint = source.how === "by name" ? "" : " or map one of its headers to it";
  table.missing.forEach((column, i) => {
    const aliases = column.aliases.length ? ` (or ${column.aliases.map((a) => `"${a}"`).join(", ")})` : "";
    sink.add(
      "error",
      "MISSING_COLUMN",
      table.sheet.name,
      cellAddress(headerRow, Math.min(table.nextFreeCol + i, LAST_COLUMN)),
      "",
      `${sheetPhrase(spec, source)} has no "${column.label}" column${aliases}; add it to the header row ${table.headerRange}${mapHint}.`,
    );
  });
}

/** A part recognised with a problem (two candidates, a required column missing): said, and not read. */
function unclearSheetReport(spec: SheetSpec, problem: string, proposed: PartSource | undefined, sink: FindingSink): SheetReport {
  const cell = proposed?.headerRow !== undefined ? cellAddress(proposed.headerRow, proposed.columns[0]?.column ?? 0) : "A1";
  sink.add(spec.required ? "error" : "warning", "UNCLEAR_SHEET", proposed?.sheet ?? spec.label, cell, "", problem);
  return notReadReport(spec);
}

interface SheetRead<T> {
  readonly records: T[];
  readonly report: SheetReport;
}

/** Where each part comes from, as parsePlan was given it or as it recognised it. */
interface PartPlan {
  readonly source?: PartSource;
  /** Why a part recognised with a problem is not read, and the source that was proposed for it. */
  readonly problem?: { readonly message: string; readonly proposed?: PartSource };
}

function readSheet<T>(
  spec: SheetSpec,
  sheets: readonly SheetData[],
  part: PartPlan,
  build: RecordBuilder<T>,
  sink: FindingSink,
  separators: NumberSeparators,
): SheetRead<T> {
  const { source } = part;
  if (!source) {
    const report = part.problem
      ? unclearSheetReport(spec, part.problem.message, part.problem.proposed, sink)
      : missingSheetReport(spec, sink);
    return { records: [], report };
  }
  const sheet = sheets.find((s) => s.name === source.sheet);
  if (!sheet) throw new Error(`The plan's ${spec.label} come from the sheet "${source.sheet}", which was not read.`);
  const table = locateSource(spec, sheet, source);
  const records: T[] = [];
  let filledRows = 0;
  if (table) {
    reportMissingColumns(spec, source, table, sink);
    const context = new TableContext(spec, table, sink, separators);
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
    const sheetName = sheetPhrase(spec, source);
    const message =
      filledRows === 0
        ? `${sheetName} has no data rows; add them below its header row.`
        : `None of the ${filledRows} rows of ${sheetName.charAt(0).toLowerCase()}${sheetName.slice(1)} can be used; correct the cells the other findings on this sheet point to.`;
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
      columns: Object.fromEntries(source.columns.map((c) => [c.label, c.header])),
      how: source.how,
    },
  };
}

export interface ParsedPlan {
  readonly plan: Plan;
  readonly findings: FindingSink;
}

export interface ParseOptions {
  /**
   * Where each part comes from (recognizePlan.ts resolvePlanSources, from the sheets' first
   * rows). Without them the parts are recognised from the sheets given, and a part that cannot be
   * told without guessing is left out with a finding rather than stopping the run.
   */
  readonly sources?: PlanSources;
  /** How text numbers are typed; en-US unless told otherwise. */
  readonly separators?: NumberSeparators;
}

function partPlans(sheets: readonly SheetData[], sources: PlanSources | undefined): Record<SheetKey, PartPlan> {
  const plans = {} as Record<SheetKey, PartPlan>;
  if (sources) {
    for (const spec of SHEETS) plans[spec.key] = { source: sources.parts[spec.key] };
    return plans;
  }
  const recognition = recognizePlan(sheets);
  for (const part of recognition.parts) {
    plans[part.part] = part.problem
      ? { problem: { message: part.problem, proposed: part.source } }
      : { source: recognition.sources.parts[part.part] };
  }
  return plans;
}

export function parsePlan(sheets: readonly SheetData[], options: ParseOptions = {}): ParsedPlan {
  const sink = new FindingSink();
  const separators = options.separators ?? EN_US_SEPARATORS;
  const parts = partPlans(sheets, options.sources);
  const read = <T>(key: SheetKey, build: RecordBuilder<T>) =>
    readSheet(SHEETS.find((s) => s.key === key) as SheetSpec, sheets, parts[key], build, sink, separators);
  const bets = read("bets", withId(buildBet, new Map()));
  const personas = read("personas", withId(buildPersona, new Map()));
  const kpis = read("kpis", withId(buildKpi, new Map()));
  const initiatives = read("initiatives", withId(buildInitiative, new Map()));
  const impacts = read("impacts", buildImpact);
  const moments = read("moments", withId(buildMoment, new Map()));
  const collaboration = read("collaboration", buildCollaboration);
  const reads = { bets, personas, kpis, initiatives, impacts, moments, collaboration };
  const present = Object.fromEntries(Object.entries(reads).map(([k, r]) => [k, r.report.found])) as Record<SheetKey, boolean>;
  const taken = new Set(Object.values(reads).flatMap((r) => (r.report.sheetName === undefined ? [] : [r.report.sheetName])));
  const series = kpis.report.found
    ? readSeries({ sheets, taken, kpiIds: kpis.records.map((k) => k.id), separators, mapped: options.sources?.series }, sink)
    : undefined;
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
      ...(series && { series }),
    },
    findings: sink,
  };
}
