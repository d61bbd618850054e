/**
 * Excel's cells hold 32,767 characters; a file with a longer one is "repaired" when opened, and
 * Office.js refuses to write one (issue 17). Whatever the plan holds (a 100,000-character KPI
 * name, a cell of 10,000 unknown IDs, a formula of 200,000 characters), every owned sheet the
 * add-in lays out (report, changes, history, scenario) quotes it shortened, saying so, and every
 * adapter writes what was laid out. A finding lists a bounded number of IDs and counts the rest.
 */
import { reviewSection } from "../../src/domain/review/reviewReport";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { boundedList, CELL_TEXT_LIMIT, fitCellText } from "../../src/domain/common/boundedText";
import type { CellValue, SheetData } from "../../src/domain/common/cells";
import { buildHistoryLayout, snapshotRows } from "../../src/domain/review/history";
import { parsePlan } from "../../src/domain/plan/parse";
import { buildReportLayout } from "../../src/domain/sheets/report";
import type { ReportLayout } from "../../src/domain/sheets/reportLayout";
import { baselineOf, sinceLast } from "../../src/domain/review/review";
import { buildScenarioLayout } from "../../src/domain/whatIf/scenarioReport";
import { whatIf } from "../../src/domain/whatIf/whatIf";
import { OfficeWorkbook } from "../../src/adapters/office/officeWorkbook";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import type { WorkbookPort } from "../../src/adapters/port";
import { readReviewState, writeReviewedReport } from "../../src/useCases/reviewCycle";
import { FakeExcel, FakeSettings } from "../../testkit/fakeExcel";
import { IMPACT_HEADER, INITIATIVE_HEADER, KPI_HEADER, smallPlan } from "../../testkit/sheets";

const RUN_AT = new Date(2026, 10, 23, 9, 0, 0);
const LONG_NAME = `Net adds ${"n".repeat(100_000 - 9)}`;
const UNKNOWN_IDS = Array.from({ length: 10_000 }, (_, i) => `X${i + 1}`);
const LONG_FORMULA = `NOSUCHFUNCTION("${"f".repeat(200_000 - 17)}")`;

/** The small plan with the three long texts (a KPI's name, its Bet IDs, a budget's formula) and an impact, so that the bridge names the KPI too. */
function longPlan(): SheetData[] {
  const kpis: CellValue[][] = [
    KPI_HEADER,
    ["K1", LONG_NAME, "Customer base", `B1, ${UNKNOWN_IDS.join(", ")}`, "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"],
    ["K2", "Monthly churn", "Customer base", "B1", "%", "Lower is better", 0.02, 0.015, 0.014, null, "FY26", "CVM"],
  ];
  const initiatives: CellValue[][] = [
    INITIATIVE_HEADER,
    [
      "I1",
      "Bundle offer",
      "Cross-sell",
      "B1",
      "K1",
      "P1",
      "M1",
      "CVM",
      { formula: LONG_FORMULA, reason: "the function NOSUCHFUNCTION is not supported" },
      "",
      null,
      null,
      "Running",
    ],
    ["I2", "Win-back", "Retention", "", "K2", "", "", "CVM", 300, "", null, null, "Planned"],
  ];
  return smallPlan({ kpis, initiatives, impacts: [IMPACT_HEADER, ["I1", "K1", 20, 1, ""]] });
}

/** Every text cell of a layout, with where it is. */
function texts(layout: ReportLayout): { where: string; text: string }[] {
  const found = layout.cells.flatMap((c) =>
    typeof c.value === "string" ? [{ where: `${layout.sheetName} cell ${c.row},${c.col}`, text: c.value }] : [],
  );
  for (const table of layout.tables) {
    table.rows.forEach((row, r) =>
      row.forEach(
        (v, c) => typeof v === "string" && found.push({ where: `${table.name} row ${r} column ${table.columns[c]?.header}`, text: v }),
      ),
    );
  }
  return found;
}

const overLimit = (layout: ReportLayout) =>
  texts(layout)
    .filter((t) => t.text.length > CELL_TEXT_LIMIT)
    .map((t) => `${t.where}: ${t.text.length}`);
const shortened = (layout: ReportLayout, total: number) =>
  texts(layout).filter((t) => t.text.endsWith(`… (shortened: ${total.toLocaleString("en-US")} characters in all)`));

