/**
 * The built command line never loses a save (issue 17): a save by someone else while a run works
 * is left as it is, two runs on one file write one after the other or not at all, the new file
 * keeps the old one's permissions and links stay links, and Ctrl+C or SIGTERM mid-write leaves
 * nothing behind. The moments "while it works" are made by a preload script loaded into the
 * command line's node (test/cli/preload/fileEvents.cjs), so that no test hook ships.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { SheetData } from "../../src/domain/common/cells";
import { HISTORY_SHEET_NAME } from "../../src/domain/review/history";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { HISTORY_RUNS_TABLE } from "../../src/domain/review/historyTables";
import { readTable } from "../../src/domain/sheets/tableSchema";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { everySheet, sha256, tempDir, writeXlsx } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const OTHER_WORKBOOK = path.join(ROOT, "test", "fixtures", "xlsx", "openpyxl.xlsx");
const PRELOAD = path.join(__dirname, "preload", "fileEvents.cjs");
const IS_ROOT = process.getuid?.() === 0;
// Generous: the suite must hold beside `stress --cpu 4`.
const SLOW = 180_000;

const dir = tempDir("cvm-gap-saving-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let caseNo = 0;
function caseDir(): string {
  const folder = path.join(dir, `case-${++caseNo}`);
  fs.mkdirSync(folder);
  return folder;
}

function copySample(folder: string, name = "plan.xlsx"): string {
  const file = path.join(folder, name);
  fs.copyFileSync(SAMPLE, file);
  return file;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Env = Record<string, string>;

function withEvent(event: string, settings: Env = {}): Env {
  return { CVM_TEST_EVENT: event, NODE_OPTIONS: `--require ${PRELOAD}`, ...settings };
}

function run(args: readonly string[], env: Env = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir, env: { ...process.env, ...env } });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const running = new Set<ChildProcess>();
// A case that fails while a run is held by the preload must not leave that run waiting for ever.
afterEach(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
});

/** A run in the background, for the cases where something happens while it works. */
function start(args: readonly string[], env: Env = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...env } });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

/** Waits until the run held by the preload is writing (its marker exists); fails if the run ends first. */
async function writing(marker: string, done: Promise<Run>): Promise<void> {
  let ended: Run | undefined;
  void done.then((result) => (ended = result));
  while (!fs.existsSync(marker)) {
    if (ended) throw new Error(`the run ended before it wrote: exit ${ended.code}\n${ended.stderr}`);
    await sleep(20);
  }
}

const hiddenLeftovers = (folder: string) => fs.readdirSync(folder).filter((name) => /^\..*(\.tmp|\.cvm-gap\.lock)$/.test(name));

async function reviewsIn(file: string): Promise<number> {
  const sheets: SheetData[] = await everySheet(await openXlsx(file));
  const history = sheets.find((s) => s.name === HISTORY_SHEET_NAME);
  return history ? (readTable(HISTORY_RUNS_TABLE, history) ?? []).length : 0;
}

async function hasReport(file: string): Promise<boolean> {
  const sheets = await everySheet(await openXlsx(file));
  return sheets.some((s) => s.name === "CVM Gap Analysis" && s.values[1]?.[0] === OWNER_MARKER);
}

/** Exit 1 with one plain message, no report written. */
function expectStopped(result: Run, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^cvm-gap: /);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  expect(result.stdout).not.toMatch(/Wrote the/);
}

// ---------------------------------------------------------------------------------------------

