/**
 * The command line on workbooks made by other tools (test/fixtures/xlsx: xlsxwriter, openpyxl,
 * LibreOffice, a macro workbook, the 1904 date system, inline strings), written with --out and
 * with --in-place, then run again on its own output: everything that is not the add-in's is kept.
 * The packages are read back with JSZip and the XML compared as text, independently of the code
 * under test; LibreOffice opens every output and reads the report.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { main, type Output } from "../../src/cli/main";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { sha256, tempDir } from "../../testkit/xlsx";
import { sheetsAsCsv } from "../../testkit/libreOffice";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");
const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
const WRITABLE = [
  "xlsxwriter.xlsx",
  "xlsxwriter-inline.xlsx",
  "xlsxwriter-1904.xlsx",
  "openpyxl.xlsx",
  "openpyxl-values.xlsx",
  "libreoffice.xlsx",
  "libreoffice-tables.xlsx",
  "macro.xlsm",
];
/** The parts the add-in may change; every other part must come out byte for byte. */
const SHARED =
  /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/sharedStrings\.xml|xl\/calcChain\.xml|docProps\/.*)$/;

const dir = tempDir("cvm-gap-lossless-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const quiet: Output = { out: () => undefined, err: () => undefined };

async function run(...args: string[]): Promise<number> {
  return main(["analyze", ...args], quiet);
}

type Parts = Map<string, Buffer>;

async function parts(file: string): Promise<Parts> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out: Parts = new Map();
  for (const entry of Object.values(zip.files)) if (!entry.dir) out.set(entry.name, await entry.async("nodebuffer"));
  return out;
}

const text = (p: Parts, name: string) => p.get(name)?.toString("utf8") ?? "";

/** `<sheet name=…>` of the workbook part, in order. */
const sheetNames = (workbookXml: string) => [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
const definedNames = (workbookXml: string) =>
  [...workbookXml.matchAll(/<(?:\w+:)?definedName\b[\s\S]*?<\/(?:\w+:)?definedName>/g)].map((m) => m[0]);
const protection = (workbookXml: string) => /<(?:\w+:)?workbookProtection\b[^>]*\/?>/.exec(workbookXml)?.[0];

/** The items of a styles collection (fonts, cellXfs…) as written. */
function styleItems(stylesXml: string, collection: string, item: string): string[] {
  const body = new RegExp(`<(?:\\w+:)?${collection}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${collection}>`).exec(stylesXml)?.[1] ?? "";
  return [...body.matchAll(new RegExp(`<(?:\\w+:)?${item}\\b(?:[^>]*/>|[\\s\\S]*?</(?:\\w+:)?${item}>)`, "g"))].map((m) => m[0]);
}

/** Every internal relationship target of every relationships part. */
function danglingTargets(p: Parts): string[] {
  const missing: string[] = [];
  const names = new Set([...p.keys()].map((n) => n.toLowerCase()));
  for (const [name, bytes] of p) {
    if (!name.endsWith(".rels")) continue;
    const base = name.replace(/_rels\/[^/]*\.rels$/, "");
    for (const m of bytes.toString("utf8").matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const attrs = m[1];
      if (/TargetMode="External"/.test(attrs)) continue;
      const target = /Target="([^"]*)"/.exec(attrs)?.[1] ?? "";
      const resolved = path.posix.normalize(target.startsWith("/") ? target.slice(1) : base + target);
      if (!names.has(decodeURIComponent(resolved).toLowerCase())) missing.push(`${name} → ${target}`);
    }
  }
  return missing;
}

/** The add-in's sheets (the report, the history), their parts and every part reached from them: replaced on a rerun. */
function reportParts(p: Parts): Set<string> {
  const owned = new Set<string>();
  for (const name of ["CVM Gap Analysis", "CVM History"]) for (const part of sheetParts(p, name)) owned.add(part);
  return owned;
}

