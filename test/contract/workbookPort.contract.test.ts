/**
 * One suite, run unchanged over the four workbook adapters: the .xlsx file (command line), the
 * Office.js adapter on the recording fake of Excel (task pane), the in-memory preview, and the
 * .xlsx bytes of a file picked in the browser preview. Each must read the same plan to the same
 * analysis, the same sheets by name and the same first rows of every sheet, keep the same mapping,
 * and write the same report under the same rules (src/domain/sheets/ownership.ts), refusing the
 * same things and changing nothing when it refuses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { cellAddress, parseRangeAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { parsePlan } from "../../src/domain/plan/parse";
import { excelSerial } from "../../src/domain/sheets/layoutParts";
import { buildReportLayout, REPORT_TABLE_NAMES } from "../../src/domain/sheets/report";
import { baselineFromReport, baselineOf, sinceLast } from "../../src/domain/review/review";
import { changeLines, CHANGES_TABLE, reviewSection } from "../../src/domain/review/reviewReport";
import { buildHistoryLayout, snapshotRows } from "../../src/domain/review/history";
import { HISTORY_DETAIL_TABLE, HISTORY_RUNS_TABLE } from "../../src/domain/review/historyTables";
import {
  ALIGNMENT_TABLE,
  BRIDGE_TABLE,
  FINDINGS_TABLE,
  HANDSHAKES_TABLE,
  handshakeLines,
  KPI_GAPS_TABLE,
} from "../../src/domain/sheets/reportTables";
import { readTable, recordOf, type TableRecord, type TableSchema } from "../../src/domain/sheets/tableSchema";
import {
  buildScenarioLayout,
  findingChanges,
  SCENARIO_BETS_TABLE,
  SCENARIO_CHANGES_TABLE,
  SCENARIO_FINDINGS_TABLE,
  SCENARIO_KPIS_TABLE,
} from "../../src/domain/whatIf/scenarioReport";
import { whatIf } from "../../src/domain/whatIf/whatIf";
import type { OutValue, ReportLayout } from "../../src/domain/sheets/reportLayout";
import { EXCEL_ROWS } from "../../src/domain/sheets/sheetGrid";
import {
  BadReportNameError,
  ForeignSheetError,
  ProtectedWorkbookError,
  SheetTooLargeError,
  TableNameClashError,
} from "../../src/domain/common/stopErrors";
import { OfficeWorkbook } from "../../src/adapters/office/officeWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import type { WorkbookPort } from "../../src/adapters/port";
import { readReviewState, writeReviewedReport } from "../../src/useCases/reviewCycle";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { BrowserWorkbook } from "../../src/adapters/browser/browserWorkbook";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { FakeExcel, FakeSettings } from "../../testkit/fakeExcel";
import { nextCycle } from "../../testkit/nextCycle";
import { everySheet, tempDir, writeSheetData } from "../../testkit/xlsx";

const dir = tempDir("cvm-gap-contract-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Subject {
  readonly port: WorkbookPort;
  /** Every sheet as the adapter's workbook now holds it (after a save, for a file). */
  reread(): Promise<SheetData[]>;
  /**
   * Everything the workbook holds, to compare before and after a refused write: the file's bytes;
   * the fake Excel's sheets, tables, formats and charts and every write action it was sent; the
   * sheets in memory.
   */
  state(): Promise<unknown>;
}

interface Driver {
  create(sheets: readonly SheetData[], options?: { structureProtected?: boolean }): Promise<Subject>;
}

/** The sheets as a real .xlsx file, written by exceljs (another tool than the adapter under test). */
function writeFile(sheets: readonly SheetData[], options: { structureProtected?: boolean }): Promise<string> {
  return writeSheetData(path.join(dir, `plan-${Math.random().toString(36).slice(2)}.xlsx`), sheets, options);
}

