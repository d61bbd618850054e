/**
 * The command line on a real .xlsx: end to end as a planner runs it (a new node process running
 * bin/cvm-gap.js), and in this process phase by phase, to show where the time goes.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { loadCompiled } from "./compiled";
import { watchPeak } from "./memory";
import { timed, timedAsync } from "./stats";

const BIN = path.join(__dirname, "..", "bin", "cvm-gap.js");
const PEAK = path.join(__dirname, "peakRss.cjs");

export interface CliRun {
  readonly ms: number;
  readonly code: number | null;
  readonly stderr: string;
  /** Peak resident memory of the command line's process, in MB. */
  readonly peakRssMb: number;
}

/** `node bin/cvm-gap.js analyze PLAN --out OUT`, timed from spawn to exit, with its peak memory. */
export function runCli(plan: string, out: string): CliRun {
  fs.rmSync(out, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--require", PEAK, BIN, "analyze", plan, "--out", out], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
  return { ms, code: result.status, stderr: result.stderr, peakRssMb: peak ? Number(peak[1]) / 1024 : NaN };
}

/**
 * `unzip -p FILE > /dev/null`: the time to inflate every part of the file, the floor any reader
 * of it stands on. Undefined when Debian's unzip is not installed.
 */
export function unzipMs(file: string): number | undefined {
  const start = performance.now();
  const result = spawnSync("unzip", ["-p", file], { stdio: ["ignore", "ignore", "ignore"] });
  if (result.error || result.status !== 0) return undefined;
  return performance.now() - start;
}

export interface CliPhases {
  readonly readMs: number;
  readonly analyzeMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly fileMb: number;
  readonly outMb: number;
  readonly peakRssDeltaMb: number;
  readonly peakScope: string;
}

/** The same steps as src/cli/main.ts, each timed. */
export async function measureCliPhases(plan: string, out: string): Promise<CliPhases> {
  const { openXlsx } = loadCompiled<typeof import("../src/adapters/file/xlsxFile")>("adapters/file/xlsxFile");
  const { analyzeSheets } = loadCompiled<typeof import("../src/domain/analysis/analyze")>("domain/analysis/analyze");
  const { buildReportLayout } = loadCompiled<typeof import("../src/domain/sheets/report")>("domain/sheets/report");
  const { collectGarbage } = loadCompiled<typeof import("../src/cli/collectGarbage")>("cli/collectGarbage");
  const peak = watchPeak();
  const read = await timedAsync(async () => {
    const workbook = await openXlsx(plan);
    return { workbook, sheets: await workbook.readSheets() };
  });
  // As src/cli/main.ts does: the garbage of each phase is collected before the next.
  collectGarbage();
  const analyze = timed(() => buildReportLayout(analyzeSheets(read.result.sheets), { runAt: new Date() }));
  collectGarbage();
  const write = await timedAsync(async () => {
    await read.result.workbook.writeReport(analyze.result);
    collectGarbage();
    await read.result.workbook.save(out);
  });
  return {
    readMs: read.ms,
    analyzeMs: analyze.ms,
    writeMs: write.ms,
    totalMs: read.ms + analyze.ms + write.ms,
    fileMb: fs.statSync(plan).size / 1024 / 1024,
    outMb: fs.statSync(out).size / 1024 / 1024,
    peakRssDeltaMb: peak.peakRssMb() - peak.startRssMb,
    peakScope: peak.scope,
  };
}
