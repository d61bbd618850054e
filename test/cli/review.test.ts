/**
 * The review cycle through the built command line, on real files: a first run on the sample, a
 * second on the same workbook a cycle later (one KPI actual changed, one finding fixed, a row
 * inserted above the Initiatives), a rerun, `compare`, and the refusals. The files between runs
 * are written by exceljs, as another tool than the add-in would leave them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SheetData } from "../../src/domain/common/cells";
import { HISTORY_SHEET_NAME } from "../../src/domain/review/history";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { CHANGES_TABLE } from "../../src/domain/review/reviewReport";
import { HISTORY_DETAIL_TABLE, HISTORY_RUNS_TABLE } from "../../src/domain/review/historyTables";
import { readTable, type TableSchema } from "../../src/domain/sheets/tableSchema";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { nextCycle } from "../../testkit/nextCycle";
import { everySheet, sha256, tempDir, writeSheetData } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const dir = tempDir("cvm-gap-review-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The rows of a table of a sheet read back, by header. */
/** The rows of one owned table of a sheet, by key. */
const tableRows = <K extends string>(sheet: SheetData | undefined, schema: TableSchema<never, K>) =>
  (sheet && readTable(schema, sheet)) ?? [];

async function sheetsOf(file: string): Promise<SheetData[]> {
  return everySheet(await openXlsx(file));
}

const named = (sheets: readonly SheetData[], name: string) => sheets.find((s) => s.name === name);

interface SinceLastJson {
  previousRunAt?: number;
  scoreDeltaPoints?: number;
  newFindings: { rule: string; itemId: string; cell: string }[];
  resolvedFindings: { rule: string; itemId: string; cell: string }[];
  statusChanges: { kpiId: string; before: { status: string }; after: { status: string } }[];
  coverageChanges: unknown[];
}

