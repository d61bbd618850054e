/**
 * A Strict Open XML workbook (ISO/IEC 29500 Strict: SpreadsheetML, DrawingML and relationships
 * under http://purl.oclc.org/ooxml/…) gets the add-in's parts and relationships in its own
 * conformance class, never Transitional ones beside its own. LibreOffice cannot save Strict, so
 * the test makes one from the sample plan by the known transformation (each Transitional
 * namespace and relationship type replaced by its Strict name, conformance="strict" on the
 * workbook), as Excel's "Strict Open XML Spreadsheet" writes them; LibreOffice opens the result.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { savedAgainAs, sheetsAsCsv } from "../../testkit/libreOffice";
import { tempDir } from "../../testkit/xlsx";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");

/** Transitional → Strict, longest first (ISO/IEC 29500-1 §8 and Annex A; the Strict package Excel writes). */
const TO_STRICT: [string, string][] = [
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
  ],
  ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
  ],
  ["http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"],
  ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  ["http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"],
  ["http://schemas.openxmlformats.org/drawingml/2006/chart", "http://purl.oclc.org/ooxml/drawingml/chart"],
  ["http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing"],
];

/** Namespaces of the package conventions and of markup compatibility, the same in both classes. */
const SHARED = /^http:\/\/schemas\.openxmlformats\.org\/(package\/2006\/|markup-compatibility\/2006)/;

type Parts = Map<string, Buffer>;

async function partsOf(bytes: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Parts = new Map();
  for (const entry of Object.values(zip.files)) if (!entry.dir) parts.set(entry.name, await entry.async("nodebuffer"));
  return parts;
}

