/**
 * The plan's mapping kept in an .xlsx package: a custom XML item of the add-in's namespace and its
 * properties part (ECMA-376 Part 1, §15.2.4, §15.2.5, §22.5), the workbook part's relationship to
 * it and the content type of its properties. Read back with JSZip and saxes (not the code under
 * test): the new parts well formed and in their namespaces, every other part's stored entry byte
 * for byte, a rerun replacing the item in place, a removal giving the package back as it was, and
 * LibreOffice opening the result, alone and beside a report. The XML of the item itself
 * (src/adapters/mappingXml.ts) is checked here too, as Office's getXml may hand it back.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { UnreadableWorkbookError } from "../../src/domain/common/stopErrors";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { MAPPING_NAMESPACE, mappingXml, MappingXmlError, readMappingXml } from "../../src/adapters/mappingXml";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { sheetsAsCsv } from "../../testkit/libreOffice";
import { makeZip, specsOf, storedEntries, zipParts } from "../../testkit/rawZip";
import { tempDir } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const FIXTURES = path.join(ROOT, "test", "fixtures", "xlsx");
const TRANSITIONAL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAPPING = '{"version":1,"parts":{"KPIs":{"sheet":"Scorecard <old> & new","columns":{"Target":"Goal 2027"}}},"note":"a\\r\\nb"}';
const OTHER = '{"version":1,"parts":{"Initiatives":{"sheet":"Programmes","headerRow":2}}}';
/** The parts a mapping write alone may edit: the content types and the workbook part's relationships. */
const REFERENCES = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels"];
const NEW_PARTS = ["customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"];

