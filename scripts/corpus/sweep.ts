/**
 * The command line's reader and writer over a corpus of workbooks made by other tools: the test
 * files of public projects (calamine, XlsxWriter's files saved by Excel, ClosedXML), which hold
 * what no generator of ours thinks of. For each workbook:
 *
 * - open it and read every worksheet as `analyze` would (formulas without a result computed),
 *   and every sheet's first rows as the survey does: it is read, or refused with a stop error
 *   (a message for the planner); any other exception is a failure of the add-in;
 * - with `--values DIR` (scripts/corpus/dumpValues.py's output), compare every cell with what
 *   openpyxl reads: a cell read otherwise, or not read, is a difference;
 * - write the sample plan's report and history into it, then check that every part it did not
 *   own comes out byte for byte, that the sheets read back as they were, that the report reads
 *   back as the add-in's own, and that a second write over the first succeeds.
 *
 * - with `--libreoffice N`, have LibreOffice open the copies of N of the workbooks written (spread
 *   over the corpus) and read the report in each.
 *
 *   python3 scripts/corpus/dumpValues.py /tmp/values FILE...   (optional, for --values)
 *   npx tsx scripts/corpus/sweep.ts [--values /tmp/values] [--libreoffice 100] [--json OUT.json] FILE_OR_DIR...
 *
 * The corpora are not kept in this repository (their licences and sizes differ); what a sweep
 * finds becomes a small generated case in the tests.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { cellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { StopError } from "../../src/domain/common/stopErrors";
import { DEFAULT_OPTIONS, type AnalysisResult } from "../../src/domain/analysis/result";
import { analyzePlanSheets } from "../../src/useCases/analyzePlan";
import { readReviewState, writeReviewedReport } from "../../src/useCases/reviewCycle";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { openXlsxBytes, type XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { partsOf, type Parts } from "../../testkit/packageParts";
import { sheetsAsCsv } from "../../testkit/libreOffice";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";

const ROOT = path.resolve(__dirname, "../..");
const RUN_AT = new Date(Date.UTC(2026, 11, 7, 9, 30));

type Outcome = "read" | "refused" | "failed";

interface WorkbookReport {
  readonly file: string;
  readonly outcome: Outcome;
  /** The stop error's message, or the failure's stack. */
  readonly message?: string;
  readonly sheets?: number;
  readonly cells?: number;
  /** Cells openpyxl reads differently, or reads where the add-in reads nothing: "Sheet!A1: ours ≠ theirs". */
  readonly differences?: readonly string[];
  /** Cells the add-in reads where openpyxl has none (a formula it computes, say). */
  readonly oursOnly?: number;
  readonly openpyxlError?: string;
  /** The write's outcome: "written", the stop error's message, or a failure. */
  readonly write?: { readonly outcome: Outcome; readonly message?: string; readonly problems?: readonly string[] };
  /** Where the survey's first rows of a sheet differ from the same rows read whole. */
  readonly heads?: string;
  /** Where the browser's path (zip.js inflating, as in the pane's preview) reads otherwise than the command line's. */
  readonly browserPath?: string;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function files(args: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory())
      for (const entry of fs.readdirSync(arg, { recursive: true, encoding: "utf8" }).sort())
        if (/\.xls[xm]$/i.test(entry)) found.push(path.join(arg, entry));
    if (fs.statSync(arg).isFile()) found.push(arg);
  }
  return found;
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

function outcomeOf(error: unknown): { outcome: Outcome; message: string } {
  return error instanceof StopError ? { outcome: "refused", message: error.message } : { outcome: "failed", message: describe(error) };
}

/** The sample plan's analysis: what is written into every workbook of the corpus. */
async function sampleAnalysis(): Promise<{ result: AnalysisResult; fingerprint: string }> {
  const sample = await openXlsx(path.join(ROOT, "examples", "cvm-sample-plan.xlsx"));
  const analysis = analyzePlanSheets(await sample.readSheets(), DEFAULT_OPTIONS);
  return { result: analysis.result, fingerprint: analysis.fingerprint };
}

// ---- comparing with openpyxl -------------------------------------------------------------

type Theirs = boolean | number | string | { date: string } | { time: number } | { duration: number };

