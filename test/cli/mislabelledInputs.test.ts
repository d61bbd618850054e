/**
 * Files whose name or encoding is not what the command line would expect, yet which a planner
 * reasonably hands it (issue 17): a macro-enabled workbook saved as .xlsx (or a plain one as
 * .xlsm), and a scenario JSON saved by Windows Notepad with a UTF-8 byte-order mark. Run against
 * the built command line.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { sha256, tempDir } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const MACRO_PLAN = path.join(ROOT, "test", "fixtures", "xlsx", "macro.xlsm");

const dir = tempDir("cvm-gap-mislabelled-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let caseNo = 0;
function caseDir(): string {
  const folder = path.join(dir, `case-${++caseNo}`);
  fs.mkdirSync(folder);
  return folder;
}

function copy(source: string, folder: string, name: string): string {
  const file = path.join(folder, name);
  fs.copyFileSync(source, file);
  return file;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The VBA project's bytes; the fixture's must be there, so a missing one fails the comparison. */
async function vbaProject(file: string): Promise<Buffer | undefined> {
  return (await JSZip.loadAsync(fs.readFileSync(file))).file("xl/vbaProject.bin")?.async("nodebuffer");
}

beforeAll(async () => expect(await vbaProject(MACRO_PLAN)).toBeDefined());

async function workbookContentType(file: string): Promise<string | undefined> {
  const types = (await (await JSZip.loadAsync(fs.readFileSync(file))).file("[Content_Types].xml")?.async("string")) ?? "";
  return /PartName="\/xl\/workbook\.xml"\s+ContentType="([^"]+)"/.exec(types)?.[1];
}

describe("a macro-enabled workbook saved as .xlsx", () => {
  it("is analysed, and its default copy is an .xlsm with the macros kept", async () => {
    const folder = caseDir();
    const plan = copy(MACRO_PLAN, folder, "plan.xlsx");
    const result = run("analyze", plan);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Alignment score:");
    const copyWritten = path.join(folder, "plan.cvm-gap.xlsm");
    expect(result.stdout).toContain(`to ${copyWritten}`);
    expect(await vbaProject(copyWritten)).toEqual(await vbaProject(MACRO_PLAN));
  });

  it("with --out x.xlsx: the summary first, then exit 1 naming x.xlsm, and nothing written", () => {
    const folder = caseDir();
    const plan = copy(MACRO_PLAN, folder, "plan.xlsx");
    const out = path.join(folder, "x.xlsx");
    const result = run("analyze", plan, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Alignment score:");
    expect(result.stdout).not.toContain("Wrote the");
    expect(result.stderr).toBe(
      `cvm-gap: ${plan} is a macro-enabled workbook (an .xlsm saved under another extension), and Excel opens it only under a name ending in .xlsm, ` +
        `so nothing was written to ${out}. Run again with --out ${path.join(folder, "x.xlsm")} (the macros are kept).\n`,
    );
    expect(fs.readdirSync(folder)).toEqual(["plan.xlsx"]);
    expect(sha256(plan)).toBe(sha256(MACRO_PLAN));
  });

  it("with the --out name the refusal gives, the copy is written with its macros", async () => {
    const folder = caseDir();
    const plan = copy(MACRO_PLAN, folder, "plan.xlsx");
    const out = path.join(folder, "x.xlsm");
    expect(run("analyze", plan, "--out", out).code).toBe(0);
    expect(await vbaProject(out)).toEqual(await vbaProject(MACRO_PLAN));
  });

  it("with --in-place keeps its name and its macros: it is the planner's file", async () => {
    const folder = caseDir();
    const plan = copy(MACRO_PLAN, folder, "plan.xlsx");
    const result = run("analyze", plan, "--in-place");
    expect(result.code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual(["plan.xlsx"]);
    expect(await vbaProject(plan)).toEqual(await vbaProject(MACRO_PLAN));
    expect(await workbookContentType(plan)).toMatch(/macroEnabled/);
  });
});

describe("the extension --out wants, when the plan's own name tells its kind", () => {
  it("a macro-enabled plan named .xlsm with --out x.xlsx is a usage mistake (exit 2), refused before the analysis", () => {
    const folder = caseDir();
    const plan = copy(MACRO_PLAN, folder, "plan.xlsm");
    const result = run("analyze", plan, "--out", path.join(folder, "x.xlsx"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^cvm-gap: --out must end in \.xlsm: the plan is a macro-enabled workbook/);
  });

  it("a workbook without macros named .xlsm with --out y.xlsm: the summary, then exit 1 naming y.xlsx", () => {
    const folder = caseDir();
    const plan = copy(SAMPLE, folder, "plan.xlsm");
    const result = run("analyze", plan, "--out", path.join(folder, "y.xlsm"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Alignment score:");
    expect(result.stderr).toContain(
      `is a workbook without macros (an .xlsx saved under another extension), and Excel opens it only under a name ending in .xlsx`,
    );
    expect(result.stderr).toContain(`Run again with --out ${path.join(folder, "y.xlsx")}.`);
    expect(fs.readdirSync(folder)).toEqual(["plan.xlsm"]);
  });
});

describe("a scenario file saved by Windows Notepad", () => {
  it("is read through its UTF-8 byte-order mark", () => {
    const folder = caseDir();
    const plan = copy(SAMPLE, folder, "plan.xlsx");
    const scenario = path.join(folder, "what-if.json");
    fs.writeFileSync(scenario, `\uFEFF${JSON.stringify({ version: 1, initiatives: [{ id: "I16", active: false }] }, null, 2)}`, "utf8");
    expect(fs.readFileSync(scenario).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const result = run("analyze", plan, "--no-write", "--scenario", scenario);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("What-if: the figures above are the plan with the scenario");
  });
});
