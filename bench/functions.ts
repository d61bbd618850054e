/**
 * Benchmark of the CVM.* functions (issue 3): TRACE and ALIGNMENT formulas over large tables, and
 * the math functions over ranges of a million cells. Prints figures; run with `npm run bench:functions`.
 */
import { performance } from "node:perf_hooks";
import { ERROR_CODES, ShimError } from "../test/helpers/customFunctionsShim";
import { syntheticPlan, type Row } from "./syntheticPlan";

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: ShimError, ErrorCode: ERROR_CODES, associate: () => undefined };
// Loaded after the runtime stand-in exists, as in Excel.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require("../src/functions/functions") as typeof import("../src/functions/functions");

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

const copy = (table: Row[]) => table.map((r) => [...r]);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function traceBenchmark(rows: number, formulas: number): void {
  const plan = syntheticPlan(rows);
  const tables = [plan.initiatives, plan.kpis, plan.bets];
  const ids = Array.from({ length: formulas }, (_, i) => `I${(i % rows) + 1}`);
  const traceOne = (id: string, args: Row[][]) => {
    try {
      fns.trace(id, ...args);
    } catch {
      // An untraced initiative answers #N/A: part of the work, not a failure.
    }
  };
  const builds = fns.planBuildCount();
  const first = time(() => traceOne(ids[0], tables));
  const sameArrays = time(() => ids.forEach((id) => traceOne(id, tables)));
  // Excel hands every formula its own copy of the ranges. Copying is Excel's cost, so each copy
  // is made outside the timed call.
  let freshMs = 0;
  let alignmentMs = 0;
  ids.forEach((id, i) => {
    const own = tables.map(copy);
    freshMs += time(() => traceOne(id, own)).ms;
    alignmentMs += time(() => fns.alignment(`B${(i % 5) + 1}`, ...own)).ms;
  });
  const freshCopies = { ms: freshMs };
  const alignmentCalls = { ms: alignmentMs };
  console.log(`TRACE, ${formulas} formulas over a ${rows}-row Initiatives table (+${plan.kpis.length - 1} KPIs, ${plan.bets.length - 1} bets):`);
  console.log(`  first call (reads the tables, builds the trace graph): ${fmt(first.ms)}`);
  console.log(`  ${formulas} calls on the same arrays: ${fmt(sameArrays.ms)} (${(sameArrays.ms / formulas * 1000).toFixed(1)} µs each)`);
  console.log(`  ${formulas} calls each with its own copy of the tables, as Excel passes them: ${fmt(freshCopies.ms)} (${(freshCopies.ms / first.ms).toFixed(1)}× the first call)`);
  console.log(`  ${formulas} ALIGNMENT calls with their own copies: ${fmt(alignmentCalls.ms)}`);
  console.log(`  trace graphs built: ${fns.planBuildCount() - builds}`);
}

function column(cells: number, value: (i: number) => number | string | null): unknown[][] {
  return Array.from({ length: cells }, (_, i) => [value(i)]);
}

function mathBenchmark(cells: number): void {
  const revenue = column(cells, (i) => (i % 97 === 0 ? null : 17 + (i % 10)));
  const subscribers = column(cells, (i) => 1000 + (i % 50));
  const textRevenue = column(cells, (i) => `€${(17 + (i % 10)).toFixed(2)}`);
  const actual = column(cells, (i) => 90 + (i % 20));
  const target = [[100]];
  console.log(`Math functions over ranges of ${cells.toLocaleString("en-US")} cells:`);
  const cases: [string, () => unknown][] = [
    ["ARPU(revenue, subscribers)", () => fns.arpu(revenue, subscribers, null)],
    ["ARPU with revenue typed as text (\"€17.00\")", () => fns.arpu(textRevenue, subscribers, 12)],
    ["CHURN(lost, base)", () => fns.churn(revenue, subscribers, null)],
    ["NETADDS(gross_adds, lost)", () => fns.netAdds(subscribers, revenue)],
    ["GAP(actual, target), spilled", () => fns.gap(actual, target, null)],
    ["STATUS(actual, target), spilled", () => fns.status(actual, target, null, undefined, null)],
  ];
  for (const [name, run] of cases) {
    const { ms } = time(run);
    console.log(`  ${name}: ${fmt(ms)} (${((cells / ms) * 1000 / 1e6).toFixed(1)} M cells/s)`);
  }
}

traceBenchmark(5000, 5000);
mathBenchmark(1_000_000);
