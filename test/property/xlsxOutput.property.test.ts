/**
 * The written workbook never holds a formula that came from user text: random plans go through
 * the engine and the .xlsx writer, and the sheet XML is searched for formulas. Writing a file is
 * slow, so this runs on a few samples.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { BET_HEADER, KPI_HEADER } from "../../testkit/sheets";
import { blankWorkbook, readBack, tempDir } from "../../testkit/xlsx";
import { genPlan, render } from "./planArbitraries";

const dir = tempDir("cvm-gap-prop-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RUN_AT = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
let fileNo = 0;

const WRITERS = [["xlsxWorkbook (the command line's)", () => blankWorkbook(dir)]] as const;
type Writer = (typeof WRITERS)[number][1];

async function writeReport(writer: Writer, sheets: readonly SheetData[]): Promise<{ file: string; strings: Set<string> }> {
  const result = analyzeSheets(sheets);
  const layout = buildReportLayout(result, { runAt: RUN_AT });
  const file = path.join(dir, `out-${fileNo++}.xlsx`);
  const workbook = await writer();
  await workbook.writeReport(layout);
  await workbook.save(file);
  const strings = new Set(layout.tables.flatMap((t) => t.rows.flatMap((r) => r.filter((v): v is string => typeof v === "string"))));
  return { file, strings };
}

async function sheetXml(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Promise.all(zip.file(/^xl\/worksheets\/sheet\d+\.xml$/).map((f) => f.async("string")));
}

describe.each(WRITERS)("the .xlsx output of random plans, written by %s", (_name, writer) => {
  it("holds no formula, and user text that looks like one reads back as that text", async () => {
    await fc.assert(
      fc.asyncProperty(genPlan({ allRequired: true, maxRows: 8 }), async (plan) => {
        const { file, strings } = await writeReport(
          writer,
          plan.sheets.map((s) => render(s).data),
        );
        for (const xml of await sheetXml(file)) expect(xml).not.toMatch(/<f[\s>]/);
        const sheet = (await readBack(file)).getWorksheet("CVM Gap Analysis");
        const written = new Set<string>();
        sheet?.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === "string") written.add(cell.value);
            // exceljs reads a formula back as an object with a formula; there must be none.
            expect(
              typeof cell.value === "object" &&
                cell.value !== null &&
                !(cell.value instanceof Date) &&
                ("formula" in cell.value || "sharedFormula" in cell.value),
            ).toBe(false);
          }),
        );
        for (const text of strings) if (/^[=+\-@]/.test(text)) expect(written.has(text)).toBe(true);
      }),
      { numRuns: 5 },
    );
  });

  it("keeps a plan of formula-like IDs and names as text", async () => {
    const hostile = ['=HYPERLINK("http://example.com","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", '=WEBSERVICE("http://x")'];
    const sheets: SheetData[] = [
      { name: "Bets", values: [BET_HEADER, ...hostile.map((h, i) => [h, `${h} bet`, "", "", "", i + 1])], origin: { row: 0, col: 0 } },
      {
        name: "KPIs",
        values: [KPI_HEADER, ...hostile.map((h) => [`K${h}`, h, h, hostile[0], h, h, 1, 2, 1.5, null, h, h])],
        origin: { row: 0, col: 0 },
      },
    ];
    const { file } = await writeReport(writer, sheets);
    for (const xml of await sheetXml(file)) expect(xml).not.toMatch(/<f[\s>]/);
    const values = new Set<unknown>();
    (await readBack(file)).getWorksheet("CVM Gap Analysis")?.eachRow((row) => row.eachCell((cell) => values.add(cell.value)));
    for (const h of hostile) {
      expect(values.has(h)).toBe(true);
      expect(values.has(`K${h}`)).toBe(true);
    }
  });
});