const dir = tempDir("cvm-gap-mapping-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let copies = 0;
/** Opens `input`, makes the edits, saves a copy; its path. */
async function edited(input: string, edit: (workbook: Awaited<ReturnType<typeof openXlsx>>) => Promise<void>): Promise<string> {
  const workbook = await openXlsx(input);
  await edit(workbook);
  const out = path.join(dir, `copy-${++copies}.xlsx`);
  await workbook.save(out);
  return out;
}

/** Stored entries by name: header, compressed bytes, descriptor and central record, as the zip holds them. */
function entriesOf(file: string): Map<string, { local: Buffer; central: Buffer }> {
  return new Map(storedEntries(new Uint8Array(fs.readFileSync(file))).entries.map((e) => [e.name, e]));
}

const partsOf = (file: string) => zipParts(new Uint8Array(fs.readFileSync(file)));

/** The stored entries of a package that are parts (a zip's folder entries are no parts, and a copy leaves them out). */
const storedParts = (file: string) => [...entriesOf(file)].filter(([name]) => !name.endsWith("/"));

/** Every element of a part with its namespace and attributes (namespaced), read by saxes; throws on XML that is not well formed. */
function elements(xml: string): SaxesTagNS[] {
  const parser = new SaxesParser({ xmlns: true });
  const found: SaxesTagNS[] = [];
  let failure: Error | undefined;
  parser.on("opentag", (tag) => found.push(tag));
  parser.on("error", (error) => (failure ??= error));
  parser.write(xml).close();
  if (failure) throw failure;
  return found;
}

describe("the mapping's part in an .xlsx package", () => {
  it("writes the mapping alone: the copy differs from the input only in the owned parts and their references", async () => {
    const copy = await edited(SAMPLE, (w) => w.writeMapping(MAPPING));
    const before = entriesOf(SAMPLE);
    const after = entriesOf(copy);
    const unchanged = [...before.keys()].filter((name) => !REFERENCES.includes(name) && !name.endsWith("/"));
    for (const name of unchanged) expect([name, after.get(name)]).toEqual([name, before.get(name)]);
    expect([...after.keys()].filter((name) => !before.has(name)).sort()).toEqual([...NEW_PARTS].sort());
    // The references gain exactly one entry each; every other byte of them is as it was.
    const [inParts, outParts] = [await partsOf(SAMPLE), await partsOf(copy)];
    const rels = outParts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
    const added = /<Relationship [^>]*customXml"[^>]*\/>/.exec(rels)?.[0] ?? "";
    expect(rels.replace(added, "")).toBe(inParts.get("xl/_rels/workbook.xml.rels")?.toString("utf8"));
    const types = outParts.get("[Content_Types].xml")?.toString("utf8") ?? "";
    const override = /<Override PartName="\/customXml\/itemProps1\.xml"[^>]*\/>/.exec(types)?.[0] ?? "";
    expect(types.replace(override, "")).toBe(inParts.get("[Content_Types].xml")?.toString("utf8"));
    expect(await (await openXlsx(copy)).readMapping()).toBe(MAPPING);
  });

  it("writes well-formed parts in their namespaces, tied by the relationships and content types OPC asks for", async () => {
    const parts = await partsOf(await edited(SAMPLE, (w) => w.writeMapping(MAPPING)));
    const text = (name: string) => parts.get(name)?.toString("utf8") ?? "";

    const [item] = elements(text("customXml/item1.xml"));
    expect([item.uri, item.local]).toEqual([MAPPING_NAMESPACE, "planMapping"]);
    expect(readMappingXml(text("customXml/item1.xml"))).toBe(MAPPING);

    const props = elements(text("customXml/itemProps1.xml"));
    expect(props.map((tag) => [tag.uri, tag.local])).toEqual([
      [TRANSITIONAL_CUSTOM_XML, "datastoreItem"],
      [TRANSITIONAL_CUSTOM_XML, "schemaRefs"],
      [TRANSITIONAL_CUSTOM_XML, "schemaRef"],
    ]);
    // attributeFormDefault="qualified" in shared-customXmlDataProperties.xsd: itemID and uri are in the namespace too.
    const attribute = (tag: SaxesTagNS, local: string) => Object.values(tag.attributes).find((a) => a.local === local);
    const itemId = attribute(props[0], "itemID");
    expect([itemId?.uri, itemId?.value]).toEqual([
      TRANSITIONAL_CUSTOM_XML,
      expect.stringMatching(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/),
    ]);
    const uri = attribute(props[2], "uri");
    expect([uri?.uri, uri?.value]).toEqual([TRANSITIONAL_CUSTOM_XML, MAPPING_NAMESPACE]);

    const itemRels = elements(text("customXml/_rels/item1.xml.rels")).filter((tag) => tag.local === "Relationship");
    expect(itemRels.map((tag) => [tag.attributes.Type?.value, tag.attributes.Target?.value])).toEqual([
      [`${RELATIONSHIPS}/customXmlProps`, "itemProps1.xml"],
    ]);
    const workbookRels = elements(text("xl/_rels/workbook.xml.rels")).filter(
      (tag) => tag.attributes.Type?.value === `${RELATIONSHIPS}/customXml`,
    );
    expect(workbookRels.map((tag) => tag.attributes.Target?.value)).toEqual(["../customXml/item1.xml"]);
    const ids = elements(text("xl/_rels/workbook.xml.rels")).map((tag) => tag.attributes.Id?.value);
    expect(new Set(ids).size).toBe(ids.length);

    const types = elements(text("[Content_Types].xml"));
    const override = (part: string) => types.find((tag) => tag.local === "Override" && tag.attributes.PartName?.value === part);
    expect(override("/customXml/itemProps1.xml")?.attributes.ContentType?.value).toBe(
      "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    );
    // The item is typed by the package's default for .xml.
    expect(override("/customXml/item1.xml")).toBeUndefined();
    expect(types.find((tag) => tag.local === "Default" && tag.attributes.Extension?.value === "xml")?.attributes.ContentType?.value).toBe(
      "application/xml",
    );
  });

  it("types the item itself when the package has no default for .xml", async () => {
    const specs = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
    const noXmlDefault = specs.map((spec) =>
      spec.name === "[Content_Types].xml"
        ? { ...spec, content: Buffer.from(spec.content.toString("utf8").replace(/<Default Extension="xml"[^>]*\/>/, "")) }
        : spec,
    );
    const input = path.join(dir, "no-xml-default.xlsx");
    fs.writeFileSync(input, makeZip(noXmlDefault));
    const parts = await partsOf(await edited(input, (w) => w.writeMapping(MAPPING)));
    const types = elements(parts.get("[Content_Types].xml")?.toString("utf8") ?? "");
    expect(types.find((tag) => tag.attributes.PartName?.value === "/customXml/item1.xml")?.attributes.ContentType?.value).toBe(
      "application/xml",
    );
  });

  it("replaces the mapping in place on a rerun: the same parts and id, the item's text alone changed", async () => {
    const first = await edited(SAMPLE, (w) => w.writeMapping(MAPPING));
    const second = await edited(first, (w) => w.writeMapping(OTHER));
    const [a, b] = [await partsOf(first), await partsOf(second)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const name of a.keys())
      if (name !== "customXml/item1.xml") expect([name, b.get(name)?.equals(a.get(name) ?? Buffer.alloc(0))]).toEqual([name, true]);
    expect(b.get("customXml/item1.xml")?.toString("utf8")).toBe(mappingXml(OTHER));
    expect(await (await openXlsx(second)).readMapping()).toBe(OTHER);
  });

  it("removes the mapping and all that refers to it: the package's parts as they were", async () => {
    const kept = await edited(SAMPLE, (w) => w.writeMapping(MAPPING));
    const removed = await edited(kept, (w) => w.writeMapping(undefined));
    const [before, after] = [await partsOf(SAMPLE), await partsOf(removed)];
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, content] of before) expect([name, after.get(name)?.toString("utf8")]).toEqual([name, content.toString("utf8")]);
    expect(await (await openXlsx(removed)).readMapping()).toBeUndefined();
  });

  it("writes nothing when there is no mapping to remove", async () => {
    const copy = await edited(SAMPLE, (w) => w.writeMapping(undefined));
    expect(storedParts(copy)).toEqual(storedParts(SAMPLE));
  });

  it("finds the mapping by its namespace whatever its part's number, prefix or encoding, rewrites it in that encoding, and leaves another add-in's item alone", async () => {
    const specs = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
    const foreign =
      '<?xml version="1.0" encoding="UTF-8"?><Reviewers xmlns="http://schemas.contoso.com/review/1.0"><Reviewer>Juan</Reviewer></Reviewers>';
    const ours = `\ufeff<?xml version="1.0" encoding="UTF-16"?>\r\n<!-- kept by cvm-gap --><m:planMapping xmlns:m='${MAPPING_NAMESPACE}'><![CDATA[${OTHER}]]></m:planMapping>`;
    const rel = (id: string, n: number) =>
      `<Relationship Id="${id}" Type="${RELATIONSHIPS}/customXml" Target="../customXml/item${n}.xml"/>`;
    const withItems = specs.map((spec) =>
      spec.name === "xl/_rels/workbook.xml.rels"
        ? {
            ...spec,
            content: Buffer.from(
              spec.content.toString("utf8").replace("</Relationships>", `${rel("rId90", 1)}${rel("rId91", 7)}</Relationships>`),
            ),
          }
        : spec,
    );
    const input = path.join(dir, "items.xlsx");
    fs.writeFileSync(
      input,
      makeZip([
        ...withItems,
        { name: "customXml/item1.xml", content: foreign },
        { name: "customXml/item7.xml", content: Buffer.from(ours, "utf16le") },
      ]),
    );
    expect(await (await openXlsx(input)).readMapping()).toBe(OTHER);
    const copy = await edited(input, (w) => w.writeMapping(MAPPING));
    const parts = await partsOf(copy);
    expect(parts.get("customXml/item1.xml")?.toString("utf8")).toBe(foreign);
    const item = parts.get("customXml/item7.xml") ?? Buffer.alloc(0);
    expect([...item.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(item.toString("utf16le")).toMatch(
      /^\ufeff<\?xml version="1\.0" encoding="UTF-16"\?>\r\n<!-- kept by cvm-gap --><m:planMapping xmlns:m='urn:cvm-gap:plan-mapping:1'>/,
    );
    expect(readMappingXml(item.toString("utf16le"))).toBe(MAPPING);
    expect([...parts.keys()].filter((name) => name.startsWith("customXml/")).sort()).toEqual([
      "customXml/item1.xml",
      "customXml/item7.xml",
    ]);
    expect(await (await openXlsx(copy)).readMapping()).toBe(MAPPING);
  });

  it("stops on a part of the add-in's namespace that is not one element of text, naming the part", async () => {
    const specs = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
    const broken = specs.map((spec) =>
      spec.name === "xl/_rels/workbook.xml.rels"
        ? {
            ...spec,
            content: Buffer.from(
              spec.content
                .toString("utf8")
                .replace(
                  "</Relationships>",
                  `<Relationship Id="rId90" Type="${RELATIONSHIPS}/customXml" Target="../customXml/item1.xml"/></Relationships>`,
                ),
            ),
          }
        : spec,
    );
    const bytes = makeZip([
      ...broken,
      { name: "customXml/item1.xml", content: `<planMapping xmlns="${MAPPING_NAMESPACE}"><parts/></planMapping>` },
    ]);
    const read = (await openXlsxBytes(bytes, '"plan.xlsx"', zlibCodec)).readMapping();
    await expect(read).rejects.toBeInstanceOf(UnreadableWorkbookError);
    await expect(read).rejects.toThrow(`The plan's mapping kept in "plan.xlsx" (the part customXml/item1.xml) cannot be read`);
  });

  it("refuses a mapping with a character an XML part cannot hold, writing nothing", async () => {
    const copy = await edited(SAMPLE, (w) => expect(w.writeMapping('{"note":"\u0001"}')).rejects.toBeInstanceOf(MappingXmlError));
    expect(storedParts(copy)).toEqual(storedParts(SAMPLE));
  });

  it("is opened by LibreOffice, alone and beside a report written in the same run, on every fixture", async () => {
    const inputs = [SAMPLE, path.join(FIXTURES, "libreoffice-tables.xlsx"), path.join(FIXTURES, "openpyxl-values.xlsx")];
    const outputs: string[] = [];
    for (const input of inputs) {
      outputs.push(await edited(input, (w) => w.writeMapping(MAPPING)));
      outputs.push(
        await edited(input, async (w) => {
          await w.writeMapping(MAPPING);
          await w.writeSheets([buildReportLayout(analyzeSheets(await w.readSheets()), { runAt: new Date(2026, 0, 15) })]);
        }),
      );
    }
    const lines = sheetsAsCsv(outputs, path.join(dir, "lo"));
    for (const [i, output] of outputs.entries()) {
      expect([output, lines(output, "Bets")?.[0]]).toEqual([output, expect.stringMatching(/^Bet ID,/)]);
      if (i % 2 === 1)
        expect([output, lines(output, "CVM Gap Analysis")?.join("\n")]).toEqual([output, expect.stringContaining(OWNER_MARKER)]);
      expect(await (await openXlsx(output)).readMapping()).toBe(MAPPING);
    }
  }, 300_000);
});

describe("the mapping's XML", () => {
  it("gives back the text written, whatever XML escapes it needed", () => {
    for (const json of [MAPPING, "", "]]> & <![CDATA[ \r \n \t é 😀", '{"a":"\\u0000"}'])
      expect(readMappingXml(mappingXml(json))).toBe(json);
  });

  it("reads the part as another producer may give it back: a declaration, comments, another prefix, single quotes, CDATA, CR LF", () => {
    const xml = `<?xml version="1.0"?>\r\n<!-- x --><p:planMapping xmlns:o="urn:other" xmlns:p='${MAPPING_NAMESPACE}'>{"a":\r\n<![CDATA[1<2]]>&#x7D;</p:planMapping >\n`;
    expect(readMappingXml(xml)).toBe('{"a":\n1<2}');
    expect(readMappingXml(`<planMapping xmlns="${MAPPING_NAMESPACE}"/>`)).toBe("");
  });

  it("tells another namespace's part from the add-in's, and a damaged one of its own", () => {
    expect(
      readMappingXml('<Reviewers xmlns="http://schemas.contoso.com/review/1.0"><Reviewer>Juan</Reviewer></Reviewers>'),
    ).toBeUndefined();
    expect(readMappingXml(`<planMapping xmlns:p="${MAPPING_NAMESPACE}">{}</planMapping>`)).toBeUndefined();
    expect(readMappingXml("not xml")).toBeUndefined();
    expect(() => readMappingXml(`<planMapping xmlns="${MAPPING_NAMESPACE}">{"a":1}`)).toThrow(MappingXmlError);
    expect(() => readMappingXml(`<planMapping xmlns="${MAPPING_NAMESPACE}">a &nbsp; b</planMapping>`)).toThrow("the unknown entity &nbsp;");
  });
});
