/**
 * Numbers past ±1.8E+308 in a real .xlsx file, through the command line's main() (issue 17): a
 * budget typed "€1e999", a weight stored as 1e309 (a numeric cell whose value overflows), and a
 * budget formula saved without its result whose result overflows (computed here, as Excel would,
 * to #NUM!). Each is a finding with its sheet and cell, and --json gives no figure made of them:
 * no "Budget: ∞", no score of 0.0%.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main, type Output } from "../../src/cli/main";
import { BET_HEADER, INITIATIVE_HEADER, KPI_HEADER } from "../../testkit/sheets";
import { tempDir } from "../../testkit/xlsx";

const dir = tempDir("cvm-gap-past-limit-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Json {
  score?: number;
  totalBudget?: number;
  bets: { betId: string; budget?: number; normalizedWeight?: number }[];
  findings: { rule: string; sheet: string; cell: string; message: string }[];
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A plan whose B1 weight is the stored value 1e309 (exceljs cannot write it: the XML is edited). */
async function writePlan(file: string, budgets: { i1: ExcelJS.CellValue; i2: ExcelJS.CellValue }): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const add = (name: string, rows: ExcelJS.CellValue[][]) => {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    return sheet;
  };
  add("Bets", [
    BET_HEADER,
    ["B1", "Win converged homes", "Convergence", "Grow converged base", "Cable merger", 123456, "CEO"],
    ["B2", "Lead in 5G", "5G", "", "", 0.4, "CTO"],
  ]);
  add("KPIs", [
    KPI_HEADER,
    ["K1", "Converged households", "Customer base", "B1, B2", "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"],
  ]);
  const initiatives = add("Initiatives", [
    INITIATIVE_HEADER,
    ["I1", "Bundle offer", "Cross-sell", "B1", "", "", "", "CVM", null, "", null, null, "Running"],
    ["I2", "5G launch", "Network", "B2", "", "", "", "CVM", null, "", null, null, "Planned"],
  ]);
  initiatives.getCell("I2").value = budgets.i1;
  initiatives.getCell("I3").value = budgets.i2;
  await workbook.xlsx.writeFile(file);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const part = "xl/worksheets/sheet1.xml";
  const xml = (await zip.file(part)?.async("string")) ?? "";
  if (!xml.includes("<v>123456</v>")) throw new Error("the Bets sheet is not where the test expects it");
  zip.file(part, xml.replace("<v>123456</v>", "<v>1e309</v>"));
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

describe("numbers past what a number holds, in a real workbook", () => {
  it('reports a stored 1e309 and a typed "€1e999" with their cells, and gives no score or budget made of them', async () => {
    const plan = await writePlan(path.join(dir, "typed.xlsx"), { i1: "€1e999", i2: 500 });
    const result = await run("analyze", plan, "--json", "--no-write");
    expect(result.code).toBe(0);
    expect(result.err).not.toMatch(/∞|Infinity|Alignment score: 0\.0%/);
    expect(result.err).toContain("Alignment score: unknown");
    expect(result.err).toContain("Budget: unknown");
    const json = JSON.parse(result.out) as Json;
    expect(json.score).toBeUndefined();
    expect(json.totalBudget).toBeUndefined();
    const tooLarge = json.findings.filter((f) => f.rule === "NUMBER_TOO_LARGE").map((f) => `${f.sheet}!${f.cell}`);
    expect(tooLarge).toEqual(["Bets!F2", "Initiatives!I2"]);
    expect(json.bets.map((b) => [b.betId, b.budget, b.normalizedWeight])).toEqual([
      ["B1", undefined, undefined],
      ["B2", 500, undefined],
    ]);
  });

  it("reports a budget formula whose result overflows (computed to #NUM!, as Excel would) with its cell, its value unknown", async () => {
    // Saved without its result, as openpyxl and many scripts save formulas: the command line computes it.
    const plan = await writePlan(path.join(dir, "formula.xlsx"), { i1: { formula: "1E308*10", date1904: false }, i2: 500 });
    const result = await run("analyze", plan, "--json", "--no-write");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Json;
    expect(json.totalBudget).toBeUndefined();
    const formula = json.findings.find((f) => f.sheet === "Initiatives" && f.cell === "I2");
    expect(formula?.message).toMatch(/^Budget holds the error #NUM!, .*so its value is unknown/);
    expect(json.findings.some((f) => f.rule === "NO_BUDGET")).toBe(false);
  });
});