describe("two reviews of the sample plan, a cycle apart", () => {
  const first = path.join(dir, "cycle-1.xlsx");
  const plan = path.join(dir, "cycle-2.xlsx");
  let firstRun: ReturnType<typeof run>;
  let secondRun: ReturnType<typeof run>;
  let json: { sinceLast: SinceLastJson | null };

  beforeAll(async () => {
    await writeSheetData(path.join(dir, "plan.xlsx"), sampleSheets());
    firstRun = run("analyze", "plan.xlsx", "--out", first);
    // The planner works on in the written workbook: its report and history stay, the plan changes.
    await writeSheetData(plan, nextCycle(await sheetsOf(first)));
    secondRun = run("analyze", plan, "--in-place", "--json");
    json = JSON.parse(secondRun.stdout) as typeof json;
  }, 180_000);

  it("says the first run is the workbook's first review, and starts its history", async () => {
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toContain("First review in this workbook");
    expect(firstRun.stdout).toContain(`Wrote the "CVM Gap Analysis" and "${HISTORY_SHEET_NAME}" sheets (review 1 in the history)`);
    expect(firstRun.stdout).toContain(
      "The next review compares with this one when it analyses cycle-1.xlsx (or the plan with --in-place).",
    );
    // Written into the plan itself, there is nothing to point out.
    expect(secondRun.stderr).not.toContain("The next review compares");
    const history = named(await sheetsOf(first), HISTORY_SHEET_NAME);
    expect(history?.values[1]?.[0]).toBe(OWNER_MARKER);
    expect(tableRows(history, HISTORY_RUNS_TABLE)).toHaveLength(1);
  });

  it("names exactly the fixed finding as resolved and the KPI's status change, and nothing else", () => {
    expect(secondRun.code).toBe(0);
    const since = json.sinceLast;
    expect(since?.resolvedFindings.map((f) => [f.rule, f.itemId])).toEqual([["HANDSHAKE_MISSING", "Customer insights"]]);
    expect(since?.newFindings).toEqual([]);
    expect(since?.statusChanges.map((k) => [k.kpiId, k.before.status, k.after.status])).toEqual([["K6", "Off track", "At risk"]]);
    expect(since?.coverageChanges).toEqual([]);
    expect(since?.scoreDeltaPoints).toBe(0);
    expect(typeof since?.previousRunAt).toBe("number");
    expect(secondRun.stderr).toMatch(/Since \d{4}-\d\d-\d\d \d\d:\d\d: score ±0\.0 points, 1 resolved, 0 new, 1 KPI status changed/);
  });

  it("writes the same in the report: the line under its header and the table CVM_Changes", async () => {
    const report = named(await sheetsOf(plan), "CVM Gap Analysis");
    const line = report?.values.find((row) => row[0] === "Since last review");
    expect(line?.[1]).toMatch(/^Since \d{4}-\d\d-\d\d \d\d:\d\d: score ±0\.0 points, 1 resolved, 0 new, 1 KPI status changed$/);
    expect(tableRows(report, CHANGES_TABLE).map((r) => [r.change, r.id, r.what])).toEqual([
      ["Resolved", "Customer insights", "HANDSHAKE_MISSING"],
      ["Status changed", "K6", "AMPU"],
    ]);
  });

  it("keeps both runs in the history, the first as it was", async () => {
    const before = tableRows(named(await sheetsOf(first), HISTORY_SHEET_NAME), HISTORY_RUNS_TABLE);
    const history = named(await sheetsOf(plan), HISTORY_SHEET_NAME);
    const runs = tableRows(history, HISTORY_RUNS_TABLE);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual(before[0]);
    expect(runs[1].fingerprint).not.toBe(runs[0].fingerprint);
    // K6 moved from Off track to At risk; the other counts stay.
    expect(runs.map((r) => [r["On track"], r["At risk"], r["Off track"], r["No data"], r.warning])).toEqual([
      [4, 5, 6, 1, 21],
      [4, 6, 5, 1, 20],
    ]);
    const detail = tableRows(history, HISTORY_DETAIL_TABLE);
    expect(detail.filter((r) => r.id === "K6").map((r) => [r.value, r.status])).toEqual([
      [11.5, "Off track"],
      [11.75, "At risk"],
    ]);
  });

  it("appends again on a rerun of the unchanged plan, with the same fingerprint and nothing changed", async () => {
    expect(run("analyze", plan, "--in-place").code).toBe(0);
    const sheets = await sheetsOf(plan);
    const runs = tableRows(named(sheets, HISTORY_SHEET_NAME), HISTORY_RUNS_TABLE);
    expect(runs).toHaveLength(3);
    expect(runs[2].fingerprint).toBe(runs[1].fingerprint);
    expect(tableRows(named(sheets, "CVM Gap Analysis"), CHANGES_TABLE).map((r) => r.change)).toEqual([
      "Nothing changed since the last review",
    ]);
  });

  it("compares two workbooks with compare, writing nothing", async () => {
    const hashes = [sha256(first), sha256(plan)];
    const files = fs.readdirSync(dir).sort();
    const text = run("compare", first, plan);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Since ${first}: score ±0.0 points, 1 resolved, 0 new, 1 KPI status changed`);
    expect(text.stdout).toMatch(/resolved\s+HANDSHAKE_MISSING\s+Customer insights/);
    expect(text.stdout).toMatch(/status\s+K6 AMPU: Off track \(Closed\) → At risk \(Closed\)/);
    const compared = run("compare", first, plan, "--json");
    const since = (JSON.parse(compared.stdout) as { sinceLast: SinceLastJson }).sinceLast;
    expect(since.resolvedFindings.map((f) => f.rule)).toEqual(["HANDSHAKE_MISSING"]);
    expect(since.statusChanges.map((k) => k.kpiId)).toEqual(["K6"]);
    expect([sha256(first), sha256(plan)]).toEqual(hashes);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
  });
});

describe("what stops or skips the history", () => {
  it("stops on a CVM History sheet it did not write, leaving the workbook byte for byte", async () => {
    const file = await writeSheetData(path.join(dir, "foreign-history.xlsx"), [
      ...sampleSheets(),
      { name: "CVM History", values: [["Our own log"], ["2026-10-01", 0.8]], origin: { row: 0, col: 0 } },
    ]);
    const hash = sha256(file);
    const result = run("analyze", file, "--in-place");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`A sheet named "CVM History" already exists and was not written by this add-in`);
    expect(result.stderr).toContain("rename yours, then write again. Nothing was written.");
    expect(sha256(file)).toBe(hash);
    expect(run("analyze", file).code).toBe(1);
    expect(fs.existsSync(path.join(dir, "foreign-history.cvm-gap.xlsx"))).toBe(false);
  });

  it("keeps a what-if run out of the history and out of the next comparison", async () => {
    const file = await writeSheetData(path.join(dir, "what-if.xlsx"), sampleSheets());
    const scenario = path.join(dir, "scenario.json");
    fs.writeFileSync(scenario, JSON.stringify({ version: 1, initiatives: [{ id: "I16", active: false }] }));
    const result = run("analyze", file, "--in-place", "--scenario", scenario);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Since");
    const sheets = await sheetsOf(file);
    expect(sheets.map((s) => s.name)).not.toContain(HISTORY_SHEET_NAME);
    // The next plain run does not take the what-if's figures as the last review.
    expect(run("analyze", file, "--in-place").stdout).toContain("First review in this workbook");
  });
});
