/**
 * `npx tsx bench/parts.ts` (after `npm run build:cli`): what the zip container costs.
 *
 * - Many parts: the sample plan with 1,000, 10,000 and 70,000 small extra parts, each copied
 *   through unedited. The command line end to end (spawned, with its peak memory), and in
 *   process the package's open and write alone, median of 3.
 * - Zip bombs, each refused (or, for the last, read) by the command line, with time and peak
 *   memory: a plan sheet of 3 GB of blanks in a 3 MB file, declared as 3 GB; the same declared
 *   as 500 MB (a zip that lies); and a sheet right at the ceiling a part may have (512 MB), which
 *   is read, the most memory one part can make a run use.
 *
 * `--bin PATH` runs another build's command line (e.g. an older checkout's bin/cvm-gap.js) to
 * compare; the in-process columns are then left out.
 * `--sizes 1000,10000` and `--no-bombs` choose what runs. Prints a Markdown table per section.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as zlib from "node:zlib";
import { loadCompiled } from "./compiled";
import { mb, median, ms, timedAsync } from "./stats";
import { makeZip, specsOf, type RawEntrySpec } from "../testkit/rawZip";

const BIN = path.join(__dirname, "..", "bin", "cvm-gap.js");
const { values: flags } = parseArgs({
  options: {
    bin: { type: "string", default: BIN },
    sizes: { type: "string", default: "1000,10000,70000" },
    "no-bombs": { type: "boolean", default: false },
  },
});

const SAMPLE = path.join(__dirname, "..", "examples", "cvm-sample-plan.xlsx");
const PEAK = path.join(__dirname, "peakRss.cjs");
/** The sample's part for the plan sheet "Bets". */
const BETS = "xl/worksheets/sheet1.xml";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-bench-parts-"));

interface Run {
  readonly ms: number;
  readonly code: number | null;
  readonly peakRssMb: number;
  readonly said: string;
}

function runCli(plan: string): Run {
  const out = path.join(dir, "out.xlsx");
  fs.rmSync(out, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--require", PEAK, flags.bin as string, "analyze", plan, "--out", out], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = performance.now() - start;
  const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
  const said =
    result.stderr
      .replace(/PEAK_RSS_KB \d+/, "")
      .trim()
      .split("\n")
      .pop() ?? "";
  return { ms: elapsed, code: result.status, peakRssMb: peak ? Number(peak[1]) / 1024 : NaN, said };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

async function manyParts(sample: RawEntrySpec[]): Promise<void> {
  const { ZipPackage } = loadCompiled<typeof import("../src/adapters/xlsx/zipPackage")>("adapters/xlsx/zipPackage");
  const { zlibCodec } = loadCompiled<typeof import("../src/adapters/file/nodeZlib")>("adapters/file/nodeZlib");
  const rows: string[][] = [];
  for (const size of (flags.sizes as string).split(",").map(Number)) {
    const extra: RawEntrySpec[] = Array.from({ length: size }, (_, i) => ({
      name: `customXml/item${i + 1}.xml`,
      content: `<?xml version="1.0"?><item n="${i + 1}"/>`,
    }));
    const bytes = makeZip([...sample, ...extra]);
    const file = path.join(dir, `parts-${size}.xlsx`);
    fs.writeFileSync(file, bytes);
    const runs = [0, 1, 2].map(() => runCli(file));
    if (runs.some((r) => r.code !== 0)) throw new Error(`the command line failed on ${size} parts: ${runs[0].said}`);
    const opens: number[] = [];
    const writes: number[] = [];
    // In process: this worktree's build (or CVM_BENCH_BUILD's), not --bin's.
    for (let i = 0; i < (flags.bin === BIN ? 3 : 0); i++) {
      const open = await timedAsync(() => ZipPackage.open(bytes, zlibCodec));
      const workbook = await open.result.text("xl/workbook.xml");
      const write = await timedAsync(() => open.result.write({ set: new Map([["xl/workbook.xml", workbook]]), remove: new Set() }));
      opens.push(open.ms);
      writes.push(write.ms);
    }
    rows.push([
      size.toLocaleString("en-US"),
      `${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
      ms(median(runs.map((r) => r.ms))),
      mb(median(runs.map((r) => r.peakRssMb))),
      ms(median(opens)),
      ms(median(writes)),
    ]);
  }
  console.log("\nThe sample plan with N small extra parts, each copied through (median of 3):\n");
  console.log(
    table(["extra parts", "file", "command line, end to end (ms)", "its peak RSS", "package open (ms)", "package write (ms)"], rows),
  );
}

/** A Bets sheet of the sample followed by `blanks` bytes of spaces, deflated in a stream: its stored bytes, CRC-32 and size. */
async function blankSheet(sheetXml: string, blanks: number): Promise<{ data: Uint8Array; method: number; crc32: number; size: number }> {
  const head = Buffer.from(sheetXml, "utf8");
  const chunk = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (d: Buffer) => out.push(d));
  const ended = new Promise((resolve) => deflate.on("end", resolve));
  const cut = head.indexOf("<sheetData>") + "<sheetData>".length;
  let crc = zlib.crc32(head.subarray(0, cut));
  deflate.write(head.subarray(0, cut));
  for (let left = blanks; left > 0; left -= chunk.length) {
    const piece = chunk.subarray(0, Math.min(left, chunk.length));
    crc = zlib.crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  crc = zlib.crc32(head.subarray(cut), crc);
  deflate.end(head.subarray(cut));
  await ended;
  return { data: new Uint8Array(Buffer.concat(out)), method: 8, crc32: crc >>> 0, size: head.length + blanks };
}

async function bombs(sample: RawEntrySpec[]): Promise<void> {
  const sheet = sample.find((s) => s.name === BETS)?.content?.toString() ?? "";
  const withSheet = (stored: RawEntrySpec["stored"], declaredSize?: number) =>
    makeZip(sample.map((s) => (s.name === BETS ? { name: BETS, stored, declaredSize } : s)));
  const rows: string[][] = [];
  const measure = (label: string, bytes: Uint8Array) => {
    const file = path.join(dir, "bomb.xlsx");
    fs.writeFileSync(file, bytes);
    const run = runCli(file);
    rows.push([
      label,
      `${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
      String(run.code),
      ms(run.ms),
      mb(run.peakRssMb),
      run.said.slice(0, 160).replace(/\|/g, "\\|"),
    ]);
  };
  const gigabytes = await blankSheet(sheet, 3_000_000_000);
  measure("plan sheet of 3 GB, declared 3 GB", withSheet(gigabytes));
  measure("plan sheet of 3 GB, declared 500 MB", withSheet(gigabytes, 500_000_000));
  const ceiling = await blankSheet(sheet, 2 ** 29 - 24 - Buffer.byteLength(sheet));
  measure("plan sheet of 512 MB (the ceiling), declared so", withSheet(ceiling));
  console.log("\nZip bombs in the sample plan's Bets sheet, through the command line:\n");
  console.log(table(["case", "file", "exit", "time (ms)", "peak RSS", "message (its start)"], rows));
}

async function main(): Promise<void> {
  const sample: RawEntrySpec[] = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
  console.log(
    `Command line: ${flags.bin}; node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); load average ${os.loadavg()[0].toFixed(2)}.`,
  );
  await manyParts(sample);
  if (!flags["no-bombs"]) await bombs(sample);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