describe("a save by someone else while a run works is left as it is", () => {
  it("a plan saved from Excel during --in-place stays as saved, and the run says nothing was written", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const result = run(
      ["analyze", plan, "--in-place"],
      withEvent("save-by-someone-else", { CVM_TEST_TARGET: plan, CVM_TEST_SOURCE: OTHER_WORKBOOK }),
    );
    expectStopped(
      result,
      /"[^"]*plan\.xlsx" was changed while this run worked on it \(saved from Excel, or by a colleague on a share\), so nothing was written and that save was left as it is\. Run again to analyse the plan as it is now\./,
    );
    expect(sha256(plan)).toBe(sha256(OTHER_WORKBOOK));
    expect(hiddenLeftovers(folder)).toEqual([]);
  });

  it("a save of the same size with the same modification time is told apart by its bytes", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const edited = Buffer.from(fs.readFileSync(plan));
    edited[Math.floor(edited.length / 2)] ^= 0xff;
    const save = path.join(folder, "colleague.bin");
    fs.writeFileSync(save, edited);
    const result = run(
      ["analyze", plan, "--in-place"],
      withEvent("save-by-someone-else", { CVM_TEST_TARGET: plan, CVM_TEST_SOURCE: save, CVM_TEST_KEEP_TIMES: "1" }),
    );
    expectStopped(result, /was changed while this run worked on it .*so nothing was written and that save was left as it is/);
    expect(sha256(plan)).toBe(sha256(save));
    expect(fs.statSync(plan).size).toBe(fs.statSync(SAMPLE).size);
  });

  it("a plan moved away during --in-place is not written back under its old name", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const result = run(["analyze", plan, "--in-place"], withEvent("delete-target", { CVM_TEST_TARGET: plan }));
    expectStopped(result, /"[^"]*plan\.xlsx" was moved or deleted while this run worked on it, so nothing was written\./);
    expect(fs.existsSync(plan)).toBe(false);
    expect(hiddenLeftovers(folder)).toEqual([]);
  });

  it("an earlier copy saved by someone else while --out replaces it stays as saved", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = copySample(folder, "report.xlsx");
    const result = run(
      ["analyze", plan, "--out", out],
      withEvent("save-by-someone-else", { CVM_TEST_TARGET: out, CVM_TEST_SOURCE: OTHER_WORKBOOK }),
    );
    expectStopped(
      result,
      /"[^"]*report\.xlsx" was changed while this run worked on it .*Run again to replace it, or choose another file with --out\./,
    );
    expect(sha256(out)).toBe(sha256(OTHER_WORKBOOK));
    expect(sha256(plan)).toBe(sha256(SAMPLE));
    expect(hiddenLeftovers(folder)).toEqual([]);
  });

  it("a file created under the --out name while the run works is left as it is", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "report.xlsx");
    const result = run(
      ["analyze", plan, "--out", out],
      withEvent("save-by-someone-else", { CVM_TEST_TARGET: out, CVM_TEST_SOURCE: OTHER_WORKBOOK }),
    );
    expectStopped(
      result,
      /"[^"]*report\.xlsx" was created by someone else while this run worked, so nothing was written and that file was left as it is\./,
    );
    expect(sha256(out)).toBe(sha256(OTHER_WORKBOOK));
  });
});

// ---------------------------------------------------------------------------------------------

