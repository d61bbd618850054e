/**
 * `npm run bench`: the engine, the command line and a formula baseline on synthetic plans of
 * 1,000, 10,000 and 100,000 initiatives (testkit/syntheticPlan.ts sets the other sheets in
 * proportion, with two Impacts rows per initiative). Prints figures, not pass/fail;
 * BENCHMARKS.md records a run.
 *
 *   --sizes 1000,10000     the plan sizes (initiatives)
 *   --only engine,cli      a subset of: engine, cli, formula, office
 *   --rounds 5             engine: rounds over the sizes, each size in a fresh process per round
 *   --formula-max 100000   largest size given to the formula baseline
 *   --formula-timeout 1800 seconds the formula baseline may take per size before it is given up
 *   --json FILE            also write every figure as JSON
 *
 * Each measurement runs in a process of its own (bench/worker.ts).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runCli, unzipMs, type CliPhases } from "./cli";
import type { EngineFigures } from "./engine";
import type { FormulaFigures } from "./formulaBaseline";
import type { OfficeSyncFigures } from "./officeSync";
import { int, mb, median, ms, ratio } from "./stats";
import { RESULT_PREFIX } from "./worker";

const WORKER = path.join(__dirname, "worker.ts");
// Above this the engine is not linear enough: issue 5 allows about 12x the time for 10x the rows.
const LINEAR_LIMIT = 12;
const TARGET_100K_MS = 2000;

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    only: { type: "string", default: "engine,cli,formula,office" },
    rounds: { type: "string", default: "5" },
    "formula-max": { type: "string", default: "100000" },
    "formula-timeout": { type: "string", default: "1800" },
    json: { type: "string" },
  },
});
const sizes = (flags.sizes ?? "")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const only = new Set((flags.only ?? "").split(","));
const rounds = Math.max(1, Number(flags.rounds));
const formulaMax = Number(flags["formula-max"]);
const formulaTimeoutS = Number(flags["formula-timeout"]);

class WorkerTimeout extends Error {}

function worker<T>(args: readonly string[], timeoutS?: number): T {
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", WORKER, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutS === undefined ? undefined : timeoutS * 1000,
    killSignal: "SIGKILL",
    // Room for the 100,000-initiative workbook in exceljs and in the formula engine.
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=8192`.trim() },
  });
  if (timeoutS !== undefined && result.signal === "SIGKILL") throw new WorkerTimeout(`did not finish within ${timeoutS} s`);
  const line = result.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (result.status !== 0 || !line) throw new Error(`bench worker ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

const log = (text = "") => process.stdout.write(`${text}\n`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
}

const runsFor = (size: number): [warmup: number, runs: number] => (size <= 1000 ? [5, 15] : size <= 10_000 ? [3, 11] : [2, 7]);

interface Figures {
  engine: EngineFigures[];
  cli: {
    label: string;
    size: number;
    runs: number[];
    medianMs: number;
    unzipMs?: number;
    peakRssMb: number;
    phases: CliPhases;
    fileMb: number;
  }[];
  formula: (FormulaFigures | { size: number; skipped: string })[];
  office: { size: number; figures: OfficeSyncFigures | null }[];
}

const figures: Figures = { engine: [], cli: [], formula: [], office: [] };

/** One figure per size from several processes: the runs are pooled, the memory is the worst seen. */
function pooled(all: readonly EngineFigures[]): EngineFigures {
  const times = all.flatMap((e) => e.times);
  const medianMs = median(times);
  return {
    ...all[0],
    runs: times.length,
    coldMs: median(all.map((e) => e.coldMs)),
    medianMs,
    minMs: Math.min(...times),
    parseMs: median(all.map((e) => e.parseMs)),
    analyzeMs: median(all.map((e) => e.analyzeMs)),
    layoutMs: median(all.map((e) => e.layoutMs)),
    rowsPerSecond: (all[0].rows / medianMs) * 1000,
    peakRssDeltaMb: Math.max(...all.map((e) => e.peakRssDeltaMb)),
    retainedHeapMb: Math.max(...all.map((e) => e.retainedHeapMb)),
    times,
  };
}

