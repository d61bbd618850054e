/**
 * `cvm-gap map` and `--map` on the planner workbooks (test/fixtures/xlsx/planner-*.xlsx, made by
 * scripts/fixtures from testkit/plannerWorkbooks.ts), through the command line's main(): the
 * sources printed, the mapping JSON taken back, a mapping kept in the workbook and used by the
 * next analysis, the refusals that name what is wrong, and text numbers read with --locale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main, type Output } from "../../src/cli/main";
import { partsOf } from "../../testkit/packageParts";
import { PLANNER_PLAN_MAPPING } from "../../testkit/plannerWorkbooks";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { everySheet, tempDir, writeSheetData } from "../../testkit/xlsx";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");
const fixture = (name: string) => path.join(FIXTURES, `planner-${name}.xlsx`);
const dir = tempDir("cvm-gap-map-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await main(args, io);
  return { code, out, err };
}

interface SheetJson {
  readonly label: string;
  readonly sheetName?: string;
  readonly columns?: Record<string, string>;
  readonly how?: string;
}
interface AnalysisJson {
  readonly sheets: SheetJson[];
  readonly kpis: { kpiId: string; target?: number }[];
  readonly findings: { rule: string; sheet: string; cell: string }[];
  readonly [key: string]: unknown;
}

async function analysisOf(...args: string[]): Promise<AnalysisJson> {
  const { code, out, err } = await run("analyze", ...args, "--no-write", "--json");
  expect({ code, err: code === 0 ? "" : err }).toEqual({ code: 0, err: "" });
  return JSON.parse(out) as AnalysisJson;
}

/** The analysis without what says how each source was found: the figures and findings alone. */
function figures(analysis: AnalysisJson): unknown {
  const rest: Record<string, unknown> = { ...analysis };
  delete rest.input;
  return { ...rest, sheets: analysis.sheets.map((sheet) => ({ ...sheet, how: undefined })) };
}

