/**
 * The shared strings read lazily (src/adapters/xlsx/sharedStrings.ts: one checking pass over the part's
 * bytes that keeps each item's text as UTF-8 and where it ends, the text made when a cell asks)
 * give exactly what saxes, a conforming parser,
 * gives for every item: on every fixture and on generated parts with rich runs, phonetic guides,
 * CDATA, entities, _xHHHH_ escapes, comments and prefixes. A damaged part is still refused as a
 * whole, whichever items the plan uses; tens of millions of items are read without a string each.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { readSharedStrings } from "../../src/adapters/xlsx/sharedStrings";
import { readWorksheet } from "../../src/adapters/xlsx/worksheetReader";
import { XmlSyntaxError } from "../../src/adapters/xlsx/xmlTokens";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Every item's text as saxes reads it: the `<t>` text outside phonetic guides, joined, with Excel's _xHHHH_ escapes undone. */
function viaSaxes(xml: string): string[] {
  const items: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: false });
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  const add = (text: string) => {
    if (inText && current !== undefined) current += text;
  };
  parser.on("opentag", (tag) => {
    if (tag.local === "si") current = "";
    else if (tag.local === "t") inText = phonetic === 0;
    else if (tag.local === "rPh") phonetic++;
  });
  parser.on("closetag", (tag) => {
    if (tag.local === "t") inText = false;
    else if (tag.local === "rPh") phonetic--;
    else if (tag.local === "si" && current !== undefined) {
      items.push(current.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
      current = undefined;
    }
  });
  parser.on("text", add);
  parser.on("cdata", add);
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return items;
}

/** Every item, asked for in an order of its own (last first), so that no item's reading leans on the one before. */
function viaLazy(xml: string): string[] {
  const strings = readSharedStrings(xml);
  const items: string[] = [];
  for (let i = strings.length - 1; i >= 0; i--) items[i] = strings.at(i) as string;
  return items;
}

describe("the shared strings read lazily are the items saxes reads", () => {
  it("on every fixture and on the sample", async () => {
    const fixtures = path.join(__dirname, "..", "fixtures", "xlsx");
    const files = [
      ...fs
        .readdirSync(fixtures)
        .filter((f) => /\.xls[xm]$/.test(f))
        .map((f) => path.join(fixtures, f)),
      path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx"),
    ];
    let checked = 0;
    for (const file of files) {
      const part = (await JSZip.loadAsync(fs.readFileSync(file))).file("xl/sharedStrings.xml");
      if (!part) continue;
      const xml = await part.async("string");
      expect([path.basename(file), viaLazy(xml)]).toEqual([path.basename(file), viaSaxes(xml)]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it("on generated parts: rich runs, phonetic guides, CDATA, entities, escapes, comments, prefixes, empty items", () => {
    const text = fc
      .stringMatching(/^[a-z €é_<>&"'\n]{0,10}$/)
      .map((t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    const piece = fc.oneof(
      text,
      text.map((t) => `<![CDATA[${t.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/]]>/g, "")}]]>`),
      fc.constantFrom("&#10;", "&#x20AC;", "_x0041_", "_x005F_x0041_", "<!-- note -->", ""),
    );
    const t = (p: string) =>
      fc
        .array(piece, { maxLength: 3 })
        .map((pieces) => (pieces.length === 0 && p === "" ? "<t/>" : `<${p}t xml:space="preserve">${pieces.join("")}</${p}t>`));
    const item = fc.constantFrom("", "x:").chain((p) =>
      fc.oneof(
        t(p).map((body) => `<${p}si>${body}</${p}si>`),
        fc.constant(`<${p}si/>`),
        fc
          .array(t(p), { minLength: 1, maxLength: 3 })
          .map((runs) => `<${p}si>${runs.map((r) => `<${p}r><${p}rPr><${p}b/></${p}rPr>${r}</${p}r>`).join("")}</${p}si>`),
        fc
          .tuple(t(p), t(p))
          .map(([body, guide]) => `<${p}si>\n  ${body}<${p}rPh sb="0" eb="1">${guide}</${p}rPh><${p}phoneticPr fontId="1"/></${p}si>`),
      ),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${SML}" xmlns:x="${SML}" count="${items.length}">${items.join("")}</sst>`;
        expect(viaLazy(xml)).toEqual(viaSaxes(xml));
      }),
      { numRuns: 500 },
    );
  });

  it("on items that no producer writes: an <si> inside a <t> or a phonetic guide, an <si> inside an <si>", () => {
    for (const body of [
      "<t><si>a<t>b</t></si></t>",
      "<si><rPh><t><si>a<t>b</t>c</si></t></rPh></si>",
      "<si><si><t>a</t><t>b</t></si><t>c</t></si>",
      "<t><si><![CDATA[a]]></si></t>",
    ]) {
      const xml = `<sst xmlns="${SML}">${body}</sst>`;
      expect([body, viaLazy(xml)]).toEqual([body, viaSaxes(xml)]);
    }
  });

  it("gives nothing for an index that is no item, and item 0 for -0", () => {
    const strings = readSharedStrings(`<sst xmlns="${SML}"><si><t>first</t></si><si><t>second</t></si></sst>`);
    expect(strings.length).toBe(2);
    for (const index of [-1, 1.5, 2, NaN, Infinity]) expect(strings.at(index)).toBeUndefined();
    expect(strings.at(-0)).toBe("first");
  });

  it("reads a shared string cell whose index is a fraction, negative or past the end as blank, as before", () => {
    const sheet = `<worksheet xmlns="${SML}"><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>1.5</v></c><c r="C1" t="s"><v>-1</v></c><c r="D1" t="s"><v>9</v></c><c r="E1" t="s"><v> 0 </v></c></row></sheetData></worksheet>`;
    const context = {
      sharedStrings: readSharedStrings(`<sst xmlns="${SML}"><si><t>first</t></si><si><t>second</t></si></sst>`),
      dateStyles: new Set<number>(),
      date1904: false,
    };
    expect(readWorksheet("Bets", sheet, context).sheet.values).toEqual([["second", null, null, null, "first"]]);
  });

  it("refuses a damaged part as a whole, though no cell uses the damaged item", () => {
    expect(() => readSharedStrings(`<sst xmlns="${SML}"><si><t>fine</t></si><si><t>&lol9;</t></si></sst>`)).toThrow(XmlSyntaxError);
    expect(() => readSharedStrings(`<sst xmlns="${SML}"><si><t>fine</t></si><si><t>R&D</t></si></sst>`)).toThrow(XmlSyntaxError);
    expect(() => readSharedStrings(`<sst xmlns="${SML}"><si><t>fine</t></si><si><t>open</si></sst>`)).toThrow(XmlSyntaxError);
  });

  it("reads two million items and gives any of them", () => {
    const count = 2_000_000;
    const xml = `<sst xmlns="${SML}" count="${count}" uniqueCount="${count}"><si><t>Initiative ID</t></si>${"<si><t>x</t></si>".repeat(count - 2)}<si><r><t>la</t></r><r><t>st</t></r></si></sst>`;
    const strings = readSharedStrings(xml);
    expect(strings.length).toBe(count);
    expect([strings.at(0), strings.at(1), strings.at(count - 2), strings.at(count - 1), strings.at(count)]).toEqual([
      "Initiative ID",
      "x",
      "x",
      "last",
      undefined,
    ]);
  });
});
