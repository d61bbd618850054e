/**
 * The preflight of a write (ownership.ts checkWrite): every check of every sheet of one write, in
 * order, against the workbook as the earlier sheets of that write will leave it, before any change.
 * The adapters' own tests (test/contract) show each runs it; these pin down its rules.
 */
import { checkWrite, sheetsReplaced, type WorkbookHolds } from "../../src/domain/sheets/ownership";
import type { ReportLayout } from "../../src/domain/sheets/reportLayout";
import { DATA_BAR, STATUS_RULES } from "../../src/domain/sheets/reportStyle";
import {
  BadReportNameError,
  ForeignSheetError,
  ProtectedWorkbookError,
  SheetTooLargeError,
  TableNameClashError,
} from "../../src/domain/common/stopErrors";

/** A sheet of the add-in with one small table per name. */
function sheet(sheetName: string, tables: readonly string[] = [], row = 3): ReportLayout {
  return {
    sheetName,
    cells: [{ row: 0, col: 0, value: sheetName }],
    tables: tables.map((name, i) => ({
      name,
      row,
      col: 3 * i,
      columns: [{ header: "A" }, { header: "B" }],
      rows: [[1, 2]],
      statusColumns: [],
    })),
    statusRules: STATUS_RULES,
    dataBar: DATA_BAR,
    columnWidths: [18],
    charts: [],
  };
}

function holds(overrides: Partial<WorkbookHolds> = {}): WorkbookHolds {
  return {
    sheetNames: ["Bets", "KPIs"],
    ownedSheets: new Set(),
    tables: [{ name: "tblBets", sheet: "Bets" }],
    structureLocked: false,
    where: "The workbook",
    ...overrides,
  };
}

describe("checkWrite", () => {
  it("lets a write of new sheets with free table names go ahead", () => {
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"]), sheet("CVM History", ["CVM_History"])], holds())).not.toThrow();
  });

  it("refuses a table name taken on another sheet even when only the second sheet of the write needs it", () => {
    const taken = holds({ tables: [{ name: "CVM_History", sheet: "Data" }] });
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"]), sheet("CVM History", ["CVM_History"])], taken)).toThrow(
      new TableNameClashError(
        'The report needs a table named "CVM_History", but the sheet "Data" already has a table named "CVM_History". Rename that table in Excel and run again.',
      ),
    );
  });

  it("refuses a sheet the add-in did not write wherever it comes in the write", () => {
    const foreign = holds({ sheetNames: ["Bets", "CVM Gap Analysis", "cvm history"], ownedSheets: new Set(["CVM Gap Analysis"]) });
    expect(() => checkWrite([sheet("CVM Gap Analysis"), sheet("CVM History")], foreign)).toThrow(ForeignSheetError);
    expect(() => checkWrite([sheet("CVM Gap Analysis"), sheet("CVM History")], foreign)).toThrow(
      'A sheet named "cvm history" already exists',
    );
  });

  it("frees the tables of a sheet the write replaces, and counts the tables an earlier sheet of the write adds", () => {
    const rerun = holds({
      sheetNames: ["Bets", "CVM Gap Analysis"],
      ownedSheets: new Set(["CVM Gap Analysis"]),
      tables: [{ name: "CVM_Old", sheet: "CVM Gap Analysis" }],
    });
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"]), sheet("CVM Scenario", ["CVM_Old"])], rerun)).not.toThrow();
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"]), sheet("CVM Scenario", ["cvm_a"])], rerun)).toThrow(
      'The report needs a table named "cvm_a", but the sheet "CVM Gap Analysis" already has a table named "CVM_A".',
    );
  });

  it("refuses a protected structure, naming the workbook as the adapter does", () => {
    expect(() => checkWrite([sheet("CVM Gap Analysis")], holds({ structureLocked: true, where: '"plan.xlsx"' }))).toThrow(
      new ProtectedWorkbookError('"plan.xlsx"'),
    );
  });

  it("checks sheet by sheet in the order of the write, each sheet's name before the protection", () => {
    expect(() => checkWrite([sheet("CVM Gap Analysis"), sheet("Gap: analysis")], holds({ structureLocked: true }))).toThrow(
      ProtectedWorkbookError,
    );
    expect(() => checkWrite([sheet("Gap: analysis")], holds({ structureLocked: true }))).toThrow(BadReportNameError);
  });

  it("refuses a sheet that would reach past Excel's last row or column", () => {
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"], 1_048_574)], holds())).not.toThrow();
    expect(() => checkWrite([sheet("CVM Gap Analysis", ["CVM_A"], 1_048_575)], holds())).toThrow(SheetTooLargeError);
    const wide: ReportLayout = { ...sheet("CVM Gap Analysis"), cells: [{ row: 0, col: 16_384, value: "x" }] };
    expect(() => checkWrite([wide], holds())).toThrow(
      'The "CVM Gap Analysis" sheet would need 16,385 columns, and Excel has 16,384: nothing was written.',
    );
  });
});

describe("sheetsReplaced", () => {
  it("names the workbook's sheets a write replaces, as the workbook spells them", () => {
    expect(sheetsReplaced([sheet("CVM Gap Analysis"), sheet("CVM History")], ["Bets", "cvm gap analysis", "Data"])).toEqual([
      "cvm gap analysis",
    ]);
  });
});
