/**
 * `npm run build:cli && npx tsx bench/series.ts [--runs 5]`: what a KPI Series costs (issue 20).
 * The synthetic plan of 100,000 initiatives has 10,000 KPIs; the same plan is measured without a
 * series and with a "KPI Series" sheet of 36 months per KPI in the wide layout (360,000 values,
 * one month in fifty left blank), first in the engine (parse, analyse, lay out the report, on
 * SheetData in memory, the two plans in turn, median and fastest of the runs after a warm-up), then through the command line on
 * .xlsx files, beside `unzip -p` of the same file. The target: the series adds under 25% to the
 * engine's time. `--engine-only` leaves out the command line; `--processes R` measures the engine
 * alone in R rounds of a fresh process per plan (the steadier figure).
 *
 * Each KPI's series ends on its Actual (a planner who keeps a series has the latest month as the
 * actual), so that the series adds its own findings only where the plan has something to say.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import type { SheetData } from "../src/domain/common/cells";
import { measureCliPhases, runCli, unzipMs } from "./cli";
import { loadCompiled } from "./compiled";
import { median, timed } from "./stats";
import { freshSheets, writePlanXlsx } from "../testkit/planSheets";
import { SHEET_NAMES } from "../testkit/sheets";
import { syntheticPlan, type Row, type SyntheticPlan } from "../testkit/syntheticPlan";

const { parsePlan } = loadCompiled<typeof import("../src/domain/plan/parse")>("domain/plan/parse");
const { analyzePlan } = loadCompiled<typeof import("../src/domain/analysis/analyze")>("domain/analysis/analyze");
const { buildReportLayout } = loadCompiled<typeof import("../src/domain/sheets/report")>("domain/sheets/report");

const MONTHS = 36;
/** October 2023 to September 2026: the KPIs are due in FY2026, three months after the last. */
const FIRST = { year: 2023, month: 10 };
const SERIES_SHEET = "KPI Series";

const monthDate = (i: number) => new Date(Date.UTC(FIRST.year, FIRST.month - 1 + i, 1));

/** The series sheet: KPI ID and 36 month columns, each KPI's values drifting to its Actual. */
function seriesRows(plan: SyntheticPlan): Row[] {
  const rows: Row[] = [["KPI ID", ...Array.from({ length: MONTHS }, (_, i) => monthDate(i).toISOString().slice(0, 7))]];
  for (let k = 1; k < plan.kpis.length; k++) {
    const [id, , , , , , baseline, , actual] = plan.kpis[k] as [
      string,
      string,
      string,
      string,
      string,
      string,
      number,
      number,
      number | null,
    ];
    const end = actual ?? baseline;
    const row: Row = [id];
    for (let m = 0; m < MONTHS; m++) {
      // One month in fifty is missing, never the last: the actual stays the latest value.
      const blank = m < MONTHS - 1 && (k * 7 + m) % 50 === 0;
      row.push(blank ? null : Math.round((baseline + ((end - baseline) * (m + 1)) / MONTHS + ((k + m) % 5) * 0.1) * 1000) / 1000);
    }
    row[MONTHS] = end;
    rows.push(row);
  }
  return rows;
}

interface EngineRun {
  readonly ms: number;
  /** CPU time of the process over the run, every thread (the collector's helpers too): less swayed than the wall clock by other work on the machine. */
  readonly cpuMs: number;
  readonly findings: number;
  /** Values read from the series, and KPIs with a trend: proof that the series was read. */
  readonly values: number;
  readonly trends: number;
}

function engineRun(sheets: SheetData[]): EngineRun {
  const cpu = process.cpuUsage();
  const run = timed(() => {
    const parsed = parsePlan(sheets);
    const result = analyzePlan(parsed.plan, parsed.findings);
    buildReportLayout(result, { runAt: new Date() });
    return { findings: result.findings.length, values: parsed.plan.series?.values ?? 0, trends: result.kpis.filter((k) => k.trend).length };
  });
  const used = process.cpuUsage(cpu);
  return { ms: run.ms, cpuMs: (used.user + used.system) / 1000, ...run.result };
}

/**
 * The two plans run in turn, one after the other, so that a machine busy with something else
 * slows both alike; the median and the fastest run of each are given.
 */
function engineInTurn(plans: readonly (() => SheetData[])[], runs: number): (EngineRun & { minMs: number })[] {
  let last = plans.map((make) => engineRun(make()));
  const times = plans.map((): number[] => []);
  const cpuTimes = plans.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    last = plans.map((make) => engineRun(make()));
    last.forEach((run, p) => {
      times[p].push(run.ms);
      cpuTimes[p].push(run.cpuMs);
    });
  }
  return last.map((run, p) => ({ ...run, ms: median(times[p]), minMs: Math.min(...times[p]), cpuMs: median(cpuTimes[p]) }));
}

