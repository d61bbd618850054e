/**
 * Runs the built command line (bin/cvm-gap.js → build/node) as a planner would, on the committed
 * sample and on small workbooks made here, and reads the written sheet back.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { DELIBERATE_GAPS } from "../../src/sample/samplePlan";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { readBack, sha256, tempDir, writeXlsx } from "../../testkit/xlsx";
import { BET_HEADER, KPI_HEADER } from "../../testkit/sheets";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copySample(name: string): string {
  const file = path.join(dir, name);
  fs.copyFileSync(SAMPLE, file);
  return file;
}

/** The worksheet part of the sheet of that name, found through the workbook part and its relationships. */
async function sheetXml(zip: JSZip, name: string): Promise<string> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const id = new RegExp(`<sheet\\b[^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const target =
    new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  const part = target?.startsWith("/") ? target.slice(1) : `xl/${target}`;
  return (await zip.file(part)?.async("string")) ?? "";
}

interface JsonResult {
  output?: string;
  score: number;
  findings: { rule: string; itemId: string; message: string; severity: string; sheet: string; cell: string }[];
  kpis: {
    kpiId: string;
    status: string;
    planned?: number;
    residual?: number;
    coverage?: number;
    closure?: string;
    projected?: number;
    projectedStatus?: string;
    initiativeIds?: string[];
  }[];
}

describe("cvm-gap analyze on the sample plan", () => {
  const plan = copySample("sample.xlsx");
  const before = sha256(plan);
  const result = run("analyze", plan);
  const output = path.join(dir, "sample.cvm-gap.xlsx");

  it("prints the summary and exits 0", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Alignment score: 91.7% over 5 strategic bets");
    expect(result.stdout).toContain("Findings: 0 errors, 21 warnings, 2 info");
    expect(result.stdout).toMatch(/Worst KPI gaps:\n {2}K2 Converged net adds per month: Off track, gap 3,000 households, progress 40\.0%/);
    expect(result.stdout).toContain(
      "Gap-to-target bridge: 5 closed, 4 partly closed, 2 not addressed, 4 on track, 1 no data; still short:",
    );
    expect(result.stdout).toContain(
      "  K2 Converged net adds per month: partly closed, 53% of the gap planned, 1,400 households still to find",
    );
    expect(result.stdout).toContain("  K9 Net Promoter Score: not addressed, no impact planned towards the target, 4 pts still to find");
    expect(result.stdout).toContain('Initiatives: 18 rows from "Initiatives" (header A3:M3)');
    expect(result.stdout).toContain(`Wrote the "CVM Gap Analysis" and "CVM History" sheets (review 1 in the history) to ${output}`);
    expect(result.stdout).toContain("First review in this workbook: there is no earlier report to compare with.");
  });

  it("leaves the plan byte for byte as it was and writes a copy beside it", () => {
    expect(sha256(plan)).toBe(before);
    expect(fs.existsSync(output)).toBe(true);
  });

  it("writes the gap analysis sheet with its header, tables and values", async () => {
    const workbook = await readBack(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Bets",
      "Personas",
      "KPIs",
      "Initiatives",
      "Impacts",
      "Moments of Truth",
      "Collaboration",
      "Budget FY2026",
      "CVM Gap Analysis",
      "CVM History",
    ]);
    const sheet = workbook.getWorksheet("CVM Gap Analysis");
    if (!sheet) throw new Error("missing report");
    expect(sheet.getCell("A1").value).toBe("CVM Gap Analysis");
    expect(sheet.getCell("A2").value).toBe(OWNER_MARKER);
    expect(sheet.getCell("B3").value).toBeCloseTo(0.9167, 4);
    expect(sheet.getCell("B3").numFmt).toBe("0.0%");
    expect(sheet.getCell("B5").value).toBe("0 errors, 21 warnings, 2 info");
    const tables = (sheet.getTables() as unknown as { table: { name: string; tableRef?: string } }[]).map((t) => t.table.name);
    expect(tables).toEqual(["CVM_Alignment", "CVM_KPIGaps", "CVM_GapBridge", "CVM_Findings", "CVM_Handshakes", "CVM_Changes"]);
    expect(sheet.getCell("A9").value).toBe("Since last review");
    // Alignment by bet, under the "Since last review" line: header on row 12, B1 on row 13.
    expect(sheet.getRow(12).getCell(1).value).toBe("Bet ID");
    expect(sheet.getRow(13).getCell(1).value).toBe("B1");
    expect(sheet.getRow(13).getCell(11).value).toBe(2_455_000);
    expect(sheet.getRow(13).getCell(14).value).toBe("Over-funded");
    expect(sheet.getRow(17).getCell(9).value).toBeCloseTo(1 / 6, 10);
    const rows = sheet.getSheetValues() as unknown[][];
    const findRow = (first: string) => rows.findIndex((r) => Array.isArray(r) && r[1] === first);
    const k3 = rows[findRow("K3")];
    expect(k3.slice(1, 7)).toEqual(["K3", "Postpaid monthly churn", "Customer base", "B2", "Lower is better", "%"]);
    expect(k3[14]).toBe("Off track");
    expect(sheet.getRow(findRow("K3")).getCell(8).numFmt).toBe("0.0%");
    // The bridge: K2's row after the bridge table's header, coverage as a data bar.
    const bridgeHeader = rows.findIndex((r) => Array.isArray(r) && r[1] === "KPI ID" && r[5] === "Value");
    const k2 = rows.slice(bridgeHeader).find((r) => Array.isArray(r) && r[1] === "K2") ?? [];
    expect(k2.slice(1, 15)).toEqual([
      "K2",
      "Converged net adds per month",
      "households",
      "Higher is better",
      6000,
      9000,
      3000,
      1600,
      1400,
      1600 / 3000,
      "Partly closed",
      7600,
      "Off track",
      "I01, I02",
    ]);
    const handshake = rows[findRow("Customer insights")];
    expect(handshake.slice(1, 4)).toEqual(["Customer insights", "Required", "Missing"]);
  });

  it("colours the statuses through conditional formatting", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(output));
    const xml = await sheetXml(zip, "CVM Gap Analysis");
    expect(xml.match(/<conditionalFormatting /g)?.length).toBeGreaterThanOrEqual(10);
    expect(xml).toMatch(/<formula>(&quot;|")Off track(&quot;|")<\/formula>/);
    expect(xml).toMatch(/<formula>(&quot;|")Partly closed(&quot;|")<\/formula>/);
    expect(xml).toMatch(/<cfRule type="dataBar" priority="\d+"><dataBar><cfvo type="num" val="0"\/><cfvo type="num" val="1"\/>/);
    expect(xml).not.toContain("<f>");
  });

  it("finds every gap built into the sample", () => {
    const json = JSON.parse(run("analyze", plan, "--json", "--no-write").stdout) as JsonResult;
    for (const gap of DELIBERATE_GAPS) {
      const found = json.findings.some(
        (f) => f.rule === gap.rule && (gap.item === "" || f.itemId === gap.item || f.message.includes(gap.item)),
      );
      expect({ gap, found }).toEqual({ gap, found: true });
    }
  });

  it("replaces its own sheet on a second run into the same copy", () => {
    const again = run("analyze", output, "--in-place");
    expect(again.code).toBe(0);
  });
});

describe("cvm-gap analyze --json", () => {
  it("prints the full result as JSON on stdout and the summary on stderr", () => {
    const plan = copySample("json.xlsx");
    const result = run("analyze", plan, "--json", "--out", path.join(dir, "json-out.xlsx"));
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as JsonResult;
    expect(json.output).toBe(path.join(dir, "json-out.xlsx"));
    expect(json.score).toBeCloseTo(0.9167, 4);
    expect(json.findings).toHaveLength(23);
    expect(json.kpis.find((k) => k.kpiId === "K16")?.status).toBe("No data");
    const k2 = json.kpis.find((k) => k.kpiId === "K2");
    expect(k2).toMatchObject({
      planned: 1600,
      residual: 1400,
      coverage: 1600 / 3000,
      closure: "Partly closed",
      projected: 7600,
      projectedStatus: "Off track",
      initiativeIds: ["I01", "I02"],
    });
    // A KPI that no impact names has planned 0.
    expect(json.kpis.find((k) => k.kpiId === "K9")).toMatchObject({ planned: 0, closure: "Not addressed", initiativeIds: [] });
    expect(result.stderr).toContain("Alignment score: 91.7%");
  });

  it("uses the tolerance asked for", () => {
    const plan = copySample("tolerance.xlsx");
    const json = JSON.parse(run("analyze", plan, "--json", "--no-write", "--tolerance", "50%").stdout) as JsonResult;
    expect(json.kpis.filter((k) => k.status === "Off track").map((k) => k.kpiId)).toEqual(["K2", "K12"]);
  });
});

describe("cvm-gap analyze --scenario", () => {
  const scenarioFile = (name: string, json: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json));
    return file;
  };
  const SCENARIO = {
    version: 1,
    initiatives: [
      { id: "I16", active: false },
      { id: "I01", budget: "€1,500,000" },
    ],
    bets: [{ id: "B3", weight: 0.1 }],
    impacts: [
      { initiative: "I02", kpi: "K2", confidence: "100%" },
      { initiative: "I99", kpi: "K2", confidence: 1 },
    ],
  };

  it("analyses the plan with the scenario, says what changed, and writes the CVM Scenario sheet alone: a what-if is no review", async () => {
    const plan = copySample("what-if.xlsx");
    const before = sha256(plan);
    const out = path.join(dir, "what-if.out.xlsx");
    const result = run("analyze", plan, "--scenario", scenarioFile("what-if.json", SCENARIO), "--out", out);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("What-if: the figures above are the plan with the scenario");
    expect(result.stdout).toContain("  Initiative I16 (City marathon sponsorship): active on → off");
    expect(result.stdout).toContain("  Bet B3 (Best-rated service in the market): weight 20.0% → 10.0%");
    expect(result.stdout).toContain(
      "  left out: No Impacts row has initiative I99 and KPI K2; the confidence in the scenario was left out.",
    );
    expect(result.stdout).toContain("Alignment score: 91.7% in the plan, 90.7% with the scenario");
    expect(result.stdout).toContain(`Wrote the "CVM Scenario" sheet (the plan's figures beside the scenario's) to ${out}`);
    expect(sha256(plan)).toBe(before);
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((w) => w.name).slice(-1)).toEqual(["CVM Scenario"]);
    expect(workbook.getWorksheet("CVM Gap Analysis")).toBeUndefined();
    const sheet = workbook.getWorksheet("CVM Scenario");
    expect(sheet?.getCell("A2").value).toBe(OWNER_MARKER);
    expect(sheet?.getCell("B4").value).toBeCloseTo(11 / 12, 10);
    const tables = (sheet?.getTables() as unknown as { table: { name: string } }[]).map((t) => t.table.name);
    expect(tables).toEqual(["CVM_ScenarioChanges", "CVM_ScenarioBets", "CVM_ScenarioKPIs", "CVM_ScenarioFindings"]);
    // A rerun into the same copy replaces the sheet, in place.
    expect(run("analyze", out, "--in-place", "--scenario", scenarioFile("what-if.json", SCENARIO)).code).toBe(0);
    expect((await readBack(out)).worksheets.map((w) => w.name).filter((n) => n.startsWith("CVM"))).toEqual(["CVM Scenario"]);
  });

  it("puts the scenario, its changes and the comparison in the JSON", () => {
    const json = JSON.parse(
      run("analyze", copySample("what-if-json.xlsx"), "--json", "--no-write", "--scenario", scenarioFile("what-if.json", SCENARIO)).stdout,
    ) as {
      untracedBudget: number;
      scenario: {
        changes: unknown[];
        problems: string[];
        comparison: { untracedBudget: { plan: number; scenario: number }; resolved: { rule: string; itemId: string }[] };
      };
    };
    expect(json.untracedBudget).toBe(140_000);
    expect(json.scenario.changes).toHaveLength(4);
    expect(json.scenario.problems).toHaveLength(1);
    expect(json.scenario.comparison.untracedBudget).toEqual({ plan: 440_000, scenario: 140_000 });
    expect(json.scenario.comparison.resolved).toContainEqual(expect.objectContaining({ rule: "INITIATIVE_UNTRACED", itemId: "I16" }));
  });

  it.each([
    ["not JSON", "{ version: 1", /The scenario .*bad\.json is not JSON/],
    ["a wrong version", { version: 3 }, /The scenario .*bad\.json: "version" must be 1 \(found 3\)/],
    [
      "a confidence above 100%",
      { version: 1, impacts: [{ initiative: "I01", kpi: "K2", confidence: 2 }] },
      /impacts\[0\]: "confidence" is 2; it must be a share from 0% to 100%/,
    ],
  ])("stops with exit 1 and writes nothing on a scenario that is %s", (_what, json, message) => {
    const plan = copySample("bad-scenario.xlsx");
    const result = run("analyze", plan, "--scenario", scenarioFile("bad.json", json));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(fs.existsSync(path.join(dir, "bad-scenario.cvm-gap.xlsx"))).toBe(false);
  });

  it("stops with exit 1 on a scenario file that does not exist", () => {
    const result = run("analyze", copySample("no-scenario.xlsx"), "--scenario", path.join(dir, "nope.json"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The scenario .*nope\.json cannot be read/);
  });

  it("refuses --sheet-name CVM Scenario beside --scenario", () => {
    const result = run(
      "analyze",
      copySample("clash.xlsx"),
      "--scenario",
      scenarioFile("ok.json", { version: 1 }),
      "--sheet-name",
      "cvm scenario",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--sheet-name cannot be "CVM Scenario"');
  });
});

describe("cvm-gap analyze on bad input", () => {
  it("exits 1 for a missing file", () => {
    const result = run("analyze", path.join(dir, "nope.xlsx"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope\.xlsx"? was not found/);
  });

  it("exits 1 for a CSV named .xlsx and leaves it unchanged", () => {
    const file = path.join(dir, "plan.csv.xlsx");
    fs.writeFileSync(file, "Bet ID,Strategic Bet\nB1,Win\n");
    const before = sha256(file);
    const result = run("analyze", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not an .xlsx workbook");
    expect(sha256(file)).toBe(before);
  });

  it("exits 1 for a workbook without the required sheets and writes nothing", async () => {
    const file = await writeXlsx(path.join(dir, "budget-only.xlsx"), [
      {
        name: "Budget",
        rows: [
          ["Month", "Revenue"],
          ["Jan", 100],
        ],
      },
    ]);
    const result = run("analyze", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not a CVM plan: it has no Bets and KPIs sheet");
    expect(fs.existsSync(path.join(dir, "budget-only.cvm-gap.xlsx"))).toBe(false);
  });

  it("exits 1 and writes nothing when a foreign sheet has the report's name", async () => {
    const file = await writeXlsx(path.join(dir, "foreign.xlsx"), [
      { name: "Bets", rows: [BET_HEADER, ["B1", "Win"]] },
      { name: "KPIs", rows: [KPI_HEADER, ["K1", "NPS", "", "B1", "", "", 1, 2, 1]] },
      { name: "CVM Gap Analysis", rows: [["My own notes"]] },
    ]);
    const result = run("analyze", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('A sheet named "CVM Gap Analysis" already exists and was not written by this add-in');
    expect(fs.existsSync(path.join(dir, "foreign.cvm-gap.xlsx"))).toBe(false);
    expect(run("analyze", file, "--sheet-name", "CVM Gaps").code).toBe(0);
  });

  it("exits 2 with the usage for a misused command", () => {
    const plan = copySample("usage.xlsx");
    const result = run("analyze", plan, "--out", plan);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--out names the plan itself");
    expect(run("frobnicate").stderr).toContain("Usage: cvm-gap analyze");
  });

  it("writes text that looks like a formula as text", async () => {
    const file = await writeXlsx(path.join(dir, "formula-like.xlsx"), [
      {
        name: "Bets",
        rows: [BET_HEADER, ["=1+1", '=HYPERLINK("http://evil")', "", "", "", 1], ["@B2", "+cmd|' /C calc'!A0", "", "", "", 1]],
      },
      { name: "KPIs", rows: [KPI_HEADER, ["-K1", "=2*3", "", "=1+1", "", "", 1, 2, 1]] },
    ]);
    expect(run("analyze", file).code).toBe(0);
    const out = path.join(dir, "formula-like.cvm-gap.xlsx");
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    for (const entry of zip.file(/xl\/worksheets\/sheet\d+\.xml/)) expect(await entry.async("string")).not.toContain("<f>");
    const sheet = (await readBack(out)).getWorksheet("CVM Gap Analysis");
    expect(sheet?.getRow(13).getCell(1).value).toBe("=1+1");
    expect(sheet?.getRow(13).getCell(2).value).toBe('=HYPERLINK("http://evil")');
  });
});