const xlsxDriver: Driver = {
  async create(sheets, options = {}) {
    const file = await writeFile(sheets, options);
    let workbook = await openXlsx(file);
    let written = false;
    // As a run does: a new run opens the file as the last one saved it.
    const fresh = async () => {
      if (written) workbook = await openXlsx(file);
      written = false;
      return workbook;
    };
    const port: WorkbookPort = {
      readSheets: async (names, onProgress) => (await fresh()).readSheets(names, onProgress),
      readSheetHeads: async (rows, onProgress) => (await fresh()).readSheetHeads(rows, onProgress),
      readMapping: async () => (await fresh()).readMapping(),
      readOwnedSheets: async (names) => (await fresh()).readOwnedSheets(names),
      writeSheets: async (layouts) => {
        await workbook.writeSheets(layouts);
        await workbook.save(file);
        written = true;
      },
      writeMapping: async (json) => {
        await workbook.writeMapping(json);
        await workbook.save(file);
        written = true;
      },
    };
    return {
      port,
      reread: async () => {
        if (written) workbook = await openXlsx(file);
        return everySheet(workbook);
      },
      state: async () => fs.readFileSync(file),
    };
  },
};

/** What Office.js gives back for a cell the fake holds: the engine's CellValue. */
function fakeValue(value: unknown): CellValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
}

const officeDriver: Driver = {
  async create(sheets, options = {}) {
    const fake = new FakeExcel().seed(sheets);
    fake.structureProtected = options.structureProtected ?? false;
    const port = new OfficeWorkbook({ run: fake.run, settings: new FakeSettings() });
    return {
      port,
      reread: async () =>
        fake.sheets.map((sheet) => {
          const values: CellValue[][] = [];
          for (const { row, col, cell } of sheet.filledCells()) {
            while (values.length <= row) values.push([]);
            while (values[row].length < col) values[row].push(null);
            values[row][col] = fakeValue(cell.value);
          }
          return {
            name: sheet.name,
            values,
            origin: { row: 0, col: 0 },
            tables: fake.tablesOn(sheet).map((t) => ({
              name: t.name,
              range: `${cellAddress(t.bounds.top, t.bounds.left)}:${cellAddress(t.bounds.bottom, t.bounds.right)}`,
            })),
          };
        }),
      state: async () => ({
        sheets: fake.sheets.map((sheet) => ({
          name: sheet.name,
          rows: structuredClone(sheet.rows),
          formats: structuredClone(sheet.conditionalFormats),
          charts: structuredClone(sheet.charts),
          widths: [...sheet.columnWidths],
          tab: sheet.tabColor,
        })),
        tables: fake.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, bounds: t.bounds, style: t.style })),
        writesSent: fake.syncs.reduce((sum, sync) => sum + sync.writes, 0),
      }),
    };
  },
};

const memoryDriver: Driver = {
  async create(sheets, options = {}) {
    const workbook = new MemoryWorkbook(sheets, options.structureProtected);
    const reread = async () => workbook.sheetNames.map((name) => workbook.sheet(name) as SheetData);
    return { port: workbook, reread, state: async () => structuredClone(await reread()) };
  },
};

/** The browser preview's workbook: the file's bytes picked, each write handed back as a new package to download. */
const browserDriver: Driver = {
  async create(sheets, options = {}) {
    let bytes: Uint8Array = new Uint8Array(fs.readFileSync(await writeFile(sheets, options)));
    const port = await BrowserWorkbook.open("plan.xlsx", bytes, (written) => (bytes = written.bytes));
    return {
      port,
      reread: async () => everySheet(await openXlsxBytes(bytes, "the download")),
      state: async () => Buffer.from(bytes),
    };
  },
};

const DRIVERS: readonly [string, Driver][] = [
  [".xlsx file (command line)", xlsxDriver],
  ["Office.js on the fake of Excel (task pane)", officeDriver],
  ["in memory (preview)", memoryDriver],
  [".xlsx bytes in the browser (preview of a picked file)", browserDriver],
];

const RUN_AT = new Date(2026, 0, 15, 9, 30, 0);
const plan = sampleSheets();
const reference = analyzeSheets(plan);
const layout = buildReportLayout(reference, { runAt: RUN_AT });
const scenarioLayout = buildScenarioLayout(
  whatIf(parsePlan(plan), { version: 1, initiatives: [{ id: "I16", active: false }], bets: [{ id: "B3", weight: 0.3 }], impacts: [] }),
  { runAt: RUN_AT },
);

/** The value of an A1 cell of a sheet read back. */
function at(sheet: SheetData | undefined, address: string): CellValue | undefined {
  const bounds = parseRangeAddress(address);
  if (!sheet || !bounds) return undefined;
  return sheet.values[bounds.top - sheet.origin.row]?.[bounds.left - sheet.origin.col] ?? null;
}

