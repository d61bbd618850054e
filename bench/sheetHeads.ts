/**
 * `npx tsx bench/sheetHeads.ts`: what recognising the plan by its content costs the adapters,
 * on a workbook of 50 sheets as planners keep them (testkit/ledgerWorkbook.ts): the sample plan
 * beside a ledger of 100,000 lines, 40 monthly budget sheets and a notes sheet. Every worksheet's
 * first rows (readSheetHeads) against today's read of the plan's sheets chosen by name
 * (readSheets()), and against reading every sheet whole, which recognition without heads would take:
 *
 * - the .xlsx package in Node (zlib), as the command line opens it: time (median of the runs, each
 *   on a fresh open) and the bytes inflated;
 * - the same package through zip.js, as the browser preview opens it;
 * - the Office.js adapter on the recording fake of Excel: round trips and the largest response.
 *
 *   --runs 5      runs per figure
 *   --rows 30     rows per head
 *   --lines 100000  ledger lines
 * Prints Markdown tables.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { SheetData } from "../src/domain/common/cells";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { zlibCodec } from "../src/adapters/file/nodeZlib";
import type { RawCodec } from "../src/adapters/xlsx/zipPackage";
import { openXlsxBytes, type XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { FakeExcel, FakeSettings } from "../testkit/fakeExcel";
import { writeLedgerWorkbook } from "../testkit/ledgerWorkbook";
import { everySheet } from "../testkit/xlsx";
import { int, median, ms, timedAsync } from "./stats";

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    rows: { type: "string", default: "30" },
    lines: { type: "string", default: "100000" },
  },
});
const runs = Math.max(1, Number(flags.runs));
const rows = Number(flags.rows);
const lines = Number(flags.lines);

/** zlib, counting what it inflates. */
function countingCodec(): { codec: RawCodec; inflated: () => number } {
  let bytes = 0;
  const codec: RawCodec = {
    async inflate(raw, expected) {
      const content = await zlibCodec.inflate(raw, expected);
      bytes += content.length;
      return content;
    },
    async inflatePieces(raw, expected, take) {
      await zlibCodec.inflatePieces?.(raw, expected, (piece) => {
        bytes += piece.length;
        take(piece);
      });
    },
    deflate: (content) => zlibCodec.deflate(content),
  };
  return { codec, inflated: () => bytes };
}

interface Figure {
  readonly ms: number;
  readonly inflatedMb?: number;
  readonly sheets: number;
}

/** The median of `runs` fresh opens and reads; the bytes inflated by the last. */
async function measure(bytes: Uint8Array, zlib: boolean, read: (workbook: XlsxWorkbook) => Promise<SheetData[]>): Promise<Figure> {
  const times: number[] = [];
  let inflated = 0;
  let sheets = 0;
  for (let run = 0; run < runs; run++) {
    const counting = countingCodec();
    const { ms: elapsed, result } = await timedAsync(async () =>
      read(await openXlsxBytes(bytes, "bench", zlib ? counting.codec : undefined)),
    );
    times.push(elapsed);
    inflated = counting.inflated();
    sheets = result.length;
  }
  return { ms: median(times), ...(zlib && { inflatedMb: inflated / 1024 / 1024 }), sheets };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-bench-heads-"));
  const file = path.join(dir, "budgets.xlsx");
  await writeLedgerWorkbook(file, lines, { monthlyBudgets: 40 });
  const bytes = new Uint8Array(fs.readFileSync(file));
  const opened = await openXlsxBytes(bytes, "bench", zlibCodec);
  const names = opened.sheetNames;
  console.log(
    `Workbook: ${names.length} sheets, ${(bytes.length / 1024 / 1024).toFixed(1)} MB (ledger of ${int(lines)} lines), heads of ${rows} rows, median of ${runs} runs.\n`,
  );

  const reads: [string, (workbook: XlsxWorkbook) => Promise<SheetData[]>][] = [
    ["open only", async () => []],
    ["readSheets(): the plan's sheets by name (today)", (w) => w.readSheets()],
    [`readSheetHeads(${rows}): every sheet's first rows`, (w) => w.readSheetHeads(rows)],
    [
      `readSheetHeads(${rows}), then readSheets(the plan's names)`,
      async (w) => [...(await w.readSheetHeads(rows)), ...(await w.readSheets())],
    ],
    ["readSheets(every name): every sheet whole", (w) => w.readSheets(names)],
  ];
  console.log("| Read | Node (zlib) | inflated | browser (zip.js) |");
  console.log("|---|---:|---:|---:|");
  for (const [label, read] of reads) {
    const node = await measure(bytes, true, read);
    const browser = await measure(bytes, false, read);
    console.log(`| ${label} | ${ms(node.ms)} ms | ${(node.inflatedMb ?? 0).toFixed(1)} MB | ${ms(browser.ms)} ms |`);
  }

  const fake = new FakeExcel().seed(await everySheet(opened));
  const office = new OfficeWorkbook({ run: fake.run, settings: new FakeSettings() });
  const officeReads: [string, () => Promise<SheetData[]>][] = [
    ["readSheets(): the plan's sheets by name", () => office.readSheets()],
    [`readSheetHeads(${rows})`, () => office.readSheetHeads(rows)],
    ["readSheets(every name)", () => office.readSheets(names)],
  ];
  console.log("\n| Office.js (fake of Excel) | round trips | largest response | time |");
  console.log("|---|---:|---:|---:|");
  for (const [label, read] of officeReads) {
    fake.resetCounters();
    const { ms: elapsed } = await timedAsync(read);
    console.log(`| ${label} | ${fake.syncCount} | ${int(fake.largestResponseBytes / 1024)} KB | ${ms(elapsed)} ms |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
