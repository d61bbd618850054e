/**
 * The command line side by side with what a user would otherwise read a workbook with (issue 22),
 * in one run so that every ratio is taken under the same load: `unzip -p` (the floor), SheetJS's
 * readFile and exceljs's readFile (reading only), and `cvm-gap analyze` without and with a written
 * copy. Each is a new process, timed from spawn to exit, with its peak resident memory.
 *
 * Two plans of 100,000 initiatives and 10,000 KPIs, without impacts: one written by exceljs's
 * workbook writer (as many tools' benchmark plans are), one by testkit's streaming writer (the
 * plan of `npm run bench`). Then the command line at 10,000 / 100,000 / 300,000 initiatives, for
 * the cost's growth.
 *
 *   npm run bench:side [-- --runs 3] [--dir DIR] [--only side,linear] [--bin BIN] [--against BIN]
 *
 * --dir keeps the generated plans there and reuses them on the next run (300,000 initiatives take
 * a minute to write).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { writePlanXlsx } from "../testkit/planSheets";
import { SHEET_NAMES } from "../testkit/sheets";
import { syntheticPlan, type SyntheticPlan } from "../testkit/syntheticPlan";
import { median } from "./stats";

const ROOT = path.join(__dirname, "..");
// --bin: another build's command line (a copy of bin/cvm-gap.js requiring it); --against: one more,
// whose `--out` runs in the same rounds, for a before and after under the same load.
const BIN = path.resolve(option("bin") ?? path.join(ROOT, "bin", "cvm-gap.js"));
const AGAINST = option("against");
const PEAK = path.join(__dirname, "peakRss.cjs");

interface Run {
  readonly ms: number;
  readonly peakMb: number | undefined;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A plan written by exceljs's in-memory workbook writer, shared strings on. */
async function writeWithExceljs(plan: SyntheticPlan, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const key of Object.keys(SHEET_NAMES) as (keyof SyntheticPlan)[]) {
    if (plan[key].length === 0) continue;
    workbook.addWorksheet(SHEET_NAMES[key]).addRows(plan[key]);
  }
  await workbook.xlsx.writeFile(file, { useSharedStrings: true } as unknown as ExcelJS.XlsxWriteOptions);
}

/** Run in its own process (`--make KIND N FILE`), so that writing a plan leaves nothing behind. */
async function make(kind: string, size: number, file: string): Promise<void> {
  const plan = syntheticPlan(size, undefined, { impacts: false });
  if (kind === "exceljs") await writeWithExceljs(plan, file);
  else await writePlanXlsx(plan, file);
}

function ensurePlan(dir: string, kind: "exceljs" | "streaming", size: number): string {
  const file = path.join(dir, `plan-${kind}-${size}.xlsx`);
  if (fs.existsSync(file)) return file;
  const made = spawnSync(process.execPath, ["--import", "tsx", __filename, "--make", kind, String(size), file + ".tmp"], {
    stdio: "inherit",
    cwd: ROOT,
  });
  if (made.status !== 0) throw new Error(`could not write ${file}`);
  fs.renameSync(file + ".tmp", file);
  return file;
}

function timedSpawn(command: string, args: readonly string[], expectPeak: boolean): Run {
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
  return { ms, peakMb: expectPeak && peak ? Number(peak[1]) / 1024 : undefined };
}

const node = (args: readonly string[]) => timedSpawn(process.execPath, ["--require", PEAK, ...args], true);

/** `analyze --out` by the command line `bin`, into an output that does not exist yet. */
function writtenCopy(bin: string): (plan: string, out: string) => Run {
  return (plan, out) => {
    fs.rmSync(out, { force: true });
    return node([bin, "analyze", plan, "--out", out]);
  };
}

/** The contenders, each a function of the plan file and a scratch output path. */
const CONTENDERS: readonly { readonly label: string; readonly run: (plan: string, out: string) => Run }[] = [
  { label: "`unzip -p` (floor)", run: (plan) => timedSpawn("sh", ["-c", `unzip -p '${plan}' > /dev/null`], false) },
  { label: "SheetJS `readFile` (read only)", run: (plan) => node(["-e", `require("xlsx").readFile(${JSON.stringify(plan)})`]) },
  {
    label: "exceljs `readFile` (read only)",
    run: (plan) =>
      node([
        "-e",
        `new (require("exceljs").Workbook)().xlsx.readFile(${JSON.stringify(plan)}).catch((e)=>{console.error(e);process.exit(1)})`,
      ]),
  },
  { label: "`cvm-gap analyze --no-write`", run: (plan) => node([BIN, "analyze", plan, "--no-write"]) },
  { label: "`cvm-gap analyze --out`", run: writtenCopy(BIN) },
  ...(AGAINST === undefined ? [] : [{ label: `\`cvm-gap analyze --out\` of ${AGAINST}`, run: writtenCopy(path.resolve(AGAINST)) }]),
];

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** The median, then the range: on a shared virtual machine one round in a few can be far off. */
const range = (values: readonly number[], show: (n: number) => string) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return show(low) === show(high) ? show(low) : `${show(median(values))} (${show(low)}–${show(high)})`;
};
const times = (n: number) => `${n.toFixed(1)}×`;
const mb = (n: number) => `${Math.round(n)} MB`;