const EPOCH_1900 = Date.UTC(1899, 11, 30);

function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether the add-in's value is openpyxl's, allowing for how each hands a kind over. */
function sameValue(ours: CellValue, theirs: Theirs): boolean {
  if (ours === null) return false;
  if (typeof theirs === "object") {
    if (!(ours instanceof Date)) return typeof ours === "number" && "duration" in theirs && sameNumber(ours * 86_400, theirs.duration);
    if ("date" in theirs) return Math.abs(ours.getTime() - Date.parse(`${theirs.date}Z`)) <= 1;
    // A time of day: openpyxl drops the day, which is the epoch's for a serial below 1.
    const seconds = (ours.getTime() - EPOCH_1900) / 1000;
    if ("time" in theirs) return Math.abs((((seconds % 86_400) + 86_400) % 86_400) - theirs.time) < 0.001;
    return Math.abs(seconds - theirs.duration) < 0.001;
  }
  if (typeof ours === "object" && !(ours instanceof Date)) return "error" in ours && ours.error === theirs;
  if (typeof ours === "number" && typeof theirs === "number") return sameNumber(ours, theirs);
  return ours === theirs;
}

const show = (value: unknown) => (value instanceof Date ? value.toISOString() : JSON.stringify(value));

function compareWithOpenpyxl(
  sheets: readonly SheetData[],
  dump: { sheets?: Record<string, Record<string, Theirs>>; error?: string },
): { differences: string[]; oursOnly: number } {
  const differences: string[] = [];
  let oursOnly = 0;
  for (const sheet of sheets) {
    const theirs = dump.sheets?.[sheet.name];
    if (!theirs) {
      differences.push(`${sheet.name}: openpyxl has no such worksheet`);
      continue;
    }
    const seen = new Set<string>();
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null || value === "") return;
        const at = cellAddress(sheet.origin.row + r, sheet.origin.col + c);
        seen.add(at);
        const their = theirs[at];
        if (their === undefined || their === "") oursOnly++;
        else if (!sameValue(value, their)) differences.push(`${sheet.name}!${at}: ${show(value)} ≠ ${show(their)}`);
      }),
    );
    for (const [at, their] of Object.entries(theirs))
      if (!seen.has(at) && their !== "") differences.push(`${sheet.name}!${at}: nothing read ≠ ${show(their)}`);
  }
  return { differences, oursOnly };
}

// ---- writing ------------------------------------------------------------------------------

/**
 * The parts a write may edit (testkit/packageParts.ts EDITABLE), wherever the package keeps them:
 * a corpus has workbooks whose workbook part is not xl/workbook.xml, whose styles part has another
 * name, or whose names use "\\".
 */
const EDITABLE_NAMES = new Set(["[content_types].xml", "workbook.xml", "workbook.xml.rels", "styles.xml", "calcchain.xml"]);

function isEditable(name: string, content: Buffer): boolean {
  const base = name.replace(/\\/g, "/").split("/").pop()?.toLowerCase() ?? "";
  return EDITABLE_NAMES.has(base) || /<(\w+:)?styleSheet\b/.test(content.subarray(0, 512).toString("utf8"));
}

function changedParts(before: Parts, after: Parts): string[] {
  return [...before]
    .filter(([name, content]) => !isEditable(name, content) && !content.equals(after.get(name) ?? Buffer.alloc(0)))
    .map(([name]) => name);
}

