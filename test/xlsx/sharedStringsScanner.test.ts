/**
 * The shared strings read as bytes (src/adapters/xlsx/sharedStringsScanner.ts) are the items the string
 * tokenizer reads from the decoded part, as the reader did before: on every fixture, and on
 * generated parts with bytes that are not UTF-8, character references to halves of surrogate
 * pairs, CDATA, comments, declarations and damage, cut into pieces anywhere, even inside a tag, a
 * reference or a character. A part either reads the same or is refused by both. The part goes to
 * the scanner in pieces as it inflates and is never made into one string.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import fc from "fast-check";
import JSZip from "jszip";
import { UnreadableWorkbookError } from "../../src/domain/common/stopErrors";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { decodePart, encodePart, type PartForm } from "../../src/adapters/xlsx/partText";
import { readSharedStrings, SharedStrings } from "../../src/adapters/xlsx/sharedStrings";
import { SharedStringsScanner } from "../../src/adapters/xlsx/sharedStringsScanner";
import { unescapeExcelText } from "../../src/adapters/xlsx/xml";
import { normalizeLineEnds, Token, XmlTokens } from "../../src/adapters/xlsx/xmlTokens";
import { ZipPackage } from "../../src/adapters/xlsx/zipPackage";
import { makeZip, specsOf } from "../../testkit/rawZip";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");

type Reading = string[] | "refused";

/** The items as the reader made them before: the part decoded to a string, read by the string tokenizer. */
function viaTokenizer(bytes: Uint8Array): Reading {
  try {
    const tokens = new XmlTokens(normalizeLineEnds(decodePart(bytes).text));
    const items: string[] = [];
    let current: string | undefined;
    let inText = false;
    let phonetic = 0;
    for (let token = tokens.next(); token !== Token.End; token = tokens.next()) {
      if (token === Token.Text) {
        if (inText && current !== undefined) current += tokens.text;
      } else if (token === Token.Open) {
        if (tokens.name === "si") current = "";
        else if (tokens.name === "t") inText = phonetic === 0;
        else if (tokens.name === "rPh") phonetic++;
      } else if (tokens.name === "t") inText = false;
      else if (tokens.name === "rPh") phonetic--;
      else if (tokens.name === "si" && current !== undefined) {
        items.push(unescapeExcelText(current));
        current = undefined;
      }
    }
    return items;
  } catch {
    return "refused";
  }
}

/** The items as the scanner reads them from the part cut at `cuts`, each asked for (last first). */
function viaScanner(bytes: Uint8Array, cuts: readonly number[] = []): Reading {
  let strings: SharedStrings;
  try {
    const scanner = new SharedStringsScanner(bytes.length);
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      scanner.write(bytes.subarray(from, Math.max(from, cut)));
      from = Math.max(from, cut);
    }
    scanner.write(bytes.subarray(from));
    strings = new SharedStrings(scanner.end());
  } catch {
    return "refused";
  }
  const items: string[] = [];
  for (let i = strings.length - 1; i >= 0; i--) items[i] = strings.at(i) as string;
  return items;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function join(pieces: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(pieces));
}

async function sharedStringsOf(file: string): Promise<Uint8Array | undefined> {
  const part = (await JSZip.loadAsync(fs.readFileSync(file))).file("xl/sharedStrings.xml");
  return part ? new Uint8Array(await part.async("uint8array")) : undefined;
}

