/**
 * A package's directory entries and archive comment come out of a write as they went in: the
 * report is written through the xlsx adapter (the command line's analyze --out, then a rerun of
 * its output) into test/fixtures/zip/directories-and-comment.xlsx (made by
 * scripts/fixtures/zip_fixtures.py with Python's zipfile), and the result is read back by
 * position (testkit/rawZip.ts), not by the code under test.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main, type Output } from "../../src/cli/main";
import { storedEntries } from "../../testkit/rawZip";
import { tempDir } from "../../testkit/xlsx";

const INPUT = path.join(__dirname, "..", "fixtures", "zip", "directories-and-comment.xlsx");
/** The shared parts a first write edits (README, "What it does to your file"): the rest is copied. */
const EDITED = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);
const COMMENT = "Northwind Telecom CVM plan 2027: kept by every tool that copies this file";

const dir = tempDir("cvm-gap-zip-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const quiet: Output = { out: () => undefined, err: () => undefined };

const stored = (file: string) => storedEntries(new Uint8Array(fs.readFileSync(file)));
const names = (entries: readonly { name: string }[]) => entries.map((e) => e.name);

/** The entries of `before` not edited whose local record (header, data, descriptor) or central record differs in `after`. */
function changed(before: ReturnType<typeof stored>, after: ReturnType<typeof stored>): string[] {
  const written = new Map(after.entries.map((e) => [e.name, e]));
  return before.entries
    .filter((e) => !EDITED.has(e.name))
    .filter((e) => {
      const out = written.get(e.name);
      return !out || !out.local.equals(e.local) || !out.central.equals(e.central);
    })
    .map((e) => e.name);
}

describe("a package with directory entries and an archive comment, a report written into it", () => {
  const input = stored(INPUT);

  it("is the package the fixture script makes: three directory entries and the comment", () => {
    expect(names(input.entries.filter((e) => e.name.endsWith("/")))).toEqual(["docProps/", "xl/", "xl/worksheets/"]);
    expect(input.comment.toString("ascii")).toBe(COMMENT);
  });

  it("keeps its directory entries in place, its comment, and every entry it does not own byte for byte", async () => {
    const out = path.join(dir, "out.xlsx");
    expect(await main(["analyze", INPUT, "--out", out], quiet)).toBe(0);
    const first = stored(out);
    // The input's entries keep their order, directories included; the report's parts come after them.
    expect(names(first.entries.slice(0, input.entries.length))).toEqual(names(input.entries));
    expect(first.entries.length).toBeGreaterThan(input.entries.length);
    expect(changed(input, first)).toEqual([]);
    expect(first.comment.equals(input.comment)).toBe(true);

    // A rerun on the output replaces the report: the directories and the comment stay again.
    const again = path.join(dir, "again.xlsx");
    expect(await main(["analyze", out, "--out", again], quiet)).toBe(0);
    const second = stored(again);
    expect(names(second.entries.filter((e) => e.name.endsWith("/")))).toEqual(["docProps/", "xl/", "xl/worksheets/"]);
    expect(changed(input, second)).toEqual([]);
    expect(second.comment.equals(input.comment)).toBe(true);
  });
});
