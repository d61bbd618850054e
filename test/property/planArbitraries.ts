/**
 * Random plans for the property tests: the contract's sheets with columns left out, shuffled and
 * padded with foreign ones, headers under title rows, blank rows in the middle, sheets far from
 * A1, and cells that hold anything a workbook can hand over. Every generated cell remembers what
 * kind of value it holds, so that the tests can tell which cells the engine must report.
 */
import fc from "fast-check";
import { cellAddress, type CellValue, type SheetData, type SheetTable } from "../../src/domain/common/cells";
import { HANDSHAKES, SHEETS, type ColumnSpec, type SheetKey, type SheetSpec } from "../../src/domain/plan/contract";

export type Kind =
  | "id"
  | "idList"
  | "number"
  | "numericText"
  | "badText"
  | "text"
  | "error"
  | "errorText"
  | "boolean"
  | "date"
  | "invalidDate"
  | "serial"
  | "isoText"
  | "blank"
  | "longText"
  | "unicode"
  | "formulaLike"
  | "extreme";

export interface GenCell {
  readonly value: CellValue;
  readonly kind: Kind;
}

const ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

const cell =
  (kind: Kind) =>
  (value: CellValue): GenCell => ({ value, kind });

const number = fc
  .oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }))
  .map(cell("number"));
const numericText = fc
  .oneof(
    fc.constantFrom("1250.5", "12%", "€1,250", "(1,250)", " 42 ", "1e3", "$ 5", "5 EUR", "0.25", "1,000,000", "-0"),
    fc.integer({ min: 0, max: 1e9 }).map(String),
  )
  .map(cell("numericText"));
// Starting with a letter that begins no currency code keeps it from reading as a number.
const badText = fc
  .string({ maxLength: 20 })
  .map((s) => `x${s}`)
  .map(cell("badText"));
const plainText = fc.constantFrom("Win the converged home", "Retention", "Héllo wörld", "CVM", "Needs, wants").map(cell("text"));
const error = fc.constantFrom(...ERRORS).map((e) => cell("error")({ error: e }));
const errorText = fc.tuple(fc.constantFrom(...ERRORS), fc.constantFrom("", " ")).map(([e, pad]) => cell("errorText")(`${pad}${e}${pad}`));
const boolean = fc.boolean().map(cell("boolean"));
const date = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map(cell("date"));
const invalidDate = fc.constant(null).map(() => cell("invalidDate")(new Date(Number.NaN)));
const serial = fc.integer({ min: 1, max: 80_000 }).map(cell("serial"));
const isoText = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => cell("isoText")(d.toISOString().slice(0, 10)));
const blank = fc.constantFrom<CellValue>("", "   ", null, "\t").map(cell("blank"));
const longText = fc.integer({ min: 1_000, max: 40_000 }).map((n) => cell("longText")(`L${"ö".repeat(n)}`));
const unicode = fc
  .oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), fc.string({ unit: "binary", minLength: 1, maxLength: 12 }))
  .map(cell("unicode"));
const formulaLike = fc
  .oneof(
    fc.constantFrom(
      '=HYPERLINK("http://example.com","x")',
      "=1+1",
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      "=",
      "@",
      '=WEBSERVICE("http://x")',
    ),
    fc.tuple(fc.constantFrom("=", "+", "-", "@"), fc.string({ maxLength: 15 })).map(([p, s]) => p + s),
  )
  .map(cell("formulaLike"));

/**
 * Numbers at the ends of what a number holds: near ±1.8E+308 (so that a few of them add up past
 * it), the smallest ones (a ratio over them goes past it), typed past it ("1e309", "€1e999"), or
 * stored past it (an adapter handing over Infinity).
 */
export const extremeNumber: fc.Arbitrary<GenCell> = fc
  .oneof(
    fc.constantFrom<CellValue>(
      1e308,
      -1e308,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      5e-324,
      -5e-324,
      1e-300,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
    fc.constantFrom<CellValue>("1e309", "€1e999", "-1e999", "(1e999)", "1e308", "1.7e308%", "9".repeat(400)),
    fc.double({ noNaN: true }),
  )
  .map(cell("extreme"));

/** Anything a cell may hold, whatever its column. */
export const hostileCell: fc.Arbitrary<GenCell> = fc.oneof(
  number,
  numericText,
  badText,
  plainText,
  error,
  errorText,
  boolean,
  date,
  invalidDate,
  serial,
  isoText,
  blank,
  longText,
  unicode,
  formulaLike,
);

const PREFIX: Readonly<Record<SheetKey, string>> = {
  bets: "B",
  personas: "P",
  kpis: "K",
  initiatives: "I",
  impacts: "I",
  moments: "M",
  collaboration: "C",
};

/** A small pool, so that IDs repeat; written with the case and spaces planners vary. */
function idOf(sheet: SheetKey): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom("", " ", "lower")).map(([n, style]) => {
    const id = `${PREFIX[sheet]}${n}`;
    return style === "lower" ? id.toLowerCase() : `${style}${id}${style}`;
  });
}