function foreignReport(values: CellValue[][]): SheetData {
  return { name: "CVM Gap Analysis", values, origin: { row: 0, col: 0 } };
}

/** The text a cell shows as a comparable value: numbers rounded as Excel's 15 digits keep them. */
function comparable(value: CellValue | undefined): CellValue | undefined {
  // A number in a date format reads back from a file as the date it shows; Excel holds the serial.
  const number = value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value;
  return typeof number === "number" ? Number(number.toPrecision(12)) : number === "" ? null : number;
}

/** One owned table: the records it was made from, and how it reads back through its schema. */
interface OwnedTable {
  readonly name: string;
  readonly sheet: string;
  readonly written: readonly Readonly<Record<string, OutValue>>[];
  read(sheet: SheetData): readonly Readonly<Record<string, CellValue>>[] | undefined;
}

/** A table made from rows of the model through its schema. */
function madeFrom<Row, K extends string>(sheet: ReportLayout, schema: TableSchema<Row, K>, rows: readonly Row[]): OwnedTable {
  return {
    name: schema.name,
    sheet: sheet.sheetName,
    written: rows.map((row) => recordOf(schema, row)),
    read: (s) => readTable(schema, s),
  };
}

/** A table of records carried over as they are (the history's). */
function carried<K extends string>(sheet: ReportLayout, schema: TableSchema<never, K>, records: readonly TableRecord<K>[]): OwnedTable {
  return { name: schema.name, sheet: sheet.sheetName, written: records, read: (s) => readTable(schema, s) };
}

/**
 * Every owned table the add-in writes, with the rows it is made of: the report of a review a cycle
 * after the sample's (so that it has its CVM_Changes), the history of that run, and a what-if.
 */
function ownedTables(): { layouts: ReportLayout[]; tables: OwnedTable[] } {
  const later = analyzeSheets(nextCycle());
  const since = sinceLast(baselineOf(reference, excelSerial(RUN_AT)), later);
  const report = buildReportLayout(later, { runAt: RUN_AT, review: reviewSection(since) });
  const history = snapshotRows(later, RUN_AT, "0123456789abcdef");
  const historyLayout = buildHistoryLayout(history);
  const analysis = whatIf(parsePlan(plan), {
    version: 1,
    initiatives: [{ id: "I16", active: false }],
    bets: [{ id: "B3", weight: 0.3 }],
    impacts: [{ initiative: "I02", kpi: "K2", confidence: 1 }],
  });
  const scenario = buildScenarioLayout(analysis, { runAt: RUN_AT });
  return {
    layouts: [report, historyLayout, scenario],
    tables: [
      madeFrom(report, ALIGNMENT_TABLE, later.bets),
      madeFrom(report, KPI_GAPS_TABLE, later.kpis),
      madeFrom(report, BRIDGE_TABLE, later.kpis),
      madeFrom(report, FINDINGS_TABLE, later.findings),
      madeFrom(report, HANDSHAKES_TABLE, handshakeLines(later)),
      madeFrom(report, CHANGES_TABLE, changeLines(since)),
      carried(historyLayout, HISTORY_RUNS_TABLE, history.runs),
      carried(historyLayout, HISTORY_DETAIL_TABLE, history.detail),
      madeFrom(scenario, SCENARIO_CHANGES_TABLE, analysis.applied.lines),
      madeFrom(scenario, SCENARIO_BETS_TABLE, analysis.comparison.bets),
      madeFrom(scenario, SCENARIO_KPIS_TABLE, analysis.comparison.kpis),
      madeFrom(scenario, SCENARIO_FINDINGS_TABLE, findingChanges(analysis.comparison)),
    ],
  };
}

const OWNED = ownedTables();

