/**
 * The workbook the browser preview opens from a picked file's bytes: read, analysed and written
 * with the command line's package code, zip.js doing the inflating and deflating (no zlib codec,
 * as in a page), the edited package handed back for download with every part the add-in does not
 * own kept byte for byte, and files that are no workbook refused in plain words.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { EMPTY_SCENARIO } from "../../src/domain/whatIf/scenario";
import { ProtectedWorkbookError, UnreadableWorkbookError } from "../../src/domain/common/stopErrors";
import { BrowserWorkbook, editedFileName, type WrittenWorkbook } from "../../src/adapters/browser/browserWorkbook";
import { changedParts, partsOf, sheetNamesOf } from "../../testkit/packageParts";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const RUN_AT = new Date(Date.UTC(2026, 0, 15, 9));

async function opened(name: string, bytes = fixture(name)) {
  const written: WrittenWorkbook[] = [];
  const workbook = await BrowserWorkbook.open(name, bytes, (copy) => written.push(copy));
  return { workbook, written };
}

async function writeAnalysis(workbook: BrowserWorkbook): Promise<void> {
  const result = analyzeSheets(await workbook.readSheets());
  await workbook.writeReport(buildReportLayout(result, { runAt: RUN_AT }));
}

describe("a workbook opened in the browser", () => {
  it("reads the plan to the sample's analysis", async () => {
    const { workbook } = await opened("xlsxwriter.xlsx");
    expect(workbook.sheetNames).toEqual([
      "Bets",
      "Personas",
      "KPIs",
      "Initiatives",
      "Impacts",
      "Moments of Truth",
      "Collaboration",
      "Budget FY2026",
      "Dashboard",
      "Budget chart",
    ]);
    expect(analyzeSheets(await workbook.readSheets()).score).toBeCloseTo(11 / 12, 10);
  });

  it("writes the report into the package and hands back the copy, every other part byte for byte", async () => {
    const original = fixture("xlsxwriter.xlsx");
    const { workbook, written } = await opened("xlsxwriter.xlsx", original);
    const progress: number[] = [];
    const result = analyzeSheets(await workbook.readSheets(undefined, (done) => progress.push(done)));
    await workbook.writeReport(buildReportLayout(result, { runAt: RUN_AT }), (done) => progress.push(done));
    expect(progress).toEqual([1, 0.2, 0.9, 1]);
    expect(written.map((w) => [w.fileName, w.macroEnabled])).toEqual([["xlsxwriter.cvm-gap.xlsx", false]]);
    const before = await partsOf(original);
    const after = await partsOf(written[0].bytes);
    expect(changedParts(before, after)).toEqual([]);
    expect(sheetNamesOf(after)).toEqual([...sheetNamesOf(before), "CVM Gap Analysis"]);
    // The pane goes on with the written package: it now holds the report.
    expect(workbook.sheetNames.at(-1)).toBe("CVM Gap Analysis");
  });

  it("replaces its own report on a second write, still keeping the original parts", async () => {
    const original = fixture("xlsxwriter.xlsx");
    const { workbook, written } = await opened("xlsxwriter.xlsx", original);
    await writeAnalysis(workbook);
    await writeAnalysis(workbook);
    expect(written).toHaveLength(2);
    const first = await partsOf(written[0].bytes);
    const second = await partsOf(written[1].bytes);
    expect(sheetNamesOf(second)).toEqual(sheetNamesOf(first));
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect(changedParts(await partsOf(original), second)).toEqual([]);
  });

  it("keeps a macro workbook an .xlsm with its VBA project", async () => {
    const original = fixture("macro.xlsm");
    const { workbook, written } = await opened("Plan 2026.xlsm", original);
    expect(workbook.macroEnabled).toBe(true);
    await writeAnalysis(workbook);
    expect(written[0].fileName).toBe("Plan 2026.cvm-gap.xlsm");
    const before = await partsOf(original);
    const after = await partsOf(written[0].bytes);
    expect(after.get("xl/vbaProject.bin")?.equals(before.get("xl/vbaProject.bin") as Buffer)).toBe(true);
    expect(changedParts(before, after)).toEqual([]);
  });

  it("refuses to write into a workbook whose structure is locked, offering nothing", async () => {
    const { workbook, written } = await opened("structure-locked.xlsx");
    const result = analyzeSheets(await workbook.readSheets());
    await expect(workbook.writeReport(buildReportLayout(result, { runAt: RUN_AT }))).rejects.toBeInstanceOf(ProtectedWorkbookError);
    expect(written).toEqual([]);
  });

  it("keeps settings and the scenario for the visit, and says plainly what only Excel can do", async () => {
    const { workbook } = await opened("xlsxwriter.xlsx");
    expect(await workbook.loadSettings()).toEqual({});
    await workbook.saveSettings({ tolerance: 0.2, allocationThreshold: 0.05 });
    expect(await workbook.loadSettings()).toEqual({ tolerance: 0.2, allocationThreshold: 0.05 });
    expect(await workbook.loadScenario()).toBeUndefined();
    await workbook.saveScenario(EMPTY_SCENARIO);
    expect(await workbook.loadScenario()).toEqual(EMPTY_SCENARIO);
    await workbook.saveScenario(undefined);
    expect(await workbook.loadScenario()).toBeUndefined();
    await expect(workbook.selectCell("KPIs", "E5")).rejects.toThrow(
      'KPIs!E5 cannot be selected here: "xlsxwriter.xlsx" is open in this browser, not in Excel.',
    );
    await expect(workbook.selectCell("Moments of Truth", "F5")).rejects.toThrow(/^'Moments of Truth'!F5 cannot be selected here/);
    await expect(workbook.insertTemplate()).rejects.toThrow(
      /The template cannot be added to "xlsxwriter.xlsx" in the browser: nothing was changed/,
    );
  });
});

describe("a file that is no workbook", () => {
  const refused = (name: string, bytes: Uint8Array) => BrowserWorkbook.open(name, bytes, () => undefined);
  const error = async (name: string, bytes: Uint8Array) => {
    const thrown = await refused(name, bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(UnreadableWorkbookError);
    return (thrown as Error).message;
  };

  it("names a text file and says what to do", async () => {
    expect(await error("notes.txt", new TextEncoder().encode("Bet ID,Strategic Bet\nB1,Converge\n"))).toBe(
      '"notes.txt" is not an .xlsx workbook (it looks like text/CSV). Open it in Excel and save it as Excel Workbook (.xlsx).',
    );
  });

  it("names a legacy .xls", async () => {
    const ole2 = new Uint8Array(512);
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await error("old.xls", ole2)).toMatch(/^"old\.xls" is either a legacy \.xls workbook or an \.xlsx protected with a password/);
  });

  it("names a damaged zip", async () => {
    const whole = fixture("xlsxwriter.xlsx");
    expect(await error("cut.xlsx", whole.subarray(0, Math.floor(whole.length / 2)))).toMatch(
      /^"cut\.xlsx" could not be read as an \.xlsx workbook; it may be damaged or incompletely copied/,
    );
  });

  it("names an empty file", async () => {
    expect(await error("empty.xlsx", new Uint8Array(0))).toBe(
      '"empty.xlsx" is empty (0 bytes). Open it in Excel and save it as Excel Workbook (.xlsx).',
    );
  });
});

describe("the edited copy's name", () => {
  it.each([
    ["PLAN.xlsx", false, "PLAN.cvm-gap.xlsx"],
    ["PLAN.XLSM", true, "PLAN.cvm-gap.xlsm"],
    ["budget v2.final.xlsx", false, "budget v2.final.cvm-gap.xlsx"],
    // Macros decide, not the name: an .xlsm saved as .xlsx would lose them.
    ["renamed.xlsx", true, "renamed.cvm-gap.xlsm"],
    [".xlsx", false, "workbook.cvm-gap.xlsx"],
  ])("%s (macros %s) → %s", (name, macros, expected) => {
    expect(editedFileName(name, macros)).toBe(expected);
  });
});
