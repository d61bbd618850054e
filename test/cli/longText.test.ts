/**
 * A plan with texts past what an Excel cell holds (a 100,000-character KPI name, 10,000 unknown
 * IDs in one cell, a budget formula of 200,000 characters saved without its result), analysed by
 * the command line's main() and written through the .xlsx adapter: re-read, no cell of the
 * report, history or scenario sheet is over 32,767 characters, so Excel opens the file without
 * repairing it, and each shortened cell says so (issue 17).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { main, type Output } from "../../src/cli/main";
import { CELL_TEXT_LIMIT } from "../../src/domain/common/boundedText";
import type { SheetData } from "../../src/domain/common/cells";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { BET_HEADER, INITIATIVE_HEADER, KPI_HEADER } from "../../testkit/sheets";
import { everySheet, tempDir } from "../../testkit/xlsx";

const dir = tempDir("cvm-gap-longtext-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LONG_NAME = `Net adds ${"n".repeat(100_000 - 9)}`;
const UNKNOWN_IDS = Array.from({ length: 10_000 }, (_, i) => `X${i + 1}`).join(", ");
const LONG_FORMULA = `NOSUCHFUNCTION("${"f".repeat(200_000 - 17)}")`;
const OWNED = ["CVM Gap Analysis", "CVM History", "CVM Scenario"];

async function writePlan(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const add = (name: string, rows: (string | number | null)[][]) => {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    return sheet;
  };
  add("Bets", [BET_HEADER, ["B1", "Win converged homes", "Convergence", "Grow converged base", "Cable merger", 0.6, "CEO"]]);
  add("KPIs", [
    KPI_HEADER,
    ["K1", LONG_NAME, "Customer base", `B1, ${UNKNOWN_IDS}`, "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"],
  ]);
  const initiatives = add("Initiatives", [
    INITIATIVE_HEADER,
    ["I1", "Bundle offer", "Cross-sell", "B1", "K1", "", "", "CVM", null, "", null, null, "Running"],
  ]);
  // Saved without its result, as openpyxl and many scripts save formulas.
  initiatives.getCell("I2").value = { formula: LONG_FORMULA, date1904: false };
  await workbook.xlsx.writeFile(file);
  return file;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await main(args, io);
  return { code, out, err };
}

/** The owned sheets of a written workbook, as the .xlsx adapter reads them back. */
async function ownedSheets(file: string): Promise<SheetData[]> {
  return (await everySheet(await openXlsx(file))).filter((s) => OWNED.includes(s.name));
}

const longest = (texts: readonly string[]) => texts.reduce((max, t) => Math.max(max, t.length), 0);

function strings(sheets: readonly SheetData[]): string[] {
  return sheets.flatMap((s) => s.values.flatMap((row) => row.filter((v): v is string => typeof v === "string")));
}

describe("a plan with texts longer than a cell holds, through the command line and the .xlsx adapter", () => {
  it("writes the report and the history with no cell over 32,767 characters, saying what was shortened", async () => {
    const plan = await writePlan(path.join(dir, "long.xlsx"));
    const output = path.join(dir, "long.cvm-gap.xlsx");
    const result = await run("analyze", plan, "--out", output);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    // The summary bounds the IDs the finding lists.
    expect(result.out).toContain("X1, X2, X3");
    expect(result.out).toContain("X20 and 9,980 more are not IDs on the Bets sheet");
    const sheets = await ownedSheets(output);
    expect(sheets.map((s) => s.name).sort()).toEqual(["CVM Gap Analysis", "CVM History"]);
    const texts = strings(sheets);
    expect(longest(texts)).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    // The KPI's name in the KPI gaps table and in the history's detail.
    expect(texts.filter((t) => t.startsWith("Net adds ") && t.endsWith("… (shortened: 100,000 characters in all)"))).toHaveLength(2);
    expect(texts.filter((t) => t.startsWith("B1, X1, X2") && /\(shortened: [\d,]+ characters in all\)$/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("=NOSUCHFUNCTION(") && /\(shortened: 200,\d{3} characters in all\)$/.test(t))).toHaveLength(1);
  });

  it("writes the scenario sheet with no cell over 32,767 characters", async () => {
    const plan = await writePlan(path.join(dir, "long-scenario.xlsx"));
    const scenario = path.join(dir, "what-if.json");
    fs.writeFileSync(scenario, JSON.stringify({ version: 1, initiatives: [{ id: "I1", budget: 500 }] }));
    const output = path.join(dir, "long-scenario.cvm-gap.xlsx");
    const result = await run("analyze", plan, "--scenario", scenario, "--out", output);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    const sheets = await ownedSheets(output);
    expect(sheets.map((s) => s.name)).toEqual(["CVM Scenario"]);
    expect(longest(strings(sheets))).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
  });
});
