/**
 * Benchmark of the CVM.* functions: TRACE, ALIGNMENT and BRIDGE formulas over large tables, and
 * the math functions over ranges of a million cells, called in the built bundle as Excel calls
 * them (testkit/excelRuntime.ts). Prints figures; run with `npm run bench:functions`.
 */
import { performance } from "node:perf_hooks";
import { CustomFunctionsRuntime, omitted, range, value, type ExcelArgument, type SheetCell } from "../testkit/excelRuntime";
import { syntheticPlan, type Row } from "../testkit/syntheticPlan";

const excel = new CustomFunctionsRuntime();

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Runs a prepared call; an Excel error (an untraced initiative's #N/A) is part of the work. */
function runQuietly(prepared: { run(): unknown }): void {
  try {
    prepared.run();
  } catch {
    // The error is what the cell shows.
  }
}

const asRange = (table: Row[]) => range(table as SheetCell[][]);

function traceBenchmark(rows: number, formulas: number): void {
  const plan = syntheticPlan(rows);
  const tables = [plan.initiatives, plan.kpis, plan.bets].map(asRange);
  const ids = Array.from({ length: formulas }, (_, i) => `I${(i % rows) + 1}`);
  const first = time(() => runQuietly(excel.prepare("TRACE", value(ids[0]), ...tables)));
  // Excel hands every formula its own copy of the ranges: marshalling makes that copy, outside
  // the timed call, since it is Excel's cost and not the function's.
  let freshMs = 0;
  let alignmentMs = 0;
  let floorMs = 0;
  let filled = 0;
  const meta = excel.functionMetadata("TRACE");
  ids.forEach((id, i) => {
    const traceCall = excel.prepare("TRACE", value(id), ...tables);
    freshMs += time(() => runQuietly(traceCall)).ms;
    const alignmentCall = excel.prepare("ALIGNMENT", value(`B${(i % 5) + 1}`), ...tables);
    alignmentMs += time(() => runQuietly(alignmentCall)).ms;
    // The floor of any check that a call's copy holds what the cached plan was built from: one
    // look at each of its cells, and nothing else.
    const copy = excel.marshal(meta, [value(id), ...tables])[1] as unknown[][][];
    floorMs += time(() => (filled = lookAtEveryCell(copy))).ms;
  });
  console.log(
    `TRACE, ${formulas} formulas over a ${rows}-row Initiatives table (+${plan.kpis.length - 1} KPIs, ${plan.bets.length - 1} bets):`,
  );
  console.log(`  first call (reads the tables, builds the trace graph): ${fmt(first.ms)}`);
  console.log(
    `  ${formulas} calls each with its own copy of the tables, as Excel passes them: ${fmt(freshMs)} (${(freshMs / first.ms).toFixed(1)}× the first call)`,
  );
  console.log(`  ${formulas} ALIGNMENT calls with their own copies: ${fmt(alignmentMs)}`);
  console.log(
    `  the floor of a check that reads each call's copy once (${tables.reduce((n, t) => n + (t.kind === "range" ? t.cells.length * t.cells[0].length : 1), 0).toLocaleString("en-US")} cells, ${filled.toLocaleString("en-US")} filled, each looked at and nothing else): ${fmt(floorMs)} (${(floorMs / first.ms).toFixed(1)}× the first call)`,
  );
}

/** Looks at every cell once: how many are not blank, so that the loop cannot be optimised away. */
function lookAtEveryCell(tables: readonly (readonly (readonly unknown[])[])[]): number {
  let filled = 0;
  for (const table of tables) for (const row of table) for (let c = 0; c < row.length; c++) if (row[c] !== null && row[c] !== "") filled++;
  return filled;
}

function bridgeBenchmark(rows: number, formulas: number): void {
  const plan = syntheticPlan(rows);
  const impacts = plan.impacts;
  const tables = [plan.kpis, impacts, plan.initiatives].map(asRange);
  const kpiCount = plan.kpis.length - 1;
  const ids = Array.from({ length: formulas }, (_, i) => `K${(i % kpiCount) + 1}`);
  const first = time(() => runQuietly(excel.prepare("BRIDGE", value(ids[0]), ...tables)));
  let freshMs = 0;
  for (const id of ids) {
    const call = excel.prepare("BRIDGE", value(id), ...tables);
    freshMs += time(() => runQuietly(call)).ms;
  }
  console.log(
    `BRIDGE, ${formulas} formulas over ${kpiCount} KPIs and ${impacts.length - 1} impact rows (+ a ${rows}-row Initiatives table):`,
  );
  console.log(`  first call (reads the tables, runs the analysis with its bridge): ${fmt(first.ms)}`);
  console.log(`  ${formulas} calls each with its own copy of the tables: ${fmt(freshMs)} (${(freshMs / formulas).toFixed(2)} ms each)`);
}

function columnOf(cells: number, cell: (i: number) => SheetCell): ExcelArgument {
  return range(Array.from({ length: cells }, (_, i) => [cell(i)]));
}

function mathBenchmark(cells: number): void {
  const revenue = columnOf(cells, (i) => (i % 97 === 0 ? null : 17 + (i % 10)));
  const subscribers = columnOf(cells, (i) => 1000 + (i % 50));
  const textRevenue = columnOf(cells, (i) => `€${(17 + (i % 10)).toFixed(2)}`);
  const actual = columnOf(cells, (i) => 90 + (i % 20));
  const target = value(100);
  console.log(`Math functions over ranges of ${cells.toLocaleString("en-US")} cells:`);
  const cases: [string, string, ExcelArgument[]][] = [
    ["ARPU(revenue, subscribers)", "ARPU", [revenue, subscribers]],
    ['ARPU with revenue typed as text ("€17.00")', "ARPU", [textRevenue, subscribers, value(12)]],
    ["CHURN(lost, base)", "CHURN", [revenue, subscribers]],
    ["NETADDS(gross_adds, lost)", "NETADDS", [subscribers, revenue]],
    ["GAP(actual, target), spilled", "GAP", [actual, target]],
    ["STATUS(actual, target), spilled", "STATUS", [actual, target, omitted, omitted]],
  ];
  for (const [name, id, args] of cases) {
    // The functions never change their arguments, so one marshalled copy serves every run; the
    // first run warms the JIT up and the median of five is reported.
    const prepared = excel.prepare(id, ...args);
    prepared.run();
    const runs = Array.from({ length: 5 }, () => time(() => prepared.run()).ms).sort((a, b) => a - b);
    const ms = runs[2];
    console.log(`  ${name}: ${fmt(ms)} median of 5 (${(((cells / ms) * 1000) / 1e6).toFixed(1)} M cells/s)`);
  }
}

traceBenchmark(5000, 5000);
bridgeBenchmark(5000, 5000);
mathBenchmark(1_000_000);
