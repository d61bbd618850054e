/**
 * The fast tokenizer (src/adapters/xlsx/xmlTokens.ts) against saxes, a conforming XML parser: the same
 * elements, attributes and text on every part of every fixture, and on generated XML with
 * entities, CDATA, comments, prefixes and both kinds of quotes; and a refusal of what is not
 * well-formed where a wrong reading would follow.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { localName } from "../../src/adapters/xlsx/xml";
import { Token, XmlSyntaxError, XmlTokens } from "../../src/adapters/xlsx/xmlTokens";

type Event = readonly ["open", string, Record<string, string>] | readonly ["close", string] | readonly ["text", string];

/** Adjacent text events joined, as a consumer that concatenates text sees them. */
function joinText(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e[0] === "text" && last?.[0] === "text") out[out.length - 1] = ["text", last[1] + e[1]];
    else if (e[0] !== "text" || e[1] !== "") out.push(e);
  }
  return out;
}

function viaSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  parser.on("opentag", (tag) => {
    depth++;
    events.push(["open", localName(tag.name), { ...(tag.attributes as Record<string, string>) }]);
  });
  parser.on("closetag", (tag) => {
    depth--;
    events.push(["close", localName(tag.name)]);
  });
  parser.on("text", (text) => {
    if (depth > 0) events.push(["text", text]);
  });
  parser.on("cdata", (text) => events.push(["text", text]));
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return joinText(events);
}

/** The tokenizer's events, with every attribute of each element asked for by the names saxes saw. */
function viaTokens(xml: string, expected: readonly Event[]): Event[] {
  const names = expected.filter((e): e is ["open", string, Record<string, string>] => e[0] === "open").map((e) => Object.keys(e[2]));
  const tokens = new XmlTokens(xml);
  const events: Event[] = [];
  let opened = 0;
  for (let t = tokens.next(); t !== Token.End; t = tokens.next()) {
    if (t === Token.Open) {
      const attrs: Record<string, string> = {};
      for (const name of names[opened++] ?? []) {
        const value = tokens.attr(name);
        if (value !== undefined) attrs[name] = value;
      }
      events.push(["open", tokens.name, attrs]);
    } else if (t === Token.Close) events.push(["close", tokens.name]);
    else events.push(["text", tokens.text]);
  }
  return joinText(events);
}

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");

describe("the fast tokenizer reads what saxes reads", () => {
  it("on every XML part of every fixture and of the sample", async () => {
    const files = [
      ...fs
        .readdirSync(FIXTURES)
        .filter((f) => /\.xls[xm]$/.test(f))
        .map((f) => path.join(FIXTURES, f)),
      path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx"),
    ];
    let parts = 0;
    for (const file of files) {
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      for (const entry of Object.values(zip.files)) {
        if (entry.dir || !/\.(xml|rels)$/.test(entry.name)) continue;
        const xml = await entry.async("string");
        const expected = viaSaxes(xml);
        expect([path.basename(file), entry.name, viaTokens(xml, expected)]).toEqual([path.basename(file), entry.name, expected]);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(150);
  });

  it("on generated XML with entities, character references, CDATA, comments, prefixes and quotes", () => {
    const text = fc
      .stringMatching(/^[a-z €é_<>&"'\n]{0,12}$/)
      .map((t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    const name = fc.constantFrom("c", "v", "x:c", "is", "t", "row", "si", "r");
    const attrValue = fc.stringMatching(/^[A-Za-z0-9 =<>&'"]{0,8}$/).map((v) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    const attrs = fc.uniqueArray(fc.tuple(fc.constantFrom("r", "t", "s", "x:r", "ref", "si"), attrValue), {
      selector: (a) => a[0],
      maxLength: 4,
    });
    const node: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? fc.oneof(
            text,
            text.map((t) => `<![CDATA[${t.replace(/&amp;/g, "&").replace(/]]>/g, "")}]]>`),
            fc.constant("<!-- a <note> -->"),
            fc.constant("&#10;&#x20AC;"),
          )
        : fc.tuple(name, attrs, fc.boolean(), fc.array(node(n - 1), { maxLength: 4 })).map(([tag, list, quoteSingle, children]) => {
            const q = quoteSingle ? "'" : '"';
            const a = list.map(([k, v]) => ` ${k}=${q}${quoteSingle ? v.replace(/'/g, "&apos;") : v.replace(/"/g, "&quot;")}${q}`).join("");
            return children.length === 0 ? `<${tag}${a}/>` : `<${tag}${a}>${children.join("")}</${tag}>`;
          }),
    );
    fc.assert(
      fc.property(node(4), (body) => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns:x="urn:x">${body}</root>`;
        const expected = viaSaxes(xml);
        expect(viaTokens(xml, expected)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * A tag's attributes are split as its end is looked for, in one pass (issue 22); whatever that pass
 * does not expect is left to the careful split on demand, which must give what it always gave.
 */
describe("attributes split as the tag is read", () => {
  it.each([
    ["spaces, tabs and line breaks around = and between attributes", "<root><c r = \"A1\"\n\tt='s' ><v>1</v></c></root>"],
    ["a self-closing tag with attributes and a space before />", '<root><c r="A1" s="2" /><c r="B1"/></root>'],
    ["a > and quotes of the other kind inside values", `<root><c x="a>b'c" r='A"1'><v>1</v></c></root>`],
    [
      "prefixed names and many attributes",
      '<root xmlns:x="urn:x"><row r="1" spans="1:12" x:dy="0.25" ht="15" customHeight="1" hidden="0" outlineLevel="0" collapsed="0" thickBot="0" thickTop="0" ph="0" s="1" customFormat="1" x:a="1" x:b="2" x:c="3" x:d="4" x:e="5"/></root>',
    ],
  ])("reads %s as saxes does", (_, xml) => {
    const expected = viaSaxes(xml);
    expect(viaTokens(xml, expected)).toEqual(expected);
  });

  it("reads attributes written without a space between them as it did", () => {
    const tokens = new XmlTokens('<a r="1"t="2"><b/></a>');
    expect(tokens.next()).toBe(Token.Open);
    expect([tokens.attr("r"), tokens.attr("t")]).toEqual(["1", "2"]);
    expect(tokens.next()).toBe(Token.Open);
    expect(tokens.name).toBe("b");
  });

  it("still says which attribute has no value when it is asked for", () => {
    const tokens = new XmlTokens("<a r t='1'></a>");
    expect(tokens.next()).toBe(Token.Open);
    expect(() => tokens.attr("t")).toThrow(/the attribute r has no value/);
  });
});

describe("the fast tokenizer refuses XML that is not well-formed", () => {
  const drain = (xml: string) => {
    const tokens = new XmlTokens(xml);
    while (tokens.next() !== Token.End) tokens.attr("r");
  };

  it.each([
    ["a crossed end tag", "<a><b></a></b>"],
    ["an element left open", "<a><b>1</b>"],
    ["an unknown entity", "<a>&euro;</a>"],
    ["a bare ampersand", "<a>R&D</a>"],
    ["an attribute without quotes", "<a r=1/>"],
    ["a tag that never ends", '<a r="1"'],
    ["a CDATA section that never ends", "<a><![CDATA[x</a>"],
    // Every object has a constructor and a toString: neither is one of XML's five entities.
    ["an entity named after a property every object has", "<a>&constructor;</a>"],
    ["a comment that never ends, at the very start of the part", "<!-- <a>1</a>"],
  ])("%s", (_, xml) => {
    expect(() => drain(xml)).toThrow(XmlSyntaxError);
  });
});