function load(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");
}

/** Every contender on one plan, runs alternated so that a burst of load falls on all of them. */
function sideBySide(plan: string, out: string, runs: number): void {
  const ms: number[][] = CONTENDERS.map(() => []);
  const peaks: number[][] = CONTENDERS.map(() => []);
  for (let r = 0; r < runs; r++)
    CONTENDERS.forEach((contender, i) => {
      const run = contender.run(plan, out);
      ms[i].push(run.ms);
      if (run.peakMb !== undefined) peaks[i].push(run.peakMb);
    });
  const floor = ms[0];
  const sheetJs = ms[1];
  console.log(`\n${path.basename(plan)}: ${(fs.statSync(plan).size / 1e6).toFixed(1)} MB, load average after: ${load()}\n`);
  console.log("| what | time | × `unzip -p` | SheetJS read ÷ this | peak RSS |");
  console.log("| --- | --- | --- | --- | --- |");
  CONTENDERS.forEach((contender, i) => {
    // Each run against the floor and SheetJS of the same round: the ratio a burst of load spares.
    const overFloor = ms[i].map((t, r) => t / floor[r]);
    const vsSheetJs = ms[i].map((t, r) => sheetJs[r] / t);
    console.log(
      `| ${contender.label} | ${range(ms[i], s)} | ${range(overFloor, times)} | ${i === 0 ? "—" : range(vsSheetJs, times)} | ${peaks[i].length ? range(peaks[i], mb) : "—"} |`,
    );
  });
}

/** The command line at three sizes: does its cost grow with the plan, and no faster? */
function linear(dir: string, runs: number): void {
  const sizes = [10_000, 100_000, 300_000];
  const rows = sizes.map((size) => {
    const plan = ensurePlan(dir, "streaming", size);
    const out = path.join(dir, `out-${size}.xlsx`);
    const noWrite: number[] = [];
    const withOut: number[] = [];
    const floor: number[] = [];
    const peaks: number[] = [];
    for (let r = 0; r < runs; r++) {
      floor.push(CONTENDERS[0].run(plan, out).ms);
      const a = CONTENDERS[3].run(plan, out);
      const b = CONTENDERS[4].run(plan, out);
      noWrite.push(a.ms);
      withOut.push(b.ms);
      peaks.push(a.peakMb ?? NaN, b.peakMb ?? NaN);
    }
    return {
      size,
      file: fs.statSync(plan).size,
      floor: median(floor),
      noWrite: median(noWrite),
      withOut: median(withOut),
      peak: Math.max(...peaks),
    };
  });
  console.log(`\nLinearity (testkit plans without impacts, medians of ${runs}), load average after: ${load()}\n`);
  console.log(
    "| initiatives | file | `unzip -p` | `--no-write` | `--out` | ratio to the size before (`--no-write` / `--out`) | peak RSS |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const ratio = before
      ? `${(row.noWrite / before.noWrite).toFixed(1)}× / ${(row.withOut / before.withOut).toFixed(1)}× for ${(row.size / before.size).toFixed(0)}× the plan`
      : "—";
    console.log(
      `| ${row.size.toLocaleString("en-US")} | ${(row.file / 1e6).toFixed(1)} MB | ${s(row.floor)} | ${s(row.noWrite)} | ${s(row.withOut)} | ${ratio} | ${mb(row.peak)} |`,
    );
  });
}

function main(): void {
  const runs = Number(option("runs") ?? 3);
  const only = (option("only") ?? "side,linear").split(",");
  const dir = option("dir") ?? fs.mkdtempSync(path.join(os.tmpdir(), "cvm-side-"));
  fs.mkdirSync(dir, { recursive: true });
  console.log(
    `Side by side (issue 22): ${runs} runs each, alternated; node ${process.version}, ${os.cpus().length} CPUs, load average before: ${load()}`,
  );
  console.log(
    "Caveat: on a shared machine other work inflates every figure; the ratios are within one round (the same load), the absolute times are not comparable across runs.",
  );
  console.log(`Plans in ${dir}`);
  if (only.includes("side"))
    for (const kind of ["exceljs", "streaming"] as const)
      sideBySide(ensurePlan(dir, kind, 100_000), path.join(dir, `out-${kind}.xlsx`), runs);
  if (only.includes("linear")) linear(dir, runs);
  if (!option("dir")) fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === "--make") void make(process.argv[3], Number(process.argv[4]), process.argv[5]);
else main();
