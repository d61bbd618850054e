/**
 * Every worksheet's first rows from the .xlsx package (readSheetHeads): read from the beginning of
 * each part only, the inflate stopped once the rows are there, through zlib (the command line)
 * and zip.js (the browser); the same answer whatever the pieces the part arrives in, its encoding
 * or its prefixes; formulas left uncomputed with their reason; chart sheets left out; a sheet that
 * cannot be read coming without rows while the others come.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { uncomputedFormula, type SheetData } from "../../src/domain/common/cells";
import { UnreadableWorkbookError } from "../../src/domain/common/stopErrors";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";
import { sheetHead } from "../../src/adapters/sheetHead";
import { HEAD_FORMULA_REASON, lastRowStart } from "../../src/adapters/xlsx/sheetHeads";
import { openXlsxBytes } from "../../src/adapters/xlsx/xlsxWorkbook";
import { ZipPackage, type RawCodec } from "../../src/adapters/xlsx/zipPackage";
import { writeLedgerWorkbook } from "../../testkit/ledgerWorkbook";
import { makeZip, specsOf } from "../../testkit/rawZip";
import { everySheet, tempDir } from "../../testkit/xlsx";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");
const FIXTURES = path.join(ROOT, "test", "fixtures", "xlsx");
const read = (file: string) => new Uint8Array(fs.readFileSync(file));

const dir = tempDir("cvm-gap-heads-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** zlib handing the part over in pieces of `size` bytes: rows, tags and characters cut anywhere. */
function piecesOf(size: number): RawCodec {
  return {
    ...zlibCodec,
    async inflatePieces(raw, expected, take) {
      const whole = await zlibCodec.inflate(raw, expected);
      for (let at = 0; at < whole.length; at += size) take(whole.subarray(at, at + size));
    },
  };
}

/** zlib in one piece: readPrefix then reads the part whole. */
const WHOLE: RawCodec = { inflate: zlibCodec.inflate, deflate: zlibCodec.deflate };

/** zlib, recording for each part inflated in pieces its size and the bytes handed over before the reader stopped. */
function recordingCodec(): { codec: RawCodec; handed: { size: number; bytes: number }[] } {
  const handed: { size: number; bytes: number }[] = [];
  const codec: RawCodec = {
    ...zlibCodec,
    async inflatePieces(raw, expected, take) {
      const record = { size: expected.size, bytes: 0 };
      handed.push(record);
      await zlibCodec.inflatePieces?.(raw, expected, (piece) => {
        record.bytes += piece.length;
        take(piece);
      });
    },
  };
  return { codec, handed };
}

async function headsOf(bytes: Uint8Array, rows: number, codec?: RawCodec): Promise<SheetData[]> {
  return (await openXlsxBytes(bytes, "plan.xlsx", codec)).readSheetHeads(rows);
}

describe("the beginning of a part", () => {
  it("finds the last row's start tag, prefixed or not, never an end tag or text", () => {
    const plain = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c';
    expect(lastRowStart(plain)).toBe(plain.indexOf('<row r="2"'));
    const prefixed = '<x:sheetData><x:row r="1"/><x:row>';
    expect(lastRowStart(prefixed)).toBe(prefixed.lastIndexOf("<x:row"));
    expect(lastRowStart("<row>a</row><c><t>arrow row x:row</t></c>")).toBe(0);
    expect(lastRowStart("<rows/><rowBreaks/>")).toBe(-1);
  });

  it.each([
    ["zlib (the command line)", zlibCodec],
    ["zip.js (the browser)", undefined],
  ])("hands over only the beginning of a large part once the reader has enough, through %s", async (_name, codec) => {
    // Text that barely compresses, so that zip.js too inflates it in many pieces.
    const noise = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0, seed = 1; i < noise.length; i++) noise[i] = 97 + ((seed = (seed * 1103515245 + 12345) >>> 0) % 26);
    const pkg = await ZipPackage.open(makeZip([{ name: "big.xml", content: noise }]), codec);
    let taken = 0;
    await pkg.readPrefix("big.xml", (piece) => {
      taken += piece.length;
      return true;
    });
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(noise.length / 2);
    // Read to the end when the reader never has enough: every byte, checked.
    let all = 0;
    await pkg.readPrefix("big.xml", (piece) => ((all += piece.length), false));
    expect(all).toBe(noise.length);
  });
});