describe("text within what a cell holds", () => {
  it("leaves text that fits as it is and shortens longer text to the limit, saying how long it was", () => {
    expect(fitCellText("Net adds")).toBe("Net adds");
    const exact = "x".repeat(CELL_TEXT_LIMIT);
    expect(fitCellText(exact)).toBe(exact);
    const fitted = fitCellText("y".repeat(100_000));
    expect(fitted).toHaveLength(CELL_TEXT_LIMIT);
    expect(fitted).toMatch(/^y+ … \(shortened: 100,000 characters in all\)$/);
  });

  it("never cuts an emoji in two when shortening", () => {
    for (let shift = 0; shift < 4; shift++) {
      const fitted = fitCellText(`${"a".repeat(shift)}${"😀".repeat(40_000)}`);
      expect(fitted.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
      // A lone high surrogate would end the kept text before the note.
      expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it("names twenty items and counts the rest", () => {
    expect(boundedList(["B1", "B2"])).toBe("B1, B2");
    expect(boundedList(UNKNOWN_IDS)).toBe(`${UNKNOWN_IDS.slice(0, 20).join(", ")} and 9,980 more`);
  });
});

describe("the owned sheets of a plan with very long texts", () => {
  const result = analyzeSheets(longPlan());

  it("keeps the whole texts in the result (--json), and bounds the list of unknown IDs in the finding", () => {
    expect(result.kpis[0].name).toBe(LONG_NAME);
    const unknown = result.findings.find((f) => f.rule === "UNKNOWN_REFERENCE" && f.itemId === "K1");
    expect(unknown?.message).toBe(
      `${UNKNOWN_IDS.slice(0, 20).join(", ")} and 9,980 more are not IDs on the Bets sheet; correct the IDs or add them to Bets.`,
    );
    expect(result.findings.find((f) => f.rule === "UNCOMPUTED_FORMULA")?.message).toContain(LONG_FORMULA);
  });

  it("shortens a 100,000-character KPI name, a cell of 10,000 IDs and a quoted 200,000-character formula in the report, saying so", () => {
    const layout = buildReportLayout(result, { runAt: RUN_AT });
    expect(overLimit(layout)).toEqual([]);
    // The KPI name in the KPI gaps and the bridge tables.
    expect(shortened(layout, 100_000).map((t) => t.text.slice(0, 9))).toEqual(["Net adds ", "Net adds "]);
    const betIds = `B1, ${UNKNOWN_IDS.join(", ")}`;
    expect(shortened(layout, betIds.length).map((t) => t.text.slice(0, 12))).toEqual(["B1, X1, X2, "]);
    const formulaFinding = texts(layout).find((t) => t.text.startsWith("Budget holds the formula =NOSUCHFUNCTION"));
    expect(formulaFinding?.text).toMatch(/… \(shortened: 200,\d{3} characters in all\)$/);
    expect(formulaFinding?.text.length).toBe(CELL_TEXT_LIMIT);
  });

  it("shortens them in the changes table of a review and in the history", () => {
    const since = sinceLast(baselineOf(analyzeSheets(smallPlan())), result);
    const layout = buildReportLayout(result, { runAt: RUN_AT, review: reviewSection(since) });
    expect(overLimit(layout)).toEqual([]);
    const changes = layout.tables.find((t) => t.name === "CVM_Changes");
    expect(
      changes?.rows.some((row) => typeof row[6] === "string" && row[6].includes("NOSUCHFUNCTION") && row[6].endsWith("characters in all)")),
    ).toBe(true);
    const history = buildHistoryLayout(snapshotRows(result, RUN_AT, "0123456789abcdef"));
    expect(overLimit(history)).toEqual([]);
    expect(shortened(history, 100_000)).toHaveLength(1);
  });

  it("shortens them on the scenario sheet", () => {
    const layout = buildScenarioLayout(
      whatIf(parsePlan(longPlan()), { version: 1, initiatives: [{ id: "I1", budget: 500 }], bets: [], impacts: [] }),
      { runAt: RUN_AT },
    );
    expect(overLimit(layout)).toEqual([]);
    // The KPI's name in the table of KPIs, plan beside scenario.
    expect(shortened(layout, 100_000).map((t) => t.where)).toEqual(["CVM_ScenarioKPIs row 0 column KPI"]);
  });
});

/** The length of the longest text any of the sheets holds. */
function longestText(sheets: readonly SheetData[]): number {
  let longest = 0;
  for (const sheet of sheets)
    for (const row of sheet.values) for (const v of row) if (typeof v === "string") longest = Math.max(longest, v.length);
  return longest;
}

describe.each([
  [
    "in memory (preview)",
    () => {
      const workbook = new MemoryWorkbook(longPlan());
      return { port: workbook as WorkbookPort, written: async () => workbook.sheetNames.map((name) => workbook.sheet(name) as SheetData) };
    },
  ],
  [
    "Office.js on the fake of Excel (task pane)",
    () => {
      const fake = new FakeExcel().seed(longPlan());
      const port = new OfficeWorkbook({ run: fake.run, settings: new FakeSettings() });
      return {
        port: port as WorkbookPort,
        written: async () =>
          fake.sheets.map((sheet): SheetData => {
            const values: CellValue[][] = [];
            for (const { row, col, cell } of sheet.filledCells()) {
              while (values.length <= row) values.push([]);
              values[row][col] = typeof cell.value === "string" ? cell.value : null;
            }
            return { name: sheet.name, values, origin: { row: 0, col: 0 } };
          }),
      };
    },
  ],
])("the %s adapter", (_name, make) => {
  it("writes the report and the history of a plan with very long texts with no cell over 32,767 characters", async () => {
    const { port, written } = make();
    const sheets = await port.readSheets();
    const analyzed = analyzeSheets(sheets);
    for (let review = 0; review < 2; review++) {
      const state = await readReviewState(port);
      await writeReviewedReport(port, analyzed, {
        runAt: new Date(RUN_AT.getTime() + review * 60_000),
        fingerprint: "0123456789abcdef",
        state,
      });
    }
    const after = (await written()).filter((s) => s.name === "CVM Gap Analysis" || s.name === "CVM History");
    expect(longestText(after)).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(after.map((s) => s.name).sort()).toEqual(["CVM Gap Analysis", "CVM History"]);
    expect(
      after.some((s) =>
        s.values.some((row) => row.some((v) => typeof v === "string" && v.endsWith("(shortened: 100,000 characters in all)"))),
      ),
    ).toBe(true);
  });
});