describe("the shared strings read as bytes are the items the tokenizer reads from the decoded part", () => {
  it("on every fixture and on the sample, in pieces of any size from one byte", async () => {
    const files = [
      ...fs
        .readdirSync(FIXTURES)
        .filter((f) => /\.xls[xm]$/.test(f))
        .map((f) => path.join(FIXTURES, f)),
      SAMPLE,
    ];
    let checked = 0;
    for (const file of files) {
      const bytes = await sharedStringsOf(file);
      if (!bytes) continue;
      const expected = viaTokenizer(bytes);
      expect(expected).not.toBe("refused");
      for (const size of [1, 2, 3, 7, 64, 4096, bytes.length]) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) => k * size);
        expect([path.basename(file), size, viaScanner(bytes, cuts)]).toEqual([path.basename(file), size, expected]);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  // Text: characters of one to four bytes, references (to halves of a surrogate pair too), bytes
  // that are not UTF-8 (cut sequences, overlong forms, an encoded surrogate, a stray continuation),
  // Excel's escapes, CDATA that ends in brackets, comments between pieces.
  const text = fc.array(
    fc.oneof(
      fc.constantFrom("a", "é", "€", "顧", "📈", " ", "\n", "\r", "\r\n", "_x0041_", "]", "]]", ">").map(utf8),
      fc
        .constantFrom(
          "&amp;",
          "&lt;",
          "&gt;",
          "&quot;",
          "&apos;",
          "&#10;",
          "&#13;",
          "&#xD;\n",
          "&#x20AC;",
          "&#x1F4C8;",
          "&#xD83D;&#xDE00;",
          "&#xDC00;",
          "&#xD83D;",
          "&#0;",
          "&#0000065;",
        )
        .map(utf8),
      fc
        .constantFrom(
          [0xff],
          [0xe2, 0x82],
          [0x80],
          [0xed, 0xa0, 0x80],
          [0xf0, 0x9f],
          [0xc0, 0xaf],
          [0xef, 0xbb, 0xbf],
          [0xf4, 0x90, 0x80, 0x80],
        )
        .map((b) => new Uint8Array(b)),
      fc
        .constantFrom(
          "<![CDATA[a]]>",
          "<![CDATA[a\r\nb\r]]>",
          "<![CDATA[]]]>",
          "<![CDATA[]]]]>",
          "<![CDATA[<t>&amp;]]>",
          "<![CDATA[]]>",
          "<!-- a - b -->",
          "<!---->",
          "<?pi x?>",
          "<?pi ?>",
        )
        .map(utf8),
      fc.constant(join([utf8("<![CDATA[x"), new Uint8Array([0xe2, 0x82]), utf8("]]>")])),
      // Elements of other names inside text: past ASCII, a U+FEFF first, bytes that are not UTF-8 (the same name once decoded).
      fc.constantFrom("<é>é</é>", "<\ufeffb>x</\ufeffb>", "<\ufeffrPh>q</\ufeffrPh>", "<\ufeffb>x</b>", "<x:é/>", "<b\u00a0/>").map(utf8),
      fc.constant(join([utf8("<a"), new Uint8Array([0xff]), utf8(">y</a"), new Uint8Array([0xfe]), utf8(">")])),
    ),
    { maxLength: 5 },
  );
  const open = fc.constantFrom("<t>", '<t xml:space="preserve">', '<t a=">">', "<x:t>", "<t\t>");
  const close = (tag: string) => (tag.startsWith("<x:") ? "</x:t>" : fc.constantFrom("</t>", "</t >", "</t\n>", "</t\u00a0>"));
  const run = fc
    .tuple(open, text)
    .chain(([tag, body]) =>
      (typeof close(tag) === "string" ? fc.constant(close(tag) as string) : (close(tag) as fc.Arbitrary<string>)).map((end) =>
        join([utf8(tag), ...body, utf8(end)]),
      ),
    );
  const item = fc.oneof(
    run.map((r) => join([utf8("<si>"), r, utf8("</si>")])),
    fc.constantFrom("<si/>", "<si></si>", "<si><t/></si>", "<si><t /></si>", "<x:si><x:t>p</x:t></x:si>").map(utf8),
    fc
      .array(run, { minLength: 1, maxLength: 3 })
      .map((runs) => join([utf8("<si>"), ...runs.flatMap((r) => [utf8("<r><rPr><b/></rPr>"), r, utf8("</r>")]), utf8("</si>")])),
    fc
      .tuple(run, run)
      .map(([body, guide]) =>
        join([utf8("<si>\n  "), body, utf8('<rPh sb="0" eb="1">'), guide, utf8('</rPh><phoneticPr fontId="1"/></si>')]),
      ),
    fc
      .tuple(run, run, run)
      .map(([before, inner, after]) => join([utf8("<si>"), before, utf8("<si>"), inner, utf8("</si>"), after, utf8("</si>")])),
  );
  // Damage the tokenizer refuses, wherever it is.
  const damage = fc.constantFrom(
    "&bogus;",
    "&",
    "& ",
    "&#x110000;",
    "&#99999999999;",
    "&constructor;",
    "&#X41;",
    "&#x;",
    "<",
    "</si>",
    "</t>",
    "<>",
    "< t>",
    "<!-- never",
    "<![CDATA[ never",
    "<? never",
    "<t a='never",
    "<!DOCTYPE never",
  );
  const part = fc.record({
    mark: fc.boolean(),
    prolog: fc.constantFrom(
      "",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      "<!DOCTYPE sst>",
      '<!-- c --><!DOCTYPE sst [<!ENTITY lol "lol">]>',
    ),
    items: fc.array(item, { maxLength: 6 }),
    outside: fc.constantFrom("", "\n", "<!-- after -->", "&bogus; outside the root is not read"),
    damage: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.tuple(damage, fc.nat()), weight: 1 }),
    truncate: fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.nat(), weight: 1 }),
  });

  it("on generated parts cut into pieces anywhere, or both refuse them", () => {
    fc.assert(
      fc.property(part, fc.array(fc.nat(), { maxLength: 6 }), (p, cuts) => {
        let bytes = join([
          p.mark ? new Uint8Array([0xef, 0xbb, 0xbf]) : new Uint8Array(0),
          utf8(p.prolog),
          utf8(`<sst xmlns="${SML}" xmlns:x="${SML}">`),
          ...p.items,
          utf8("</sst>"),
          utf8(p.outside),
        ]);
        if (p.damage) {
          const at = p.damage[1] % (bytes.length + 1);
          bytes = join([bytes.subarray(0, at), utf8(p.damage[0]), bytes.subarray(at)]);
        }
        if (p.truncate !== null) bytes = bytes.subarray(0, p.truncate % bytes.length);
        const expected = viaTokenizer(bytes);
        expect(
          viaScanner(
            bytes,
            cuts.map((c) => c % (bytes.length + 1)),
          ),
        ).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads line ends as XML hands them over: CR LF and a lone CR as LF, a CR written &#13; as CR, wherever the part is cut", () => {
    // XML 1.0 §2.11. ClosedXML writes a cell of several lines with CR LF; openpyxl (lxml) writes its CR as &#13;.
    const part = utf8(
      `<sst xmlns="${SML}"><si><t>Items\r\ntotal</t></si><si><t>a\rb\r</t></si><si><t>kept&#13;\nCR</t></si>` +
        `<si><r><t>run\r</t></r><r><t>\nnext</t></r></si><si><t><![CDATA[c\r\nd]]></t></si></sst>`,
    );
    const expected = ["Items\ntotal", "a\nb\n", "kept\r\nCR", "run\n\nnext", "c\nd"];
    expect(viaTokenizer(part)).toEqual(expected);
    for (let cut = 0; cut <= part.length; cut++) expect([cut, viaScanner(part, [cut])]).toEqual([cut, expected]);
  });

  it("on UTF-16 parts, with and without a byte-order mark, as on their UTF-8 original", () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>\n<sst xmlns="${SML}"><si><t>Épargne · 顧客 · 📈 &amp; &#x20AC;</t></si><si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></si><si/></sst>`;
    const forms: PartForm[] = [
      { encoding: "utf-16le", byteOrderMark: true },
      { encoding: "utf-16be", byteOrderMark: true },
      { encoding: "utf-16le", byteOrderMark: false },
      { encoding: "utf-16be", byteOrderMark: false },
    ];
    for (const form of forms) {
      const bytes = encodePart(xml, form);
      for (const cuts of [[], [1], [2, 3], [17, 18, 19]])
        expect([form, viaScanner(bytes, cuts)]).toEqual([form, ["Épargne · 顧客 · 📈 & €", "a b", ""]]);
    }
  });
});

