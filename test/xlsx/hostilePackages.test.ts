/**
 * Packages that are invalid, hostile or merely unusual, made in the test from the sample plan
 * with a zip writer of the test's own (testkit/rawZip.ts): names that are one part for OPC,
 * zip bombs (a part declaring gigabytes, a part inflating past what it declares, entries sharing
 * their bytes), an entity bomb in the shared strings, byte-order marks, UTF-16 parts and an .xlsb
 * under an .xlsx name. Each is refused with one plain message naming the part, or read as its
 * ordinary counterpart, through the command line (zlib) and through the browser's path (zip.js).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { main, type Output } from "../../src/cli/main";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { StopError, UnreadableWorkbookError } from "../../src/domain/common/stopErrors";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { makeZip, specsOf, storedEntries, zipParts, type RawEntrySpec } from "../../testkit/rawZip";
import { tempDir } from "../../testkit/xlsx";
import { savedAgainAs, sheetsAsCsv } from "../../testkit/libreOffice";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
/** The sample's part for the plan sheet "Bets". */
const BETS = "xl/worksheets/sheet1.xml";
/** The parts a write of the report edits in the sample; it adds others. */
const EDITED = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

const dir = tempDir("cvm-gap-hostile-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let sample: { name: string; content: Buffer }[];
beforeAll(async () => {
  sample = await specsOf(new Uint8Array(fs.readFileSync(SAMPLE)));
});

/** The sample's entries with some replaced (by name) or added at the end. */
function samplePackage(
  changes: Readonly<Record<string, Partial<RawEntrySpec> | Buffer | string>> = {},
  added: readonly RawEntrySpec[] = [],
): Uint8Array {
  const specs: RawEntrySpec[] = sample.map((entry) => {
    const change = changes[entry.name];
    if (change === undefined) return entry;
    if (typeof change === "string" || Buffer.isBuffer(change)) return { name: entry.name, content: change };
    return { ...entry, ...change };
  });
  return makeZip([...specs, ...added]);
}

const textOf = (name: string) => sample.find((e) => e.name === name)?.content.toString("utf8") ?? "";

/** Runs the command line on the bytes; its exit code, what it said, and whether it wrote a copy. */
async function runCli(bytes: Uint8Array, ...args: string[]): Promise<{ code: number; said: string; wrote: boolean; copy: string }> {
  const sub = fs.mkdtempSync(path.join(dir, "run-"));
  const plan = path.join(sub, "plan.xlsx");
  fs.writeFileSync(plan, bytes);
  let said = "";
  const io: Output = { out: (t) => (said += t), err: (t) => (said += t) };
  const code = await main(["analyze", plan, ...args], io);
  return { code, said, wrote: fs.readdirSync(sub).length > 1, copy: path.join(sub, "plan.cvm-gap.xlsx") };
}

/** What reading the plan's sheets throws, through zlib (the command line) and through zip.js (the browser). */
async function readFailures(bytes: Uint8Array): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const codec of [zlibCodec, undefined]) {
    try {
      await (await openXlsxBytes(bytes, '"plan.xlsx"', codec)).readSheets();
      failures.push(undefined);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}

function expectStop(error: unknown, ...phrases: string[]): void {
  expect(error).toBeInstanceOf(UnreadableWorkbookError);
  const message = (error as StopError).message;
  for (const phrase of phrases) expect(message).toContain(phrase);
}

const analysis = (result: ReturnType<typeof analyzeSheets>) =>
  JSON.stringify({ score: result.score, bets: result.bets, kpis: result.kpis, findings: result.findings, handshakes: result.handshakes });

describe("part names that are one part for OPC", () => {
  it("refuses a package with two parts whose names differ only by case, naming both, and writes nothing", async () => {
    const bytes = samplePackage({}, [{ name: "xl/worksheets/SHEET1.xml", content: "<worksheet/>" }]);
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain('"xl/worksheets/sheet1.xml" and "xl/worksheets/SHEET1.xml"');
    expect(run.said).toMatch(/not a valid \.xlsx package/);
    expect(run.said).toMatch(/without regard to case/);
    expect(run.said).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.wrote).toBe(false);
    for (const failure of await readFailures(bytes)) expectStop(failure, "xl/worksheets/SHEET1.xml");
  });

  it("refuses a package with two entries of the same name", async () => {
    const bytes = samplePackage({}, [{ name: BETS, content: "<worksheet/>" }]);
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain(`two entries named "${BETS}"`);
    expect(run.wrote).toBe(false);
  });

  it("refuses a package with two entries for one part, one named with \\ and the other with /, naming both", async () => {
    const bytes = samplePackage({}, [{ name: BETS.replace(/\//g, "\\"), content: "<worksheet/>" }]);
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain(`"${BETS}" and "xl\\worksheets\\sheet1.xml", whose names differ only by \\ for /`);
    expect(run.wrote).toBe(false);
    for (const failure of await readFailures(bytes)) expectStop(failure, "xl\\worksheets\\sheet1.xml");
  });
});

describe("entries named with \\ instead of / (written by some Windows tools; Excel opens them)", () => {
  const withBackslashes = () => makeZip(sample.map((entry) => ({ ...entry, name: entry.name.replace(/\//g, "\\") })));

  it("reads the plan as it reads the same package named with /, through zlib and through zip.js", async () => {
    const original = analysis(analyzeSheets(await (await openXlsxBytes(samplePackage(), "sample", zlibCodec)).readSheets()));
    for (const codec of [zlibCodec, undefined])
      expect(analysis(analyzeSheets(await (await openXlsxBytes(withBackslashes(), "backslashes", codec)).readSheets()))).toBe(original);
  });

  it("writes the report into a copy that keeps every entry's name and stored bytes, edits the shared parts under their own names, and reads back", async () => {
    const bytes = withBackslashes();
    const run = await runCli(bytes);
    expect(run.code).toBe(0);
    const copy = new Uint8Array(fs.readFileSync(run.copy));
    const before = storedEntries(bytes).entries;
    const after = new Map(storedEntries(copy).entries.map((entry) => [entry.name, entry]));
    const edited = new Set(EDITED.map((name) => name.replace(/\//g, "\\")));
    for (const entry of before) {
      const written = after.get(entry.name);
      expect([entry.name, written !== undefined]).toEqual([entry.name, true]);
      if (!edited.has(entry.name)) expect([entry.name, written?.local.equals(entry.local)]).toEqual([entry.name, true]);
    }
    // No second entry for a part it edited, and the report's new parts named as the zip format says.
    expect([...after.keys()].filter((name) => name.includes("/") && edited.has(name.replace(/\//g, "\\")))).toEqual([]);
    expect([...after.keys()].filter((name) => !before.some((entry) => entry.name === name))).toContain("xl/worksheets/sheet9.xml");
    const again = await openXlsxBytes(copy, "copy", zlibCodec);
    const owned = await again.readOwnedSheets(["CVM Gap Analysis", "CVM History"]);
    expect(owned.map((sheet) => sheet.state)).toEqual(["owned", "owned"]);
    // A second run replaces the report in its place rather than adding another.
    const rerun = await runCli(copy);
    expect(rerun.code).toBe(0);
    expect((await openXlsxBytes(new Uint8Array(fs.readFileSync(rerun.copy)), "rerun", zlibCodec)).sheetNames).toEqual(again.sheetNames);
  });
});

describe("zip bombs", () => {
  it("refuses a plan sheet that declares gigabytes once inflated, naming the part, before inflating it", async () => {
    // The stored bytes are a small valid stream: nothing but the declared size is hostile.
    const bytes = samplePackage({ [BETS]: { content: textOf(BETS), declaredSize: 3_000_000_000 } });
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain(`the part ${BETS} declares 2,861 MB once inflated, more than the 512 MB a part may have`);
    expect(run.said).toMatch(/zip bomb/);
    expect(run.wrote).toBe(false);
    for (const failure of await readFailures(bytes)) expectStop(failure, BETS, "zip bomb");
  });

  it("stops inflating a part that inflates past the size its zip declares, naming the part", async () => {
    // 64 MB of spaces after the sheet's own XML, declared as the sheet's size: a bomb that lies.
    const xml = Buffer.from(textOf(BETS), "utf8");
    const bomb = Buffer.concat([xml, Buffer.alloc(64 * 1024 * 1024, 0x20)]);
    const stored = { data: zlib.deflateRawSync(bomb), method: 8, crc32: zlib.crc32(bomb) >>> 0, size: xml.length };
    const bytes = samplePackage({ [BETS]: { stored } });
    for (const failure of await readFailures(bytes))
      expectStop(
        failure,
        `the part ${BETS} cannot be read: it inflates past the ${xml.length.toLocaleString("en-US")} bytes its zip records`,
      );
  });

  it("refuses entries that share their stored bytes (a non-recursive zip bomb)", async () => {
    const bytes = samplePackage({}, [
      { name: "xl/media/a.bin", content: "kernel" },
      { name: "xl/media/b.bin", content: "kernel", sameBytesAs: sample.length },
    ]);
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain('"xl/media/a.bin" and "xl/media/b.bin" share bytes in the file');
    expect(run.wrote).toBe(false);
  });
});

describe("the command line's path (zlib) and the browser's (zip.js) check the same", () => {
  it("refuses a part whose content does not match its CRC-32, in the same words on both paths", async () => {
    const content = Buffer.from(textOf(BETS), "utf8");
    const bytes = makeZip(
      sample.map((entry) =>
        entry.name === BETS
          ? { name: BETS, stored: { data: zlib.deflateRawSync(content), method: 8, crc32: 12345, size: content.length } }
          : entry,
      ),
    );
    const failures = await readFailures(bytes);
    for (const failure of failures)
      expectStop(failure, `the part ${BETS} cannot be read: the part's checksum does not match: the file is damaged`);
  });

  it("reads a package whose local headers lack the UTF-8 flag their central records carry (Apache POI's 56957.xlsx) on both paths", async () => {
    const bytes = Buffer.from(samplePackage());
    // Bit 11 (names in UTF-8) left in every central record and cleared in its local header: the
    // names are ASCII, so the two say the same.
    let at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = bytes.readUInt16LE(at + 10);
    at = bytes.readUInt32LE(at + 16);
    for (let i = 0; i < count; i++) {
      expect(bytes.readUInt16LE(at + 8) & 0x800).toBe(0x800);
      const local = bytes.readUInt32LE(at + 42);
      bytes.writeUInt16LE(bytes.readUInt16LE(local + 6) & ~0x800, local + 6);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    expect(await readFailures(new Uint8Array(bytes))).toEqual([undefined, undefined]);
  });
});

describe("a part that cannot be copied", () => {
  it("refuses to write a copy when a part no read looked at is damaged, naming the part and writing nothing", async () => {
    const bytes = samplePackage();
    // Break the signature of docProps/app.xml's local header (its name's first occurrence, 30
    // bytes in): the central directory still lists the part.
    const at = Buffer.from(bytes).indexOf("docProps/app.xml") - 30;
    expect(Buffer.from(bytes).readUInt32LE(at)).toBe(0x04034b50);
    bytes[at] = 0x58;
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain("the local header of the part docProps/app.xml is not where the zip's central directory says");
    expect(run.said).toContain("Nothing was written");
    expect(run.wrote).toBe(false);
    // Reading the plan does not need that part.
    expect((await runCli(bytes, "--no-write")).code).toBe(0);
  });
});

describe("a shared part that cannot be read is named as itself", () => {
  it("names the shared strings part, not the first plan sheet, when an entity bomb is refused", async () => {
    const lol = '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const strings = textOf("xl/sharedStrings.xml")
      .replace(/(<\?xml[^>]*\?>)/, `$1${lol}`)
      .replace("<t>", "<t>&lol2;");
    const bytes = samplePackage({ "xl/sharedStrings.xml": strings });
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain("The shared strings of");
    expect(run.said).toContain("(the part xl/sharedStrings.xml) cannot be read");
    expect(run.said).not.toContain('"Bets"');
    for (const failure of await readFailures(bytes)) expectStop(failure, "xl/sharedStrings.xml");
  });

  it("names the styles part when it cannot be read", async () => {
    const bytes = samplePackage({ "xl/styles.xml": "<styleSheet><numFmts></styleSheet>" });
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain("The styles of");
    expect(run.said).toContain("(the part xl/styles.xml) cannot be read");
    expect(run.said).not.toContain('"Bets"');
  });

  it("names the package's or the workbook's part that is not well-formed XML (Apache POI's xlsx-corrupted.xlsx)", async () => {
    for (const part of ["_rels/.rels", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"]) {
      const bytes = samplePackage({ [part]: '<?xml version="1.0" encoding="UTF-8"?>\nCORRUPTED' });
      const run = await runCli(bytes);
      expect([part, run.code, run.wrote]).toEqual([part, 1, false]);
      expect(run.said).toContain(`(the part ${part} cannot be read: `);
      for (const failure of await readFailures(bytes)) expectStop(failure, `the part ${part} cannot be read`);
    }
  });
});

describe("elements of Excel's extensions that share a main element's local name", () => {
  const dayMs = 86_400_000;
  const read = async (bytes: Uint8Array) => (await openXlsxBytes(bytes, "plan", zlibCodec)).readSheets();

  it("reads a 1904-system workbook's dates in that system when its extLst holds Excel's <x15:workbookPr> (ExcelDataReader's Date1904_Parsings.xlsx)", async () => {
    const workbook = textOf("xl/workbook.xml")
      .replace('<workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>', '<workbookPr date1904="1" defaultThemeVersion="164011"/>')
      .replace(
        "</workbook>",
        '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>',
      );
    expect(workbook).toContain('date1904="1"');
    const [before, after] = [await read(samplePackage()), await read(samplePackage({ "xl/workbook.xml": workbook }))];
    const shifts = before.flatMap((sheet, s) =>
      sheet.values.flatMap((row, r) =>
        row.flatMap((value, c) => (value instanceof Date ? [((after[s].values[r][c] as Date).getTime() - value.getTime()) / dayMs] : [])),
      ),
    );
    expect(shifts.length).toBeGreaterThan(10);
    expect(new Set(shifts)).toEqual(new Set([1462]));
  });

  it("keeps a table's name and range when Excel gave it alt text, kept in an <x14:table> (Apache POI's simple-monthly-budget.xlsx)", async () => {
    const altText =
      '<extLst><ext uri="{504A1905-F514-4f6f-8877-14C23A59335A}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:table altText="Plan part" altTextSummary="One part of the plan"/></ext></extLst></table>';
    const tables = sample.filter((entry) => entry.name.startsWith("xl/tables/")).map((entry) => entry.name);
    expect(tables.length).toBeGreaterThan(3);
    const bytes = samplePackage(Object.fromEntries(tables.map((name) => [name, textOf(name).replace("</table>", altText)])));
    const [before, after] = [await read(samplePackage()), await read(bytes)];
    expect(after.map((sheet) => sheet.tables)).toEqual(before.map((sheet) => sheet.tables));
    expect(analysis(analyzeSheets(after))).toBe(analysis(analyzeSheets(before)));
  });
});

const UTF8_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

describe("byte-order marks and UTF-16 parts", () => {
  it("keeps the UTF-8 byte-order mark of every part it edits", async () => {
    const bytes = samplePackage(
      Object.fromEntries(EDITED.map((name) => [name, Buffer.concat([UTF8_MARK, Buffer.from(textOf(name), "utf8")])])),
    );
    const run = await runCli(bytes);
    expect(run.code).toBe(0);
    const out = await zipParts(new Uint8Array(fs.readFileSync(run.copy)));
    for (const name of EDITED) {
      const part = out.get(name) ?? Buffer.alloc(0);
      expect([name, part.subarray(0, 3)]).toEqual([name, UTF8_MARK]);
      // One mark, and the part was edited (the report's sheet is in it), not copied.
      expect([name, part.subarray(3, 6).equals(UTF8_MARK)]).toEqual([name, false]);
    }
    expect(out.get("xl/workbook.xml")?.toString("utf8")).toContain('name="CVM Gap Analysis"');
  });

  it("reads a workbook whose workbook part, a plan sheet and shared strings are UTF-16 as its UTF-8 original, and writes the edited part back in UTF-16", async () => {
    const utf16 = (name: string, bigEndian: boolean) => {
      const le = Buffer.from(`\ufeff${textOf(name).replace(/encoding="UTF-8"/i, 'encoding="UTF-16"')}`, "utf16le");
      return bigEndian ? Buffer.from(le).swap16() : le;
    };
    const parts = {
      "xl/workbook.xml": utf16("xl/workbook.xml", false),
      [BETS]: utf16(BETS, false),
      "xl/sharedStrings.xml": utf16("xl/sharedStrings.xml", true),
    };
    const bytes = samplePackage(parts);
    const original = analysis(
      analyzeSheets(await (await openXlsxBytes(new Uint8Array(fs.readFileSync(SAMPLE)), "sample", zlibCodec)).readSheets()),
    );
    for (const codec of [zlibCodec, undefined])
      expect(analysis(analyzeSheets(await (await openXlsxBytes(bytes, "utf-16", codec)).readSheets()))).toBe(original);

    const run = await runCli(bytes);
    expect(run.code).toBe(0);
    const written = run.copy;
    const out = await zipParts(new Uint8Array(fs.readFileSync(written)));
    // Parts it did not edit: byte for byte; the edited workbook part: UTF-16 little-endian with its mark.
    expect(out.get(BETS)?.equals(parts[BETS])).toBe(true);
    expect(out.get("xl/sharedStrings.xml")?.equals(parts["xl/sharedStrings.xml"])).toBe(true);
    const workbook = out.get("xl/workbook.xml") ?? Buffer.alloc(0);
    expect([...workbook.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const workbookText = workbook.toString("utf16le");
    expect(workbookText).toContain('encoding="UTF-16"');
    expect(workbookText).toContain('name="CVM Gap Analysis"');
    // The copy reads back as the original does.
    expect(
      analysis(analyzeSheets(await (await openXlsxBytes(new Uint8Array(fs.readFileSync(written)), "copy", zlibCodec)).readSheets())),
    ).toBe(original);

    // LibreOffice opens the copy and reads the report and the UTF-16 sheet.
    const sheetLines = sheetsAsCsv([written], path.join(dir, "utf16"));
    expect(sheetLines(written, "CVM Gap Analysis")?.join("\n")).toContain(OWNER_MARKER);
    expect(sheetLines(written, "Bets")?.join("\n")).toContain("B3,");
  }, 300_000);
});

describe("an OpenDocument spreadsheet under an .xlsx name", () => {
  it("names an .ods renamed .xlsx (roo's type_openoffice.xlsx) for what it is, with the fix, on both paths", async () => {
    // The sample saved as .ods by LibreOffice itself, then given the plan's name.
    const bytes = new Uint8Array(fs.readFileSync(savedAgainAs("ods", [SAMPLE], path.join(dir, "ods"))(SAMPLE)));
    const run = await runCli(bytes);
    expect([run.code, run.wrote]).toEqual([1, false]);
    expect(run.said).toContain("is an OpenDocument spreadsheet (.ods), whatever its name says");
    expect(run.said).toContain("save it as Excel Workbook (.xlsx)");
    for (const failure of await readFailures(bytes)) expectStop(failure, "OpenDocument spreadsheet (.ods)");
  }, 300_000);
});

describe("an Excel Binary Workbook under an .xlsx name", () => {
  it("names an .xlsb renamed .xlsx for what it is, with the fix", async () => {
    const bytes = makeZip([
      {
        name: "[Content_Types].xml",
        content:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheetBinary"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
      },
      {
        name: "_rels/.rels",
        content:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      },
      // BrtBeginBook and BrtEndBook records (MS-XLSB 2.4.300, 2.4.619): binary, as an .xlsb's parts are.
      { name: "xl/workbook.bin", content: new Uint8Array([0x83, 0x01, 0x00, 0x84, 0x01, 0x00]) },
      { name: "xl/worksheets/sheet1.bin", content: new Uint8Array([0x81, 0x01, 0x00, 0x82, 0x01, 0x00]) },
    ]);
    const run = await runCli(bytes);
    expect(run.code).toBe(1);
    expect(run.said).toContain("is an Excel Binary Workbook (.xlsb)");
    expect(run.said).toContain("xl/workbook.bin");
    expect(run.said).toContain("save it as Excel Workbook (.xlsx)");
    expect(run.said).not.toMatch(/damaged|disallowed character/);
    for (const failure of await readFailures(bytes)) expectStop(failure, "Excel Binary Workbook (.xlsb)");
  });
});
