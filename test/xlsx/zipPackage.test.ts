/**
 * The zip container as written: every entry the add-in does not edit comes out as it was stored
 * (its local header, compressed bytes and data descriptor, and its central directory record, all
 * byte for byte; only its offset moves), an edited part keeps its place, name and date, and a
 * package of more entries than a zip's 16-bit count holds is written with zip64 end records.
 * The written zips are read back by position (testkit/rawZip.ts) and by JSZip, not by the
 * code under test.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { ZipPackage } from "../../src/adapters/xlsx/zipPackage";
import { makeZip, storedEntries, zipParts, type RawEntrySpec } from "../../testkit/rawZip";

const FIXTURES = path.join(__dirname, "..", "fixtures", "xlsx");
const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
// LibreOffice's packages carry data descriptors; the sample has stored (uncompressed) entries.
const PACKAGES = [
  SAMPLE,
  ...["libreoffice.xlsx", "xlsxwriter.xlsx", "openpyxl.xlsx", "macro.xlsm"].map((name) => path.join(FIXTURES, name)),
];

describe.each(PACKAGES.map((file) => [path.basename(file), file]))("%s", (_name, file) => {
  it("copies every part it does not edit with its local header, stored bytes, data descriptor and central record as they were", async () => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    for (const codec of [zlibCodec, undefined]) {
      const pkg = await ZipPackage.open(bytes, codec);
      const workbook = await pkg.text("xl/workbook.xml");
      const written = await pkg.write({
        set: new Map([
          ["xl/workbook.xml", workbook.replace("</workbook>", "<!-- edited --></workbook>")],
          ["xl/added.xml", "<added/>"],
        ]),
        remove: new Set(),
      });
      // Directory entries too (the sample has eight): kept where they are, as stored.
      const before = storedEntries(bytes).entries;
      const after = storedEntries(written).entries;
      expect(after.map((e) => e.name)).toEqual([...before.map((e) => e.name), "xl/added.xml"]);
      for (const [i, entry] of before.entries()) {
        if (entry.name === "xl/workbook.xml") continue;
        expect([entry.name, after[i].local.equals(entry.local), after[i].central.equals(entry.central)]).toEqual([entry.name, true, true]);
      }
      // The edited part: in its place, under its name, with its date (central record bytes 12-15).
      const edited = after[before.findIndex((e) => e.name === "xl/workbook.xml")];
      const original = before.find((e) => e.name === "xl/workbook.xml");
      expect(edited.central.readUInt32LE(12)).toBe(original?.central.readUInt32LE(12));
      const parts = await zipParts(written);
      expect(parts.get("xl/workbook.xml")?.toString("utf8")).toContain("<!-- edited --></workbook>");
      expect(parts.get("xl/added.xml")?.toString("utf8")).toBe("<added/>");
    }
  });
});

it("writes a package of more parts than a zip's 16-bit count holds with zip64 end records that other tools read", async () => {
  const count = 66_000;
  const specs: RawEntrySpec[] = Array.from({ length: count }, (_, i) => ({
    name: `customXml/item${i + 1}.xml`,
    content: `<item n="${i + 1}"/>`,
  }));
  const bytes = makeZip(specs);
  const pkg = await ZipPackage.open(bytes, zlibCodec);
  expect(pkg.partNames.length).toBe(count);
  const written = await pkg.write({
    set: new Map([["customXml/item7.xml", "<item n='seven'/>"]]),
    remove: new Set(["customXml/item8.xml"]),
  });
  const { entries, zip64 } = storedEntries(written);
  expect(zip64).toBe(true);
  expect(entries.length).toBe(count - 1);
  const parts = await zipParts(written);
  expect(parts.size).toBe(count - 1);
  expect(parts.get("customXml/item7.xml")?.toString("utf8")).toBe("<item n='seven'/>");
  expect(parts.has("customXml/item8.xml")).toBe(false);
  expect(parts.get(`customXml/item${count}.xml`)?.toString("utf8")).toBe(`<item n="${count}"/>`);
}, 120_000);
