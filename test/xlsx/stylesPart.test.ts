/**
 * The report's styles written into any styles part the schema allows (CT_Stylesheet, ECMA-376
 * Part 1, 18.8.39: every child optional), from an empty `<styleSheet/>` on: missing collections
 * are created in the schema's order, every existing index keeps its meaning, and a cell without
 * a style still means the default format. End to end, a plan whose styles part is empty gets its
 * report, which reads back and which LibreOffice opens.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { main } from "../../src/cli/main";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { STATUS_RULES } from "../../src/domain/sheets/reportStyle";
import { StopError } from "../../src/domain/common/stopErrors";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { appendReportStyles, type CellStyleKey } from "../../src/adapters/xlsx/styleWriter";
import { sheetsAsCsv } from "../../testkit/libreOffice";
import { tempDir } from "../../testkit/xlsx";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
const KEYS: CellStyleKey[] = [
  {},
  { format: "text", style: "title" },
  { format: "percent" },
  { format: "datetime" },
  { format: "money", style: "label" },
  { style: "note" },
];
const ITEM: Readonly<Record<string, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellStyleXfs: "xf",
  cellXfs: "xf",
  cellStyles: "cellStyle",
  dxfs: "dxf",
};

interface Child {
  readonly name: string;
  readonly count?: string;
  /** Each item's attributes, in order. */
  readonly items: Record<string, string>[];
}

/** The styleSheet's children as saxes reads them (local names), with their items. */
function childrenOf(xml: string): Child[] {
  const children: { name: string; count?: string; items: Record<string, string>[] }[] = [];
  const parser = new SaxesParser({ xmlns: true, position: false });
  let depth = 0;
  parser.on("opentag", (tag) => {
    depth++;
    if (depth === 1) expect(tag.uri).toBe(SML);
    if (depth === 2) children.push({ name: tag.local, count: tag.attributes.count?.value, items: [] });
    const current = children[children.length - 1];
    if (depth === 3 && current && tag.local === ITEM[current.name])
      current.items.push(Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])));
  });
  parser.on("closetag", () => depth--);
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return children;
}

function child(xml: string, name: string): Child {
  const found = childrenOf(xml).find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} in ${xml}`);
  return found;
}

/** The shapes of styles part the schema allows that producers write, or that a hand may. */
const PARTS: [string, string][] = [
  ["an empty styleSheet", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${SML}"/>`],
  ["an empty styleSheet with an end tag", `<styleSheet xmlns="${SML}"></styleSheet>`],
  ["a prefixed empty styleSheet", `<x:styleSheet xmlns:x="${SML}" />`],
  [
    "cell formats only",
    `<styleSheet xmlns="${SML}"><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  ],
  [
    "empty self-closing collections",
    `<styleSheet xmlns="${SML}"><numFmts count="0"/><fonts count="0"/><fills/><borders count="0"/><cellStyleXfs/><cellXfs count="0"/><cellStyles/><dxfs count="0"/></styleSheet>`,
  ],
  [
    "later children only, and an extension holding x14:dxfs",
    `<styleSheet xmlns="${SML}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><!-- <fonts> in a comment --><tableStyles count="0" defaultTableStyle="TableStyleMedium2"/><colors><indexedColors><rgbColor rgb="FF000000"/></indexedColors></colors><extLst><ext uri="{46F421CA-312F-682f-3DD2-61675219B42D}"><x14:dxfs count="0"/></ext></extLst></styleSheet>`,
  ],
];