function writeJson(name: string, json: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe("cvm-gap map on the planner workbooks", () => {
  it("prints each part's sheet, header row and columns with how each was found, the candidates turned down and the sheets of no part", async () => {
    const { code, out } = await run("map", fixture("northwind"));
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe(`Plan sources of ${fixture("northwind")}, without a mapping:`);
    expect(lines).toContain('  Bets: "Strategic agenda 2027" (header row 4), recognised');
    expect(lines).toContain('    Bet ID              ← "Ref" (recognised)');
    expect(lines).toContain('    Business Objective  ← "Objective" (by name)');
    expect(lines).toContain('  KPIs: "Scorecard" (header row 2), recognised');
    expect(lines).toContain('    Target     ← "Goal 2027" (recognised)');
    expect(lines).toContain('  Initiatives: table "tblProgrammes" on "Programmes", recognised');
    expect(lines).toContain('    Budget          ← "Spend k€" (recognised)');
    expect(lines).toContain('    turned down: "Scorecard" (header row 2): taken for the KPIs');
    expect(lines).toContain("  Personas: not found");
    expect(lines).toContain('    "GL extract": looks like a ledger (Debit and Credit columns), not a list of the plan\'s items');
  });

  it("prints with --json the mapping of every part found, in the format --map takes back", async () => {
    const { code, out } = await run("map", fixture("northwind"), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(PLANNER_PLAN_MAPPING);
  });

  it("stops on two scorecards with exit 1, naming both and how to choose, after printing them as candidates", async () => {
    const { code, out, err } = await run("map", fixture("two-scorecards"));
    expect(code).toBe(1);
    expect(out).toContain('  KPIs: unclear: The plan\'s KPIs could be "Scorecard" (header row 2) or "Scorecard (old)" (header row 2)');
    expect(out).toContain('    turned down: "Scorecard (old)" (header row 2): fits about as well as "Scorecard" (header row 2)');
    expect(err).toContain('"Scorecard" (header row 2) or "Scorecard (old)" (header row 2)');
    expect(err).toContain("--map FILE.json");
    expect(err).toContain("Plan sources view");
    const json = await run("map", fixture("two-scorecards"), "--json");
    expect({ code: json.code, out: json.out }).toEqual({ code: 1, out: "" });
  });

  it("stops on a scorecard without a target with exit 1, naming the sheet, the column and how to map it", async () => {
    const { code, out, err } = await run("map", fixture("no-target"));
    expect(code).toBe(1);
    expect(out).toContain("    missing: Target");
    expect(err).toContain('The sheet "Scorecard" looks like the plan\'s KPIs but has no Target column');
    expect(err).toContain('"columns": { "Target": "…" }');
  });

  it("prints the german-numbers workbook's sources as the northwind one's: only the cells differ", async () => {
    const { code, out } = await run("map", fixture("german-numbers"));
    expect(code).toBe(0);
    expect(out).toContain('  Initiatives: table "tblProgrammes" on "Programmes", recognised');
  });
});

describe("the mapping JSON, round trip", () => {
  it("gives with analyze --map the figures recognition gives: map --json > f; analyze --map f", async () => {
    const mapped = await run("map", fixture("northwind"), "--json");
    const file = writeJson("northwind.json", JSON.parse(mapped.out));
    const recognized = await analysisOf(fixture("northwind"));
    const withMap = await analysisOf(fixture("northwind"), "--map", file);
    expect(figures(withMap)).toEqual(figures(recognized));
    expect(withMap.sheets.find((s) => s.label === "KPIs")).toMatchObject({ sheetName: "Scorecard", how: "mapped by the user" });
    expect(recognized.sheets.find((s) => s.label === "KPIs")?.how).toBe("recognised");
  });

  it("chooses between two scorecards with a mapping that names one", async () => {
    const file = writeJson("choose.json", { version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } });
    const analysis = await analysisOf(fixture("two-scorecards"), "--map", file);
    expect(analysis.sheets.find((s) => s.label === "KPIs")).toMatchObject({ sheetName: "Scorecard (old)", how: "mapped by the user" });
    expect(analysis.kpis.map((k) => k.kpiId)).toEqual(["M01", "M02", "M03", "M04", "M05"]);
  });

  it("names the KPI Series' sheet with a mapping, prints it as mapped and reads its trends with analyze --map", async () => {
    const series = path.join(__dirname, "..", "fixtures", "series", "series-wide.xlsx");
    const file = writeJson("series.json", { version: 1, parts: { "KPI Series": { sheet: "KPI Series" } } });
    const { code, out } = await run("map", series, "--map", file);
    expect(code).toBe(0);
    expect(out).toContain('  KPI Series: "KPI Series", mapped by the user');
    expect(out).not.toContain("Sheets taken for no part");
    const mapped = JSON.parse((await run("map", series, "--map", file, "--json")).out) as { parts: Record<string, unknown> };
    expect(mapped.parts["KPI Series"]).toEqual({ sheet: "KPI Series" });
    const analysis = (await analysisOf(series, "--map", file)) as unknown as { kpis: { kpiId: string; trend: unknown }[] };
    expect(analysis.kpis.filter((k) => k.trend !== null).length).toBeGreaterThan(0);
  });

  it("names the KPI Series found by name, a month grid named otherwise that may hold it, and none, never as a sheet of no part", async () => {
    const series = path.join(__dirname, "..", "fixtures", "series", "series-wide.xlsx");
    const named = (await run("map", series)).out;
    expect(named).toContain('  KPI Series: "KPI Series", by name\n');
    expect(named).not.toContain("Sheets taken for no part");
    // The same workbook with its series sheet renamed, and then beside a second grid of months.
    const sheets = await everySheet(await openXlsx(series));
    const grid = sheets.find((sheet) => sheet.name === "KPI Series");
    if (!grid) throw new Error("the fixture has no KPI Series sheet");
    const others = sheets.filter((sheet) => sheet !== grid);
    const one = await writeSheetData(path.join(dir, "tracker.xlsx"), [...others, { ...grid, name: "Monthly tracker" }]);
    const oneOut = (await run("map", one)).out;
    expect(oneOut).toContain(
      `  KPI Series: "Monthly tracker" may hold it, from its first rows: read when its KPI IDs are mostly the KPIs'\n`,
    );
    expect(oneOut).not.toContain('    "Monthly tracker":');
    const two = await writeSheetData(path.join(dir, "trackers.xlsx"), [
      ...others,
      { ...grid, name: "Monthly tracker" },
      { ...grid, name: "Tracker (old)" },
    ]);
    expect((await run("map", two)).out).toContain('  KPI Series: "Monthly tracker" or "Tracker (old)" may hold it, from their first rows');
    expect((await run("map", fixture("northwind"))).out).toContain("  KPI Series: not found (optional)\n");
  });

  it("maps the missing target to a header and reads it: analyze --map with columns", async () => {
    const file = writeJson("target.json", { version: 1, parts: { KPIs: { sheet: "Scorecard", columns: { Target: "Current" } } } });
    const analysis = await analysisOf(fixture("no-target"), "--map", file);
    const kpis = analysis.sheets.find((s) => s.label === "KPIs");
    expect(kpis?.columns?.Target).toBe("Current");
    expect(kpis?.how).toBe("mapped by the user");
  });
});

describe("a mapping kept in the workbook", () => {
  it("is written by map --out alone: the copy differs from the plan only in the owned part and its references", async () => {
    const copy = path.join(dir, "kept.xlsx");
    const { code, out } = await run("map", fixture("northwind"), "--out", copy);
    expect(code).toBe(0);
    expect(out).toContain(`Kept the mapping of the plan's sources in ${copy}.`);
    const before = await partsOf(fs.readFileSync(fixture("northwind")));
    const after = await partsOf(fs.readFileSync(copy));
    const changed = [...after.keys()].filter((name) => !before.get(name)?.equals(after.get(name) as Buffer)).sort();
    expect(changed).toEqual([
      "[Content_Types].xml",
      "customXml/_rels/item1.xml.rels",
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "xl/_rels/workbook.xml.rels",
    ]);
    expect([...before.keys()].filter((name) => !after.has(name))).toEqual([]);
  });

  it("is used by analyze without --map, and printed by map as the kept one", async () => {
    const copy = path.join(dir, "kept-used.xlsx");
    const file = writeJson("kept-old.json", { version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } });
    expect((await run("map", fixture("two-scorecards"), "--map", file, "--out", copy)).code).toBe(0);
    // The plan itself still stops: the mapping is kept in the copy only.
    expect((await run("analyze", fixture("two-scorecards"), "--no-write")).code).toBe(1);
    const analysis = await analysisOf(copy);
    expect(analysis.sheets.find((s) => s.label === "KPIs")).toMatchObject({ sheetName: "Scorecard (old)", how: "mapped by the user" });
    const shown = await run("map", copy);
    expect(shown.out.split("\n")[0]).toBe(`Plan sources of ${copy}, with the mapping kept in the workbook:`);
    // --map overrides the kept mapping for the run.
    const other = writeJson("kept-new.json", { version: 1, parts: { KPIs: { sheet: "Scorecard" } } });
    expect((await analysisOf(copy, "--map", other)).sheets.find((s) => s.label === "KPIs")?.sheetName).toBe("Scorecard");
  });

  it("is replaced in place by map --in-place, the plan's other parts untouched", async () => {
    const plan = path.join(dir, "in-place.xlsx");
    fs.copyFileSync(fixture("northwind"), plan);
    expect((await run("map", plan, "--in-place")).code).toBe(0);
    const first = await partsOf(fs.readFileSync(plan));
    const file = writeJson("in-place.json", { version: 1, parts: { KPIs: { sheet: "Scorecard" } } });
    expect((await run("map", plan, "--map", file, "--in-place")).code).toBe(0);
    const second = await partsOf(fs.readFileSync(plan));
    const changed = [...second.keys()].filter((name) => !first.get(name)?.equals(second.get(name) as Buffer));
    expect(changed).toEqual(["customXml/item1.xml"]);
    expect((await run("map", plan, "--json")).out).toContain('"Scorecard"');
  });
});