function engineSection(): void {
  log("## Engine alone (parse + analyse + lay out the output sheet)\n");
  // Rounds over the sizes rather than all runs of one size at once: a slow spell of a shared
  // machine then spreads over every size instead of skewing one of them.
  const bySize = new Map<number, EngineFigures[]>(sizes.map((size) => [size, []]));
  for (let round = 0; round < rounds; round++) {
    for (const size of sizes) {
      const [warmup, runs] = runsFor(size);
      bySize.get(size)?.push(worker<EngineFigures>(["engine", String(size), String(warmup), String(runs)]));
    }
  }
  for (const size of sizes) figures.engine.push(pooled(bySize.get(size) ?? []));
  log(
    table(
      [
        "initiatives",
        "rows read",
        "median",
        "parse / analyse / layout",
        "first run",
        "rows/s",
        "findings",
        "peak RSS added",
        "heap kept by result",
      ],
      figures.engine.map((e) => [
        int(e.size),
        int(e.rows),
        `${ms(e.medianMs)} ms`,
        `${ms(e.parseMs)} / ${ms(e.analyzeMs)} / ${ms(e.layoutMs)} ms`,
        `${ms(e.coldMs)} ms`,
        int(e.rowsPerSecond),
        int(e.findings),
        mb(e.peakRssDeltaMb),
        mb(e.retainedHeapMb),
      ]),
    ),
  );
  log(
    `\nMedian of ${figures.engine.map((e) => `${e.runs}`).join(" / ")} runs after a warm-up, from ${rounds} rounds over the sizes, each size in a fresh process per round; ` +
      `every run gets a fresh copy of the sheets (new strings, as an adapter hands them over), made before the clock starts. ` +
      `"First run" is the cold run a command line makes (median over the rounds); memory is the largest seen.`,
  );
  const at = (size: number) => figures.engine.find((e) => e.size === size);
  log("\nLinearity:");
  for (const [small, large] of [
    [1000, 10_000],
    [10_000, 100_000],
  ]) {
    const a = at(small);
    const b = at(large);
    if (!a || !b) continue;
    const r = b.medianMs / a.medianMs;
    log(
      `- time(${int(large)}) / time(${int(small)}) = ${ratio(r)} ${r <= LINEAR_LIMIT ? "(linear: at most about 12×)" : "(ABOVE the 12× allowed)"}`,
    );
  }
  const big = at(100_000);
  if (big) log(`- 100,000 initiatives: ${ms(big.medianMs)} ms, ${big.medianMs < TARGET_100K_MS ? "under" : "OVER"} the 2 s target`);
  log();
}

/** Medians of `count` runs of each command, alternated so that a slow spell of the machine hits both. */
function cliFigures(label: string, size: number, plan: string, out: string): Figures["cli"][number] {
  const count = size >= 100_000 ? 5 : 3;
  const runs: number[] = [];
  const unzips: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < count; i++) {
    const unzip = unzipMs(plan);
    if (unzip !== undefined) unzips.push(unzip);
    const run = runCli(plan, out);
    if (run.code !== 0) throw new Error(`cvm-gap failed on ${plan} (exit ${run.code}): ${run.stderr}`);
    runs.push(run.ms);
    peaks.push(run.peakRssMb);
  }
  const phases = worker<CliPhases>(["cli-phases", plan, out]);
  return {
    label,
    size,
    runs,
    medianMs: median(runs),
    unzipMs: unzips.length ? median(unzips) : undefined,
    peakRssMb: Math.max(...peaks),
    phases,
    fileMb: phases.fileMb,
  };
}