describe("a shared strings part is read without a string or a buffer of its own size", () => {
  /** A workbook: the sample with `count` more shared strings after its own, none used by a cell. */
  async function sampleWithStrings(count: number, item = "<si><t>unused item</t></si>"): Promise<Uint8Array> {
    const specs = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
    return makeZip(
      specs.map((entry) => {
        if (entry.name !== "xl/sharedStrings.xml") return entry;
        const xml = entry.content.toString("utf8");
        const end = xml.lastIndexOf("</");
        return { name: entry.name, content: `${xml.slice(0, end)}${item.repeat(count)}${xml.slice(end)}` };
      }),
    );
  }

  it("never decodes a shared strings part whole into one string, on the command line's path and the browser's", async () => {
    const bytes = await sampleWithStrings(200_000);
    const partSize = (await ZipPackage.open(bytes, zlibCodec)).inflatedSize("xl/sharedStrings.xml");
    expect(partSize).toBeGreaterThan(5_000_000);
    const decode = jest.spyOn(TextDecoder.prototype, "decode");
    const text = jest.spyOn(ZipPackage.prototype, "text");
    try {
      for (const codec of [zlibCodec, undefined]) {
        const workbook = await openXlsxBytes(bytes, '"plan.xlsx"', codec);
        const sheets = await workbook.readSheets();
        expect(sheets.find((s) => s.name === "Bets")?.values[0]?.[0]).toBe("Bet ID");
      }
      const largest = Math.max(0, ...decode.mock.calls.map(([input]) => (input instanceof Uint8Array ? input.length : 0)));
      expect(largest).toBeLessThan(partSize / 10);
      expect(text.mock.calls.map(([name]) => name)).not.toContain("xl/sharedStrings.xml");
    } finally {
      decode.mockRestore();
      text.mockRestore();
    }
  });

  it("hands a part to its reader in pieces as it inflates, none larger than a megabyte, when zlib inflates it", async () => {
    const content = Buffer.alloc(5_000_000, "<si><t>x</t></si>");
    const pkg = await ZipPackage.open(makeZip([{ name: "xl/sharedStrings.xml", content }]), zlibCodec);
    const sizes: number[] = [];
    const pieces: Buffer[] = [];
    await pkg.readPieces("xl/sharedStrings.xml", (piece) => {
      sizes.push(piece.length);
      pieces.push(Buffer.from(piece));
    });
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.concat(pieces).equals(content)).toBe(true);
  });

  it("keeps an item's text and where it lies, not a string an item: two bytes a one-character item", () => {
    const count = 2_000_000;
    const scanner = new SharedStringsScanner();
    scanner.write(utf8(`<sst xmlns="${SML}">`));
    const chunk = utf8("<si><t>x</t></si>".repeat(10_000));
    for (let written = 0; written < count; written += 10_000) scanner.write(chunk);
    scanner.write(utf8("</sst>"));
    const scanned = scanner.end();
    expect(scanned.spans.length).toBe(count);
    // A byte of text and a byte of length an item; the arrays of lengths are allocated 65,536 at a time.
    expect(scanned.text.byteLength + scanned.spans.byteLength).toBeLessThan(count * 2 + 256 * 1024);
    const strings = new SharedStrings(scanned);
    expect([strings.at(0), strings.at(count - 1), strings.at(count)]).toEqual(["x", "x", undefined]);
  });

  it("finds items of every length, past 255 bytes too, in groups that start anywhere in the text", () => {
    // Lengths of 0 to 70,000 bytes, some in ASCII and some not, so that groups hold long items and groups of more than 256 KB are read an item at a time.
    const lengths = Array.from({ length: 1500 }, (_, k) => (k % 97 === 0 ? 70_000 : (k * 7919) % 600));
    const items = lengths.map((length, k) => (k % 3 === 0 ? "é".repeat(Math.floor(length / 2)) : "a".repeat(length)));
    const strings = readSharedStrings(`<sst xmlns="${SML}">${items.map((item) => `<si><t>${item}</t></si>`).join("")}</sst>`);
    expect(strings.length).toBe(items.length);
    for (const k of [1499, 0, 97, 96, 98, 255, 256, 257, 1000, 511, 512, 1498]) expect([k, strings.at(k)]).toEqual([k, items[k]]);
    for (let k = 0; k < items.length; k++) if (strings.at(k) !== items[k]) throw new Error(`item ${k} differs`);
  });

  it("refuses a shared strings part that inflates past the size its zip declares as it is scanned, naming the part", async () => {
    const specs = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
    const original = specs.find((e) => e.name === "xl/sharedStrings.xml")?.content ?? Buffer.alloc(0);
    // Items after the part's end, past what it declares: a bomb that lies about its size.
    const bomb = Buffer.concat([original, Buffer.alloc(8 * 1024 * 1024, "<si><t>x</t></si>")]);
    const lying = makeZip(
      specs.map((entry) =>
        entry.name === "xl/sharedStrings.xml"
          ? {
              name: entry.name,
              stored: { data: zlib.deflateRawSync(bomb), method: 8, crc32: zlib.crc32(bomb) >>> 0, size: original.length },
            }
          : entry,
      ),
    );
    const damaged = makeZip(
      specs.map((entry) =>
        entry.name === "xl/sharedStrings.xml"
          ? {
              name: entry.name,
              stored: { data: zlib.deflateRawSync(original), method: 8, crc32: (zlib.crc32(original) + 1) >>> 0, size: original.length },
            }
          : entry,
      ),
    );
    for (const [bytes, reason] of [
      [lying, `it inflates past the ${original.length.toLocaleString("en-US")} bytes its zip records`],
      [damaged, "the part's checksum does not match"],
    ] as const) {
      // readWorksheet reads the shared strings without inflating them ahead: they are scanned as they inflate.
      const failure = await (await openXlsxBytes(bytes, '"plan.xlsx"', zlibCodec)).readWorksheet("Bets").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UnreadableWorkbookError);
      expect((failure as Error).message).toContain("(the part xl/sharedStrings.xml) cannot be read");
      expect((failure as Error).message).toContain(reason);
    }
  });

  it("reads a part given as text, for the tests, as the same part given as bytes", () => {
    const xml = `<sst xmlns="${SML}"><si><t>€ &amp; _x0041_</t></si></sst>`;
    expect(readSharedStrings(xml).at(0)).toBe("€ & A");
    expect(readSharedStrings(utf8(xml)).at(0)).toBe("€ & A");
  });
});