/** One sheet's part and every part reached from it. */
function sheetParts(p: Parts, name: string): Set<string> {
  const owned = new Set<string>();
  const workbook = text(p, "xl/workbook.xml");
  const relId = new RegExp(`<(?:\\w+:)?sheet\\b[^>]*name="${name}"[^>]*\\bid="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(
    `<Relationship\\b[^>]*Id="${relId}"[^>]*Target="([^"]+)"|<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${relId}"`,
  ).exec(text(p, "xl/_rels/workbook.xml.rels"));
  const visit = (part: string) => {
    owned.add(part);
    const rels = part.replace(/([^/]*)$/, "_rels/$1.rels");
    if (!p.has(rels)) return;
    owned.add(rels);
    for (const m of text(p, rels).matchAll(/Target="([^"]+)"/g)) visit(path.posix.normalize(path.posix.dirname(part) + "/" + m[1]));
  };
  if (relId && target) visit(path.posix.normalize(`xl/${target[1] ?? target[2]}`.replace(/^xl\/\/?xl\//, "xl/")));
  return owned;
}

function expectKept(before: Parts, after: Parts, label: string): void {
  const own = reportParts(before);
  const changed = [...before.keys()].filter(
    (name) => !SHARED.test(name) && !own.has(name) && !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)),
  );
  expect([label, changed]).toEqual([label, []]);
  const wbBefore = text(before, "xl/workbook.xml");
  const wbAfter = text(after, "xl/workbook.xml");
  expect(definedNames(wbAfter)).toEqual(definedNames(wbBefore));
  expect(protection(wbAfter)).toEqual(protection(wbBefore));
  // The plan's sheets keep their order; the report is added after them, or kept in its place.
  const namesBefore = sheetNames(wbBefore);
  expect(sheetNames(wbAfter).slice(0, namesBefore.length)).toEqual(namesBefore);
  // Styles and shared strings only grow: every existing item keeps its index and its text.
  for (const [collection, item] of [
    ["numFmts", "numFmt"],
    ["fonts", "font"],
    ["fills", "fill"],
    ["borders", "border"],
    ["cellXfs", "xf"],
    ["dxfs", "dxf"],
  ]) {
    const old = styleItems(text(before, "xl/styles.xml"), collection, item);
    expect([label, collection, styleItems(text(after, "xl/styles.xml"), collection, item).slice(0, old.length)]).toEqual([
      label,
      collection,
      old,
    ]);
  }
  if (before.has("xl/sharedStrings.xml")) expect(text(after, "xl/sharedStrings.xml")).toBe(text(before, "xl/sharedStrings.xml"));
  expect([label, danglingTargets(after)]).toEqual([label, []]);
}

const outputs: string[] = [];
let reference: string;

beforeAll(async () => {
  const sample = analyzeSheets(await (await openXlsx(SAMPLE)).readSheets());
  reference = JSON.stringify({
    score: sample.score,
    bets: sample.bets,
    kpis: sample.kpis,
    findings: sample.findings,
    handshakes: sample.handshakes,
  });
});

describe.each(WRITABLE)("%s", (fixture) => {
  const input = path.join(FIXTURES, fixture);
  const ext = path.extname(fixture);

  it("is read to the sample plan's analysis", async () => {
    const result = analyzeSheets(await (await openXlsx(input)).readSheets());
    const read = JSON.stringify({
      score: result.score,
      bets: result.bets,
      kpis: result.kpis,
      findings: result.findings,
      handshakes: result.handshakes,
    });
    // The first finding that differs says more than two long strings.
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(read === reference).toBe(true);
  });

  it("keeps every part of the user's with --out, and again on a rerun of its output", async () => {
    const before = await parts(input);
    const hash = sha256(input);
    const out = path.join(dir, `out-${fixture}`);
    expect(await run(input, "--out", out)).toBe(0);
    expect(sha256(input)).toBe(hash);
    const first = await parts(out);
    expectKept(before, first, `${fixture} --out`);
    expect(sheetNames(text(first, "xl/workbook.xml")).slice(-2)).toEqual(["CVM Gap Analysis", "CVM History"]);

    const again = path.join(dir, `again-${fixture}`);
    expect(await run(out, "--out", again)).toBe(0);
    const second = await parts(again);
    expect(sheetParts(first, "CVM Gap Analysis").size).toBeGreaterThanOrEqual(8); // sheet, rels, 4 tables, drawing, chart…
    expect(sheetParts(first, "CVM History").size).toBeGreaterThanOrEqual(6); // sheet, rels, 2 tables, drawing, chart…
    expectKept(first, second, `${fixture} rerun`);
    // A rerun replaces the report: same sheets, no new style, one report's worth of parts.
    expect(sheetNames(text(second, "xl/workbook.xml"))).toEqual(sheetNames(text(first, "xl/workbook.xml")));
    expect(text(second, "xl/styles.xml")).toBe(text(first, "xl/styles.xml"));
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    outputs.push(out, again);
  });

  it("keeps every part of the user's with --in-place, and the content type of the workbook part", async () => {
    const copy = path.join(dir, `inplace-${fixture}`);
    fs.copyFileSync(input, copy);
    const before = await parts(copy);
    expect(await run(copy, "--in-place")).toBe(0);
    const after = await parts(copy);
    expectKept(before, after, `${fixture} --in-place`);
    const contentType = (p: Parts) => /PartName="\/xl\/workbook\.xml"\s+ContentType="([^"]+)"/.exec(text(p, "[Content_Types].xml"))?.[1];
    expect(contentType(after)).toBe(contentType(before));
    if (ext === ".xlsm") {
      expect(contentType(after)).toMatch(/macroEnabled/);
      expect(after.get("xl/vbaProject.bin")?.equals(before.get("xl/vbaProject.bin") as Buffer)).toBe(true);
    }
    outputs.push(copy);
  });
});

describe("workbooks the command line must not change", () => {
  it("refuses a workbook whose structure is locked, writing nothing", async () => {
    const copy = path.join(dir, "locked.xlsx");
    fs.copyFileSync(path.join(FIXTURES, "structure-locked.xlsx"), copy);
    const hash = sha256(copy);
    const errors: string[] = [];
    expect(await main(["analyze", copy, "--in-place"], { out: () => undefined, err: (t) => errors.push(t) })).toBe(1);
    expect(errors.join("\n")).toMatch(/structure protected, so no sheet can be added/);
    expect(sha256(copy)).toBe(hash);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".locked"))).toEqual([]);
  });

  it("gives a copy of an .xlsm the .xlsm extension and refuses an --out that would hide its macros", async () => {
    const copy = path.join(dir, "plan.xlsm");
    fs.copyFileSync(path.join(FIXTURES, "macro.xlsm"), copy);
    expect(await run(copy)).toBe(0);
    expect(fs.existsSync(path.join(dir, "plan.cvm-gap.xlsm"))).toBe(true);
    expect(await run(copy, "--out", path.join(dir, "plan-out.xlsx"))).toBe(2);
    expect(fs.existsSync(path.join(dir, "plan-out.xlsx"))).toBe(false);
  });
});

describe("LibreOffice", () => {
  it("opens every output and reads the report", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(WRITABLE.length * 3);
    const sheetLines = sheetsAsCsv(outputs, dir);
    for (const file of outputs) {
      const lines = sheetLines(file, "CVM Gap Analysis") ?? [];
      expect([file, lines.length > 0]).toEqual([file, true]);
      expect(lines[1]).toContain(OWNER_MARKER);
      expect(lines[2]).toMatch(/^Alignment score,91\.66/);
      expect(lines.some((l) => l.startsWith("B3,Best-rated service in the market,"))).toBe(true);
      // The history: one run per write, two in the output of a rerun; its score as the report's.
      const history = sheetLines(file, "CVM History") ?? [];
      expect(history[1]).toContain(OWNER_MARKER);
      expect(history[20]).toMatch(/^Run at,Score,On track,/);
      const runs = history.slice(21).filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(l));
      expect([file, runs.length]).toEqual([file, path.basename(file).startsWith("again-") ? 2 : 1]);
      expect(runs.every((l) => /^[^,]*,91\.66/.test(l))).toBe(true);
    }
  }, 300_000);
});
