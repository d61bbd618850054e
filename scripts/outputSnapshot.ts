/**
 * `npx tsx scripts/outputSnapshot.ts record DIR` then, after a change, `… check DIR`: proves that a
 * change of the code's shape changed no output (issue 18). It runs the built command line
 * (`npm run build:cli` first) on the sample plan and every fixture workbook, with the clock fixed
 * so that run times do not differ, and keeps, case by case, the exit code, stdout, stderr and
 * every part of each workbook written: a first review into a copy, a second review of that copy,
 * a what-if, `--json`, `compare`. `check` compares them part by part and names every difference.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import JSZip from "jszip";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const FIXED_CLOCK = path.join(__dirname, "fixedClock.cjs");

const WORKBOOKS = [
  path.join(ROOT, "examples", "cvm-sample-plan.xlsx"),
  ...fs
    .readdirSync(path.join(ROOT, "test", "fixtures", "xlsx"))
    .filter((name) => /\.xls[xm]$/.test(name))
    .map((name) => path.join(ROOT, "test", "fixtures", "xlsx", name)),
];

const SCENARIO = {
  version: 1,
  initiatives: [
    { id: "I16", active: false },
    { id: "I01", budget: "€1,500,000" },
  ],
  bets: [{ id: "B3", weight: "10%" }],
  impacts: [{ initiative: "I02", kpi: "K2", confidence: 1 }],
};

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Workbooks the run writes, kept part by part. */
  readonly outputs: readonly string[];
}

function casesFor(workbook: string): Case[] {
  const base = path.basename(workbook).replace(/\.xls[xm]$/, "");
  const extension = path.extname(workbook);
  const first = `${base}.first${extension}`;
  const second = `${base}.second${extension}`;
  const whatIf = `${base}.whatif${extension}`;
  return [
    { name: `${base}-first`, args: ["analyze", `in/${path.basename(workbook)}`, "--out", first, "--json"], outputs: [first] },
    { name: `${base}-second`, args: ["analyze", first, "--out", second], outputs: [second] },
    {
      name: `${base}-whatif`,
      args: ["analyze", `in/${path.basename(workbook)}`, "--out", whatIf, "--scenario", "scenario.json", "--json"],
      outputs: [whatIf],
    },
    { name: `${base}-compare`, args: ["compare", `in/${path.basename(workbook)}`, second, "--json"], outputs: [] },
  ];
}

async function partsOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) parts.set(entry.name, await entry.async("nodebuffer"));
  return parts;
}

/** Every file of one snapshot, by its path inside the snapshot. */
async function run(): Promise<Map<string, Buffer>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-snapshot-"));
  const files = new Map<string, Buffer>();
  try {
    fs.mkdirSync(path.join(work, "in"));
    fs.writeFileSync(path.join(work, "scenario.json"), JSON.stringify(SCENARIO));
    for (const workbook of WORKBOOKS) {
      fs.copyFileSync(workbook, path.join(work, "in", path.basename(workbook)));
      for (const c of casesFor(workbook)) {
        const result = spawnSync(process.execPath, [BIN, ...c.args], {
          cwd: work,
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
          env: { ...process.env, NODE_OPTIONS: `--require ${FIXED_CLOCK}` },
        });
        files.set(`${c.name}/exit`, Buffer.from(String(result.status)));
        files.set(`${c.name}/stdout`, Buffer.from(result.stdout));
        files.set(`${c.name}/stderr`, Buffer.from(result.stderr));
        for (const output of c.outputs) {
          const file = path.join(work, output);
          if (!fs.existsSync(file)) continue;
          for (const [part, bytes] of await partsOf(file)) files.set(`${c.name}/${output}/${part}`, bytes);
        }
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return files;
}

function readSnapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join("/"), fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

async function main(): Promise<number> {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== "record" && mode !== "check") || !dir) {
    process.stderr.write("usage: tsx scripts/outputSnapshot.ts record|check DIR\n");
    return 2;
  }
  const now = await run();
  if (mode === "record") {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [name, bytes] of now) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    process.stdout.write(`Recorded ${now.size} files of ${WORKBOOKS.length} workbooks in ${dir}\n`);
    return 0;
  }
  const before = readSnapshot(dir);
  const differences: string[] = [];
  for (const [name, bytes] of before) {
    const after = now.get(name);
    if (!after) differences.push(`missing now: ${name}`);
    else if (!after.equals(bytes)) differences.push(`differs: ${name}`);
  }
  for (const name of now.keys()) if (!before.has(name)) differences.push(`new: ${name}`);
  for (const line of differences) process.stdout.write(`${line}\n`);
  process.stdout.write(`${before.size} files compared, ${differences.length} differences\n`);
  return differences.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
