/**
 * The built command line on files it must refuse and on places it cannot write (issue 5): a
 * clear message on stderr, exit code 1, the input byte for byte as it was, and no temporary file
 * left beside the output. Interrupted runs must never leave a half-written workbook.
 *
 * Permission cases: root reads and writes past permission bits, so when the tests run as root
 * the command line is started as the user "nobody" for those cases (and they are skipped, with
 * the reason printed, where that is not possible). A file locked by Excel cannot be made on Linux,
 * which has no mandatory locks: those cases load a small preload script into the command line's
 * node that makes the file system answer EBUSY for the one path, as Windows does.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { syntheticPlan } from "../../testkit/syntheticPlan";
import { writePlanXlsx } from "../../testkit/planSheets";
import { readBack, sha256, tempDir } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const REPORT_SHEET = "CVM Gap Analysis";

const dir = tempDir("cvm-gap-robust-");
// Open to every user, so that the cases run as "nobody" can reach their files.
fs.chmodSync(dir, 0o777);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

/** Whether permission bits bind the command line here: true for a normal user, and for root when it can start a process as "nobody". */
function permissionsBind(): { ok: true; as: SpawnSyncOptions } | { ok: false; why: string } {
  if (process.platform === "win32") return { ok: false, why: "permission bits do not apply on Windows" };
  if (!IS_ROOT) return { ok: true, as: {} };
  const probe = spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(BIN)})`], NOBODY);
  return probe.status === 0
    ? { ok: true, as: NOBODY }
    : { ok: false, why: `running as root and cannot start node as "nobody" (${probe.error?.message ?? `exit ${probe.status}`})` };
}
const permissions = permissionsBind();
if (!permissions.ok) process.stderr.write(`robustness.test.ts: permission cases skipped: ${permissions.why}\n`);
const withPermissions = permissions.ok ? it : it.skip;
const asOtherUser: SpawnSyncOptions = permissions.ok ? permissions.as : {};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

let caseNo = 0;
/** A folder of its own per case, so that leftovers are told apart. */
function caseDir(): string {
  const folder = path.join(dir, `case-${++caseNo}`);
  fs.mkdirSync(folder, { mode: 0o777 });
  fs.chmodSync(folder, 0o777);
  return folder;
}

function put(folder: string, name: string, content: Buffer | string): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  fs.chmodSync(file, 0o666);
  return file;
}

function copySample(folder: string, name = "plan.xlsx"): string {
  return put(folder, name, fs.readFileSync(SAMPLE));
}

const temporaryFiles = (folder: string) => fs.readdirSync(folder).filter((name) => /^\..*\.tmp$/.test(name));

/** Exit 1, one plain message on stderr and no stack trace, the input unchanged, nothing written. */
function expectRefused(
  result: Run,
  input: string,
  before: string,
  message: RegExp,
  output = input.replace(/\.xlsx$/, ".cvm-gap.xlsx"),
): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^cvm-gap: /);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  expect(result.stdout).not.toMatch(/Wrote the/);
  if (fs.existsSync(input) && fs.statSync(input).isFile()) expect(sha256(input)).toBe(before);
  if (output !== input) expect(fs.existsSync(output)).toBe(false);
  expect(temporaryFiles(path.dirname(input))).toEqual([]);
  expect(temporaryFiles(path.dirname(output))).toEqual([]);
}

/** Deterministic bytes, so that a failure can be replayed. */
function pseudoRandom(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// A Compound File Binary (OLE2), the container of a legacy .xls and of a password-protected .xlsx.
// Laid out after [MS-CFB] version 3: 512-byte sectors, one FAT sector, one directory sector, and
// streams of at least 4,096 bytes so that they live in ordinary sectors (no mini stream).

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

function directoryEntry(name: string, type: number, child: number, right: number, start: number, size: number): Buffer {
  const entry = Buffer.alloc(128);
  entry.write(name, 0, "utf16le");
  entry.writeUInt16LE(name ? (name.length + 1) * 2 : 0, 64);
  entry.writeUInt8(type, 66);
  entry.writeUInt8(1, 67); // black
  entry.writeUInt32LE(NOSTREAM, 68); // left sibling
  entry.writeUInt32LE(right, 72);
  entry.writeUInt32LE(child, 76);
  entry.writeUInt32LE(start, 116);
  entry.writeUInt32LE(size, 120);
  return entry;
}

/** Two streams under the root; the second is the first's right sibling (names order by length first). */
function compoundFile(streams: readonly [{ name: string; data: Buffer }, { name: string; data: Buffer }]): Buffer {
  const sector = 512;
  const padded = streams.map((s) => Buffer.concat([s.data, Buffer.alloc((sector - (s.data.length % sector)) % sector)]));
  const firstStart = 2;
  const secondStart = firstStart + padded[0].length / sector;
  const sectors = secondStart + padded[1].length / sector;
  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 2^9 = 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory in sector 1
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 76 + i * 4);
  const fat = Buffer.alloc(sector);
  for (let i = 0; i < 128; i++) fat.writeUInt32LE(FREESECT, i * 4);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  for (let s = firstStart; s < sectors; s++) fat.writeUInt32LE(s === secondStart - 1 || s === sectors - 1 ? ENDOFCHAIN : s + 1, s * 4);
  const directory = Buffer.concat([
    directoryEntry("Root Entry", 5, 1, NOSTREAM, ENDOFCHAIN, 0),
    directoryEntry(streams[0].name, 2, NOSTREAM, 2, firstStart, streams[0].data.length),
    directoryEntry(streams[1].name, 2, NOSTREAM, NOSTREAM, secondStart, streams[1].data.length),
    directoryEntry("", 0, NOSTREAM, NOSTREAM, 0, 0),
  ]);
  return Buffer.concat([header, fat, directory, ...padded]);
}

/** What Excel writes for "Encrypt with Password": agile EncryptionInfo (version 4.4) and the EncryptedPackage. */
function encryptedWorkbook(): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" ' +
    'hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"/></keyEncryptors></encryption>';
  const info = Buffer.alloc(4096);
  info.writeUInt16LE(4, 0);
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  info.write(xml, 8, "utf8");
  const packageSize = Buffer.alloc(8);
  packageSize.writeUInt32LE(20_000, 0);
  const encrypted = Buffer.concat([packageSize, pseudoRandom(8184, 7)]);
  return compoundFile([
    { name: "EncryptionInfo", data: info },
    { name: "EncryptedPackage", data: encrypted },
  ]);
}

/** A BIFF8 workbook stream, as Excel 97-2003 saves an .xls. */
function legacyXls(): Buffer {
  const bof = Buffer.alloc(20);
  bof.writeUInt16LE(0x0809, 0); // BOF record
  bof.writeUInt16LE(16, 2);
  bof.writeUInt16LE(0x0600, 4); // BIFF8
  bof.writeUInt16LE(0x0005, 6); // workbook globals
  const workbook = Buffer.concat([bof, pseudoRandom(4096 - bof.length, 11)]);
  return compoundFile([
    { name: "Workbook", data: workbook },
    { name: "SummaryInformation", data: pseudoRandom(4096, 13) },
  ]);
}

// ---------------------------------------------------------------------------------------------

describe("cvm-gap refuses files that are no readable .xlsx, and leaves them as they were", () => {
  const sample = fs.readFileSync(SAMPLE);

  it.each([
    [
      "random bytes after a zip header",
      () => Buffer.concat([Buffer.from("PK\x03\x04"), pseudoRandom(8192, 1)]),
      /could not be read as an \.xlsx workbook; it may be damaged/,
    ],
    [
      "the first 10% of a real workbook",
      () => sample.subarray(0, Math.floor(sample.length * 0.1)),
      /could not be read as an \.xlsx workbook; it may be damaged/,
    ],
    [
      "the first half of a real workbook",
      () => sample.subarray(0, Math.floor(sample.length / 2)),
      /could not be read as an \.xlsx workbook; it may be damaged/,
    ],
    [
      "a real workbook less its last 100 bytes",
      () => sample.subarray(0, sample.length - 100),
      /could not be read as an \.xlsx workbook; it may be damaged/,
    ],
    ["an empty file", () => Buffer.alloc(0), /is empty \(0 bytes\)/],
    ["an .xlsx encrypted with a password (OLE2 with EncryptionInfo)", encryptedWorkbook, /protected with a password/],
    [
      "a bare OLE2 header and padding",
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      /legacy \.xls workbook or an \.xlsx protected with a password/,
    ],
    ["a legacy .xls renamed .xlsx", legacyXls, /legacy \.xls workbook/],
    [
      "a CSV renamed .xlsx",
      () => Buffer.from("Bet ID,Strategic Bet,Weight\r\nB1,Win the converged home,60\r\nB2,Lead in 5G,40\r\n"),
      /looks like text\/CSV/,
    ],
    [
      "a UTF-16 text export renamed .xlsx",
      () => Buffer.from("\ufeffBet ID\tStrategic Bet\r\nB1\tWin\r\n", "utf16le"),
      /looks like text\/CSV/,
    ],
    ["random bytes", () => pseudoRandom(4096, 3), /is not an \.xlsx workbook/],
  ])("%s", (_what, content, message) => {
    const folder = caseDir();
    const file = put(folder, "plan.xlsx", content());
    const before = sha256(file);
    expectRefused(run(["analyze", file]), file, before, message);
    expect(fs.readdirSync(folder)).toEqual(["plan.xlsx"]);
  });

  it("a zip archive that holds no workbook", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    zip.file("[Content_Types].xml", "<Types/>");
    const folder = caseDir();
    const file = put(folder, "plan.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
    expectRefused(run(["analyze", file]), file, sha256(file), /zip archive without any worksheet|could not be read as an \.xlsx workbook/);
  });

  it("a folder named like a workbook", () => {
    const folder = caseDir();
    const file = path.join(folder, "plan.xlsx");
    fs.mkdirSync(file);
    const result = run(["analyze", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is a folder, not an \.xlsx workbook/);
    expect(fs.readdirSync(file)).toEqual([]);
  });

  withPermissions("a workbook the user may not read (chmod 000)", () => {
    const folder = caseDir();
    const file = copySample(folder);
    const before = sha256(file);
    fs.chmodSync(file, 0o000);
    const result = run(["analyze", file], asOtherUser);
    fs.chmodSync(file, 0o666);
    expectRefused(result, file, before, /cannot be read: permission denied/);
  });

  it("a workbook locked by another program (EBUSY on read, simulated)", () => {
    const folder = caseDir();
    const file = copySample(folder);
    const result = run(["analyze", file], simulate("busy-input", file));
    expectRefused(result, file, sha256(SAMPLE), /is locked by another program/);
  });
});

// ---------------------------------------------------------------------------------------------
// The preload script: one simulated failure of the file system, chosen by the environment.

const PRELOAD = path.join(dir, "simulate.cjs");
fs.writeFileSync(
  PRELOAD,
  `"use strict";
