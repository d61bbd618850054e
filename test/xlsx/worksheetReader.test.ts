/**
 * The worksheet reader at the sizes a large plan reaches: 200,000 Impacts rows and more, and as
 * many formula results to write back, must not hit the engine's limit on call arguments.
 */
import fc from "fast-check";
import { readWorksheet, withValues } from "../../src/adapters/xlsx/worksheetReader";

const CONTEXT = { sharedStrings: ["Initiative ID"], dateStyles: new Set<number>(), date1904: false };
const ROWS = 250_000;

/** A sheetData of ROWS rows: a shared-string header, then the row number in A and B. */
function sheetXml(rows: number): string {
  const parts = [
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
  ];
  for (let r = 2; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><f>A${r}*2</f></c></row>`);
  parts.push("</sheetData></worksheet>");
  return parts.join("");
}

describe("the worksheet reader on a quarter of a million rows", () => {
  const read = readWorksheet("Impacts", sheetXml(ROWS), CONTEXT);

  it("reads every row in place", () => {
    expect(read.sheet.origin).toEqual({ row: 0, col: 0 });
    expect(read.sheet.values).toHaveLength(ROWS);
    expect(read.sheet.values[0][0]).toBe("Initiative ID");
    expect(read.sheet.values[ROWS - 1][0]).toBe(ROWS);
    expect(read.pending).toHaveLength(ROWS - 1);
  });

  it("writes back as many formula results", () => {
    const results = read.pending.map((p) => ({ row: p.row, col: p.col, value: (p.row + 1) * 2 }));
    const sheet = withValues(read.sheet, results);
    expect(sheet.values).toHaveLength(ROWS);
    expect(sheet.values[ROWS - 1]).toEqual([ROWS, ROWS * 2]);
  });
});

/**
 * Whole numbers, shared strings' indexes, styles and references are read from the part's text
 * where they stand (issue 22); whatever else a file may write there must read as before.
 */
describe("values read from the part's text read as Number() reads them", () => {
  const dated = { sharedStrings: ["zero", "one", "two"], dateStyles: new Set([2]), date1904: false };
  const cells = [
    '<c r="A1"><v>42</v></c>',
    '<c r="B1"><v>-0</v></c>',
    '<c r="C1"><v>0012</v></c>',
    '<c r="D1"><v>1.5E3</v></c>',
    '<c r="E1"><v>1234567890123456789</v></c>',
    '<c r="F1"><v> 7 </v></c>',
    '<c r="G1"><v>1&#50;</v></c>',
    '<c r="H1"><v><![CDATA[8]]></v></c>',
    '<c r="I1"><v>1<!-- a comment -->3</v></c>',
    '<c r="J1" t="s"><v>2</v></c>',
    '<c r="K1" t="s"><v>+1</v></c>',
    '<c r="L1" t="s"><v>-1</v></c>',
    '<c r="M1" t="s"><v>1.0</v></c>',
    '<c r="N1" t="&#115;"><v>1</v></c>',
    '<c r="O1" s="2"><v>45000</v></c>',
    '<c r="P1" s="&#50;"><v>45001</v></c>',
    '<c r="&#81;1"><v>-5</v></c>',
    '<c r="R1"><v>abc</v></c>',
  ];
  const xml = `<worksheet><sheetData><row r="1">${cells.join("")}</row></sheetData></worksheet>`;
  const [line] = readWorksheet("Numbers", xml, dated).sheet.values;

  it("reads whole numbers, signs and leading zeros", () => {
    expect(line.slice(0, 3)).toEqual([42, -0, 12]);
    expect(Object.is(line[1], -0)).toBe(true);
  });

  it("reads any other number, spaces, entities, CDATA and split text by Number()", () => {
    expect(line.slice(3, 9)).toEqual([1500, Number("1234567890123456789"), 7, 12, 8, 13]);
  });

  it("reads a shared string by a whole index only, and a type or style written with entities", () => {
    expect(line.slice(9, 14)).toEqual(["two", "one", null, "one", "one"]);
  });

  it("dates a number by its style however the style is written, and places a cell by an escaped reference", () => {
    expect(line[14]).toEqual(new Date(Date.UTC(2023, 2, 15)));
    expect(line[15]).toEqual(new Date(Date.UTC(2023, 2, 16)));
    expect(line.slice(16)).toEqual([-5, "abc"]);
  });
});

/**
 * The usual cell, `<c …><v>text</v></c>`, is taken whole rather than token by token (issue 22):
 * it must read exactly as the same cell does when a space in its end tag sends it the long way.
 */
describe("a cell taken whole reads as the same cell read token by token", () => {
  const context = { sharedStrings: ["zero", "one"], dateStyles: new Set([1]), date1904: false };
  const cells: readonly [attributes: string, text: string][] = [
    ["", "42"],
    ["", "-3.25"],
    ["", ""],
    ["", " 7 "],
    ["", "1&#50;"],
    ["", "abc"],
    ['t="s"', "1"],
    ['t="s"', ""],
    ['t="s"', "-1"],
    ['t="str"', "a &amp; b"],
    ['t="str"', ""],
    ['t="b"', "1"],
    ['t="e"', "#N/A"],
    ['t="d"', "2026-03-01T00:00:00"],
    ['t="inlineStr"', "x"],
    ['s="1"', "45000"],
  ];
  const sheet = (endTag: string) =>
    `<worksheet><sheetData><row r="1">${cells
      .map(([attributes, text], i) => `<c r="${String.fromCharCode(65 + i)}1" ${attributes}><v>${text}${endTag}</c>`)
      .join("")}</row></sheetData></worksheet>`;
  const whole = readWorksheet("Whole", sheet("</v>"), context);
  const tokenByToken = readWorksheet("Whole", sheet("</v >"), context);

  it("gives the same values, blanks and places", () => {
    expect(whole.sheet).toEqual(tokenByToken.sheet);
    expect(whole.sheet.values[0].slice(0, 4)).toEqual([42, -3.25, null, 7]);
  });

  it("still refuses a bare & and a cell past the last column", () => {
    const broken = (cell: string) => `<worksheet><sheetData><row r="1">${cell}</row></sheetData></worksheet>`;
    expect(() => readWorksheet("Broken", broken('<c r="A1"><v>1 & 2</v></c>'), context)).toThrow(/bare &/);
    expect(() => readWorksheet("Broken", broken('<c r="XFE1"><v>1</v></c>'), context)).toThrow(/last column/);
  });

  it("reads prefixed elements and formulas the long way, as before", () => {
    const prefixed = readWorksheet(
      "Prefixed",
      '<x:worksheet xmlns:x="s"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c><x:c r="B1"><x:f>A1</x:f><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      context,
    );
    expect(prefixed.sheet.values).toEqual([[5, 5]]);
  });
});

/**
 * A row's usual cells are taken whole, without a token, when written the plainest way (issue 22):
 * any row of cells, plain or not, must read exactly as it does token by token, which an end tag
 * `</v >` forces (neither the whole cell nor its value is then taken at once). An error is the
 * same error; only the character it is counted at may differ, the two texts not being the same.
 */
describe("a row of cells taken whole reads as the same row read token by token", () => {
  const context = { sharedStrings: ["zero", "one", "two"], dateStyles: new Set([1]), date1904: false };
  const attribute = (name: string, values: readonly string[]) =>
    fc
      .tuple(fc.constantFrom(...values), fc.constantFrom('="', '="', '="', '="', '="', '="', ' = "', "='"), fc.constant(name))
      .map(([value, equals, n]) => {
        const quote = equals.endsWith("'") ? "'" : '"';
        return `${n}${equals}${value}${quote}`;
      });
  const rarely = (arbitrary: fc.Arbitrary<string>) => fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary, weight: 1 });
  const cell = fc
    .record({
      attributes: fc
        .tuple(
          fc.option(attribute("r", ["A1", "B1", "C1", "b1", "A2", "1A", "", "&#65;1", "XFE1", "AA1"])),
          fc.option(attribute("t", ["s", "n", "str", "b", "e", "inlineStr", "d", "x", "&#115;"])),
          fc.option(attribute("s", ["0", "1", "2", "", "x", "&#49;", "01"])),
          rarely(attribute("cm", ["1"])),
          rarely(fc.constantFrom("r", "s", "t").chain((name) => attribute(name, ["C1", "1", "s", "n", "str"]))),
        )
        .map((list) => list.filter((a): a is string => a !== null)),
      shuffled: fc.boolean(),
      // Between attributes: a space as usual, other white space, or none (which is not XML).
      between: fc.constantFrom(...Array<string>(8).fill(" "), "\t", ""),
      beforeEnd: fc.constantFrom("", "", " "),
      text: fc.constantFrom("12", "-3", "0.5", " 7 ", "", "1&amp;2", "abc", "1E3", "-0", "007", "2", "#N/A", "2026-03-01"),
      formula: fc.constantFrom(false, false, false, false, true),
      selfClosing: fc.constantFrom(false, false, false, false, true),
      space: fc.constantFrom("", " ", "\n  "),
      element: fc.constantFrom(...Array<string>(10).fill("c"), "x:c", "cx"),
    })
    .map(({ attributes, shuffled, between, beforeEnd, text, formula, selfClosing, space, element }) => {
      const list = shuffled ? [...attributes].reverse() : attributes;
      const tag = `<${element}${list.map((a, i) => (i === 0 ? " " : between) + a).join("")}${beforeEnd}`;
      const body = selfClosing ? "/>" : `>${formula ? "<f>A1</f>" : ""}<v>${text}</v></${element}>`;
      return space + tag + body;
    });
  const row = fc.tuple(fc.constantFrom('<row r="1">', "<row>", '<row r="2">'), fc.array(cell, { maxLength: 6 }), fc.constantFrom("", " "));
  const sheet = (rows: readonly [string, readonly string[], string][], longWay: boolean) =>
    `<worksheet><sheetData>${rows
      .map(([start, cells, end]) => `${start}${cells.map((c) => (longWay ? c.replace("</v>", "</v >") : c)).join("")}${end}</row>`)
      .join("")}</sheetData></worksheet>`;
  const outcome = (xml: string) => {
    try {
      const { sheet, pending, sharedMasters } = readWorksheet("Cells", xml, context);
      return { sheet, pending, sharedMasters };
    } catch (error) {
      return { error: String(error).replace(/ \(at character \d+\)/, "") };
    }
  };

  it("gives the same values, places, pending formulas and errors", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 3 }), (rows) => {
        expect(outcome(sheet(rows, false))).toEqual(outcome(sheet(rows, true)));
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the cells of a real row whole and reads them as before", () => {
    const xml =
      '<worksheet><sheetData><row r="3" spans="1:4"><c r="A3" t="s"><v>1</v></c>\n <c r="B3" s="1"><v>45000</v></c><c r="C3"><v>-2.5</v></c><c r="D3" t="str"><v>x</v></c></row></sheetData></worksheet>';
    expect(readWorksheet("Real", xml, context).sheet.values).toEqual([["one", new Date(Date.UTC(2023, 2, 15)), -2.5, "x"]]);
  });
});

/**
 * Cells as other tools write them, found by reading the test files of calamine, XlsxWriter and
 * ClosedXML beside openpyxl (scripts/corpus/sweep.ts): each reads as Excel shows it.
 */
describe("cells written by other tools read as Excel shows them", () => {
  const sheet = (cells: string) =>
    readWorksheet(
      "Sheet1",
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
      CONTEXT,
    ).sheet.values[0];

  it("reads a line end written CR LF, or CR alone, as LF, as XML does (ClosedXML), and a CR written &#13; as CR (openpyxl)", () => {
    expect(
      sheet(
        '<c r="A1" t="inlineStr"><is><t>Items\r\ntotal</t></is></c><c r="B1" t="inlineStr"><is><t>a\rb</t></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>kept&#13;\nCR</t></is></c><c r="D1" t="str"><f>"x"</f><v>x\r\ny</v></c>',
      ),
    ).toEqual(["Items\ntotal", "a\nb", "kept\r\nCR", "x\ny"]);
  });

  it("reads an inline string's text, not a <v> written beside it (calamine's inlineStr_with_value.xlsx)", () => {
    expect(sheet('<c r="A1" t="inlineStr"><v>1.0</v><is><r><rPr><b/></rPr><t xml:space="preserve">1.</t></r></is></c>')).toEqual(["1."]);
  });

  it("reads a row number written twice as one row with the cells of both, as LibreOffice does (ExcelDataReader's Test_git_issue_324.xlsx)", () => {
    const read = readWorksheet(
      "AH",
      '<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>London Metal Exchange</v></c></row><row r="1"><c r="C1"><v>3</v></c></row>' +
        '<row r="2"><c r="B2"><v>5</v></c></row><row r="1"><c r="B1"><v>2</v></c></row></sheetData></worksheet>',
      CONTEXT,
    ).sheet;
    expect(read.origin).toEqual({ row: 0, col: 0 });
    expect(read.values).toEqual([
      ["London Metal Exchange", 2, 3],
      [null, 5],
    ]);
  });

  it("keeps a number with a date format that lies outside Excel's dates as the number Excel holds (ExcelDataReader's InvalidOADate.xlsx)", () => {
    for (const date1904 of [false, true]) {
      const last = date1904 ? 2_957_003 : 2_958_465;
      const read = readWorksheet(
        "Sheet1",
        `<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>1.0E12</v></c><c r="B1" s="1"><v>-1</v></c><c r="C1" s="1"><v>${last}</v></c><c r="D1" s="1"><v>${last + 1}</v></c></row></sheetData></worksheet>`,
        { ...CONTEXT, dateStyles: new Set([1]), date1904 },
      ).sheet.values[0];
      expect(read.slice(0, 2)).toEqual([1e12, -1]);
      expect((read[2] as Date).toISOString()).toBe("9999-12-31T00:00:00.000Z");
      expect(read[3]).toBe(last + 1);
    }
  });

  it('reads a time of day written in a t="d" cell as the time a number with a time format is (openpyxl\'s ISO dates)', () => {
    const dated = { ...CONTEXT, dateStyles: new Set([1]) };
    const read = readWorksheet(
      "Sheet1",
      '<worksheet><sheetData><row r="1"><c r="A1" t="d"><v>10:10:10</v></c><c r="B1" s="1"><v>0.42372685185185183</v></c><c r="C1" t="d"><v>2021-01-01</v></c><c r="D1" t="d"><v>25:00</v></c></row></sheetData></worksheet>',
      dated,
    ).sheet.values[0];
    expect(read[0]).toEqual(read[1]);
    expect((read[0] as Date).toISOString()).toBe("1899-12-31T10:10:10.000Z");
    expect(read[2]).toEqual(new Date("2021-01-01T00:00:00Z"));
    expect(read[3]).toBe("25:00");
  });
});
