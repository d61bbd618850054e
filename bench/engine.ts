/**
 * The engine alone: parse the sheets, analyse the plan and lay out the output sheet, on SheetData
 * already in memory, as every workbook adapter hands it over.
 */
import type { SheetData } from "../src/domain/common/cells";
import { loadCompiled } from "./compiled";
import { collectGarbage, heapUsedMb, watchPeak } from "./memory";
import { dataRows, freshSheets } from "../testkit/planSheets";
import { median, timed } from "./stats";
import { syntheticPlan } from "../testkit/syntheticPlan";

const { parsePlan } = loadCompiled<typeof import("../src/domain/plan/parse")>("domain/plan/parse");
const { analyzePlan } = loadCompiled<typeof import("../src/domain/analysis/analyze")>("domain/analysis/analyze");
const { buildReportLayout } = loadCompiled<typeof import("../src/domain/sheets/report")>("domain/sheets/report");

export interface EngineFigures {
  readonly size: number;
  readonly rows: number;
  readonly runs: number;
  /** The first run in a fresh process, as the command line does it. */
  readonly coldMs: number;
  /** Medians of the runs after the warm-up. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly parseMs: number;
  readonly analyzeMs: number;
  readonly layoutMs: number;
  readonly rowsPerSecond: number;
  readonly findings: number;
  readonly outputRows: number;
  /** Peak RSS of the cold run above the RSS before it, and how that peak was taken. */
  readonly peakRssDeltaMb: number;
  readonly peakScope: string;
  /** Heap still held by the result and its layout after a full collection. */
  readonly retainedHeapMb: number;
  /** Every timed run, so that runs from several processes can be pooled. */
  readonly times: readonly number[];
}

function runOnce(sheets: SheetData[]) {
  const parse = timed(() => parsePlan(sheets));
  const analyze = timed(() => analyzePlan(parse.result.plan, parse.result.findings));
  const layout = timed(() => buildReportLayout(analyze.result, { runAt: new Date() }));
  return {
    parseMs: parse.ms,
    analyzeMs: analyze.ms,
    layoutMs: layout.ms,
    totalMs: parse.ms + analyze.ms + layout.ms,
    result: analyze.result,
    layout: layout.result,
  };
}

/** The first run in the process, with its memory: done apart so that nothing of it stays alive for the timed runs. */
function coldRun(sheets: () => SheetData[]) {
  const input = sheets();
  collectGarbage();
  const heapBefore = heapUsedMb();
  const peak = watchPeak();
  const cold = runOnce(input);
  const peakRssDeltaMb = peak.peakRssMb() - peak.startRssMb;
  collectGarbage();
  return {
    coldMs: cold.totalMs,
    peakRssDeltaMb,
    peakScope: peak.scope,
    retainedHeapMb: heapUsedMb() - heapBefore,
    findings: cold.result.findings.length,
    outputRows: cold.layout.tables.reduce((n, t) => n + t.rows.length, 0),
  };
}

export function measureEngine(size: number, warmup: number, runs: number): EngineFigures {
  const plan = syntheticPlan(size);
  const sheets = freshSheets(plan);
  const cold = coldRun(sheets);
  for (let i = 1; i < warmup; i++) runOnce(sheets());
  const measured = Array.from({ length: runs }, () => {
    // The copy is made before the clock starts.
    const { parseMs, analyzeMs, layoutMs, totalMs } = runOnce(sheets());
    return { parseMs, analyzeMs, layoutMs, totalMs };
  });
  const medianMs = median(measured.map((m) => m.totalMs));
  return {
    size,
    rows: dataRows(plan),
    runs,
    ...cold,
    medianMs,
    minMs: Math.min(...measured.map((m) => m.totalMs)),
    parseMs: median(measured.map((m) => m.parseMs)),
    analyzeMs: median(measured.map((m) => m.analyzeMs)),
    layoutMs: median(measured.map((m) => m.layoutMs)),
    rowsPerSecond: (dataRows(plan) / medianMs) * 1000,
    times: measured.map((m) => m.totalMs),
  };
}
