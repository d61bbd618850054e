/**
 * One suite, run unchanged over the three workbook adapters: the .xlsx file (command line), the
 * Office.js adapter on the recording fake of Excel (task pane), and the in-memory preview. Each
 * must read the same plan to the same analysis and write the same report under the same rules
 * (src/domain/ownership.ts), refusing the same things and changing nothing when it refuses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { analyzeSheets } from "../../src/domain/analyze";
import { cellAddress, parseRangeAddress, type CellValue, type SheetData } from "../../src/domain/cells";
import { OWNER_MARKER } from "../../src/domain/ownership";
import { parsePlan } from "../../src/domain/parse";
import { buildReportLayout, TABLE_NAMES } from "../../src/domain/report";
import { buildScenarioLayout } from "../../src/domain/scenarioReport";
import { whatIf } from "../../src/domain/whatIf";
import type { ReportLayout } from "../../src/domain/reportLayout";
import { BadReportNameError, ForeignSheetError, ProtectedWorkbookError, TableNameClashError } from "../../src/domain/stopErrors";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { openXlsx } from "../../src/workbook/xlsxFile";
import { FakeExcel, FakeSettings } from "../helpers/fakeExcel";
import { everySheet, tempDir } from "../helpers/xlsx";

const dir = tempDir("cvm-gap-contract-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Subject {
  readonly port: WorkbookPort;
  /** Every sheet as the adapter's workbook now holds it (after a save, for a file). */
  reread(): Promise<SheetData[]>;
}

interface Driver {
  create(sheets: readonly SheetData[], options?: { structureProtected?: boolean }): Promise<Subject>;
}