function cliSection(): void {
  log("## Command line end to end (`node bin/cvm-gap.js analyze PLAN.xlsx --out OUT.xlsx`) against `unzip -p`\n");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-gap-bench-"));
  try {
    // The plans of issue 10 (no Impacts sheet), and the largest again with its 2 impact rows per initiative.
    const variants = [...sizes.map((size) => ({ size, impacts: false })), ...sizes.slice(-1).map((size) => ({ size, impacts: true }))];
    for (const { size, impacts } of variants) {
      const plan = path.join(dir, `plan-${size}${impacts ? "-impacts" : ""}.xlsx`);
      worker(["xlsx", String(size), plan, impacts ? "impacts" : "no-impacts"]);
      const label = `plan of ${int(size)} initiatives${impacts ? ` + ${int(2 * size)} impact rows` : ""}`;
      figures.cli.push(cliFigures(label, size, plan, plan.replace(/\.xlsx$/, ".cvm-gap.xlsx")));
    }
    const ledger = path.join(dir, "ledger.xlsx");
    worker(["ledger", ledger]);
    figures.cli.push(cliFigures("sample plan + 100,000-line ledger", 18, ledger, path.join(dir, "ledger.cvm-gap.xlsx")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  log(
    table(
      ["workbook", "file", "`unzip -p`", "end to end", "÷ unzip", "peak RSS", "read", "analyse + layout", "write + save"],
      figures.cli.map((c) => [
        c.label,
        `${c.fileMb.toFixed(1)} MB`,
        c.unzipMs === undefined ? "no unzip here" : `${ms(c.unzipMs)} ms`,
        `${ms(c.medianMs)} ms`,
        c.unzipMs === undefined ? "" : ratio(c.medianMs / c.unzipMs),
        mb(c.peakRssMb),
        `${ms(c.phases.readMs)} ms`,
        `${ms(c.phases.analyzeMs)} ms`,
        `${ms(c.phases.writeMs)} ms`,
      ]),
    ),
  );
  log(
    `\nEnd to end and \`unzip -p FILE > /dev/null\`: medians of ${figures.cli.map((c) => c.runs.length).join(" / ")} runs, alternated, each a new process. ` +
      `Peak RSS: the largest of the command line's runs (Node's own maxRSS, reported by bench/peakRss.cjs). Phases: one run in process (bench/cli.ts).\n`,
  );
}

function formulaSection(): void {
  log("## Formula baseline (HyperFormula, same plan, KPI gap columns + XLOOKUP + SUMIFS)\n");
  for (const size of sizes) {
    if (size > formulaMax) {
      figures.formula.push({ size, skipped: `above --formula-max ${formulaMax}` });
      continue;
    }
    try {
      figures.formula.push(worker<FormulaFigures>(["formula", String(size)], formulaTimeoutS));
    } catch (error) {
      if (!(error instanceof WorkerTimeout)) throw error;
      figures.formula.push({ size, skipped: error.message });
    }
  }
  log(
    table(
      ["initiatives", "formulas", "formula engine", "our engine", "ours / formulas", "formula peak RSS added"],
      figures.formula.map((f) => {
        const ours = figures.engine.find((e) => e.size === f.size);
        if ("skipped" in f) {
          const bound = /within (\d+) s/.exec(f.skipped);
          const atLeast =
            bound && ours
              ? `< ${(ours.medianMs / (Number(bound[1]) * 1000)).toFixed(5)} (> ${ratio((Number(bound[1]) * 1000) / ours.medianMs)} faster)`
              : "";
          return [int(f.size), "", f.skipped, ours ? `${ms(ours.medianMs)} ms` : "", atLeast, ""];
        }
        return [
          int(f.size),
          int(f.formulas),
          `${ms(f.totalMs)} ms`,
          ours ? `${ms(ours.medianMs)} ms` : "not measured",
          ours ? `${(ours.medianMs / f.totalMs).toFixed(4)} (${ratio(f.totalMs / ours.medianMs)} faster)` : "",
          mb(f.peakRssDeltaMb),
        ];
      }),
    ),
  );
  const sample = figures.formula.find((f): f is FormulaFigures => !("skipped" in f));
  if (sample)
    log(
      `\nComputed cells, for a check: first KPI status "${String(sample.sample.kpiStatus)}", first bet "${String(sample.sample.betAllocation)}", first initiative's bet "${String(sample.sample.initiativeBet)}".`,
    );
  log("One build (parse the formulas, compute every cell) plus reading the values back, in a fresh process.\n");
}

function officeSection(): void {
  log("## Office.js adapter: context.sync() round trips and request sizes\n");
  for (const size of sizes) figures.office.push({ size, figures: worker<OfficeSyncFigures | null>(["office", String(size)]) });
  if (figures.office.every((o) => o.figures === null)) {
    log("Not measured yet: bench/officeSync.ts is the hook for the recording fake (testkit/fakeExcel).\n");
    return;
  }
  log(
    table(
      ["initiatives", "read syncs", "write syncs", "largest request", "largest response", "limit"],
      figures.office.map(({ size, figures: o }) =>
        o
          ? [
              int(size),
              int(o.readSyncs),
              int(o.writeSyncs),
              `${int(o.largestRequestBytes)} B`,
              `${int(o.largestResponseBytes)} B`,
              `${int(o.limitBytes)} B`,
            ]
          : [int(size), "", "", "", "", ""],
      ),
    ),
  );
  log();
}

log(`# cvm-gap benchmark, ${new Date().toISOString()}\n`);
log(`Machine: ${machine()}\n`);
if (only.has("engine")) engineSection();
if (only.has("cli")) cliSection();
if (only.has("formula")) formulaSection();
if (only.has("office")) officeSection();
if (flags.json) fs.writeFileSync(flags.json, JSON.stringify({ machine: machine(), date: new Date().toISOString(), ...figures }, null, 2));