const LIST_TARGET: Readonly<Record<string, SheetKey>> = { betIds: "bets", kpiIds: "kpis", personaIds: "personas", motIds: "moments" };

/** Known and dangling IDs of the referenced sheet, joined by the separators the contract accepts. */
function idList(column: ColumnSpec): fc.Arbitrary<GenCell> {
  const target = LIST_TARGET[column.key] ?? "bets";
  const one = fc.oneof(
    { weight: 4, arbitrary: idOf(target) },
    { weight: 1, arbitrary: fc.constantFrom(`${PREFIX[target]}99`, "ZZ-404", "b 1") },
  );
  return fc
    .tuple(fc.array(one, { minLength: 1, maxLength: 4 }), fc.constantFrom(", ", ";", "\n", " ; ", ","))
    .map(([ids, sep]) => cell("idList")(ids.join(sep)));
}

function fitting(spec: SheetSpec, column: ColumnSpec, options: SheetOptions): fc.Arbitrary<GenCell> {
  switch (column.kind) {
    case "id":
      // The Impacts sheet names an initiative and a KPI; every other sheet its own rows.
      return idOf(column.key === "kpiId" ? "kpis" : column.key === "initiativeId" ? "initiatives" : spec.key).map(cell("id"));
    case "idList":
      return idList(column);
    case "number":
      return options.numbers ? fc.oneof(number, options.numbers) : fc.oneof(number, numericText);
    case "date":
      return fc.oneof(date, serial, isoText);
    default:
      if (column.key === "direction") return fc.constantFrom("Higher is better", "Lower is better", "down").map(cell("text"));
      if (column.key === "handshake") return fc.constantFrom(...HANDSHAKES.map((h) => h.handshake)).map(cell("text"));
      if (column.key === "priority") return fc.constantFrom("High", "Medium", "Low").map(cell("text"));
      return plainText;
  }
}

/** Mostly values that fit the column, often hostile ones. */
function cellFor(spec: SheetSpec, column: ColumnSpec, options: SheetOptions): fc.Arbitrary<GenCell> {
  return fc.oneof({ weight: 3, arbitrary: fitting(spec, column, options) }, { weight: 2, arbitrary: hostileCell });
}

export interface GenSheet {
  readonly spec: SheetSpec;
  readonly name: string;
  /** The contract columns present, in sheet order, with the header text used. */
  readonly columns: readonly { readonly column: ColumnSpec; readonly header: string }[];
  readonly extraColumns: number;
  readonly titleRows: number;
  readonly origin: { readonly row: number; readonly col: number };
  /** Data rows; null is a blank row left in the middle. */
  readonly rows: readonly (readonly GenCell[] | null)[];
  readonly asTable: boolean;
}

function headerText(column: ColumnSpec): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(column.label, ...column.aliases), fc.constantFrom("same", "upper", "lower", "spaced"))
    .map(([text, style]) =>
      style === "upper"
        ? text.toUpperCase()
        : style === "lower"
          ? text.toLowerCase()
          : style === "spaced"
            ? ` ${text.replace(/ /g, "_")} `
            : text,
    );
}

function sheetName(spec: SheetSpec): fc.Arbitrary<string> {
  return fc.constantFrom(spec.label, spec.label.toUpperCase(), ...spec.aliases);
}

export interface SheetOptions {
  /** Leave no required column out (the header is then found without ambiguity). */
  readonly allRequired?: boolean;
  readonly maxRows?: number;
  /** Where the sheet's used range may start. */
  readonly origin?: fc.Arbitrary<{ row: number; col: number }>;
  /** What the number columns hold besides ordinary numbers; numbers typed as text by default. */
  readonly numbers?: fc.Arbitrary<GenCell>;
}

const nearA1 = fc.record({ row: fc.integer({ min: 0, max: 30 }), col: fc.integer({ min: 0, max: 10 }) });

