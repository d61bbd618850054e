import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { planSheetNames } from "../../src/domain/plan/locate";
import { cellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import type { Finding } from "../../src/domain/plan/model";
import type { AnalysisResult } from "../../src/domain/analysis/result";
import { appendHistory, buildHistoryLayout, EMPTY_HISTORY, HISTORY_SHEET_NAME, snapshotRows } from "../../src/domain/review/history";
import { HISTORY_RUNS_TABLE, HISTORY_TABLE_NAMES } from "../../src/domain/review/historyTables";
import { ALIGNMENT_TABLE, BRIDGE_TABLE } from "../../src/domain/sheets/reportTables";
import { columnIndex } from "../../src/domain/sheets/tableSchema";
import { buildReportLayout, REPORT_TABLE_NAMES } from "../../src/domain/sheets/report";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import type { OutTable, ReportLayout } from "../../src/domain/sheets/reportLayout";
import { NUMBER_FORMATS } from "../../src/domain/sheets/reportStyle";
import { TEMPLATE } from "../../src/domain/sheets/template";
import { MAX_REQUEST_BYTES } from "../../src/adapters/office/officeLimits";
import { OfficeWorkbook } from "../../src/adapters/office/officeWorkbook";
import { SETTING_KEYS } from "../../src/adapters/planWorkbook";
import { MAPPING_NAMESPACE, mappingXml, MappingXmlError, readMappingXml } from "../../src/adapters/mappingXml";
import { sheetHead } from "../../src/adapters/sheetHead";
import { widthInPoints } from "../../src/adapters/office/sheetMatrix";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { ForeignSheetError } from "../../src/domain/common/stopErrors";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import type { Scenario } from "../../src/domain/whatIf/scenario";
import { FakeExcel, FakeOfficeError, FakeSettings, WEB_PAYLOAD_LIMIT, type FakeSheet, type SyncRecord } from "../../testkit/fakeExcel";
import { blankWorkbook, readBack, tempDir } from "../../testkit/xlsx";

const SAMPLE_FILE = path.join(__dirname, "../../examples/cvm-sample-plan.xlsx");
const RUN_AT = new Date(2026, 0, 15, 9, 30, 0);
const dir = tempDir("cvm-office-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function workbookOn(fake: FakeExcel, settings = new FakeSettings()): OfficeWorkbook {
  return new OfficeWorkbook({ run: fake.run, settings });
}

/**
 * What Office.js hands over where the .xlsx reader gives a Date (a serial number), an error
 * object (its text) or an empty string: Excel stores no empty text, a cell given "" is blank.
 */
function asOffice(sheets: readonly SheetData[]): SheetData[] {
  const cell = (value: CellValue): CellValue => {
    if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
    // Excel computes every formula, so only an error can come back as an object.
    if (value !== null && typeof value === "object") return "error" in value ? value.error : null;
    return value === "" ? null : value;
  };
  const row = (line: readonly CellValue[]): CellValue[] => {
    const out = line.map(cell);
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  };
  return sheets.map((s) => ({ ...s, values: s.values.map(row) }));
}

function bigPlan(initiatives: number): SheetData[] {
  return sampleSheets().map((sheet) => {
    if (sheet.name !== "Initiatives") return sheet;
    const header = sheet.values[2];
    const rows: CellValue[][] = Array.from({ length: initiatives }, (_, i) => [
      `I${i + 1}`,
      `Generated initiative number ${i + 1} for the load test`,
      ["Cross-sell", "Retention", "Upsell"][i % 3],
      `B${(i % 5) + 1}`,
      `K${(i % 16) + 1}`,
      `P${(i % 5) + 1}`,
      `M${(i % 9) + 1}`,
      "CVM",
      10_000 + (i % 997) * 100,
      "Churn -0.1 pp",
      46_023 + (i % 200),
      46_387,
      "Planned",
    ]);
    const last = cellAddress(2 + initiatives, header.length - 1);
    return { ...sheet, values: [sheet.values[0], [], header, ...rows], tables: [{ name: "tblInitiatives", range: `A3:${last}` }] };
  });
}

/** The sheets of a workbook that the analysis reads. */
function planOnly(sheets: readonly SheetData[]): SheetData[] {
  const wanted = new Set(planSheetNames(sheets.map((s) => s.name)));
  return sheets.filter((s) => wanted.has(s.name));
}

const round = (n: number) => Math.round(n * 1e9) / 1e9;

const writingSyncs = (fake: FakeExcel): SyncRecord[] => fake.syncs.filter((s) => s.writes > 0);

function table(layout: ReportLayout, name: string): OutTable {
  const found = layout.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

function bodyAddress(t: OutTable, col: number): string {
  return `${cellAddress(t.row + 1, t.col + col)}:${cellAddress(t.row + t.rows.length, t.col + col)}`;
}

function reportSheet(fake: FakeExcel, layout: ReportLayout): FakeSheet {
  const sheet = fake.sheet(layout.sheetName);
  if (!sheet) throw new Error("no report sheet");
  return sheet;
}

describe("reading the plan", () => {
  it("hands the engine the same sheets as the .xlsx reader, in two round trips", async () => {
    const fromFile = await (await openXlsx(SAMPLE_FILE)).readSheets();
    const fake = new FakeExcel().seed(asOffice(fromFile));
    const progress: number[] = [];
    const read = await workbookOn(fake).readSheets(undefined, (f) => progress.push(f));
    expect(read).toEqual(planOnly(asOffice(fromFile)));
    expect(analyzeSheets(read)).toEqual(analyzeSheets(fromFile));
    expect(fake.syncCount).toBe(2);
    // The budget sheet is no plan sheet: its cells are never asked for.
    expect(fake.log.filter((action) => action.includes("Budget FY2026"))).toEqual([]);
    expect(fake.runs).toBe(1);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it("gives Excel's error values as their text, which the engine recognises", async () => {
    const fake = new FakeExcel().seed([{ name: "KPIs", values: [[null, "#N/A", 3], [], [null, true]], origin: { row: 4, col: 1 } }]);
    const [sheet] = await workbookOn(fake).readSheets();
    // The used range starts at the first filled column, so the origin moves right by one.
    expect(sheet).toEqual({ name: "KPIs", values: [["#N/A", 3], [], [true]], origin: { row: 4, col: 2 }, tables: [] });
    expect(analyzeSheets([sheet]).sheets).toBeDefined();
  });

  it("reads an empty sheet as no values", async () => {
    const fake = new FakeExcel().seed([{ name: "Bets", values: [], origin: { row: 0, col: 0 } }]);
    expect(await workbookOn(fake).readSheets()).toEqual([{ name: "Bets", values: [], origin: { row: 0, col: 0 }, tables: [] }]);
  });

  it("takes the same number of round trips for 20,000 initiatives as for the sample", async () => {
    const small = new FakeExcel().seed(sampleSheets());
    await workbookOn(small).readSheets();
    const plan = bigPlan(20_000);
    const large = new FakeExcel().seed(plan);
    const read = await workbookOn(large).readSheets();
    expect(large.syncCount).toBe(small.syncCount);
    expect(large.syncCount).toBe(2);
    expect(read).toEqual(planOnly(asOffice(plan)));
    expect(large.largestResponseBytes).toBeLessThan(5_000_000);
  });

  it.each(["refuse", "null"] as const)(
    "reads a used range past the 5,000,000 cells of one read in blocks (Excel answering a whole read: %s)",
    async (overCellLimit) => {
      // Two cells 500,000 rows apart make a used range of 500,000 × 11 = 5,500,000 cells.
      const fake = new FakeExcel({ overCellLimit });
      const sheet = fake.addSheet({ name: "KPIs", values: [["KPI ID"]], origin: { row: 0, col: 0 } });
      sheet.ensure(499_999, 10).value = "last";
      const [read] = await workbookOn(fake).readSheets();
      expect(read.values[0]).toEqual(["KPI ID"]);
      expect(read.values[499_999]?.[10]).toBe("last");
      expect(read.values).toHaveLength(500_000);
      // No request was answered with more than the cells a block asks for.
      expect(fake.largestResponseBytes).toBeLessThan(WEB_PAYLOAD_LIMIT);
      expect(fake.syncCount).toBeGreaterThan(55);
    },
  );

  it("falls back to reading in blocks when Excel refuses a response as too large", async () => {
    const plan = bigPlan(20_000);
    const fake = new FakeExcel({ responseLimitBytes: 1_000_000 });
    fake.seed(plan);
    const read = await workbookOn(fake).readSheets();
    expect(read).toEqual(planOnly(asOffice(plan)));
    expect(fake.syncCount).toBeGreaterThan(3);
    // The whole read was refused, then blocks were halved until they fitted; none is lost.
    const refused = fake.syncs.filter((s) => s.responseBytes > 1_000_000);
    expect(fake.syncs[1].responseBytes).toBeGreaterThan(1_000_000);
    expect(refused.length).toBeLessThanOrEqual(4);
    expect(fake.syncs[fake.syncCount - 1].responseBytes).toBeLessThanOrEqual(1_000_000);
  });
});

/** The sample plan beside a ledger of `lines` lines and `budgets` monthly budget sheets, as the fake holds them. */
function budgetingWorkbook(lines: number, budgets: number): SheetData[] {
  const ledger: SheetData = {
    name: "Ledger",
    values: [
      ["Entry", "Account", "Cost centre", "Net", "Status"],
      ...Array.from({ length: lines }, (_, i) => [`JE-${i + 1}`, "6100 Marketing", "CVM", 100 + (i % 97), i % 11 ? "Paid" : "Open"]),
    ],
    origin: { row: 0, col: 0 },
  };
  const monthly = Array.from({ length: budgets }, (_, m): SheetData => ({
    name: `Budget ${m + 1}`,
    values: [
      [`Budget, month ${m + 1}`],
      [],
      ["Account", "Budget €", "Actual €"],
      ...Array.from({ length: 40 }, (_, a) => [`Account ${a}`, 1000 + a, 990 + m]),
    ],
    origin: { row: 0, col: 0 },
  }));
  return [...sampleSheets(), ledger, ...monthly];
}

describe("reading every sheet's first rows", () => {
  it("reads 50 sheets' first rows in three round trips, only the rows asked for travelling back", async () => {
    const sheets = budgetingWorkbook(100_000, 41);
    expect(sheets).toHaveLength(50);
    const fake = new FakeExcel().seed(sheets);
    const progress: number[] = [];
    const heads = await workbookOn(fake).readSheetHeads(30, (done) => progress.push(done));
    expect(fake.syncCount).toBe(3);
    expect(fake.runs).toBe(1);
    expect(heads.map((head) => head.name)).toEqual(sheets.map((sheet) => sheet.name));
    expect(heads).toEqual(asOffice(sheets).map((sheet) => sheetHead(sheet, 30)));
    // Only ranges of at most 30 rows bring values back, never the ledger's 100,000 rows; the
    // largest response's size is a figure of bench/sheetHeads.ts.
    const valueLoads = fake.log.filter((label) => /\.load\([^)]*\bvalues\b/.test(label));
    expect(valueLoads.length).toBeGreaterThan(0);
    const rowsLoaded = valueLoads.map((label) => Number(/getRangeByIndexes\(\d+,\d+,(\d+),\d+\)\.load/.exec(label)?.[1]));
    expect(rowsLoaded.filter((rows) => !(rows <= 30))).toEqual([]);
    expect(progress.at(-1)).toBe(1);
  });

  it("reads heads wider than a response allows in blocks, each under the limit, none lost", async () => {
    const wide: SheetData = {
      name: "Wide",
      values: Array.from({ length: 30 }, (_, r) => Array.from({ length: 2_000 }, (_, c) => `r${r}c${c}`)),
      origin: { row: 2, col: 1 },
    };
    const fake = new FakeExcel({ responseLimitBytes: 400_000 }).seed([wide, ...sampleSheets()]);
    const heads = await workbookOn(fake).readSheetHeads(20);
    expect(heads[0]).toEqual(sheetHead(wide, 20));
    expect(fake.syncCount).toBeGreaterThan(3);
    expect(fake.syncs.at(-1)?.responseBytes).toBeLessThanOrEqual(400_000);
  });

  it("reads exactly the sheets named, whole, in two round trips, never a sheet not asked for", async () => {
    const fake = new FakeExcel().seed(budgetingWorkbook(1_000, 2));
    const read = await workbookOn(fake).readSheets(["budget 2", "Ledger"]);
    expect(read.map((sheet) => [sheet.name, sheet.values.length])).toEqual([
      ["Budget 2", 43],
      ["Ledger", 1_001],
    ]);
    expect(fake.syncCount).toBe(2);
    expect(fake.log.filter((action) => /worksheets\[(Budget 1|KPIs)\]/.test(action))).toEqual([]);
  });
});

describe("the plan's mapping in a custom XML part", () => {
  const mapping = '{"version":1,"parts":{"KPIs":{"sheet":"Scorecard <old> & new"}}}';

  it("is kept in one part of the add-in's namespace, replaced in place on a rerun, in two round trips each", async () => {
    const fake = new FakeExcel().seed(sampleSheets());
    const workbook = workbookOn(fake);
    await workbook.writeMapping(mapping);
    expect(fake.syncCount).toBe(2);
    expect(fake.customXmlParts.map((part) => [part.namespaceUri, readMappingXml(part.xml)])).toEqual([[MAPPING_NAMESPACE, mapping]]);
    const { id } = fake.customXmlParts[0];
    fake.resetCounters();
    await workbook.writeMapping('{"version":1,"parts":{}}');
    expect(fake.customXmlParts.map((part) => part.id)).toEqual([id]);
    expect(fake.log.filter((action) => action.endsWith("()"))).toEqual([
      `customXmlParts.getByNamespace(${MAPPING_NAMESPACE})[${id}].setXml()`,
    ]);
    fake.resetCounters();
    expect(await workbook.readMapping()).toBe('{"version":1,"parts":{}}');
    expect(fake.syncCount).toBe(2);
  });

  it("reads the part as Excel may hand it back, and leaves another add-in's parts alone", async () => {
    const fake = new FakeExcel().seed(sampleSheets());
    const foreign = fake.addCustomXmlPart('<Reviewers xmlns="http://schemas.contoso.com/review/1.0"><Reviewer>Juan</Reviewer></Reviewers>');
    fake.addCustomXmlPart(
      `<?xml version="1.0" encoding="utf-16"?><m:planMapping xmlns:m="${MAPPING_NAMESPACE}">${mapping.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</m:planMapping>`,
    );
    const workbook = workbookOn(fake);
    expect(await workbook.readMapping()).toBe(mapping);
    await workbook.writeMapping(undefined);
    expect(fake.customXmlParts).toEqual([foreign]);
    expect(await workbook.readMapping()).toBeUndefined();
  });

  it("keeps one part when another copy of the add-in left a second", async () => {
    const fake = new FakeExcel();
    fake.addCustomXmlPart(mappingXml("first"));
    fake.addCustomXmlPart(mappingXml("second"));
    await workbookOn(fake).writeMapping(mapping);
    expect(fake.customXmlParts.map((part) => readMappingXml(part.xml))).toEqual([mapping]);
  });

  it("refuses a mapping an XML part cannot hold before sending anything", async () => {
    const fake = new FakeExcel();
    await expect(workbookOn(fake).writeMapping("\u0001")).rejects.toBeInstanceOf(MappingXmlError);
    expect(fake.syncCount).toBe(0);
  });

  it("says plainly when its own part holds something else than the mapping's text", async () => {
    const fake = new FakeExcel();
    fake.addCustomXmlPart(`<planMapping xmlns="${MAPPING_NAMESPACE}"><parts/></planMapping>`);
    await expect(workbookOn(fake).readMapping()).rejects.toThrow(
      "The plan's mapping kept in this workbook cannot be read: the element planMapping holds other markup than its text. Map the plan again to replace it.",
    );
  });
});

describe("writing the report", () => {
  const plan = sampleSheets();
  const layout = buildReportLayout(analyzeSheets(plan), { runAt: RUN_AT });

  async function viaXlsx(report: ReportLayout): Promise<ExcelJS.Worksheet> {
    const file = await blankWorkbook(dir);
    await file.writeReport(report);
    const target = path.join(dir, `report-${Date.now()}.xlsx`);
    await file.save(target);
    const worksheet = (await readBack(target)).getWorksheet(report.sheetName);
    if (!worksheet) throw new Error("no sheet in the .xlsx");
    return worksheet;
  }

  it("writes cell for cell what the .xlsx writer writes, with its number formats", async () => {
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(layout);
    const sheet = reportSheet(fake, layout);
    const worksheet = await viaXlsx(layout);

    const expected = new Map<string, unknown>();
    const formats = new Map<string, string>();
    worksheet.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        // Excel keeps no empty text ("" leaves a cell blank), and exceljs reads a number in a
        // date format back as a Date: compare the serial number Excel holds.
        if (cell.value === "") return;
        const value = cell.value instanceof Date ? cell.value.getTime() / 86_400_000 + 25_569 : cell.value;
        expected.set(cellAddress(r - 1, c - 1), typeof value === "number" ? round(value) : value);
        if (cell.numFmt) formats.set(cellAddress(r - 1, c - 1), cell.numFmt);
      }),
    );
    const actual = new Map(
      sheet
        .filledCells()
        .map(({ row, col, cell }) => [cellAddress(row, col), typeof cell.value === "number" ? round(cell.value) : cell.value]),
    );
    expect(actual.size).toBeGreaterThan(100);
    expect(actual).toEqual(expected);
    expect(sheet.filledCells().filter(({ cell }) => cell.formula !== undefined)).toEqual([]);

    for (const [address, value] of expected) {
      const format = sheet.at(address)?.numberFormat;
      // Text is stored as text whatever the layout's format; numbers keep exactly the .xlsx one.
      if (typeof value === "string") expect([address, format]).toEqual([address, "@"]);
      else expect([address, format]).toEqual([address, formats.get(address)]);
    }
    expect(sheet.at("B3")?.numberFormat).toBe(NUMBER_FORMATS.percent);
    expect(sheet.at("B4")?.numberFormat).toBe(NUMBER_FORMATS.datetime);
    expect(sheet.at("A2")?.value).toBe(OWNER_MARKER);
  });

  it("makes each section an Excel table like the .xlsx writer, with widths, fonts and tab colour", async () => {
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(layout);
    const sheet = reportSheet(fake, layout);
    const worksheet = await viaXlsx(layout);
    const xlsxTables = (worksheet.getTables() as unknown as { table: { name: string; tableRef: string } }[]).map((t) => [
      t.table.name,
      t.table.tableRef,
    ]);
    const tables = fake.tablesOn(sheet);
    expect(
      tables.map((t) => [t.name, `${cellAddress(t.bounds.top, t.bounds.left)}:${cellAddress(t.bounds.bottom, t.bounds.right)}`]),
    ).toEqual(xlsxTables);
    expect(tables.map((t) => t.style)).toEqual(layout.tables.map(() => "TableStyleMedium2"));
    layout.columnWidths.forEach((width, col) => expect(sheet.columnWidths.get(col)).toBe(widthInPoints(width)));
    expect(sheet.at("A1")?.font).toEqual({ bold: true, size: 14 });
    expect(sheet.at("A2")?.font).toEqual({ italic: true, color: "#595959" });
    expect(sheet.tabColor).toBe("#0F6CBD");
  });

  it("colours every status column with one cell-value rule per status", async () => {
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(layout);
    const sheet = reportSheet(fake, layout);
    const expected = layout.tables.flatMap((t) =>
      t.statusColumns.flatMap((c) =>
        layout.statusRules.map((rule) => ({
          type: "CellValue",
          address: bodyAddress(t, c),
          fill: `#${rule.fill}`,
          font: `#${rule.font}`,
          rule: { formula1: `="${rule.text}"`, operator: "EqualTo" },
        })),
      ),
    );
    expect(sheet.conditionalFormats.filter((cf) => cf.type === "CellValue")).toEqual(expected);
  });

  it("draws the bridge's coverage as data bars from 0 to 100%, where the .xlsx writer draws them", async () => {
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(layout);
    const bars = reportSheet(fake, layout).conditionalFormats.filter((cf) => cf.type === "DataBar");
    const bridge = table(layout, REPORT_TABLE_NAMES.bridge);
    const coverage = columnIndex(BRIDGE_TABLE, "coverage");
    expect(bars).toEqual([
      {
        type: "DataBar",
        address: bodyAddress(bridge, coverage),
        lowerBound: { type: "Number", formula: "0" },
        upperBound: { type: "Number", formula: "1" },
        barColor: "#638EC6",
      },
    ]);
    const written = (
      (await viaXlsx(layout)) as unknown as {
        conditionalFormattings: { ref: string; rules: { type: string; cfvo?: { value?: number }[]; color?: { argb?: string } }[] }[];
      }
    ).conditionalFormattings.filter((cf) => cf.rules.some((r) => r.type === "dataBar"));
    expect(written.map((cf) => [cf.ref, cf.rules[0].cfvo?.map((v) => v.value), cf.rules[0].color?.argb])).toEqual([
      [bars[0].address.replace(/^.*!/, "").replace(/\$/g, ""), [0, 1], "FF638EC6"],
    ]);
  });

  it("adds a chart of budget share against weight per bet, right of the header block", async () => {
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(layout);
    const sheet = reportSheet(fake, layout);
    const alignment = table(layout, REPORT_TABLE_NAMES.alignment);
    const col = (key: "betId" | "weight" | "budgetShare") => columnIndex(ALIGNMENT_TABLE, key);
    expect(sheet.charts).toEqual([
      {
        type: "ColumnClustered",
        source: bodyAddress(alignment, col("weight")),
        title: "Budget share vs weight by bet",
        legend: "Bottom",
        start: "D1",
        end: "J9",
        series: [
          {
            name: "Weight",
            values: bodyAddress(alignment, col("weight")),
            xValues: bodyAddress(alignment, col("betId")),
            color: "#0F6CBD",
          },
          {
            name: "Budget share",
            values: bodyAddress(alignment, col("budgetShare")),
            xValues: bodyAddress(alignment, col("betId")),
            color: "#8A8886",
          },
        ],
      },
    ]);
    // The chart covers D1:J9; the header block is A1:B8 and the first section starts on row 10.
    expect(Math.max(...layout.cells.filter((c) => c.row < 9).map((c) => c.col))).toBe(1);
    expect(Math.min(...layout.tables.map((t) => t.row))).toBe(10);
  });

  it("draws the history's score as a line chart, coloured by its line", async () => {
    const fake = new FakeExcel().seed(plan);
    const result = analyzeSheets(plan);
    const history = appendHistory(EMPTY_HISTORY, snapshotRows(result, new Date(2026, 10, 20, 9, 30), "f"));
    const historyLayout = buildHistoryLayout(appendHistory(history, snapshotRows(result, new Date(2026, 11, 18, 9, 30), "f")));
    await workbookOn(fake).writeReport(historyLayout);
    const sheet = fake.sheets.find((s) => s.name === HISTORY_SHEET_NAME);
    const runs = table(historyLayout, HISTORY_TABLE_NAMES.runs);
    expect(sheet?.charts).toEqual([
      {
        type: "Line",
        source: bodyAddress(runs, columnIndex(HISTORY_RUNS_TABLE, "score")),
        title: "Alignment score by run",
        legend: "Bottom",
        start: "A4",
        end: "I19",
        series: [
          {
            name: "Score",
            values: bodyAddress(runs, columnIndex(HISTORY_RUNS_TABLE, "score")),
            xValues: bodyAddress(runs, columnIndex(HISTORY_RUNS_TABLE, "runAt")),
            lineColor: "#0F6CBD",
          },
        ],
      },
    ]);
  });

  it("suspends calculation and screen updating in every request that writes, in one write request for the sample", async () => {
    const fake = new FakeExcel().seed(plan);
    const progress: number[] = [];
    await workbookOn(fake).writeReport(layout, (f) => progress.push(f));
    // Names, tables and protection; the tables' sheets (and an old report's marker); the write.
    expect(fake.syncCount).toBe(3);
    const writes = writingSyncs(fake);
    expect(writes).toHaveLength(1);
    for (const sync of writes) expect([sync.suspendedCalculation, sync.suspendedScreenUpdating]).toEqual([true, true]);
    expect(fake.syncs[0].writes).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it("writes a report of 60,000 findings in several requests, each under the budget", async () => {
    const result = analyzeSheets(plan);
    const findings: Finding[] = Array.from({ length: 60_000 }, (_, i) => ({
      severity: (["error", "warning", "info"] as const)[i % 3],
      rule: "MISSING_VALUE",
      sheet: "Initiatives",
      cell: `D${i + 4}`,
      itemId: `I${i + 1}`,
      message: `Initiative I${i + 1} names no strategic bet: add its Bet IDs (for example B1) so its budget counts for a bet – or drop it.`,
    }));
    const big: AnalysisResult = { ...result, findings };
    const bigLayout = buildReportLayout(big, { runAt: RUN_AT });
    const fake = new FakeExcel().seed(plan);
    const progress: number[] = [];
    await workbookOn(fake).writeReport(bigLayout, (f) => progress.push(f));

    const writes = writingSyncs(fake);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const sync of fake.syncs) expect(sync.requestBytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    for (const sync of writes) expect([sync.suspendedCalculation, sync.suspendedScreenUpdating]).toEqual([true, true]);
    expect(fake.largestRequestBytes).toBeGreaterThan(MAX_REQUEST_BYTES / 2);

    const findingsTable = table(bigLayout, REPORT_TABLE_NAMES.findings);
    const chunks = findingChunks(fake, findingsTable);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(chunks.length).toBeGreaterThanOrEqual(3);

    const sheet = reportSheet(fake, bigLayout);
    const lastRow = findingsTable.row + findingsTable.rows.length;
    expect(sheet.cell(lastRow, 4)?.value).toBe("I60000");
    expect(sheet.cell(findingsTable.row + 1, 5)?.value).toBe(findings[0].message);
    const written = fake.tablesOn(sheet).find((t) => t.name === REPORT_TABLE_NAMES.findings);
    expect(written?.bounds).toEqual({ top: findingsTable.row, left: 0, bottom: lastRow, right: 5 });
    expect(progress.length).toBeGreaterThanOrEqual(writes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("refuses a sheet of that name it did not write, changing nothing", async () => {
    const fake = new FakeExcel().seed([
      ...plan,
      { name: "cvm gap analysis", values: [["My own notes"], ["keep me"]], origin: { row: 0, col: 0 } },
    ]);
    const before = JSON.stringify(fake.sheets.map((s) => [s.name, s.rows]));
    await expect(workbookOn(fake).writeReport(layout)).rejects.toBeInstanceOf(ForeignSheetError);
    expect(JSON.stringify(fake.sheets.map((s) => [s.name, s.rows]))).toBe(before);
    expect(writingSyncs(fake)).toEqual([]);
    expect(fake.syncCount).toBe(2);
    expect(fake.log.filter((l) => l.includes("suspend"))).toEqual([]);
  });

  it("reads what every sheet of a write needs in two round trips and queues no change when the second sheet is refused", async () => {
    const result = analyzeSheets(plan);
    const historyLayout = buildHistoryLayout(snapshotRows(result, RUN_AT, "f"));
    // The report is the add-in's own from an earlier run; another sheet holds a table named like the history's.
    const earlier: SheetData = { name: layout.sheetName, values: [[layout.sheetName], [OWNER_MARKER]], origin: { row: 0, col: 0 } };
    const mine: SheetData = {
      name: "Mine",
      values: [["A"], [1]],
      origin: { row: 0, col: 0 },
      tables: [{ name: HISTORY_TABLE_NAMES.detail, range: "A1:A2" }],
    };
    const fake = new FakeExcel().seed([...plan, earlier, mine]);
    const before = JSON.stringify(fake.sheets.map((s) => [s.name, s.rows, s.charts, s.conditionalFormats]));
    await expect(workbookOn(fake).writeSheets([layout, historyLayout])).rejects.toThrow(
      `the sheet "Mine" already has a table named "${HISTORY_TABLE_NAMES.detail}"`,
    );
    expect(fake.syncCount).toBe(2);
    expect(writingSyncs(fake)).toEqual([]);
    // Only loads were queued: no sheet added or deleted, no range, table or format touched.
    expect(fake.log.filter((l) => l !== "sync" && !l.includes(".load("))).toEqual([]);
    expect(JSON.stringify(fake.sheets.map((s) => [s.name, s.rows, s.charts, s.conditionalFormats]))).toBe(before);
    expect(fake.tables.map((t) => t.name)).toEqual([
      ...plan.flatMap((s) => (s.tables ?? []).map((t) => t.name)),
      HISTORY_TABLE_NAMES.detail,
    ]);
  });

  it("writes the report and the history in one batch of requests, the history after the report", async () => {
    const result = analyzeSheets(plan);
    const historyLayout = buildHistoryLayout(snapshotRows(result, RUN_AT, "f"));
    const fake = new FakeExcel().seed(plan);
    const progress: number[] = [];
    await workbookOn(fake).writeSheets([layout, historyLayout], (done) => progress.push(done));
    expect(fake.sheetNames).toEqual([...plan.map((s) => s.name), layout.sheetName, HISTORY_SHEET_NAME]);
    expect(fake.tablesOn(fake.sheet(HISTORY_SHEET_NAME) as FakeSheet).map((t) => t.name)).toEqual([
      HISTORY_TABLE_NAMES.runs,
      HISTORY_TABLE_NAMES.detail,
    ]);
    // Two reads for the checks, then the writes of both sheets share requests (the sample's fit in one).
    expect(fake.syncCount).toBe(3);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("refuses before writing when another sheet has a table with a report table's name", async () => {
    const fake = new FakeExcel().seed([
      ...plan,
      { name: "Mine", values: [["A"], [1]], origin: { row: 0, col: 0 }, tables: [{ name: "CVM_Findings", range: "A1:A2" }] },
    ]);
    await expect(workbookOn(fake).writeReport(layout)).rejects.toThrow(/table named "CVM_Findings"/);
    expect(writingSyncs(fake)).toEqual([]);
    expect(fake.sheet(layout.sheetName)).toBeUndefined();
  });

  it("replaces its own sheet on a rerun, at the same position, leaving nothing of the old one", async () => {
    const fake = new FakeExcel().seed(plan);
    const book = workbookOn(fake);
    await book.writeReport(layout);
    const first = reportSheet(fake, layout);
    fake.sheets.splice(fake.sheets.indexOf(first), 1);
    fake.sheets.splice(2, 0, first);
    first.ensure(199, 25).value = "left over";
    const names = fake.sheetNames;

    fake.resetCounters();
    const later = buildReportLayout(analyzeSheets(plan), { runAt: new Date(2026, 1, 1, 8, 0, 0) });
    await book.writeReport(later);
    const second = reportSheet(fake, later);
    expect(second).not.toBe(first);
    expect(fake.sheetNames).toEqual(names);
    expect(fake.sheets.indexOf(second)).toBe(2);
    expect(second.cell(199, 25)).toBeUndefined();
    expect(second.at("B4")?.value).toBeCloseTo(46054.333333, 5);
    expect(fake.tablesOn(second).map((t) => t.name)).toEqual(later.tables.map((t) => t.name));
    expect(fake.tables.filter((t) => t.name.startsWith("CVM_"))).toHaveLength(later.tables.length);
    expect(fake.syncCount).toBe(3);
  });

  it("replaces its own sheet when it is the only sheet of the workbook", async () => {
    const fake = new FakeExcel().seed([
      { name: "CVM Gap Analysis", values: [["CVM Gap Analysis"], [OWNER_MARKER]], origin: { row: 0, col: 0 } },
    ]);
    await workbookOn(fake).writeReport(layout);
    expect(fake.sheetNames).toEqual(["CVM Gap Analysis"]);
    expect(reportSheet(fake, layout).filledCells().length).toBeGreaterThan(100);
  });

  it("stores formula-like text as text, never as a formula", async () => {
    const result = analyzeSheets(plan);
    const tricky = ["=1+1", "+x", "-x", "@x", "2026", '=HYPERLINK("http://example.com")'];
    const findings: Finding[] = [
      { severity: "error", rule: "MISSING_VALUE", sheet: tricky[0], cell: tricky[1], itemId: tricky[2], message: tricky[3] },
    ];
    const kpis = result.kpis.map((k, i) => (i === 0 ? { ...k, kpiId: tricky[4], name: tricky[5] } : k));
    const trickyLayout = buildReportLayout({ ...result, findings, kpis }, { runAt: RUN_AT });
    const fake = new FakeExcel().seed(plan);
    await workbookOn(fake).writeReport(trickyLayout);
    const sheet = reportSheet(fake, trickyLayout);
    const f = table(trickyLayout, REPORT_TABLE_NAMES.findings);
    for (let c = 2; c <= 5; c++) expect(sheet.cell(f.row + 1, c)).toMatchObject({ value: tricky[c - 2], numberFormat: "@" });
    const k = table(trickyLayout, REPORT_TABLE_NAMES.kpis);
    expect(sheet.cell(k.row + 1, 0)).toMatchObject({ value: "2026", numberFormat: "@" });
    expect(sheet.cell(k.row + 1, 1)).toMatchObject({ value: tricky[5], numberFormat: "@" });
    expect(sheet.filledCells().filter(({ cell }) => cell.formula !== undefined)).toEqual([]);
    // The "@" format is queued before the value, in the same request.
    const sync = fake.syncs.find((s) => s.actions.some((a) => a.endsWith(".values=")));
    const firstFormat = sync?.actions.findIndex((a) => a.endsWith(".numberFormat="));
    const firstValues = sync?.actions.findIndex((a) => a.endsWith(".values="));
    expect(firstFormat).toBeLessThan(firstValues ?? -1);
  });

  it("would turn such text into formulas without the text format: the fake checks it", async () => {
    const fake = new FakeExcel().seed([{ name: "S", values: [["x"]], origin: { row: 0, col: 0 } }]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:E1");
      range.values = [["=1+1", "+x", "-x", "@x", "12"]];
      await context.sync();
    });
    const sheet = fake.sheet("S");
    expect(["A1", "B1", "C1", "D1"].map((a) => sheet?.at(a)?.formula)).toEqual(["=1+1", "=+x", "=-x", "=@x"]);
    expect(sheet?.at("E1")?.value).toBe(12);
  });
});

function findingChunks(fake: FakeExcel, t: OutTable): number[] {
  const chunks: number[] = [];
  const pattern = /getRangeByIndexes\((\d+),(\d+),(\d+),(\d+)\)\.values=$/;
  for (const label of fake.log) {
    const match = pattern.exec(label);
    if (!match) continue;
    const [row, , rows, cols] = match.slice(1).map(Number);
    if (row > t.row && row <= t.row + t.rows.length && cols === t.columns.length) chunks.push(rows);
  }
  return chunks;
}

describe("selecting a cell", () => {
  it("activates the sheet and selects the cell in one round trip", async () => {
    const fake = new FakeExcel().seed(sampleSheets());
    await workbookOn(fake).selectCell("KPIs", "C5");
    expect(fake.syncCount).toBe(1);
    expect(fake.activeSheet?.name).toBe("KPIs");
    expect(fake.selection).toEqual({ sheet: "KPIs", address: "C5" });
  });

  it("fails with Excel's error when the sheet is gone", async () => {
    const fake = new FakeExcel().seed(sampleSheets());
    await expect(workbookOn(fake).selectCell("Nope", "A1")).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});

describe("inserting the template", () => {
  const existing: SheetData[] = [
    {
      name: "Strategic Bets",
      values: [
        ["Bet ID", "Strategic Bet"],
        ["X1", "Mine"],
      ],
      origin: { row: 0, col: 0 },
    },
    { name: "KPIs", values: [["KPI ID"], ["K9"]], origin: { row: 1, col: 1 } },
    { name: "Other", values: [["A"], [1]], origin: { row: 0, col: 0 }, tables: [{ name: "Personas", range: "A1:A2" }] },
  ];

  it("creates only the missing sheets as tables, in two round trips, and leaves the others alone", async () => {
    const fake = new FakeExcel().seed(existing);
    const before = JSON.stringify(fake.sheets.map((s) => s.rows));
    const outcome = await workbookOn(fake).insertTemplate();
    const missing = TEMPLATE.filter((t) => t.key !== "bets" && t.key !== "kpis");
    expect(outcome).toEqual({ created: missing.map((t) => t.sheetName), skipped: ["Strategic Bets", "KPIs"] });
    expect(fake.syncCount).toBe(2);
    expect(JSON.stringify(fake.sheets.slice(0, 3).map((s) => s.rows))).toBe(before);
    expect(fake.sheetNames).toEqual(["Strategic Bets", "KPIs", "Other", ...missing.map((t) => t.sheetName)]);
    for (const sync of writingSyncs(fake)) expect([sync.suspendedCalculation, sync.suspendedScreenUpdating]).toEqual([true, true]);

    for (const template of missing) {
      const sheet = fake.sheet(template.sheetName);
      if (!sheet) throw new Error(`no ${template.sheetName}`);
      const [t] = fake.tablesOn(sheet);
      // A table called Personas already exists on "Other", so the new one gets the next free name.
      expect(t.name).toBe(template.key === "personas" ? "Personas2" : template.tableName);
      expect(t.style).toBe("TableStyleMedium2");
      expect(t.bounds).toEqual({ top: 0, left: 0, bottom: template.rows.length, right: template.header.length - 1 });
      const rows = [template.header, ...template.rows];
      const read = rows.map((row, r) => row.map((_, c) => sheet.cell(r, c)?.value ?? null));
      expect(read).toEqual(rows.map((row) => row.map((v) => (v === "" ? null : v))));
      expect([...sheet.autofitColumns].sort((a, b) => a - b)).toEqual(template.header.map((_, i) => i));
    }
    expect(fake.sheets.flatMap((s) => s.filledCells()).filter(({ cell }) => cell.formula !== undefined)).toEqual([]);
    expect(fake.sheet("Initiatives")?.at("J2")).toMatchObject({ value: "+30k households", numberFormat: "@" });
  });

  it("creates nothing on a second run, in one round trip", async () => {
    const fake = new FakeExcel().seed(existing);
    const book = workbookOn(fake);
    await book.insertTemplate();
    fake.resetCounters();
    const again = await book.insertTemplate();
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(TEMPLATE.length);
    expect(fake.syncCount).toBe(1);
  });

  it("gives a plan the engine can read", async () => {
    const fake = new FakeExcel();
    await workbookOn(fake).insertTemplate();
    const result = analyzeSheets(await workbookOn(fake).readSheets());
    expect(result.bets.map((b) => b.betId)).toEqual(["B1", "B2"]);
    expect(result.kpis).toHaveLength(2);
  });
});

describe("settings", () => {
  it("round-trips through the document settings", async () => {
    const settings = new FakeSettings();
    await workbookOn(new FakeExcel(), settings).saveSettings({ tolerance: 0.15, allocationThreshold: 0.05 });
    expect(settings.saveCount).toBe(1);
    expect(await workbookOn(new FakeExcel(), settings.reopen()).loadSettings()).toEqual({ tolerance: 0.15, allocationThreshold: 0.05 });
  });

  it("ignores stored values that are not shares", async () => {
    const cases: [Record<string, unknown>, object][] = [
      [{}, {}],
      [{ [SETTING_KEYS.tolerance]: "0.2", [SETTING_KEYS.allocationThreshold]: -1 }, {}],
      [{ [SETTING_KEYS.tolerance]: 7, [SETTING_KEYS.allocationThreshold]: null }, {}],
      [{ [SETTING_KEYS.tolerance]: 0.2, [SETTING_KEYS.allocationThreshold]: { value: 0.1 } }, { tolerance: 0.2 }],
      [{ [SETTING_KEYS.allocationThreshold]: 0 }, { allocationThreshold: 0 }],
      // 100%, which no part of the add-in accepts as a share (src/domain/common/share.ts).
      [{ [SETTING_KEYS.tolerance]: 1, [SETTING_KEYS.allocationThreshold]: 0.99 }, { allocationThreshold: 0.99 }],
    ];
    for (const [stored, expected] of cases) {
      expect(await workbookOn(new FakeExcel(), new FakeSettings(stored)).loadSettings()).toEqual(expected);
    }
  });
});

describe("the what-if scenario in the document settings", () => {
  const scenario: Scenario = { version: 1, initiatives: [{ id: "I16", active: false }], bets: [{ id: "B3", weight: 0.3 }], impacts: [] };

  it("is saved with the workbook and found again when the pane opens it next", async () => {
    const settings = new FakeSettings();
    await workbookOn(new FakeExcel(), settings).saveScenario(scenario);
    expect(settings.saveCount).toBe(1);
    expect(await workbookOn(new FakeExcel(), settings.reopen()).loadScenario()).toEqual(scenario);
  });

  it("is removed by a reset, in the file too, rather than left as null", async () => {
    const settings = new FakeSettings({ [SETTING_KEYS.scenario]: scenario });
    await workbookOn(new FakeExcel(), settings).saveScenario(undefined);
    const reopened = settings.reopen();
    expect(await workbookOn(new FakeExcel(), reopened).loadScenario()).toBeUndefined();
    expect(reopened.get(SETTING_KEYS.scenario)).toBeNull();
  });

  it("is undefined in a workbook that has none", async () => {
    expect(await workbookOn(new FakeExcel(), new FakeSettings()).loadScenario()).toBeUndefined();
  });
});

describe("the adapter outside Excel and the fake's honesty", () => {
  it("can be constructed without Office, as the task pane does inside Excel", () => {
    expect(() => new OfficeWorkbook()).not.toThrow();
  });

  it("throws when a property is read before it was loaded and synced, as Office does", async () => {
    const fake = new FakeExcel().seed([{ name: "S", values: [["a"]], origin: { row: 0, col: 0 } }]);
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrow(FakeOfficeError);
      sheets.load("items/name");
      expect(() => sheets.items).toThrow(/call the load method/);
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["S"]);
      const range = sheets.items[0].getRange("A1");
      range.values = [["b"]];
      expect(() => range.values).toThrow(/not available/);
      expect(() => range.address).toThrow(/not available/);
    });
    expect(fake.sheet("S")?.at("A1")?.value).toBe("b");
    expect(fake.syncCount).toBe(2);
  });

  it("refuses a request over the payload limit", async () => {
    const fake = new FakeExcel({ requestLimitBytes: 1_000 }).seed([{ name: "S", values: [], origin: { row: 0, col: 0 } }]);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [["x".repeat(2_000)]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.sheet("S")?.at("A1")).toBeUndefined();
  });
});