/** A workbook whose sheets are named as planners name them, for the heads: titles above a header, a long ledger in a table, notes away from A1, an empty sheet. */
const LEDGER_LINES = 300;
const HEADS_WORKBOOK: readonly SheetData[] = [
  {
    name: "Strategic agenda 2027",
    values: [
      ["Strategic agenda 2027"],
      [],
      [null, "Pillar", "Strategic bet", "Weighting"],
      [null, "P1", "Grow the base", 0.4],
      [null, "P2", "Retain the best", 0.35],
      [null, "P3", "Lift ARPU", 0.25],
    ],
    origin: { row: 0, col: 0 },
  },
  {
    name: "Ledger",
    values: [
      ["Entry", "Account", "Net", "Status"],
      ...Array.from({ length: LEDGER_LINES }, (_, i) => [
        `JE-${i + 1}`,
        i % 2 ? "6100 Marketing" : "6200 Care",
        (i + 1) * 1.5,
        i % 3 ? "Paid" : "Open",
      ]),
    ],
    origin: { row: 0, col: 0 },
    tables: [{ name: "tblLedger", range: `A1:D${LEDGER_LINES + 1}` }],
  },
  { name: "Notes", values: [["Notes"], [null, "kept by hand"]], origin: { row: 4, col: 2 } },
  { name: "Empty", values: [], origin: { row: 0, col: 0 } },
];

/** The mapping's text with what XML must escape or would change: markup characters, a carriage return, a tab, accents and a character outside the BMP. */
const MAPPING =
  '{"version":1,"parts":{"KPIs":{"sheet":"Scorecard <old> & \'new\'","columns":{"Target":"Goal 2027"}}},"note":"a\r\nb\tc é 😀"}';

const comparableRecord = (record: Readonly<Record<string, CellValue | undefined>>) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, comparable(value)]));