async function writeWithSeries(plan: SyntheticPlan, series: Row[], file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  for (const key of Object.keys(SHEET_NAMES) as (keyof SyntheticPlan)[]) {
    if (plan[key].length === 0) continue;
    const sheet = workbook.addWorksheet(SHEET_NAMES[key]);
    for (const row of plan[key]) sheet.addRow(row).commit();
    sheet.commit();
  }
  const sheet = workbook.addWorksheet(SERIES_SHEET);
  for (const row of series) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

/** The two plans' sheets, made afresh for each run. */
function planSheets(plan: SyntheticPlan, series: Row[]): { without: () => SheetData[]; withSeries: () => SheetData[] } {
  const without = freshSheets(plan);
  const seriesJson = JSON.stringify(series);
  return {
    without,
    withSeries: () => [...without(), { name: SERIES_SHEET, values: JSON.parse(seriesJson) as Row[], origin: { row: 0, col: 0 } }],
  };
}

/** `--child without|with --runs N`: one plan measured in a process of its own (a warm-up, then N runs), its medians on stdout as JSON. */
function child(kind: string, runs: number): void {
  const plan = syntheticPlan(100_000);
  const { without, withSeries } = planSheets(plan, seriesRows(plan));
  const make = kind === "with" ? withSeries : without;
  let last = engineRun(make());
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = engineRun(make());
    ms.push(last.ms);
    cpuMs.push(last.cpuMs);
  }
  process.stdout.write(JSON.stringify({ ...last, ms: median(ms), cpuMs: median(cpuMs) }));
}

/**
 * `--processes R`: R rounds of two fresh processes, one per plan, so that neither plan runs on the
 * heap the other left behind (in one process the figures swung by ±20% with the order of runs).
 * Each round's ratio is taken under the same load.
 */
function inProcesses(rounds: number, runs: number): void {
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const [base, added] = ["without", "with"].map((kind): EngineRun => {
      const run = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", kind, "--runs", String(runs)], {
        encoding: "utf8",
        maxBuffer: 1024 * 1024,
      });
      if (run.status !== 0) throw new Error(`the ${kind} process failed: ${run.stderr.slice(0, 500)}`);
      return JSON.parse(run.stdout) as EngineRun;
    });
    ratios.push(added.ms / base.ms);
    cpuRatios.push(added.cpuMs / base.cpuMs);
    process.stdout.write(
      `  round ${r + 1}: without ${base.ms.toFixed(0)} ms (CPU ${base.cpuMs.toFixed(0)}), with ${added.ms.toFixed(0)} ms (CPU ${added.cpuMs.toFixed(0)}; ` +
        `${added.values.toLocaleString("en-US")} values, ${added.trends.toLocaleString("en-US")} trends): +${((added.ms / base.ms - 1) * 100).toFixed(1)}%\n`,
    );
  }
  const pct = (xs: number[]) => `+${((Math.min(...xs) - 1) * 100).toFixed(1)}% to +${((Math.max(...xs) - 1) * 100).toFixed(1)}%`;
  process.stdout.write(
    `Engine, medians of ${runs} runs per process: the series adds ${pct(ratios)} (CPU time ${pct(cpuRatios)}); target under 25%\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      "engine-only": { type: "boolean", default: false },
      processes: { type: "string" },
      child: { type: "string" },
    },
  });
  const runs = Number(values.runs);
  if (values.child) return child(values.child, runs);
  if (values.processes) return inProcesses(Number(values.processes), runs);
  const plan = syntheticPlan(100_000);
  const series = seriesRows(plan);
  const { without, withSeries } = planSheets(plan, series);

  const [base, added] = engineInTurn([without, withSeries], runs);
  const kpis = plan.kpis.length - 1;
  process.stdout.write(
    `Engine (parse, analyse, lay out), ${kpis.toLocaleString("en-US")} KPIs, median of ${runs} runs after a warm-up:\n` +
      `  without a series: ${base.ms.toFixed(0)} ms, fastest ${base.minMs.toFixed(0)} ms (${base.findings.toLocaleString("en-US")} findings)\n` +
      `  with ${MONTHS} months per KPI: ${added.ms.toFixed(0)} ms, fastest ${added.minMs.toFixed(0)} ms (${added.findings.toLocaleString("en-US")} findings, ` +
      `${added.values.toLocaleString("en-US")} values read, ${added.trends.toLocaleString("en-US")} trends): ` +
      `+${(((added.ms - base.ms) / base.ms) * 100).toFixed(1)}% by the medians, +${(((added.minMs - base.minMs) / base.minMs) * 100).toFixed(1)}% by the fastest (target under 25%)\n` +
      `  CPU time, median: ${base.cpuMs.toFixed(0)} ms without, ${added.cpuMs.toFixed(0)} ms with: +${(((added.cpuMs - base.cpuMs) / base.cpuMs) * 100).toFixed(1)}%\n`,
  );
  if (values["engine-only"]) return;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-series-bench-"));
  try {
    const plain = path.join(dir, "plan.xlsx");
    const withFile = path.join(dir, "plan-series.xlsx");
    await writePlanXlsx(plan, plain);
    await writeWithSeries(plan, series, withFile);
    for (const [label, file] of [
      ["without a series", plain],
      ["with the series", withFile],
    ] as const) {
      const cli = runCli(file, path.join(dir, "out.xlsx"));
      if (cli.code !== 0) throw new Error(`cvm-gap exited ${cli.code}: ${cli.stderr.slice(0, 500)}`);
      const unzip = unzipMs(file);
      const mb = fs.statSync(file).size / 1024 / 1024;
      const phases = await measureCliPhases(file, path.join(dir, "phases.xlsx"));
      process.stdout.write(
        `Command line ${label} (${mb.toFixed(1)} MB): ${cli.ms.toFixed(0)} ms, peak RSS ${cli.peakRssMb.toFixed(0)} MB; ` +
          `unzip -p ${unzip === undefined ? "not installed" : `${unzip.toFixed(0)} ms`}; in this process: read ${phases.readMs.toFixed(0)} ms, ` +
          `analyse and lay out ${phases.analyzeMs.toFixed(0)} ms, write ${phases.writeMs.toFixed(0)} ms (report ${phases.outMb.toFixed(1)} MB)\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