async function writeInto(
  file: string,
  workbook: XlsxWorkbook,
  before: readonly SheetData[],
  sample: { result: AnalysisResult; fingerprint: string },
  keep?: (copy: Uint8Array) => void,
): Promise<NonNullable<WorkbookReport["write"]>> {
  const problems: string[] = [];
  const write = async (target: XlsxWorkbook) => {
    const state = await readReviewState(target);
    await writeReviewedReport(target, sample.result, { runAt: RUN_AT, fingerprint: sample.fingerprint, state });
    return target.bytes();
  };
  let written: Uint8Array;
  try {
    written = await write(workbook);
  } catch (error) {
    return outcomeOf(error);
  }
  keep?.(written);
  const original = fs.readFileSync(file);
  const changed = changedParts(await partsOf(original), await partsOf(written));
  if (changed.length > 0) problems.push(`parts changed that the add-in does not own: ${changed.join(", ")}`);
  try {
    const again = await openXlsxBytes(written, `the copy of ${file}`, zlibCodec);
    const after = await again.readSheets(before.map((s) => s.name));
    for (const sheet of before) {
      const read = after.find((s) => s.name === sheet.name);
      if (!read || !isDeepStrictEqual(read.values, sheet.values) || !isDeepStrictEqual(read.origin, sheet.origin))
        problems.push(`the sheet "${sheet.name}" reads otherwise after the write`);
    }
    const owned = await again.readOwnedSheets(["CVM Gap Analysis", "CVM History"]);
    if (owned.some((o) => o.state !== "owned")) problems.push("the report or the history does not read back as the add-in's own");
    await write(again);
  } catch (error) {
    problems.push(`the copy: ${describe(error)}`);
  }
  return problems.length > 0 ? { outcome: "failed", problems } : { outcome: "read" };
}

const HEAD_ROWS = 50;

/**
 * Whether each sheet's first rows as the survey reads them (readSheetHeads, from the part's
 * beginning) hold what the whole sheet holds at the same cells: undefined when they do, else the
 * first cell that differs. A formula the head leaves uncomputed is not compared.
 */
function headsAsRead(heads: readonly SheetData[], sheets: readonly SheetData[]): string | undefined {
  for (const head of heads) {
    const whole = sheets.find((s) => s.name === head.name);
    if (!whole) return `${head.name}: no sheet read whole`;
    const at = (sheet: SheetData, row: number, col: number) => sheet.values[row - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
    const rows = Math.min(HEAD_ROWS, whole.values.length);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < Math.max(whole.values[r]?.length ?? 0, 1) + whole.origin.col; c++) {
        const row = whole.origin.row + r;
        const mine = at(head, row, c);
        if (mine !== null && typeof mine === "object" && "formula" in mine) continue;
        if (!isDeepStrictEqual(mine, at(whole, row, c)))
          return `${head.name}!${cellAddress(row, c)}: ${show(mine)} in the head, ${show(at(whole, row, c))} whole`;
      }
  }
  return undefined;
}

/** The same sheets read through zip.js, as the browser reads a file: undefined when alike, else what differs. */
async function throughZipJs(file: string, sheets: readonly SheetData[]): Promise<string | undefined> {
  try {
    const workbook = await openXlsxBytes(new Uint8Array(fs.readFileSync(file)), file, undefined);
    const read = await workbook.readSheets(sheets.map((s) => s.name));
    const differing = sheets.filter((sheet, i) => !isDeepStrictEqual(sheet, read[i])).map((sheet) => sheet.name);
    return differing.length > 0 ? `sheets read otherwise: ${differing.join(", ")}` : undefined;
  } catch (error) {
    return `refused or failed: ${describe(error).split("\n")[0]}`;
  }
}

// ---- the sweep ----------------------------------------------------------------------------

