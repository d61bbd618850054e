/**
 * What changed since the last review. The baseline is the last run's report (read back from the
 * workbook before it is replaced) or another workbook's analysis (`cvm-gap compare`); the new
 * run is compared with it on the score, the findings (matched by rule and item, not by cell, so
 * that inserting a row does not make every finding new), the KPIs' statuses and closures and the
 * bets' coverage.
 */
import { LAST_DATE_SERIAL, serialOfDate, type CellValue, type SheetData } from "../common/cells";
import { KPI_STATUSES, type KpiStatus } from "../plan/contract";
import { findingIdentityAcrossReviews } from "../analysis/findingIdentity";
import { SEVERITIES, type Finding, type RuleCode, type Severity } from "../plan/model";
import { CLOSURES, type AnalysisResult, type Closure } from "../analysis/result";
import { HEADER_LABELS, WHAT_IF_NOTE_PREFIX } from "../sheets/report";
import { ALIGNMENT_TABLE, BRIDGE_TABLE, FINDINGS_TABLE, KPI_GAPS_TABLE } from "../sheets/reportTables";
import { readTable } from "../sheets/tableSchema";
import { readText } from "../common/values";

/** A finding as the baseline knows it: the report keeps every field. */
export type ReviewFinding = Finding;

export interface ReviewKpi {
  readonly kpiId: string;
  readonly name: string;
  readonly status: KpiStatus;
  readonly closure?: Closure;
}

export interface ReviewBet {
  readonly betId: string;
  readonly statement: string;
  readonly coverage?: number;
}

/** One run's figures and findings, as the next review compares them. */
export interface ReviewBaseline {
  /** Excel serial date-time of the run, when known. */
  readonly runAt?: number;
  readonly score?: number;
  readonly findings: readonly ReviewFinding[];
  readonly kpis: readonly ReviewKpi[];
  readonly bets: readonly ReviewBet[];
}

export interface StatusChange {
  readonly kpiId: string;
  readonly name: string;
  readonly before: { readonly status: KpiStatus; readonly closure?: Closure };
  readonly after: { readonly status: KpiStatus; readonly closure?: Closure };
}

export interface CoverageChange {
  readonly betId: string;
  readonly statement: string;
  readonly before?: number;
  readonly after?: number;
}

export interface SinceLast {
  readonly previousRunAt?: number;
  readonly score: { readonly before?: number; readonly after?: number };
  /** (after − before) × 100, in points; undefined when either score is unknown. */
  readonly scoreDeltaPoints?: number;
  readonly newFindings: readonly ReviewFinding[];
  readonly resolvedFindings: readonly ReviewFinding[];
  readonly statusChanges: readonly StatusChange[];
  readonly coverageChanges: readonly CoverageChange[];
}

/** The baseline a run leaves for the next one. */
export function baselineOf(result: AnalysisResult, runAt?: number): ReviewBaseline {
  return {
    runAt,
    score: result.score,
    findings: result.findings,
    kpis: result.kpis.map((k) => ({ kpiId: k.kpiId, name: k.name, status: k.status, ...(k.closure && { closure: k.closure }) })),
    bets: result.bets.map((b) => ({ betId: b.betId, statement: b.statement, coverage: b.coverage })),
  };
}

/**
 * The findings with no match among the others (src/domain/analysis/findingIdentity.ts). Findings
 * that repeat (one item named on two rows) are matched one to one, so a third repeat still counts
 * as new.
 */
