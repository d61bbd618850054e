/**
 * `npx tsx bench/readBounds.ts`: the command line on small files that once cost gigabytes, each
 * run in a new process (`node bin/cvm-gap.js analyze FILE --out OUT`) with its peak memory
 * (bench/peakRss.cjs), beside the plain sample plan for reference:
 *
 * - one row numbered 50,000,000 in the Bets sheet; r="1.5"; r="4294967296" (refused at once);
 * - 20 million shared strings (`<si><t>x</t></si>`, about 340 MB of XML in a zip of well under
 *   1 MB) after the plan's own, none of them used by a cell.
 *
 *   --strings 20000000   how many shared strings to add
 *   --runs 3             runs per file (the median time and the largest peak are reported)
 *   --bin PATH           another build's bin/cvm-gap.js, to compare before and after
 *
 * Run `npm run build:cli` first: the command line runs from build/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import JSZip from "jszip";
import { int, mb, median, ms } from "./stats";

const ROOT = path.join(__dirname, "..");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const PEAK = path.join(__dirname, "peakRss.cjs");

const { values: flags } = parseArgs({
  options: {
    strings: { type: "string", default: "20000000" },
    runs: { type: "string", default: "3" },
    bin: { type: "string", default: path.join(ROOT, "bin", "cvm-gap.js") },
  },
});
const extraStrings = Number(flags.strings);
const runs = Math.max(1, Number(flags.runs));
const bin = path.resolve(flags.bin ?? "");

/** The zip name of a sheet's part, through the workbook part and its relationships. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const id = new RegExp(`<sheet\\b[^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for the sheet ${name}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

async function save(zip: JSZip, file: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    zip
      .generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE", compressionOptions: { level: 9 } })
      .pipe(fs.createWriteStream(file))
      .on("finish", resolve)
      .on("error", reject);
  });
  return file;
}

/** The sample with rows added at the end of its Bets sheet. */
async function withBetsRows(file: string, rows: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  const part = await sheetPart(zip, "Bets");
  const xml = (await zip.file(part)?.async("string")) ?? "";
  zip.file(
    part,
    xml.replace(/<\/(\w+:)?sheetData>/, (end) => `${rows}${end}`),
  );
  return save(zip, file);
}

/** The sample with `count` unused shared strings after its own, streamed into the zip. */
async function withSharedStrings(file: string, count: number): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  const xml = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  const close = xml.lastIndexOf("</");
  const head = xml
    .slice(0, close)
    .replace(/(\s(?:count|uniqueCount)=")(\d+)"/g, (_, attr: string, n: string) => `${attr}${Number(n) + count}"`);
  const tail = xml.slice(close);
  const chunk = "<si><t>x</t></si>".repeat(10_000);
  function* pieces(): Generator<string> {
    yield head;
    for (let done = 0; done < count; done += 10_000) yield done + 10_000 <= count ? chunk : "<si><t>x</t></si>".repeat(count - done);
    yield tail;
  }
  zip.file("xl/sharedStrings.xml", Readable.from(pieces()));
  return save(zip, file);
}

interface Figures {
  readonly label: string;
  readonly fileKb: number;
  readonly code: number | null;
  readonly medianMs: number;
  readonly peakRssMb: number;
  readonly message: string;
}

function measure(label: string, file: string, dir: string): Figures {
  const times: number[] = [];
  const peaks: number[] = [];
  let code: number | null = null;
  let message = "";
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, "out.xlsx");
    fs.rmSync(out, { force: true });
    const start = performance.now();
    const result = spawnSync(process.execPath, ["--require", PEAK, bin, "analyze", file, "--out", out], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    times.push(performance.now() - start);
    const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
    peaks.push(peak ? Number(peak[1]) / 1024 : NaN);
    code = result.status;
    message =
      result.stderr
        .replace(/\s*PEAK_RSS_KB \d+\s*$/, "")
        .trim()
        .split("\n")[0] ?? "";
  }
  return { label, fileKb: fs.statSync(file).size / 1024, code, medianMs: median(times), peakRssMb: Math.max(...peaks), message };
}

async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-gap-bounds-"));
  try {
    const cases: [string, string][] = [
      ["sample plan (reference)", SAMPLE],
      [
        "row 50,000,000 in Bets",
        await withBetsRows(path.join(dir, "row-50m.xlsx"), '<row r="50000000"><c r="A50000000"><v>1</v></c></row>'),
      ],
      ['row r="1.5"', await withBetsRows(path.join(dir, "row-half.xlsx"), '<row r="1.5"><c r="A7"><v>1</v></c></row>')],
      [
        'row r="4294967296"',
        await withBetsRows(path.join(dir, "row-2-32.xlsx"), '<row r="4294967296"><c r="A4294967296"><v>1</v></c></row>'),
      ],
      [`${int(extraStrings)} shared strings`, await withSharedStrings(path.join(dir, "strings.xlsx"), extraStrings)],
    ];
    const figures = cases.map(([label, file]) => measure(label, file, dir));
    process.stdout.write(`# Small files, large claims: ${bin}\n\n`);
    process.stdout.write("| file | size | exit | median time | peak RSS | first line of stderr |\n| --- | --- | --- | --- | --- | --- |\n");
    for (const f of figures)
      process.stdout.write(
        `| ${f.label} | ${int(f.fileKb)} KB | ${f.code} | ${ms(f.medianMs)} ms | ${mb(f.peakRssMb)} | ${f.message.slice(0, 160)} |\n`,
      );
    process.stdout.write(
      `\nMedian of ${runs} runs, each a new process; peak RSS is the largest seen (Node's maxRSS, bench/peakRss.cjs).\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
