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

export interface CliRun {
  readonly ms: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** `node bin/cvm-gap.js analyze PLAN --out OUT`, timed from spawn to exit. */
export function runCli(plan: string, out: string): CliRun {
  fs.rmSync(out, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, "analyze", plan, "--out", out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, code: result.status, stderr: result.stderr };
}

export interface CliPhases {
  readonly readMs: number;
  readonly analyseMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly fileMb: number;
  readonly outMb: number;
  readonly peakRssDeltaMb: number;
  readonly peakScope: string;
}

/** The same steps as src/cli/main.ts, each timed. */
export async function measureCliPhases(plan: string, out: string): Promise<CliPhases> {
  const { openXlsx } = loadCompiled<typeof import("../src/workbook/xlsxWorkbook")>("workbook/xlsxWorkbook");
  const { analyzeSheets } = loadCompiled<typeof import("../src/domain/analyze")>("domain/analyze");
  const { buildReportLayout } = loadCompiled<typeof import("../src/domain/report")>("domain/report");
  const peak = watchPeak();
  const read = await timedAsync(async () => {
    const workbook = await openXlsx(plan);
    return { workbook, sheets: await workbook.readSheets() };
  });
  const analyse = timed(() => buildReportLayout(analyzeSheets(read.result.sheets), { runAt: new Date() }));
  const write = await timedAsync(async () => {
    await read.result.workbook.writeReport(analyse.result);
    await read.result.workbook.save(out);
  });
  return {
    readMs: read.ms,
    analyseMs: analyse.ms,
    writeMs: write.ms,
    totalMs: read.ms + analyse.ms + write.ms,
    fileMb: fs.statSync(plan).size / 1024 / 1024,
    outMb: fs.statSync(out).size / 1024 / 1024,
    peakRssDeltaMb: peak.peakRssMb() - peak.startRssMb,
    peakScope: peak.scope,
  };
}