describe("the report's styles go into any styles part the schema allows", () => {
  it.each(PARTS)("writes into %s: collections in the schema's order, counts right, defaults at index 0", (_, xml) => {
    const before = childrenOf(xml);
    const appended = appendReportStyles(xml, KEYS, STATUS_RULES);
    const after = childrenOf(appended.xml);
    // Each child once, in CT_Stylesheet's order.
    const names = after.map((c) => c.name);
    expect(names).toEqual(ORDER.filter((n) => names.includes(n)));
    expect(names).toEqual(expect.arrayContaining(["fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]));
    for (const c of after) if (ITEM[c.name]) expect([c.name, Number(c.count)]).toEqual([c.name, c.items.length]);
    // The part's own items keep their index.
    for (const old of before) {
      const now = after.find((c) => c.name === old.name);
      expect(now?.items.slice(0, old.items.length)).toEqual(old.items);
    }
    // Index 0 is the default: no number format, font 0, no fill, no border.
    expect(child(appended.xml, "cellXfs").items[0]).toMatchObject({ numFmtId: "0", fontId: "0", fillId: "0", borderId: "0" });
    const fills = child(appended.xml, "fills").items.length;
    expect(fills).toBeGreaterThanOrEqual(2);
    // Every index the formats give exists.
    const count = (name: string) => child(appended.xml, name).items.length;
    for (const xf of [...child(appended.xml, "cellXfs").items, ...child(appended.xml, "cellStyleXfs").items]) {
      expect(Number(xf.fontId ?? 0)).toBeLessThan(count("fonts"));
      expect(Number(xf.fillId ?? 0)).toBeLessThan(fills);
      expect(Number(xf.borderId ?? 0)).toBeLessThan(count("borders"));
      if (xf.xfId !== undefined) expect(Number(xf.xfId)).toBeLessThan(count("cellStyleXfs"));
    }
    for (const index of appended.cellXfs.values()) expect(index).toBeLessThan(count("cellXfs"));
    for (const index of appended.dxfs.values()) expect(index).toBeLessThan(count("dxfs"));
    // A rerun finds its styles again and changes nothing.
    expect(appendReportStyles(appended.xml, KEYS, STATUS_RULES).xml).toBe(appended.xml);
  });

  it("keeps a cell without a style on the default format when the part had no cell formats", () => {
    const appended = appendReportStyles(`<styleSheet xmlns="${SML}"/>`, KEYS, STATUS_RULES);
    expect(appended.cellXfs.get("|")).toBe(0);
    for (const [key, index] of appended.cellXfs) if (key !== "|") expect(index).toBeGreaterThan(0);
    expect(child(appended.xml, "cellStyles").items[0]).toMatchObject({ name: "Normal", xfId: "0", builtinId: "0" });
  });

  it("gives an index the part's formats name but lack the default, so that it keeps meaning the default", () => {
    // Font 1 and border 1 are named by the second format and missing from the part.
    const xml = PARTS[3][1];
    const appended = appendReportStyles(xml, KEYS, STATUS_RULES);
    const fonts = child(appended.xml, "fonts").items;
    const reportFonts = [...appended.cellXfs.keys()]
      .filter((k) => !k.endsWith("|"))
      .map((k) => Number(child(appended.xml, "cellXfs").items[appended.cellXfs.get(k) as number].fontId));
    expect(Math.min(...reportFonts)).toBeGreaterThanOrEqual(2);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(child(appended.xml, "borders").items.length).toBeGreaterThanOrEqual(2);
    expect(child(appended.xml, "fills").items.length).toBeGreaterThanOrEqual(3);
  });

  it("puts the report's dxfs in the styleSheet, not in the extension's x14:dxfs", () => {
    const appended = appendReportStyles(PARTS[5][1], KEYS, STATUS_RULES);
    expect(appended.xml).toContain('<x14:dxfs count="0"/>');
    expect(child(appended.xml, "dxfs").items).toHaveLength(new Set(appended.dxfs.values()).size);
    expect(appended.xml).toContain("<!-- <fonts> in a comment -->");
  });

  it("refuses, with a stop error naming the part, a styles part without a styleSheet", () => {
    expect(() => appendReportStyles(`<styles xmlns="${SML}"/>`, KEYS, STATUS_RULES, "xl/styles.xml")).toThrow(StopError);
    expect(() => appendReportStyles(`<styles xmlns="${SML}"/>`, KEYS, STATUS_RULES, "xl/styles.xml")).toThrow(/xl\/styles\.xml/);
  });
});

describe("a plan whose styles part is an empty <styleSheet/>", () => {
  const dir = tempDir("cvm-gap-styles-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("gets its report, which reads back and which LibreOffice opens", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx")));
    zip.file("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${SML}"/>`);
    const plan = path.join(dir, "empty-styles.xlsx");
    fs.writeFileSync(plan, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    const errors: string[] = [];
    const out = path.join(dir, "empty-styles.cvm-gap.xlsx");
    expect(await main(["analyze", plan, "--out", out], { out: () => undefined, err: (t) => errors.push(t) })).toBe(0);
    expect(errors).toEqual([]);
    const again = path.join(dir, "empty-styles-again.xlsx");
    expect(await main(["analyze", out, "--out", again], { out: () => undefined, err: (t) => errors.push(t) })).toBe(0);

    const owned = await (await openXlsx(out)).readOwnedSheets(["CVM Gap Analysis", "CVM History"]);
    expect(owned.map((o) => o.state)).toEqual(["owned", "owned"]);
    const styles = async (file: string) => (await JSZip.loadAsync(fs.readFileSync(file))).file("xl/styles.xml")?.async("string") ?? "";
    expect(child(await styles(out), "cellXfs").items[0]).toMatchObject({ numFmtId: "0", fontId: "0" });
    expect(await styles(again)).toBe(await styles(out));

    const lines = sheetsAsCsv([out, again], dir);
    for (const file of [out, again]) {
      const report = lines(file, "CVM Gap Analysis");
      expect([file, report?.[1]]).toEqual([file, expect.stringContaining(OWNER_MARKER)]);
      expect(report?.[2]).toMatch(/^Alignment score,\d/);
      expect(lines(file, "CVM History")?.[1]).toContain(OWNER_MARKER);
    }
  }, 300_000);
});