const fs = require("fs");
const mode = process.env.CVM_SIMULATE;
const target = process.env.CVM_SIMULATE_PATH;
const failure = (code, p) => Object.assign(new Error(code + ": simulated, '" + p + "'"), { code, path: String(p) });
const same = (p) => String(p) === target;
if (mode === "busy-output") {
  const rename = fs.promises.rename;
  fs.promises.rename = async (from, to) => { if (same(to)) throw failure("EBUSY", to); return rename(from, to); };
  const renameSync = fs.renameSync;
  fs.renameSync = (from, to) => { if (same(to)) throw failure("EBUSY", to); return renameSync(from, to); };
}
if (mode === "busy-input") {
  const readFile = fs.promises.readFile;
  fs.promises.readFile = async (p, ...rest) => { if (same(p)) throw failure("EBUSY", p); return readFile(p, ...rest); };
  const openSync = fs.openSync;
  fs.openSync = (p, ...rest) => { if (same(p)) throw failure("EBUSY", p); return openSync(p, ...rest); };
}
if (mode === "SIGKILL" || mode === "SIGTERM" || mode === "SIGINT") {
  // Dies of the signal halfway through writing the temporary file, as a killed or interrupted run would.
  const open = fs.promises.open;
  fs.promises.open = async (p, ...rest) => {
    const handle = await open(p, ...rest);
    if (String(p).endsWith(".tmp")) {
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = async (data) => {
        await writeFile(data.subarray(0, Math.floor(data.length / 2)));
        process.kill(process.pid, mode);
        // Still writing when the signal arrives: a live timer keeps the process up, as the write would.
        await new Promise(() => setInterval(() => undefined, 1000));
      };
    }
    return handle;
  };
}
`,
);
fs.chmodSync(PRELOAD, 0o644);

function simulate(mode: string, target: string): SpawnSyncOptions {
  return { env: { ...process.env, CVM_SIMULATE: mode, CVM_SIMULATE_PATH: target, NODE_OPTIONS: `--require ${PRELOAD}` } };
}

describe("cvm-gap reports where it cannot write, and leaves no temporary file", () => {
  withPermissions("an output folder the user may not write to (chmod 555)", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const outFolder = caseDir();
    fs.chmodSync(outFolder, 0o555);
    const out = path.join(outFolder, "out.xlsx");
    const result = run(["analyze", plan, "--out", out], asOtherUser);
    fs.chmodSync(outFolder, 0o777);
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save .*no permission to write/, out);
    expect(fs.readdirSync(outFolder)).toEqual([]);
  });

  it("an output path under a regular file (ENOTDIR)", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const file = put(folder, "notes.txt", "not a folder");
    const out = path.join(file, "out.xlsx");
    const result = run(["analyze", plan, "--out", out]);
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save/, path.join(folder, "never-written.xlsx"));
    expect(fs.readFileSync(file, "utf8")).toBe("not a folder");
    expect(fs.readdirSync(folder).sort()).toEqual(["notes.txt", "plan.xlsx"]);
  });

  it("an output path that is a folder", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "report.xlsx");
    fs.mkdirSync(out);
    const result = run(["analyze", plan, "--out", out]);
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save .*it is a folder/, path.join(folder, "never-written.xlsx"));
    expect(fs.readdirSync(out)).toEqual([]);
    expect(temporaryFiles(folder)).toEqual([]);
  });

  it("an output folder that does not exist", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "missing", "out.xlsx");
    expectRefused(
      run(["analyze", plan, "--out", out]),
      plan,
      sha256(SAMPLE),
      /Cannot save .*does not exist/,
      path.join(folder, "never-written.xlsx"),
    );
  });

  it("an output file locked by another program (EBUSY on replace, simulated): the old file stays", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = put(folder, "out.xlsx", "the planner's earlier copy");
    const result = run(["analyze", plan, "--out", out], simulate("busy-output", out));
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save .*locked by another program/, path.join(folder, "never-written.xlsx"));
    expect(fs.readFileSync(out, "utf8")).toBe("the planner's earlier copy");
  });

  it("the plan itself locked when writing --in-place (simulated): the plan stays as it was", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const result = run(["analyze", plan, "--in-place"], simulate("busy-output", plan));
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save .*locked by another program/);
  });

  // Saving renames a temporary file over the target, and a rename needs only the folder's
  // permission, so the adapter checks that an existing target is writable first.
  (permissions.ok ? it : it.skip)("a read-only plan written --in-place is refused and left as it was", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    fs.chmodSync(plan, 0o444);
    const result = run(["analyze", plan, "--in-place"], asOtherUser);
    fs.chmodSync(plan, 0o666);
    expectRefused(result, plan, sha256(SAMPLE), /Cannot save .*(permission|read-only)|is read-only, so it was left as it was/);
  });
});

// ---------------------------------------------------------------------------------------------

async function expectCompleteReport(file: string): Promise<void> {
  const workbook = await readBack(file);
  const report = workbook.getWorksheet(REPORT_SHEET);
  expect(report?.getCell("A2").value).toBe(OWNER_MARKER);
  expect(workbook.getWorksheet("Initiatives")).toBeDefined();
}

describe("an interrupted run leaves no half-written workbook", () => {
  it("killed (SIGKILL) halfway through writing: the output does not exist and the plan is unchanged", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "out.xlsx");
    const result = run(["analyze", plan, "--out", out], simulate("SIGKILL", out));
    expect(result.code).toBeNull();
    expect(fs.existsSync(out)).toBe(false);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
    // What a kill cannot clean up is the hidden temporary file and the run's lock, never a file under the output's name.
    for (const name of fs.readdirSync(folder))
      expect(name === "plan.xlsx" || name === ".out.xlsx.cvm-gap.lock" || /^\.out\.xlsx\..*\.tmp$/.test(name)).toBe(true);
  });

  it("killed (SIGKILL) halfway through writing --in-place: the plan is byte for byte as it was", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const result = run(["analyze", plan, "--in-place"], simulate("SIGKILL", plan));
    expect(result.code).toBeNull();
    expect(sha256(plan)).toBe(sha256(SAMPLE));
  });

  it.each(["SIGTERM", "SIGINT"])("stopped by %s halfway through writing: no output file and the plan unchanged", (signal) => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "out.xlsx");
    const result = run(["analyze", plan, "--out", out], simulate(signal, out));
    expect(result.code).not.toBe(0);
    expect(fs.existsSync(out)).toBe(false);
    expect(sha256(plan)).toBe(sha256(SAMPLE));
  });

  it("stopped by SIGINT halfway through writing: no temporary file is left", () => {
    const folder = caseDir();
    const plan = copySample(folder);
    const out = path.join(folder, "out.xlsx");
    run(["analyze", plan, "--out", out], simulate("SIGINT", out));
    expect(temporaryFiles(folder)).toEqual([]);
  });

  it("killed at random moments of a real run on a large plan: the plan is either untouched or complete", async () => {
    const folder = caseDir();
    const original = path.join(folder, "large.xlsx");
    await writePlanXlsx(syntheticPlan(4000), original);
    const before = sha256(original);
    // One full run first: it must succeed, and it tells how long a run takes here.
    const full = path.join(folder, "full.xlsx");
    fs.copyFileSync(original, full);
    const start = Date.now();
    expect(run(["analyze", full, "--in-place"]).code).toBe(0);
    const fullMs = Date.now() - start;
    await expectCompleteReport(full);
    for (const [i, share] of [0.6, 0.8, 0.86, 0.9, 0.93, 0.96, 0.99].entries()) {
      const plan = path.join(folder, `trial-${i}.xlsx`);
      fs.copyFileSync(original, plan);
      const child = spawn(process.execPath, [BIN, "analyze", plan, "--in-place"], { stdio: "ignore" });
      const timer = setTimeout(() => child.kill("SIGKILL"), Math.round(fullMs * share));
      await new Promise((resolve) => child.on("exit", resolve));
      clearTimeout(timer);
      if (sha256(plan) !== before) await expectCompleteReport(plan);
    }
  }, 180_000);
});
