/**
 * One opened workbook written twice (the pane's preview keeps its package open between two
 * Analyses): the second write replaces the first one's report as it replaces a report read from
 * the file, so the package has one content type per part and no table part left from the first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { tempDir } from "../../testkit/xlsx";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
const dir = tempDir("cvm-gap-rewrite-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function package_(file: string): Promise<{ names: string[]; contentTypes: string; tablesInRels: string[] }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const contentTypes = await zip.file("[Content_Types].xml")!.async("string");
  const rels = await Promise.all(names.filter((n) => /^xl\/worksheets\/_rels\//.test(n)).map((n) => zip.file(n)!.async("string")));
  const tablesInRels = rels.flatMap((xml) => [...xml.matchAll(/Target="\.\.\/tables\/(table\d+\.xml)"/g)].map((m) => `xl/tables/${m[1]}`));
  return { names, contentTypes, tablesInRels };
}

describe("a report written twice on one opened workbook", () => {
  it("leaves one content type per part and no table part the second write does not reference", async () => {
    const workbook = await openXlsx(SAMPLE);
    const layout = buildReportLayout(analyzeSheets(await workbook.readSheets()), { runAt: new Date(2026, 0, 15) });
    await workbook.writeSheets([layout]);
    await workbook.writeSheets([layout]);
    const out = path.join(dir, "twice.xlsx");
    await workbook.save(out);

    const once = await openXlsx(SAMPLE);
    await once.writeSheets([layout]);
    const single = path.join(dir, "once.xlsx");
    await once.save(single);

    const twice = await package_(out);
    const overrides = [...twice.contentTypes.matchAll(/PartName="([^"]+)"/g)].map((m) => m[1].toLowerCase());
    expect(overrides.filter((name, i) => overrides.indexOf(name) !== i)).toEqual([]);
    const tableParts = twice.names.filter((n) => n.startsWith("xl/tables/")).sort();
    expect(tableParts).toEqual([...new Set(twice.tablesInRels)].sort());
    // Written twice or once, the package holds the same parts.
    expect(twice.names.sort()).toEqual((await package_(single)).names.sort());
  });
});