/** Every Transitional namespace or relationship type a part names: none may be left in a Strict package. */
function transitionalNames(parts: Parts): string[] {
  const found: string[] = [];
  for (const [name, bytes] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    for (const m of bytes.toString("utf8").matchAll(/http:\/\/schemas\.openxmlformats\.org\/[^"'\s<]*/g))
      if (!SHARED.test(m[0])) found.push(`${name}: ${m[0]}`);
  }
  return found;
}

async function strictCopy(file: string, edit?: (zip: JSZip) => Promise<void>): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(entry.name)) continue;
    let xml = await entry.async("string");
    for (const [from, to] of TO_STRICT) xml = xml.split(from).join(to);
    if (entry.name === "xl/workbook.xml") xml = xml.replace(/<workbook\b/, '<workbook conformance="strict"');
    zip.file(entry.name, xml);
  }
  await edit?.(zip);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

/** Without a styles part, and with the workbook part's elements prefixed (x:workbook, x:sheets…). */
async function withoutStylesPrefixed(zip: JSZip): Promise<void> {
  const text = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  zip.remove("xl/styles.xml");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    (await text("xl/_rels/workbook.xml.rels")).replace(/<Relationship [^>]*relationships\/styles"[^>]*\/>/, ""),
  );
  zip.file("[Content_Types].xml", (await text("[Content_Types].xml")).replace(/<Override PartName="\/xl\/styles\.xml"[^>]*\/>/, ""));
  const workbook = (await text("xl/workbook.xml"))
    .replace(/<(\/?)(?![?!])([A-Za-z]+)([\s/>])/g, "<$1x:$2$3")
    .replace(/ xmlns="/, ' xmlns:x="');
  zip.file("xl/workbook.xml", workbook);
}

const summary = (result: ReturnType<typeof analyzeSheets>) =>
  JSON.stringify({ score: result.score, bets: result.bets, kpis: result.kpis, findings: result.findings });

describe("a Strict Open XML workbook", () => {
  const dir = tempDir("cvm-gap-strict-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let plan: string;

  beforeAll(async () => {
    plan = await strictCopy(path.join(dir, "strict.xlsx"));
  });

  it("is a Strict package as the test makes it, and is read as the Transitional sample is", async () => {
    expect(transitionalNames(await partsOf(fs.readFileSync(plan)))).toEqual([]);
    const strict = analyzeSheets(await (await openXlsx(plan)).readSheets());
    const transitional = analyzeSheets(await (await openXlsx(SAMPLE)).readSheets());
    expect(summary(strict) === summary(transitional)).toBe(true);
  });

  it("gets the report, the history and their parts in Strict namespaces only, also on a rerun; LibreOffice opens them", async () => {
    const out = path.join(dir, "strict.cvm-gap.xlsx");
    const again = path.join(dir, "strict-again.xlsx");
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(["analyze", plan, "--out", out], quiet)).toBe(0);
    expect(await main(["analyze", out, "--out", again], quiet)).toBe(0);

    const before = await partsOf(fs.readFileSync(plan));
    for (const file of [out, again]) {
      const after = await partsOf(fs.readFileSync(file));
      expect([file, transitionalNames(after)]).toEqual([file, []]);
      // The added parts are there, in Strict: worksheets, tables, a drawing and a chart, and their relationships.
      const added = [...after.keys()].filter((name) => !before.has(name));
      expect(added.filter((n) => /^xl\/(worksheets|tables|drawings|charts)\//.test(n)).length).toBeGreaterThanOrEqual(10);
      const text = (name: string) => after.get(name)?.toString("utf8") ?? "";
      for (const name of added.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
        expect(text(name)).toContain(
          '<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"',
        );
      for (const name of added.filter((n) => /^xl\/charts\/[^/]+\.xml$/.test(n)))
        expect(text(name)).toContain('xmlns:c="http://purl.oclc.org/ooxml/drawingml/chart"');
      const rels = [...after.entries()]
        .filter(([name]) => name.endsWith(".rels"))
        .flatMap(([, bytes]) => [...bytes.toString("utf8").matchAll(/Type="([^"]+)"/g)].map((m) => m[1]));
      expect(rels).toEqual(
        expect.arrayContaining([
          "http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet",
          "http://purl.oclc.org/ooxml/officeDocument/relationships/table",
          "http://purl.oclc.org/ooxml/officeDocument/relationships/drawing",
          "http://purl.oclc.org/ooxml/officeDocument/relationships/chart",
        ]),
      );
      // Strict's chart schema has percentages with their sign only.
      for (const name of added.filter((n) => /^xl\/charts\/[^/]+\.xml$/.test(n)))
        expect(text(name)).not.toMatch(/<c:(gapWidth|lblOffset) val="\d+"/);
      expect(text("xl/workbook.xml")).toContain('conformance="strict"');
    }

    const owned = await (await openXlsx(again)).readOwnedSheets(["CVM Gap Analysis", "CVM History"]);
    expect(owned.map((o) => o.state)).toEqual(["owned", "owned"]);

    // LibreOffice reads the Strict drawing and charts too: the report's bar chart and the history's line chart.
    const odsParts = await partsOf(fs.readFileSync(savedAgainAs("ods", [out], dir)(out)));
    const chartClasses = [...odsParts.entries()]
      .filter(([name]) => /^Object \d+\/content\.xml$/.test(name))
      .flatMap(([, bytes]) => [...bytes.toString("utf8").matchAll(/<chart:chart\b[^>]*chart:class="chart:(\w+)"/g)].map((m) => m[1]));
    expect(chartClasses.sort()).toEqual(["bar", "line"]);

    const lines = sheetsAsCsv([out, again], dir);
    for (const file of [out, again]) {
      const report = lines(file, "CVM Gap Analysis");
      expect([file, report?.[1]]).toEqual([file, expect.stringContaining(OWNER_MARKER)]);
      expect(report?.[2]).toMatch(/^Alignment score,91\.66/);
      expect(report?.some((l) => l.startsWith("B3,Best-rated service in the market,"))).toBe(true);
      const history = lines(file, "CVM History") ?? [];
      expect(history[1]).toContain(OWNER_MARKER);
      expect(history.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(l))).toHaveLength(file === again ? 2 : 1);
    }
  }, 300_000);

  it("keeps the plan's mapping in Strict names only: its relationships and its properties' namespace; LibreOffice opens it", async () => {
    const workbook = await openXlsx(plan);
    await workbook.writeMapping('{"version":1,"parts":{}}');
    const out = path.join(dir, "strict-mapping.xlsx");
    await workbook.save(out);
    const parts = await partsOf(fs.readFileSync(out));
    expect(transitionalNames(parts)).toEqual([]);
    const text = (name: string) => parts.get(name)?.toString("utf8") ?? "";
    expect(text("xl/_rels/workbook.xml.rels")).toContain(
      'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/customXml" Target="../customXml/item1.xml"',
    );
    expect(text("customXml/_rels/item1.xml.rels")).toContain(
      'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/customXmlProps" Target="itemProps1.xml"',
    );
    expect(text("customXml/itemProps1.xml")).toContain('xmlns:ds="http://purl.oclc.org/ooxml/officeDocument/customXml"');
    expect(await (await openXlsx(out)).readMapping()).toBe('{"version":1,"parts":{}}');
    expect(sheetsAsCsv([out], path.join(dir, "mapping"))(out, "Bets")?.[0]).toMatch(/^Bet ID,/);
  }, 300_000);

  it("gets a Strict styles part when it has none, also with its workbook part's elements prefixed", async () => {
    const bare = await strictCopy(path.join(dir, "strict-bare.xlsx"), withoutStylesPrefixed);
    const out = path.join(dir, "strict-bare.cvm-gap.xlsx");
    expect(await main(["analyze", bare, "--out", out], { out: () => undefined, err: () => undefined })).toBe(0);
    const parts = await partsOf(fs.readFileSync(out));
    expect(transitionalNames(parts)).toEqual([]);
    expect(parts.get("xl/styles.xml")?.toString("utf8")).toContain('<styleSheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main">');
    expect(parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8")).toMatch(
      /Type="http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships\/styles" Target="styles\.xml"/,
    );
    expect(parts.get("xl/workbook.xml")?.toString("utf8")).toMatch(/<x:sheet name="CVM Gap Analysis" sheetId="\d+" r:id="rId\d+"\/>/);
  });
});