describe("the first rows of every worksheet", () => {
  it.each(["cvm-sample-plan.xlsx", "xlsxwriter.xlsx", "xlsxwriter-inline.xlsx", "libreoffice-tables.xlsx", "openpyxl.xlsx"])(
    "gives %s's heads alike whatever the pieces its parts arrive in",
    async (name) => {
      const bytes = read(name === "cvm-sample-plan.xlsx" ? SAMPLE : path.join(FIXTURES, name));
      const whole = await headsOf(bytes, 6, WHOLE);
      expect(whole.some((head) => head.values.length > 0)).toBe(true);
      for (const codec of [piecesOf(7), piecesOf(1000), zlibCodec, undefined]) expect(await headsOf(bytes, 6, codec)).toEqual(whole);
    },
  );

  it("gives the first rows of each sheet as a whole read gives them, from the used range's top, with the tables' whole ranges", async () => {
    const bytes = read(SAMPLE);
    const workbook = await openXlsxBytes(bytes, "sample", zlibCodec);
    const whole = await everySheet(workbook);
    for (const rows of [1, 3, 30]) expect(await headsOf(bytes, rows, piecesOf(97))).toEqual(whole.map((sheet) => sheetHead(sheet, rows)));
    const [bets] = await headsOf(bytes, 2, zlibCodec);
    expect(bets.values).toHaveLength(2);
    expect(bets.tables).toEqual(whole[0].tables);
  });

  it("reads UTF-16 parts and prefixed elements as their plain UTF-8 originals", async () => {
    const specs = await specsOf(read(SAMPLE));
    const sheetParts = specs.filter((spec) => /^xl\/worksheets\/sheet\d+\.xml$/.test(spec.name)).map((spec) => spec.name);
    const utf16 = (text: string, bigEndian: boolean) => {
      const le = Buffer.from(`\ufeff${text.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"')}`, "utf16le");
      return bigEndian ? Buffer.from(le).swap16() : le;
    };
    // Every element of a sheet under the prefix x:, as some producers write SpreadsheetML.
    const prefixed = (text: string) => text.replace(/<(\/?)(?![?!])([A-Za-z]+)([\s/>])/g, "<$1x:$2$3").replace(/ xmlns="/, ' xmlns:x="');
    const changed = specs.map((spec, i) => {
      if (!sheetParts.includes(spec.name)) return spec;
      const text = prefixed(spec.content.toString("utf8"));
      return { name: spec.name, content: i % 3 === 0 ? Buffer.from(text) : utf16(text, i % 3 === 2) };
    });
    const expected = await headsOf(read(SAMPLE), 5, zlibCodec);
    for (const codec of [piecesOf(5), zlibCodec, undefined]) expect(await headsOf(makeZip(changed), 5, codec)).toEqual(expected);
  });

  it("inflates a megabyte or so of a 100,000-line ledger, not the ledger, and gives its first rows", async () => {
    const file = path.join(dir, "ledger.xlsx");
    await writeLedgerWorkbook(file, 60_000, { monthlyBudgets: 3 });
    const { codec, handed } = recordingCodec();
    const heads = await headsOf(read(file), 4, codec);
    expect(heads.map((head) => head.name)).toEqual([
      "Bets",
      "Personas",
      "KPIs",
      "Initiatives",
      "Impacts",
      "Moments of Truth",
      "Collaboration",
      "Budget FY2026",
      "Ledger",
      "Budget Jan 2024",
      "Budget Feb 2024",
      "Budget Mar 2024",
      "Notes",
    ]);
    const ledger = heads[8];
    expect(ledger.values[0]).toEqual([
      "Entry",
      "Booked",
      "Account",
      "Cost centre",
      "Initiative ID",
      "Vendor",
      "Description",
      "Net",
      "VAT",
      "Status",
    ]);
    expect(ledger.values.map((row) => row[0])).toEqual(["Entry", "JE-0000001", "JE-0000002", "JE-0000003"]);
    const largest = handed.reduce((a, b) => (b.size > a.size ? b : a));
    // The ledger's part, of many megabytes, of which one piece of a megabyte was inflated.
    expect(largest.size).toBeGreaterThan(8 * 1024 * 1024);
    expect(largest.bytes).toBeLessThanOrEqual(1024 * 1024);
    const budget = heads[9];
    expect(budget.values).toEqual([
      ["Budget and actuals, Jan 2024"],
      [],
      ["Account", "Cost centre", "Budget €", "Actual €", "Variance €", "Comment"],
      [
        expect.any(String),
        expect.any(String),
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
        ...(budget.values[3].length > 5 ? [expect.any(String)] : []),
      ],
    ]);
  }, 120_000);

  it("leaves a formula whose result the file does not store uncomputed, saying why, which readSheets computes", async () => {
    const bytes = read(path.join(FIXTURES, "openpyxl.xlsx"));
    const heads = await headsOf(bytes, 50, zlibCodec);
    const uncomputed = heads.flatMap((head) =>
      head.values.flatMap((row, r) =>
        row.flatMap((value, c) => {
          const formula = uncomputedFormula(value);
          return formula ? [{ sheet: head.name, row: head.origin.row + r, col: head.origin.col + c, formula }] : [];
        }),
      ),
    );
    expect(uncomputed.length).toBeGreaterThan(0);
    for (const { formula } of uncomputed) {
      expect(formula.reason).toBe(HEAD_FORMULA_REASON);
      expect(formula.formula.length).toBeGreaterThan(0);
    }
    const [first] = uncomputed;
    const [whole] = await (await openXlsxBytes(bytes, "plan.xlsx", zlibCodec)).readSheets([first.sheet]);
    const computed = whole.values[first.row - whole.origin.row]?.[first.col - whole.origin.col];
    expect(uncomputedFormula(computed)).toBeUndefined();
    expect(computed).not.toBeNull();
  });

  it("leaves chart sheets out: only worksheets have rows", async () => {
    const bytes = read(path.join(FIXTURES, "xlsxwriter.xlsx"));
    const workbook = await openXlsxBytes(bytes, "xlsxwriter.xlsx", zlibCodec);
    const worksheets = (await everySheet(workbook)).map((sheet) => sheet.name);
    expect(workbook.sheetNames.length).toBeGreaterThan(worksheets.length);
    expect((await workbook.readSheetHeads(3)).map((head) => head.name)).toEqual(worksheets);
  });

  it("gives a sheet whose part cannot be read without rows, the other sheets as ever, and readSheets of it says why", async () => {
    const specs = await specsOf(read(SAMPLE));
    // The sample's "Budget FY2026", no part of the plan, damaged: a cell that is never closed.
    const damaged = specs.map((spec) =>
      spec.name === "xl/worksheets/sheet8.xml" ? { name: spec.name, content: spec.content.toString("utf8").replace("</c>", "") } : spec,
    );
    const bytes = makeZip(damaged);
    const heads = await headsOf(bytes, 3, zlibCodec);
    const budget = heads.find((head) => head.name === "Budget FY2026");
    expect(budget?.values).toEqual([]);
    expect(budget?.tables).toEqual([{ name: "tblBudget", range: "A1:H13" }]);
    expect(heads.filter((head) => head !== budget)).toEqual(
      (await headsOf(read(SAMPLE), 3, zlibCodec)).filter((head) => head.name !== "Budget FY2026"),
    );
    const workbook = await openXlsxBytes(bytes, "plan.xlsx", zlibCodec);
    await expect(workbook.readSheets(["Budget FY2026"])).rejects.toBeInstanceOf(UnreadableWorkbookError);
    expect((await workbook.readSheets()).map((sheet) => sheet.name)).not.toContain("Budget FY2026");
  });
});