function unmatched(findings: readonly ReviewFinding[], others: readonly ReviewFinding[]): ReviewFinding[] {
  const available = new Map<string, number>();
  for (const f of others) {
    const key = findingIdentityAcrossReviews(f);
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  return findings.filter((f) => {
    const key = findingIdentityAcrossReviews(f);
    const left = available.get(key) ?? 0;
    if (left === 0) return true;
    available.set(key, left - 1);
    return false;
  });
}

/** Coverage moves in sixths; anything smaller is rounding, not a change. */
const sameCoverage = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? a === b : Math.abs(a - b) < 1e-9;

export function sinceLast(baseline: ReviewBaseline, result: AnalysisResult): SinceLast {
  const before = new Map(baseline.kpis.map((k) => [k.kpiId.toUpperCase(), k]));
  const statusChanges: StatusChange[] = [];
  for (const k of result.kpis) {
    const old = before.get(k.kpiId.toUpperCase());
    if (!old) continue;
    if (old.status !== k.status || (old.closure !== undefined && k.closure !== undefined && old.closure !== k.closure)) {
      statusChanges.push({
        kpiId: k.kpiId,
        name: k.name,
        before: { status: old.status, closure: old.closure },
        after: { status: k.status, closure: k.closure },
      });
    }
  }
  const betsBefore = new Map(baseline.bets.map((b) => [b.betId.toUpperCase(), b]));
  const coverageChanges: CoverageChange[] = [];
  for (const b of result.bets) {
    const old = betsBefore.get(b.betId.toUpperCase());
    if (old && !sameCoverage(old.coverage, b.coverage))
      coverageChanges.push({ betId: b.betId, statement: b.statement, before: old.coverage, after: b.coverage });
  }
  const delta = baseline.score === undefined || result.score === undefined ? undefined : (result.score - baseline.score) * 100;
  // A score edited by hand to 1e308 in the last report differs by more than a number holds: not comparable.
  const scoreDeltaPoints = delta !== undefined && Number.isFinite(delta) ? delta : undefined;
  return {
    previousRunAt: baseline.runAt,
    score: { before: baseline.score, after: result.score },
    scoreDeltaPoints,
    newFindings: unmatched(result.findings, baseline.findings),
    resolvedFindings: unmatched(baseline.findings, result.findings),
    statusChanges,
    coverageChanges,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the last report back from the workbook

/** A cell as a number: a date-formatted cell as its serial, whichever adapter read it. */
function numberOf(value: CellValue | undefined): number | undefined {
  if (value instanceof Date) return serialOfDate(value);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function cellAt(sheet: SheetData, row: number, col: number): CellValue | undefined {
  return sheet.values[row - sheet.origin.row]?.[col - sheet.origin.col] ?? undefined;
}

/** The value beside a label in column A of the report's header (HEADER_LABELS). */
function headerValue(sheet: SheetData, label: string): CellValue | undefined {
  for (let row = 0; row < 12; row++) if (readText(cellAt(sheet, row, 0) ?? null) === label) return cellAt(sheet, row, 1);
  return undefined;
}

function isWhatIfReport(sheet: SheetData): boolean {
  for (let row = 0; row < 12; row++) if (readText(cellAt(sheet, row, 0) ?? null).startsWith(WHAT_IF_NOTE_PREFIX)) return true;
  return false;
}

const isStatus = (text: string): text is KpiStatus => (KPI_STATUSES as readonly string[]).includes(text);
const isSeverity = (text: string): text is Severity => (SEVERITIES as readonly string[]).includes(text);
const isClosure = (text: string | undefined): text is Closure => (CLOSURES as readonly (string | undefined)[]).includes(text);

/**
 * The baseline the add-in's own report holds: its header, findings, KPI gaps, bridge and
 * alignment tables as the report writes them (src/domain/sheets/report.ts). Undefined when the sheet
 * does not hold them (an empty or much older report): there is then nothing to compare with.
 */
export function baselineFromReport(sheet: SheetData): ReviewBaseline | undefined {
  const findings = readTable(FINDINGS_TABLE, sheet, readText);
  const kpis = readTable(KPI_GAPS_TABLE, sheet, readText);
  const bets = readTable(ALIGNMENT_TABLE, sheet);
  if (!findings || !kpis || !bets || isWhatIfReport(sheet)) return undefined;
  const closures = new Map((readTable(BRIDGE_TABLE, sheet, readText) ?? []).map((r) => [r.kpiId.toUpperCase(), r.closure]));
  const runAt = numberOf(headerValue(sheet, HEADER_LABELS.runAt));
  return {
    // A run time edited to a number no date has (1e308) is no time to say "since".
    runAt: runAt !== undefined && runAt > 0 && runAt < LAST_DATE_SERIAL + 1 ? runAt : undefined,
    score: numberOf(headerValue(sheet, HEADER_LABELS.score)),
    findings: findings.flatMap((r): ReviewFinding[] =>
      isSeverity(r.severity)
        ? [{ severity: r.severity, rule: r.rule as RuleCode, sheet: r.sheet, cell: r.cell, itemId: r.itemId, message: r.message }]
        : [],
    ),
    kpis: kpis.flatMap((r): ReviewKpi[] => {
      const { kpiId, status } = r;
      if (!kpiId || !isStatus(status)) return [];
      const closure = closures.get(kpiId.toUpperCase());
      return [{ kpiId, name: r.name, status, ...(isClosure(closure) && { closure }) }];
    }),
    bets: bets.flatMap((r): ReviewBet[] => {
      const betId = readText(r.betId);
      return betId ? [{ betId, statement: readText(r.statement), coverage: numberOf(r.coverage) }] : [];
    }),
  };
}