describe("a mapping naming what the workbook does not have", () => {
  it("stops with exit 1 naming the sheet, and lists the workbook's sheets", async () => {
    const file = writeJson("no-sheet.json", { version: 1, parts: { KPIs: { sheet: "Scorecard 2026" } } });
    for (const command of ["analyze", "map"]) {
      const { code, err } = await run(command, fixture("northwind"), "--map", file, ...(command === "analyze" ? ["--no-write"] : []));
      expect(code).toBe(1);
      expect(err).toBe(
        'cvm-gap: The mapping takes the KPIs from the sheet "Scorecard 2026", and the workbook has no such sheet (its sheets: "Read me", "Strategic agenda 2027", "Scorecard", "Programmes", "Budget 2027 by month", "GL extract").\n',
      );
    }
  });

  it("stops with exit 1 naming the header", async () => {
    const file = writeJson("no-header.json", { version: 1, parts: { KPIs: { sheet: "Scorecard", columns: { Target: "Goal 2028" } } } });
    const { code, err } = await run("analyze", fixture("northwind"), "--map", file, "--no-write");
    expect(code).toBe(1);
    expect(err).toContain('"Goal 2028" (for Target)');
    expect(err).toContain('"Scorecard"');
  });

  it("stops with exit 1 naming the table", async () => {
    const file = writeJson("no-table.json", { version: 1, parts: { Initiatives: { table: "tblInitiatives" } } });
    const { code, err } = await run("analyze", fixture("northwind"), "--map", file, "--no-write");
    expect(code).toBe(1);
    expect(err).toContain('the table "tblInitiatives"');
    expect(err).toContain('"tblProgrammes"');
  });

  it("stops with exit 1 naming the file when it is no mapping, before the plan is read", async () => {
    const file = writeJson("not-a-mapping.json", { version: 2 });
    const { code, err } = await run("analyze", path.join(dir, "no-such-plan.xlsx"), "--map", file, "--no-write");
    expect(code).toBe(1);
    expect(err).toContain(file);
    expect(err).toContain('"version"');
  });
});