async function sweepOne(
  file: string,
  sample: { result: AnalysisResult; fingerprint: string },
  valuesDir: string | undefined,
  keep?: (copy: Uint8Array) => void,
): Promise<WorkbookReport> {
  let workbook: XlsxWorkbook;
  try {
    workbook = await openXlsx(file);
  } catch (error) {
    return { file, ...outcomeOf(error) };
  }
  let sheets: SheetData[];
  let heads: SheetData[];
  try {
    heads = await workbook.readSheetHeads(HEAD_ROWS);
    sheets = await workbook.readSheets(workbook.sheetNames);
  } catch (error) {
    return { file, ...outcomeOf(error) };
  }
  const cells = sheets.reduce((n, s) => n + s.values.reduce((m, row) => m + row.filter((v) => v !== null).length, 0), 0);
  const browserPath = await throughZipJs(file, sheets);
  const headsRead = headsAsRead(heads, sheets);
  let compared: Partial<WorkbookReport> = {};
  if (valuesDir) {
    const name = crypto.createHash("sha1").update(path.resolve(file)).digest("hex") + ".json";
    const dumpFile = path.join(valuesDir, name);
    if (fs.existsSync(dumpFile)) {
      const dump = JSON.parse(fs.readFileSync(dumpFile, "utf8")) as { sheets?: Record<string, Record<string, Theirs>>; error?: string };
      compared = dump.error ? { openpyxlError: dump.error } : compareWithOpenpyxl(sheets, dump);
    }
  }
  const write = await writeInto(file, workbook, sheets, sample, keep);
  return {
    file,
    outcome: "read",
    sheets: sheets.length,
    cells,
    ...compared,
    write,
    ...(browserPath && { browserPath }),
    ...(headsRead && { heads: headsRead }),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && !all[i - 1]?.startsWith("--"));
  const valuesDir = option("values");
  const sample = await sampleAnalysis();
  const reports: WorkbookReport[] = [];
  const all = files(args);
  const libreOffice = Number(option("libreoffice") ?? 0);
  const copiesDir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-corpus-"));
  const copies: string[] = [];
  const originals = new Map<string, string>();
  for (const [i, file] of all.entries()) {
    // Every k-th workbook's copy is kept for LibreOffice, so that the copies spread over the corpus.
    const kept = libreOffice > 0 && i % Math.max(1, Math.floor(all.length / libreOffice)) === 0;
    const keep = kept
      ? (copy: Uint8Array) => {
          const name = path.join(copiesDir, `${copies.length}${path.extname(file)}`);
          fs.writeFileSync(name, copy);
          copies.push(name);
          originals.set(name, file);
        }
      : undefined;
    const report = await sweepOne(file, sample, valuesDir, keep);
    reports.push(report);
    const flagged =
      report.outcome === "failed" ||
      report.write?.outcome === "failed" ||
      (report.differences?.length ?? 0) > 0 ||
      report.browserPath !== undefined ||
      report.heads !== undefined;
    if (flagged) console.log(`${report.outcome === "failed" ? "FAILED" : "DIFFERS"} ${file}`);
  }
  const count = (test: (r: WorkbookReport) => boolean) => reports.filter(test).length;
  console.log(
    [
      `${reports.length} workbooks: ${count((r) => r.outcome === "read")} read, ${count((r) => r.outcome === "refused")} refused with a stop error, ${count((r) => r.outcome === "failed")} failed`,
      `cells read: ${reports.reduce((n, r) => n + (r.cells ?? 0), 0).toLocaleString("en-US")}`,
      valuesDir
        ? `against openpyxl: ${count((r) => r.differences !== undefined && r.differences.length === 0)} alike, ${count((r) => (r.differences?.length ?? 0) > 0)} with differences, ${count((r) => r.openpyxlError !== undefined)} openpyxl could not read`
        : "",
      `the survey's first rows: ${count((r) => r.outcome === "read" && r.heads === undefined)} as read whole, ${count((r) => r.heads !== undefined)} otherwise`,
      `the browser's path (zip.js): ${count((r) => r.outcome === "read" && r.browserPath === undefined)} read alike, ${count((r) => r.browserPath !== undefined)} otherwise`,
      `written: ${count((r) => r.write?.outcome === "read")} written and checked, ${count((r) => r.write?.outcome === "refused")} refused with a stop error, ${count((r) => r.write?.outcome === "failed")} failed`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  if (copies.length > 0) {
    const unread: string[] = [];
    // One LibreOffice run per 40 files keeps each within the helper's time limit.
    for (let at = 0; at < copies.length; at += 40) {
      const batch = copies.slice(at, at + 40);
      const lines = sheetsAsCsv(batch, path.join(copiesDir, `lo-${at}`));
      for (const copy of batch)
        if (!lines(copy, "CVM Gap Analysis")?.join("\n").includes(OWNER_MARKER)) unread.push(originals.get(copy) ?? copy);
    }
    console.log(
      `LibreOffice: ${copies.length - unread.length} of ${copies.length} copies opened with the report read` +
        (unread.length ? `; not: ${unread.join(", ")}` : ""),
    );
  }
  const json = option("json");
  if (json) fs.writeFileSync(json, JSON.stringify(reports, null, 1));
}

void main().catch((error: unknown) => {
  console.error(describe(error));
  process.exitCode = 1;
});