export function genSheet(spec: SheetSpec, options: SheetOptions = {}): fc.Arbitrary<GenSheet> {
  const columns = fc
    .shuffledSubarray([...spec.columns], { minLength: 0 })
    .map((picked) => (options.allRequired ? [...picked, ...spec.columns.filter((c) => c.required && !picked.includes(c))] : picked))
    .chain((picked) => fc.shuffledSubarray(picked, { minLength: picked.length, maxLength: picked.length }))
    .chain((picked) => fc.tuple(...picked.map((column) => headerText(column).map((header) => ({ column, header })))));
  return fc
    .record({
      name: sheetName(spec),
      columns,
      extraColumns: fc.integer({ min: 0, max: 3 }),
      titleRows: fc.integer({ min: 0, max: 3 }),
      origin: options.origin ?? nearA1,
      asTable: fc.boolean(),
    })
    .chain((shape) =>
      fc
        .array(
          fc.oneof(
            { weight: 9, arbitrary: fc.tuple(...shape.columns.map(({ column }) => cellFor(spec, column, options))) },
            { weight: 1, arbitrary: fc.constant(null) },
          ),
          { maxLength: options.maxRows ?? 12 },
        )
        .map((rows): GenSheet => ({ spec, ...shape, rows })),
    );
}

export interface GenPlan {
  readonly sheets: readonly GenSheet[];
  /** Sheets outside the contract, with anything in them. */
  readonly foreign: readonly SheetData[];
}

const foreignSheet: fc.Arbitrary<SheetData> = fc.record({
  name: fc.constantFrom("Notes", "Budget FY2026", "Sheet1"),
  values: fc.array(
    fc.array(
      hostileCell.map((c) => c.value),
      { maxLength: 5 },
    ),
    { maxLength: 5 },
  ),
  origin: nearA1,
});

export function genPlan(options: SheetOptions = {}): fc.Arbitrary<GenPlan> {
  // Bets and KPIs are there nine times in ten, so that most plans get past "not a plan".
  const present = fc.tuple(
    ...SHEETS.map((spec) => fc.integer({ min: 0, max: 9 }).map((n) => (n < (spec.required ? 9 : 7) ? spec : undefined))),
  );
  return present.chain((picked) => {
    const chosen = picked.filter((spec): spec is SheetSpec => spec !== undefined);
    return fc.record({
      sheets: fc.tuple(...chosen.map((spec) => genSheet(spec, options))),
      foreign: fc.array(foreignSheet, { maxLength: 2 }),
    });
  });
}

/** Where each generated data cell lands on the sheet. */
export interface PlacedCell extends GenCell {
  readonly sheet: GenSheet;
  readonly column: ColumnSpec;
  readonly address: string;
  /** Index of the data row among the generated rows. */
  readonly rowIndex: number;
}

export interface Rendered {
  readonly data: SheetData;
  readonly cells: readonly PlacedCell[][];
  /** Sheet row (zero-based) of the header. */
  readonly headerRow: number;
}

/**
 * Lays a generated sheet out as an adapter would hand it over: title rows, the header (contract
 * columns with extra ones interleaved), the data rows, ragged where trailing cells are blank.
 */
export function render(sheet: GenSheet): Rendered {
  const values: CellValue[][] = [];
  for (let t = 0; t < sheet.titleRows; t++) values.push(t === 0 ? ["CVM plan FY2026 (draft)"] : []);
  // Extra columns go after every second contract column, and at the end when there are no contract columns.
  const layout: ({ kind: "contract"; index: number } | { kind: "extra"; n: number })[] = [];
  let extras = sheet.extraColumns;
  sheet.columns.forEach((_, index) => {
    layout.push({ kind: "contract", index });
    if (extras > 0 && index % 2 === 1) layout.push({ kind: "extra", n: extras-- });
  });
  while (extras > 0) layout.push({ kind: "extra", n: extras-- });
  values.push(layout.map((l) => (l.kind === "contract" ? sheet.columns[l.index].header : `Comment ${l.n}`)));
  const headerRow = sheet.origin.row + sheet.titleRows;
  const cells: PlacedCell[][] = [];
  sheet.rows.forEach((row, rowIndex) => {
    if (!row) {
      values.push([]);
      cells.push([]);
      return;
    }
    // values[0] sits on the origin row, so the line about to be pushed lands on this sheet row.
    const sheetRow = sheet.origin.row + values.length;
    const placed: PlacedCell[] = [];
    const line: CellValue[] = layout.map((l, c) => {
      if (l.kind === "extra") return `note ${rowIndex}`;
      const generated = row[l.index];
      placed.push({
        ...generated,
        sheet,
        column: sheet.columns[l.index].column,
        address: cellAddress(sheetRow, sheet.origin.col + c),
        rowIndex,
      });
      return generated.value;
    });
    values.push(line);
    cells.push(placed);
  });
  const tables: SheetTable[] | undefined =
    sheet.asTable && layout.length > 0
      ? [
          {
            name: `T_${sheet.spec.key}`,
            range: `${cellAddress(headerRow, sheet.origin.col)}:${cellAddress(headerRow + sheet.rows.length, sheet.origin.col + layout.length - 1)}`,
          },
        ]
      : undefined;
  return { data: { name: sheet.name, values, origin: sheet.origin, tables }, cells, headerRow };
}