const LOCK_HELD =
  /Another cvm-gap run \(process \d+(?: on the computer "[^"]+")?, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\) is writing "[^"]+", so this run stopped and wrote nothing\. Wait for that run to finish and run again\. If no other run is going, delete the lock file "[^"]+\.cvm-gap\.lock" and run again\./;

function writeLock(plan: string, owner: { pid: number; host: string; startedAt: string }): string {
  const lock = path.join(path.dirname(plan), `.${path.basename(plan)}.cvm-gap.lock`);
  fs.writeFileSync(lock, JSON.stringify(owner));
  return lock;
}

describe("one run at a time writes a file", () => {
  it(
    "a second --in-place run on a plan another run is writing stops, and CVM History holds one review per run that wrote",
    async () => {
      const folder = caseDir();
      const plan = copySample(folder);
      const marker = path.join(folder, "writing");
      const go = path.join(folder, "go");
      const first = start(["analyze", plan, "--in-place"], withEvent("hold", { CVM_TEST_MARKER: marker, CVM_TEST_GO: go }));
      await writing(marker, first.done);

      const second = run(["analyze", plan, "--in-place"]);
      expectStopped(second, LOCK_HELD);
      expect(second.stderr).toContain(`process ${first.child.pid},`);
      expect(second.stderr).toContain(path.join(folder, ".plan.xlsx.cvm-gap.lock"));
      // Stopped before reading the plan: no summary of the old plan either.
      expect(second.stdout).toBe("");

      fs.writeFileSync(go, "");
      const firstResult = await first.done;
      expect(firstResult.code).toBe(0);
      expect(firstResult.stdout).toContain("(review 1 in the history)");
      expect(await reviewsIn(plan)).toBe(1);
      expect(hiddenLeftovers(folder)).toEqual([]);

      // The second run, run again once the first is done, adds its review.
      expect(run(["analyze", plan, "--in-place"]).code).toBe(0);
      expect(await reviewsIn(plan)).toBe(2);
    },
    SLOW,
  );

  it(
    "runs started together on one plan: every run that says it wrote has its review in CVM History",
    async () => {
      const folder = caseDir();
      const plan = copySample(folder);
      const runs = await Promise.all([0, 1, 2].map(() => start(["analyze", plan, "--in-place"]).done));
      const wrote = runs.filter((r) => r.code === 0);
      expect(wrote.length).toBeGreaterThanOrEqual(1);
      for (const stopped of runs.filter((r) => r.code !== 0)) expectStopped(stopped, LOCK_HELD);
      expect(await reviewsIn(plan)).toBe(wrote.length);
      expect(hiddenLeftovers(folder)).toEqual([]);
    },
    SLOW,
  );

  it("a lock left by a run that died on this computer is taken over", async () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeLock(plan, { pid: dead, host: os.hostname(), startedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const result = run(["analyze", plan, "--in-place"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await reviewsIn(plan)).toBe(1);
    expect(hiddenLeftovers(folder)).toEqual([]);
  });

  it(
    "a stale lock found by runs started together is taken over by one run at a time",
    async () => {
      const folder = caseDir();
      const plan = copySample(folder);
      const dead = spawnSync(process.execPath, ["-e", ""]).pid;
      writeLock(plan, { pid: dead, host: os.hostname(), startedAt: new Date(Date.now() - 3_600_000).toISOString() });
      const runs = await Promise.all([0, 1, 2].map(() => start(["analyze", plan, "--in-place"]).done));
      const wrote = runs.filter((r) => r.code === 0);
      expect(wrote.length).toBeGreaterThanOrEqual(1);
      for (const stopped of runs.filter((r) => r.code !== 0)) expectStopped(stopped, LOCK_HELD);
      expect(await reviewsIn(plan)).toBe(wrote.length);
      expect(hiddenLeftovers(folder)).toEqual([]);
      expect(fs.readdirSync(folder).filter((name) => name.endsWith(".stale"))).toEqual([]);
    },
    SLOW,
  );

  it("an empty lock file (a run killed as it took the lock) stops the run and names the file to delete", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const lock = path.join(folder, ".plan.xlsx.cvm-gap.lock");
    fs.writeFileSync(lock, "");
    const result = run(["analyze", plan, "--in-place"]);
    expectStopped(result, /^cvm-gap: Another cvm-gap run is writing "[^"]+plan\.xlsx", so this run stopped and wrote nothing\./);
    expect(result.stderr).toContain(`delete the lock file "${lock}"`);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
  });

  it("a lock held by a live process stops the run, names the process and the lock file, and stays", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const lock = writeLock(plan, { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
    const lockBytes = fs.readFileSync(lock, "utf8");
    const result = run(["analyze", plan, "--in-place"]);
    expectStopped(result, LOCK_HELD);
    expect(result.stderr).toContain(`process ${process.pid},`);
    expect(result.stderr).toContain(`delete the lock file "${lock}"`);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
    expect(fs.readFileSync(lock, "utf8")).toBe(lockBytes);
  });

  it("a lock from another computer is respected, since its process cannot be checked from here", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    writeLock(plan, { pid: 1234, host: "planning-laptop-7", startedAt: new Date().toISOString() });
    const result = run(["analyze", plan, "--out", path.join(folder, "report.xlsx")]);
    expect(result.code).toBe(0); // the lock is the plan's; a copy elsewhere is not held by it
    const inPlace = run(["analyze", plan, "--in-place"]);
    expectStopped(inPlace, LOCK_HELD);
    expect(inPlace.stderr).toContain('process 1234 on the computer "planning-laptop-7"');
  });

  it("the lock is removed when the run stops with an error", async () => {
    const folder = caseDir();
    const notAPlan = await writeXlsx(path.join(folder, "notes.xlsx"), [{ name: "Sheet1", rows: [["just notes"]] }]);
    expectStopped(run(["analyze", notAPlan, "--in-place"]), /is not a CVM plan/);
    const plan = copySample(folder);
    fs.chmodSync(plan, 0o444);
    expectStopped(run(["analyze", plan, "--in-place"]), /is read-only, so it was left as it was/);
    fs.chmodSync(plan, 0o644);
    expect(hiddenLeftovers(folder)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the new file keeps the old one's permissions, and a link stays a link", () => {
  it.each([
    ["0600", 0o600],
    ["0640", 0o640],
    ["0664", 0o664],
  ])("a plan of mode %s keeps that mode after --in-place", (_octal, mode) => {
    const folder = caseDir();
    const plan = copySample(folder);
    fs.chmodSync(plan, mode);
    expect(run(["analyze", plan, "--in-place"]).code).toBe(0);
    expect(fs.statSync(plan).mode & 0o777).toBe(mode);
  });

  (IS_ROOT ? it : it.skip)("a plan written --in-place by root keeps its owner and group", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    fs.chownSync(plan, 65534, 65534);
    expect(run(["analyze", plan, "--in-place"]).code).toBe(0);
    const stat = fs.statSync(plan);
    expect([stat.uid, stat.gid]).toEqual([65534, 65534]);
  });

  it("--in-place on a symbolic link writes the plan it names, and the link stays a link", async () => {
    const folder = caseDir();
    fs.mkdirSync(path.join(folder, "plans"));
    const real = copySample(path.join(folder, "plans"), "real.xlsx");
    fs.chmodSync(real, 0o600);
    const link = path.join(folder, "plan.xlsx");
    fs.symlinkSync(path.join("plans", "real.xlsx"), link);
    const result = run(["analyze", link, "--in-place"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(path.join("plans", "real.xlsx"));
    expect(await hasReport(real)).toBe(true);
    expect(fs.statSync(real).mode & 0o777).toBe(0o600);
    expect(hiddenLeftovers(folder)).toEqual([]);
    expect(hiddenLeftovers(path.join(folder, "plans"))).toEqual([]);
  });

  it("--out onto a symbolic link writes the file it names, and the link stays a link", async () => {
    const folder = caseDir();
    const plan = copySample(folder);
    fs.mkdirSync(path.join(folder, "reports"));
    const real = copySample(path.join(folder, "reports"), "latest.xlsx");
    const link = path.join(folder, "report.xlsx");
    fs.symlinkSync(real, link);
    expect(run(["analyze", plan, "--out", link]).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await hasReport(real)).toBe(true);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
  });

  it("a read-only plan (no write bit) is refused by --in-place, even when the command line runs as root", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    fs.chmodSync(plan, 0o444);
    const result = run(["analyze", plan, "--in-place"]);
    fs.chmodSync(plan, 0o644);
    expectStopped(result, /plan\.xlsx is read-only, so it was left as it was\. Make it writable, or choose another file with --out\./);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
    expect(hiddenLeftovers(folder)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Ctrl+C or SIGTERM while writing leaves nothing behind", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "stopped by %s while writing --in-place: exit %d, one line saying nothing was written, no temporary file, no lock, the plan unchanged",
    async (signal, code) => {
      const folder = caseDir();
      const plan = copySample(folder);
      const marker = path.join(folder, "writing");
      const held = start(["analyze", plan, "--in-place"], withEvent("hold", { CVM_TEST_MARKER: marker }));
      await writing(marker, held.done);
      // Mid-write: half of the temporary file is on disk, and the lock is held.
      const midWrite = hiddenLeftovers(folder);
      expect(midWrite).toHaveLength(2);
      expect(midWrite).toEqual(
        expect.arrayContaining([".plan.xlsx.cvm-gap.lock", expect.stringMatching(/^\.plan\.xlsx\.\d+\.[0-9a-f]+\.tmp$/)]),
      );
      held.child.kill(signal);
      const result = await held.done;
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(/^cvm-gap: stopped by (Ctrl\+C \(SIGINT\)|SIGTERM); nothing was written\.\n$/);
      expect(hiddenLeftovers(folder)).toEqual([]);
      expect(sha256(plan)).toBe(sha256(SAMPLE));
    },
    SLOW,
  );
});
