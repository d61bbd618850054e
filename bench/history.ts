/**
 * `npm run bench:history`: what the review history costs a write of the report, on the sample
 * plan with 0, 100, 500 and 1,000 earlier reviews in its CVM History sheet (21 detail rows each:
 * 5 bets and 16 KPIs). For the .xlsx path it times, in process and as the command line does them,
 * opening the file, reading and analysing the plan, reading the report and the history back,
 * writing both and building the package, against the same run writing the report alone and
 * against `unzip -p` of the file. For Office.js it counts the context.sync() round trips on the
 * recording fake of Excel. Prints figures; median of 5 runs each.
 */
import { reviewSection } from "../src/domain/review/reviewReport";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeSheets } from "../src/domain/analysis/analyze";
import {
  appendHistory,
  buildHistoryLayout,
  EMPTY_HISTORY,
  planFingerprint,
  snapshotRows,
  type HistoryRows,
} from "../src/domain/review/history";
import { buildReportLayout } from "../src/domain/sheets/report";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { everySheet } from "../testkit/xlsx";
import { FakeExcel, FakeSettings } from "../testkit/fakeExcel";
import { readReviewState, writeReviewedReport } from "../src/useCases/reviewCycle";
import { openXlsx } from "../src/adapters/file/xlsxFile";
import { unzipMs } from "./cli";
import { int, median, ms, ratio, timedAsync } from "./stats";

const SAMPLE = path.join(__dirname, "..", "examples", "cvm-sample-plan.xlsx");
const SIZES = [0, 100, 500, 1000];
const REPEATS = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-bench-history-"));

/** The sample with its report and a history of `runs` weekly reviews, written by the add-in itself. */
async function sampleWithHistory(runs: number): Promise<string> {
  const workbook = await openXlsx(SAMPLE);
  const result = analyzeSheets(await workbook.readSheets());
  let history: HistoryRows = EMPTY_HISTORY;
  const start = new Date(2020, 0, 6, 9, 0).getTime();
  for (let i = 0; i < runs; i++) history = appendHistory(history, snapshotRows(result, new Date(start + i * 7 * 86_400_000), `run${i}`));
  await workbook.writeReport(buildReportLayout(result, { runAt: new Date(start), review: reviewSection(undefined) }));
  if (runs > 0) await workbook.writeReport(buildHistoryLayout(history));
  const file = path.join(dir, `history-${runs}.xlsx`);
  await workbook.save(file);
  return file;
}

/** One run as the command line makes it, in process; `review` false writes the report alone. */
async function runOnce(file: string, review: boolean): Promise<number> {
  const { ms: elapsed } = await timedAsync(async () => {
    const workbook = await openXlsx(file);
    const sheets = await workbook.readSheets();
    const result = analyzeSheets(sheets);
    const runAt = new Date();
    if (review) {
      const state = await readReviewState(workbook);
      await writeReviewedReport(workbook, result, { runAt, fingerprint: planFingerprint(sheets), state });
    } else {
      await workbook.writeReport(buildReportLayout(result, { runAt }));
    }
    await workbook.bytes();
  });
  return elapsed;
}

async function readStateOnce(file: string): Promise<number> {
  return (await timedAsync(async () => readReviewState(await openXlsx(file)))).ms;
}

/** Round trips and time of a review's read and write through the Office.js adapter on the fake. */
async function officeFigures(file: string): Promise<{ readSyncs: number; writeSyncs: number; ms: number }> {
  const fake = new FakeExcel().seed(await everySheet(await openXlsx(file)));
  const workbook = new OfficeWorkbook({ run: fake.run, settings: new FakeSettings() });
  const sheets = await workbook.readSheets();
  const result = analyzeSheets(sheets);
  fake.resetCounters();
  const { ms: elapsed, result: syncs } = await timedAsync(async () => {
    const state = await readReviewState(workbook);
    const readSyncs = fake.syncCount;
    await writeReviewedReport(workbook, result, { runAt: new Date(), fingerprint: planFingerprint(sheets), state });
    return { readSyncs, writeSyncs: fake.syncCount - readSyncs };
  });
  return { ...syncs, ms: elapsed };
}

async function main(): Promise<void> {
  console.log(
    `Review history: a write of the report with its history, sample plan (median of ${REPEATS}; Node ${process.version}, ${os.cpus().length} cores)`,
  );
  console.log(
    "earlier reviews | file KB | unzip -p | read report+history | report+history run | report-only run | history's cost | vs unzip | Office syncs read/write | Office (fake) ms",
  );
  for (const runs of SIZES) {
    const file = await sampleWithHistory(runs);
    // A first pass warms the code paths; it is not counted.
    await runOnce(file, true);
    const reviewed: number[] = [];
    const alone: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      reviewed.push(await runOnce(file, true));
      alone.push(await runOnce(file, false));
      reads.push(await readStateOnce(file));
    }
    const unzip = median(Array.from({ length: REPEATS }, () => unzipMs(file) ?? NaN));
    const office = await officeFigures(file);
    const withHistory = median(reviewed);
    const reportOnly = median(alone);
    console.log(
      [
        int(runs).padStart(15),
        int(fs.statSync(file).size / 1024).padStart(7),
        `${ms(unzip)} ms`.padStart(8),
        `${ms(median(reads))} ms`.padStart(19),
        `${ms(withHistory)} ms`.padStart(18),
        `${ms(reportOnly)} ms`.padStart(15),
        `+${ms(withHistory - reportOnly)} ms`.padStart(14),
        ratio(withHistory / unzip).padStart(8),
        `${office.readSyncs}/${office.writeSyncs}`.padStart(23),
        ms(office.ms).padStart(16),
      ].join(" | "),
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