describe("--locale", () => {
  const budgets = async (...args: string[]) => {
    const { code, out, err } = await run("analyze", fixture("german-numbers"), "--no-write", "--json", ...args);
    expect({ code, err: code === 0 ? "" : err }).toEqual({ code: 0, err: "" });
    return JSON.parse(out) as { findings: { rule: string; cell: string; sheet: string }[]; totalBudget: number };
  };

  it("de-DE reads the text 1.250,50 € as 1250.5 and 1.250 as 1250, with no finding on either", async () => {
    const analysis = await budgets("--locale", "de-DE");
    // 1250.5 + 1250 + 500 + 200 + 300, as typed in Programmes!F2:F6.
    expect(analysis.totalBudget).toBeCloseTo(3500.5, 9);
    expect(analysis.findings.filter((f) => f.sheet === "Programmes" && (f.cell === "F2" || f.cell === "F3"))).toEqual([]);
  });

  it("en-US, the default, reads 1.250 as 1.25 and flags its cell as possibly typed in another convention", async () => {
    const analysis = await budgets();
    expect(analysis.findings).toContainEqual(expect.objectContaining({ rule: "NUMBER_CONVENTION", sheet: "Programmes", cell: "F3" }));
    expect((await budgets("--locale", "en-US")).findings).toEqual(analysis.findings);
  });

  it("refuses a locale that is none, as a misused command (exit 2)", async () => {
    const { code, err } = await run("analyze", fixture("german-numbers"), "--no-write", "--locale", "Deutsch!");
    expect(code).toBe(2);
    expect(err).toContain('--locale wants a locale such as de-DE, fr-FR or en-US, not "Deutsch!".');
  });
});