describe.each(DRIVERS)("the workbook port: %s", (_name, driver) => {
  it("reads the plan's sheets, and only those, to the reference analysis", async () => {
    const subject = await driver.create(plan);
    const sheets = await subject.port.readSheets();
    expect(sheets.map((s) => s.name)).toEqual(["Bets", "Personas", "KPIs", "Initiatives", "Impacts", "Moments of Truth", "Collaboration"]);
    const result = analyzeSheets(sheets);
    expect({ score: result.score, bets: result.bets, kpis: result.kpis, findings: result.findings }).toEqual({
      score: reference.score,
      bets: reference.bets,
      kpis: reference.kpis,
      findings: reference.findings,
    });
  });

  it("reads exactly the sheets named, whole, in the order asked, a name found in any case, one not there left out", async () => {
    const subject = await driver.create([...plan, ...HEADS_WORKBOOK]);
    const sheets = await subject.port.readSheets(["ledger", "KPIs", "No such sheet", "Ledger"]);
    expect(sheets.map((s) => s.name)).toEqual(["Ledger", "KPIs"]);
    expect(sheets[0].values.map((row) => row.map(comparable))).toEqual(HEADS_WORKBOOK[1].values.map((row) => row.map(comparable)));
    expect(sheets[0].tables).toEqual(HEADS_WORKBOOK[1].tables);
    expect(analyzeSheets(await subject.port.readSheets()).score).toEqual(reference.score);
  });

  it("reads the first rows of every worksheet, whatever its name, with its tables' whole ranges", async () => {
    const subject = await driver.create(HEADS_WORKBOOK);
    const progress: number[] = [];
    const heads = await subject.port.readSheetHeads(4, (done) => progress.push(done));
    expect(heads).toEqual([
      {
        name: "Strategic agenda 2027",
        values: [["Strategic agenda 2027"], [], [null, "Pillar", "Strategic bet", "Weighting"], [null, "P1", "Grow the base", 0.4]],
        origin: { row: 0, col: 0 },
        tables: [],
      },
      {
        name: "Ledger",
        values: [
          ["Entry", "Account", "Net", "Status"],
          ["JE-1", "6200 Care", 1.5, "Open"],
          ["JE-2", "6100 Marketing", 3, "Paid"],
          ["JE-3", "6200 Care", 4.5, "Paid"],
        ],
        origin: { row: 0, col: 0 },
        tables: [{ name: "tblLedger", range: `A1:D${LEDGER_LINES + 1}` }],
      },
      { name: "Notes", values: [["Notes"], [null, "kept by hand"]], origin: { row: 4, col: 2 }, tables: [] },
      { name: "Empty", values: [], origin: { row: 0, col: 0 }, tables: [] },
    ]);
    expect(progress.at(-1)).toBe(1);
  });

  it("keeps no mapping until one is written, then gives back its text exactly as written", async () => {
    const subject = await driver.create(plan);
    expect(await subject.port.readMapping()).toBeUndefined();
    await subject.port.writeMapping(MAPPING);
    expect(await subject.port.readMapping()).toBe(MAPPING);
  });

  it("replaces the kept mapping on a rerun, and removes it when given none", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeMapping(MAPPING);
    await subject.port.writeMapping('{"version":1,"parts":{}}');
    expect(await subject.port.readMapping()).toBe('{"version":1,"parts":{}}');
    await subject.port.writeMapping(undefined);
    expect(await subject.port.readMapping()).toBeUndefined();
    await subject.port.writeMapping(undefined);
    expect(await subject.port.readMapping()).toBeUndefined();
  });

  it("writes a mapping without changing any sheet", async () => {
    const subject = await driver.create([...plan, ...HEADS_WORKBOOK]);
    const before = await subject.reread();
    const heads = await subject.port.readSheetHeads(2);
    await subject.port.writeMapping(MAPPING);
    expect(await subject.reread()).toEqual(before);
    expect(await subject.port.readSheetHeads(2)).toEqual(heads);
  });

  it("keeps the mapping beside a report written in the same run, in either order", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeMapping(MAPPING);
    await subject.port.writeSheets([layout]);
    expect(await subject.port.readMapping()).toBe(MAPPING);
    await subject.port.writeSheets([scenarioLayout]);
    await subject.port.writeMapping('{"version":1,"parts":{}}');
    expect(await subject.port.readMapping()).toBe('{"version":1,"parts":{}}');
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis", "CVM Scenario"]);
    expect(at(sheets.at(-2), "A2")).toBe(OWNER_MARKER);
  });

  it("writes the report the layout describes: the marker, every value, every table", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeSheets([layout]);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis"]);
    const report = sheets.at(-1);
    expect(at(report, "A1")).toBe("CVM Gap Analysis");
    expect(at(report, "A2")).toBe(OWNER_MARKER);
    for (const cell of layout.cells)
      expect([cellAddress(cell.row, cell.col), comparable(at(report, cellAddress(cell.row, cell.col)))]).toEqual([
        cellAddress(cell.row, cell.col),
        comparable(cell.value),
      ]);
    for (const table of layout.tables) {
      table.columns.forEach((column, c) => expect(at(report, cellAddress(table.row, table.col + c))).toBe(column.header));
      table.rows.forEach((row, r) =>
        row.forEach((value, c) => {
          const address = cellAddress(table.row + 1 + r, table.col + c);
          expect([address, comparable(at(report, address))]).toEqual([address, comparable(value)]);
        }),
      );
    }
    expect(report?.tables?.map((t) => t.name)).toEqual([
      REPORT_TABLE_NAMES.alignment,
      REPORT_TABLE_NAMES.kpis,
      REPORT_TABLE_NAMES.bridge,
      REPORT_TABLE_NAMES.findings,
      REPORT_TABLE_NAMES.handshakes,
    ]);
    expect(report?.tables?.[0].range).toBe(`A11:${cellAddress(10 + reference.bets.length, layout.tables[0].columns.length - 1)}`);
  });

  it("replaces its own report on a rerun, in its place, with nothing left of the first", async () => {
    const subject = await driver.create([
      ...plan.slice(0, 3),
      foreignReport([["CVM Gap Analysis"], [`  ${OWNER_MARKER} `], ["old figure", 42]]),
      ...plan.slice(3),
    ]);
    await subject.port.writeSheets([layout]);
    await subject.port.writeSheets([layout]);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([
      ...plan.slice(0, 3).map((s) => s.name),
      "CVM Gap Analysis",
      ...plan.slice(3).map((s) => s.name),
    ]);
    const report = sheets[3];
    expect(at(report, "A3")).toBe("Alignment score");
    expect(report.tables?.map((t) => t.name)).toEqual(layout.tables.map((t) => t.name));
  });

  it("writes the CVM Scenario sheet beside the report, each replaced in place on a rerun", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeSheets([layout]);
    await subject.port.writeSheets([scenarioLayout]);
    await subject.port.writeSheets([layout]);
    await subject.port.writeSheets([scenarioLayout]);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis", "CVM Scenario"]);
    const scenarioSheet = sheets.at(-1);
    expect(at(scenarioSheet, "A2")).toBe(OWNER_MARKER);
    for (const cell of scenarioLayout.cells)
      expect([cellAddress(cell.row, cell.col), comparable(at(scenarioSheet, cellAddress(cell.row, cell.col)))]).toEqual([
        cellAddress(cell.row, cell.col),
        comparable(cell.value),
      ]);
    expect(scenarioSheet?.tables?.map((t) => t.name)).toEqual(scenarioLayout.tables.map((t) => t.name));
  });

  it("refuses a CVM Scenario sheet it did not write, changing nothing", async () => {
    const mine: SheetData = { name: "CVM Scenario", values: [["My scenarios"], ["by hand"]], origin: { row: 0, col: 0 } };
    const subject = await driver.create([...plan, mine]);
    await expect(subject.port.writeSheets([scenarioLayout])).rejects.toBeInstanceOf(ForeignSheetError);
    expect((await subject.reread()).at(-1)?.values).toEqual([["My scenarios"], ["by hand"]]);
  });

  it("refuses a sheet of the report's name it did not write, changing nothing", async () => {
    const mine = foreignReport([["My own gap analysis"], ["written by hand"]]);
    const subject = await driver.create([...plan, mine]);
    await expect(subject.port.writeSheets([layout])).rejects.toBeInstanceOf(ForeignSheetError);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis"]);
    expect(sheets.at(-1)?.values).toEqual([["My own gap analysis"], ["written by hand"]]);
  });

  it("refuses a report table name another sheet uses, before changing anything", async () => {
    const other: SheetData = {
      name: "Data",
      values: [["Key"], [1]],
      origin: { row: 0, col: 0 },
      tables: [{ name: "cvm_kpigaps", range: "A1:A2" }],
    };
    const subject = await driver.create([...plan, other]);
    await expect(subject.port.writeSheets([layout])).rejects.toBeInstanceOf(TableNameClashError);
    expect((await subject.reread()).map((s) => s.name)).toEqual([...plan.map((s) => s.name), "Data"]);
  });

  it("refuses to add a sheet to a workbook whose structure is protected", async () => {
    const subject = await driver.create(plan, { structureProtected: true });
    await expect(subject.port.writeSheets([layout])).rejects.toBeInstanceOf(ProtectedWorkbookError);
    expect((await subject.reread()).map((s) => s.name)).toEqual(plan.map((s) => s.name));
  });

  it("reads back its own sheets, and tells one it did not write from one that is absent", async () => {
    const mine: SheetData = { name: "CVM History", values: [["My history"], [1]], origin: { row: 0, col: 0 } };
    const subject = await driver.create([...plan, mine]);
    expect(await subject.port.readOwnedSheets(["cvm gap analysis", "cvm history"])).toEqual([
      { state: "absent" },
      { state: "foreign", name: "CVM History" },
    ]);
    await subject.port.writeSheets([layout]);
    const [report] = await subject.port.readOwnedSheets(["CVM Gap Analysis"]);
    expect(report.state).toBe("owned");
    const baseline = report.state === "owned" ? baselineFromReport(report.sheet) : undefined;
    const { runAt, ...figures } = baseline ?? { runAt: undefined };
    // The report's figures come back as the next review's baseline, whatever the adapter.
    expect(figures).toEqual((({ runAt: _, ...rest }) => rest)(baselineOf(reference)));
    expect(runAt).toBeCloseTo(excelSerial(RUN_AT), 6);
  });

  it("appends each write to the CVM History sheet and compares it with the report it replaces", async () => {
    const subject = await driver.create(plan);
    const first = await writeReviewedReport(subject.port, reference, {
      runAt: RUN_AT,
      fingerprint: "first",
      state: await readReviewState(subject.port),
    });
    expect(first.since).toBeUndefined();
    const later = analyzeSheets(nextCycle());
    const second = await writeReviewedReport(subject.port, later, {
      runAt: new Date(2026, 3, 15, 9, 30),
      fingerprint: "second",
      state: await readReviewState(subject.port),
    });
    expect(second.since?.resolvedFindings.map((f) => f.rule)).toEqual(["HANDSHAKE_MISSING"]);
    expect(second.since?.statusChanges.map((k) => k.kpiId)).toEqual(["K6"]);
    const state = await readReviewState(subject.port);
    expect(state.history.runs.map((run) => run.fingerprint)).toEqual(["first", "second"]);
    expect(state.history.detail).toHaveLength(2 * (reference.bets.length + reference.kpis.length));
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis", "CVM History"]);
    expect(sheets.at(-1)?.tables?.map((t) => t.name)).toEqual(["CVM_History", "CVM_HistoryDetail"]);
  });

  it("stops on a CVM History sheet it did not write before writing anything", async () => {
    const mine: SheetData = { name: "CVM History", values: [["My history"], [1]], origin: { row: 0, col: 0 } };
    const subject = await driver.create([...plan, mine]);
    const state = await readReviewState(subject.port);
    await expect(writeReviewedReport(subject.port, reference, { runAt: RUN_AT, fingerprint: "x", state })).rejects.toBeInstanceOf(
      ForeignSheetError,
    );
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM History"]);
    expect(sheets.at(-1)?.values).toEqual([["My history"], [1]]);
  });

  it.each(["CVM_History", "CVM_HistoryDetail"])(
    "stops on a %s table on another sheet before the report is replaced: the workbook is unchanged",
    async (table) => {
      // The add-in's report from an earlier run, which the old order of checks replaced before the history's tables were looked at.
      const earlier = foreignReport([["CVM Gap Analysis"], [OWNER_MARKER], ["old figure", 42]]);
      const data: SheetData = {
        name: "Data",
        values: [["Key"], [1]],
        origin: { row: 0, col: 0 },
        tables: [{ name: table, range: "A1:A2" }],
      };
      const subject = await driver.create([...plan, earlier, data]);
      const state = await readReviewState(subject.port);
      const before = await subject.state();
      const write = writeReviewedReport(subject.port, reference, { runAt: RUN_AT, fingerprint: "x", state });
      await expect(write).rejects.toBeInstanceOf(TableNameClashError);
      await expect(write).rejects.toThrow(
        `The report needs a table named "${table}", but the sheet "Data" already has a table named "${table}". Rename that table in Excel and run again.`,
      );
      expect(await subject.state()).toEqual(before);
      const sheets = await subject.reread();
      expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis", "Data"]);
      expect(at(sheets.at(-2), "A3")).toBe("old figure");
    },
  );

  it("checks every sheet of a write before the first change: a sheet past Excel's last row stops the report beside it", async () => {
    const subject = await driver.create(plan);
    const before = await subject.state();
    const [first] = scenarioLayout.tables;
    // The table's one row would land on row 1,048,577.
    const tooTall: ReportLayout = {
      ...scenarioLayout,
      tables: [{ ...first, row: EXCEL_ROWS - 1, rows: first.rows.slice(0, 1) }],
      charts: [],
    };
    const write = subject.port.writeSheets([layout, tooTall]);
    await expect(write).rejects.toBeInstanceOf(SheetTooLargeError);
    await expect(write).rejects.toThrow(
      'The "CVM Scenario" sheet would need 1,048,577 rows, and Excel has 1,048,576: nothing was written.',
    );
    expect(await subject.state()).toEqual(before);
  });

  it.each(OWNED.tables.map((t): [string, OwnedTable] => [t.name, t]))(
    "writes %s so that it reads back through its schema to the records it was made from",
    async (_table, table) => {
      const subject = await driver.create(plan);
      await subject.port.writeSheets(OWNED.layouts);
      const [owned] = await subject.port.readOwnedSheets([table.sheet]);
      if (owned.state !== "owned") throw new Error(`${table.sheet} was not read back as the add-in's`);
      expect(table.written.length).toBeGreaterThan(0);
      expect(table.read(owned.sheet)?.map(comparableRecord)).toEqual(table.written.map(comparableRecord));
    },
  );

  it("refuses a report name Excel would not take", async () => {
    const subject = await driver.create(plan);
    const bad: ReportLayout = { ...layout, sheetName: "Gap: analysis" };
    await expect(subject.port.writeSheets([bad])).rejects.toBeInstanceOf(BadReportNameError);
    expect((await subject.reread()).map((s) => s.name)).toEqual(plan.map((s) => s.name));
  });
});
