/**
 * The report of a plan with a KPI Series (issue 20) in the .xlsx path: the KPI gaps gain the
 * trend's columns and a native sparkline per KPI (x14 sparklineGroups in the worksheet's extLst),
 * drawn over the KPI's row of the "KPI series" section. The XML is read back, and LibreOffice
 * opens the file and keeps the sparklines when it saves it again.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import JSZip from "jszip";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { buildReportLayout, OUTPUT_SHEET_NAME } from "../../src/domain/sheets/report";
import { readTable } from "../../src/domain/sheets/tableSchema";
import { BRIDGE_TRENDS_TABLE, KPI_TRENDS_TABLE } from "../../src/domain/sheets/reportTables";
import { savedAgainAsXlsx } from "../../testkit/libreOffice";

const root = path.join(__dirname, "..", "..");
const RUN_AT = new Date(2026, 10, 20, 9, 30);

/** Each sparkline of the report sheet as [data range, cell]. */
async function sparklinesOf(bytes: Uint8Array | Buffer): Promise<[string, string][]> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  const relId = new RegExp(`<sheet [^>]*name="${OUTPUT_SHEET_NAME}"[^>]*r:id="([^"]+)"`).exec(workbook ?? "")?.[1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels ?? "")?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels ?? "")?.[1];
  const part = (target ?? "").replace(/^\/?(xl\/)?/, "xl/");
  const xml = (await zip.file(part)?.async("string")) ?? "";
  return [...xml.matchAll(/<x14:sparkline><xm:f>([^<]+)<\/xm:f><xm:sqref>([^<]+)<\/xm:sqref><\/x14:sparkline>/g)].map((m) => [
    m[1].replace(/&apos;/g, "'"),
    m[2],
  ]);
}

describe("the report of a plan with a KPI Series, as the .xlsx writer writes it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-sparklines-"));
  const written = path.join(dir, "series-report.xlsx");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const workbook = await openXlsx(path.join(root, "test/fixtures/series/series-wide.xlsx"));
    const result = analyzeSheets(await workbook.readSheets());
    await workbook.writeReport(buildReportLayout(result, { runAt: RUN_AT }));
    fs.writeFileSync(written, await workbook.bytes());
  });

  it("draws one sparkline per KPI with values, in the Trend column, over the KPI's months", async () => {
    const lines = await sparklinesOf(fs.readFileSync(written));
    const sheets = await (await openXlsx(written)).readSheets([OUTPUT_SHEET_NAME]);
    const report = sheets[0];
    const kpis = readTable(KPI_TRENDS_TABLE, report) ?? [];
    expect(
      kpis.map((k) => [k.kpiId, k.onTrend === null ? null : Math.round(Number(k.onTrend) * 100) / 100, k.trendStatus, k.monthsLeft]),
    ).toEqual([
      ["K1", 2930, "Off track", 2],
      ["K2", 481.17, "Off track", 2],
      ["K3", 29, "Off track", 2],
      ["K4", 1276.67, "On track", 2],
      ["K5", 8.9, "On track", 5],
      ["K7", null, "No data", null],
    ]);
    // Six KPIs, each with values; the series section runs from January to October 2026 (B to K).
    expect(lines).toHaveLength(6);
    const k1 = lines[0];
    expect(k1[0]).toMatch(/^'CVM Gap Analysis'!B(\d+):K\1$/);
    // The K1 row of the series section holds K1's values, May blank.
    const dataRow = Number(/B(\d+):/.exec(k1[0])?.[1]) - 1 - report.origin.row;
    expect(report.values[dataRow]?.slice(0, 11)).toEqual(["K1", 2860, 2870, 2880, 2890, null, 2900, 2905, 2910, 2915, 2920]);
  });

  it("puts the trend beside the plan's projection in the bridge: K2 on trend 481.17, with the plan 480, target 520", async () => {
    const report = (await (await openXlsx(written)).readSheets([OUTPUT_SHEET_NAME]))[0];
    const bridge = readTable(BRIDGE_TRENDS_TABLE, report) ?? [];
    const headers = BRIDGE_TRENDS_TABLE.columns.map((c) => c.header);
    expect(headers.slice(headers.indexOf("Closure"), headers.indexOf("Initiatives"))).toEqual([
      "Closure",
      "On trend",
      "Projected",
      "Projected status",
      "Trend status",
    ]);
    // K2: Actual 470 plus I1's impact 20 × confidence 0.5 = 480 with the plan; the trend (worked in kpiSeries.test.ts) 481.17.
    const k2 = bridge.find((row) => row.kpiId === "K2");
    expect([Number(k2?.onTrend).toFixed(2), k2?.projected, k2?.target, k2?.trendStatus]).toEqual(["481.17", 480, 520, "Off track"]);
  });

  it("is opened by LibreOffice, which keeps every sparkline when it saves the workbook again", async () => {
    const savedAgain = savedAgainAsXlsx([written], dir)(written);
    expect(fs.existsSync(savedAgain)).toBe(true);
    expect(await sparklinesOf(fs.readFileSync(savedAgain))).toEqual(await sparklinesOf(fs.readFileSync(written)));
  });
});
