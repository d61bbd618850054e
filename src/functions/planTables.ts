/**
 * The plan behind CVM.TRACE, CVM.ALIGNMENT and CVM.BRIDGE, built from the tables passed as
 * arguments (recognised by their headers, in the planners' words, and their contents, as the
 * workbook's sheets are) and cached by their content: thousands of formulas over the same tables must not
 * rebuild it each time. The cache compares content, not object identity, because Excel hands every call its own
 * copy of the ranges; a change in any cell builds a new plan.
 */
import type { CellValue } from "../domain/common/cells";
import { eitherOf } from "../domain/common/boundedText";
import { analyzeAlignment, type Alignment } from "../domain/analysis/alignment";
import { kpiGaps } from "../domain/analysis/kpiGaps";
import { bridgeKpis } from "../domain/analysis/bridge";
import { SHEETS, type SheetKey } from "../domain/plan/contract";
import { functionErrors } from "./functionErrors";
import { type Kpi, type Plan } from "../domain/plan/model";
import { DEFAULT_OPTIONS, type KpiGap } from "../domain/analysis/result";
import { parsePlan } from "../domain/plan/parse";
import type { PartSource } from "../domain/plan/planSources";
import { recognizeTables } from "../domain/plan/recognize";
import { FindingSink } from "../domain/plan/rowReader";
import { TraceIndex } from "../domain/analysis/trace";
import type { Matrix } from "./excelArgs";

export class TablePlan {
  readonly index: TraceIndex;
  private alignmentCache?: Alignment;
  private gapCache?: ReadonlyMap<Kpi, KpiGap>;

  constructor(readonly plan: Plan) {
    this.index = new TraceIndex(plan);
  }

  get alignment(): Alignment {
    this.alignmentCache ??= analyzeAlignment(this.plan, this.index, DEFAULT_OPTIONS.allocationThreshold);
    return this.alignmentCache;
  }

  /**
   * A KPI's gap with its gap-to-target bridge, computed by the functions the report's analysis
   * calls (so that a formula and the report can never disagree), once per plan, on the first call
   * that needs it. Its findings are not shown by a function, so they are dropped.
   */
  kpiGap(kpi: Kpi): KpiGap | undefined {
    if (!this.gapCache) {
      const { tolerance } = DEFAULT_OPTIONS;
      const gaps = bridgeKpis(this.plan, kpiGaps(this.plan, tolerance), tolerance, new FindingSink(), {}, this.index);
      // The analysis gives one gap per KPI, in the order of plan.kpis.
      this.gapCache = new Map(this.plan.kpis.map((k, i) => [k, gaps[i]]));
    }
    return this.gapCache.get(kpi);
  }
}

/** "Bets, Personas, …, Moments of Truth or Collaboration": every kind of table the contract knows. */
function tableKinds(): string {
  return eitherOf(SHEETS.map((s) => s.label));
}

/** Excel passes an empty cell as null or "" and an error as an object; the engine wants CellValues. */
function toCellValue(value: unknown): CellValue {
  if (value == null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date)
    return value ?? null;
  const code = (value as { code?: unknown }).code;
  return { error: typeof code === "string" ? code : "#VALUE!" };
}

function buildPlan(tables: readonly Matrix[]): TablePlan {
  const seen = new Map<string, number>();
  const recognized = recognizeTables(tables.map((table) => table.map((row) => row.map(toCellValue))));
  const parts: Partial<Record<SheetKey, PartSource>> = {};
  const sheets = recognized.map((table, i) => {
    if (!table) throw functionErrors.notAPlanTable(`table${i + 1}`, tableKinds());
    const earlier = seen.get(table.spec.key);
    if (earlier !== undefined) throw functionErrors.sameTableTwice(`table${earlier + 1}`, `table${i + 1}`, table.spec.label);
    seen.set(table.spec.key, i);
    parts[table.spec.key] = table.source;
    return table.sheet;
  });
  return new TablePlan(parsePlan(sheets, { sources: { parts } }).plan);
}

function sameMatrix(a: Matrix, b: Matrix): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c] && !sameCell(x[c], y[c])) return false;
  }
  return true;
}

function sameCell(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const codeA = (a as { code?: unknown } | null)?.code;
  return codeA !== undefined && codeA === (b as { code?: unknown } | null)?.code;
}

interface Entry {
  readonly tables: readonly Matrix[];
  readonly plan: TablePlan;
}

/** A few recent plans: a workbook seldom passes more than a handful of distinct table sets. */
export class TablePlanCache {
  private entries: Entry[] = [];
  private builds = 0;

  constructor(private readonly capacity = 8) {}

  get buildCount(): number {
    return this.builds;
  }

  get(tables: readonly Matrix[]): TablePlan {
    const at = this.entries.findIndex((e) => e.tables.length === tables.length && e.tables.every((t, i) => sameMatrix(t, tables[i])));
    if (at >= 0) {
      const [entry] = this.entries.splice(at, 1);
      this.entries.unshift(entry);
      return entry.plan;
    }
    const plan = buildPlan(tables);
    this.builds++;
    // Kept as a copy, so that a caller reusing its arrays cannot change what the plan was built from.
    this.entries.unshift({ tables: tables.map((t) => t.map((row) => [...row])), plan });
    if (this.entries.length > this.capacity) this.entries.pop();
    return plan;
  }

  clear(): void {
    this.entries = [];
  }
}