/** The sheets as a real .xlsx file, written by exceljs (another tool than the adapter under test). */
async function writeFile(sheets: readonly SheetData[], options: { structureProtected?: boolean }): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value !== null && !(typeof value === "object" && !(value instanceof Date))) worksheet.getCell(sheet.origin.row + r + 1, sheet.origin.col + c + 1).value = value;
      }),
    );
    for (const table of sheet.tables ?? []) {
      const bounds = parseRangeAddress(table.range);
      if (!bounds) continue;
      const header = sheet.values[bounds.top - sheet.origin.row] ?? [];
      worksheet.addTable({
        name: table.name,
        ref: cellAddress(bounds.top, bounds.left),
        headerRow: true,
        columns: Array.from({ length: bounds.right - bounds.left + 1 }, (_, c) => ({ name: String(header[bounds.left - sheet.origin.col + c] ?? `Column${c + 1}`) })),
        rows: Array.from({ length: bounds.bottom - bounds.top }, (_, r) =>
          Array.from({ length: bounds.right - bounds.left + 1 }, (_, c) => {
            const value = sheet.values[bounds.top + 1 + r - sheet.origin.row]?.[bounds.left + c - sheet.origin.col] ?? null;
            return typeof value === "object" && value !== null && !(value instanceof Date) ? null : value;
          }),
        ),
      });
    }
  }
  const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.xlsx`);
  await workbook.xlsx.writeFile(file);
  if (options.structureProtected) {
    // exceljs does not write the structure lock; add it as Excel writes it.
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    // Its place in CT_Workbook: after workbookPr, before bookViews and sheets.
    zip.file("xl/workbook.xml", xml.replace(/(<bookViews|<sheets)/, '<workbookProtection lockStructure="1"/>$1'));
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  }
  return file;
}

const xlsxDriver: Driver = {
  async create(sheets, options = {}) {
    const file = await writeFile(sheets, options);
    let workbook = await openXlsx(file);
    let written = false;
    const port: WorkbookPort = {
      readSheets: () => workbook.readSheets(),
      writeReport: async (layout) => {
        await workbook.writeReport(layout);
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
          return { name: sheet.name, values, origin: { row: 0, col: 0 }, tables: fake.tablesOn(sheet).map((t) => ({ name: t.name, range: `${cellAddress(t.bounds.top, t.bounds.left)}:${cellAddress(t.bounds.bottom, t.bounds.right)}` })) };
        }),
    };
  },
};

const memoryDriver: Driver = {
  async create(sheets, options = {}) {
    const workbook = new MemoryWorkbook(sheets, options.structureProtected);
    return { port: workbook, reread: async () => workbook.sheetNames.map((name) => workbook.sheet(name) as SheetData) };
  },
};

const DRIVERS: readonly [string, Driver][] = [
  [".xlsx file (command line)", xlsxDriver],
  ["Office.js on the fake of Excel (task pane)", officeDriver],
  ["in memory (preview)", memoryDriver],
];

const RUN_AT = new Date(2026, 0, 15, 9, 30, 0);
const plan = sampleSheets();
const reference = analyzeSheets(plan);
const layout = buildReportLayout(reference, { runAt: RUN_AT });
const scenarioLayout = buildScenarioLayout(whatIf(parsePlan(plan), { version: 1, initiatives: [{ id: "I16", active: false }], bets: [{ id: "B3", weight: 0.3 }], impacts: [] }), { runAt: RUN_AT });

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

  it("writes the report the layout describes: the marker, every value, every table", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeReport(layout);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis"]);
    const report = sheets.at(-1);
    expect(at(report, "A1")).toBe("CVM Gap Analysis");
    expect(at(report, "A2")).toBe(OWNER_MARKER);
    for (const cell of layout.cells) expect([cellAddress(cell.row, cell.col), comparable(at(report, cellAddress(cell.row, cell.col)))]).toEqual([cellAddress(cell.row, cell.col), comparable(cell.value)]);
    for (const table of layout.tables) {
      table.columns.forEach((column, c) => expect(at(report, cellAddress(table.row, table.col + c))).toBe(column.header));
      table.rows.forEach((row, r) =>
        row.forEach((value, c) => {
          const address = cellAddress(table.row + 1 + r, table.col + c);
          expect([address, comparable(at(report, address))]).toEqual([address, comparable(value)]);
        }),
      );
    }
    expect(report?.tables?.map((t) => t.name)).toEqual([TABLE_NAMES.alignment, TABLE_NAMES.kpis, TABLE_NAMES.bridge, TABLE_NAMES.findings, TABLE_NAMES.handshakes]);
    expect(report?.tables?.[0].range).toBe(`A11:${cellAddress(10 + reference.bets.length, layout.tables[0].columns.length - 1)}`);
  });

  it("replaces its own report on a rerun, in its place, with nothing left of the first", async () => {
    const subject = await driver.create([...plan.slice(0, 3), foreignReport([["CVM Gap Analysis"], [`  ${OWNER_MARKER} `], ["old figure", 42]]), ...plan.slice(3)]);
    await subject.port.writeReport(layout);
    await subject.port.writeReport(layout);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.slice(0, 3).map((s) => s.name), "CVM Gap Analysis", ...plan.slice(3).map((s) => s.name)]);
    const report = sheets[3];
    expect(at(report, "A3")).toBe("Alignment score");
    expect(report.tables?.map((t) => t.name)).toEqual(layout.tables.map((t) => t.name));
  });

  it("writes the CVM Scenario sheet beside the report, each replaced in place on a rerun", async () => {
    const subject = await driver.create(plan);
    await subject.port.writeReport(layout);
    await subject.port.writeReport(scenarioLayout);
    await subject.port.writeReport(layout);
    await subject.port.writeReport(scenarioLayout);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis", "CVM Scenario"]);
    const scenarioSheet = sheets.at(-1);
    expect(at(scenarioSheet, "A2")).toBe(OWNER_MARKER);
    for (const cell of scenarioLayout.cells) expect([cellAddress(cell.row, cell.col), comparable(at(scenarioSheet, cellAddress(cell.row, cell.col)))]).toEqual([cellAddress(cell.row, cell.col), comparable(cell.value)]);
    expect(scenarioSheet?.tables?.map((t) => t.name)).toEqual(scenarioLayout.tables.map((t) => t.name));
  });

  it("refuses a CVM Scenario sheet it did not write, changing nothing", async () => {
    const mine: SheetData = { name: "CVM Scenario", values: [["My scenarios"], ["by hand"]], origin: { row: 0, col: 0 } };
    const subject = await driver.create([...plan, mine]);
    await expect(subject.port.writeReport(scenarioLayout)).rejects.toBeInstanceOf(ForeignSheetError);
    expect((await subject.reread()).at(-1)?.values).toEqual([["My scenarios"], ["by hand"]]);
  });

  it("refuses a sheet of the report's name it did not write, changing nothing", async () => {
    const mine = foreignReport([["My own gap analysis"], ["written by hand"]]);
    const subject = await driver.create([...plan, mine]);
    await expect(subject.port.writeReport(layout)).rejects.toBeInstanceOf(ForeignSheetError);
    const sheets = await subject.reread();
    expect(sheets.map((s) => s.name)).toEqual([...plan.map((s) => s.name), "CVM Gap Analysis"]);
    expect(sheets.at(-1)?.values).toEqual([["My own gap analysis"], ["written by hand"]]);
  });

  it("refuses a report table name another sheet uses, before changing anything", async () => {
    const other: SheetData = { name: "Data", values: [["Key"], [1]], origin: { row: 0, col: 0 }, tables: [{ name: "cvm_kpigaps", range: "A1:A2" }] };
    const subject = await driver.create([...plan, other]);
    await expect(subject.port.writeReport(layout)).rejects.toBeInstanceOf(TableNameClashError);
    expect((await subject.reread()).map((s) => s.name)).toEqual([...plan.map((s) => s.name), "Data"]);
  });

  it("refuses to add a sheet to a workbook whose structure is protected", async () => {
    const subject = await driver.create(plan, { structureProtected: true });
    await expect(subject.port.writeReport(layout)).rejects.toBeInstanceOf(ProtectedWorkbookError);
    expect((await subject.reread()).map((s) => s.name)).toEqual(plan.map((s) => s.name));
  });

  it("refuses a report name Excel would not take", async () => {
    const subject = await driver.create(plan);
    const bad: ReportLayout = { ...layout, sheetName: "Gap: analysis" };
    await expect(subject.port.writeReport(bad)).rejects.toBeInstanceOf(BadReportNameError);
    expect((await subject.reread()).map((s) => s.name)).toEqual(plan.map((s) => s.name));
  });
});
