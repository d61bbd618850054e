/**
 * Small workbooks for the formula tests: sheets written as worksheet XML from a few cells, read by
 * the real worksheet reader, and computed by computeMissingResults with loaders that record which
 * sheets and tables were asked for.
 */
import { cellAddress, parseCellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { computeMissingResults } from "../../src/adapters/xlsx/formulaResults";
import type { TablePart } from "../../src/adapters/xlsx/sheetParts";
import type { DefinedName, WorkbookInfo } from "../../src/adapters/xlsx/workbookPart";
import { readWorksheet, type ReadWorksheet } from "../../src/adapters/xlsx/worksheetReader";

/** Style index 1 is date-formatted in every harness workbook. */
export const DATE_STYLE = 1;

export type CellSpec =
  | number
  | string
  | boolean
  | { readonly error: string }
  | { readonly serial: number }
  | { readonly formula: string; readonly dateStyled?: boolean }
  | { readonly shared: number; readonly ref?: string; readonly formula?: string };

export interface TableSpec {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
  readonly headerRows?: number;
  readonly totalsRows?: number;
}

export interface BookSpec {
  /** Sheets in workbook order; "=…" strings are formulas without a stored result. */
  readonly sheets: Readonly<Record<string, Readonly<Record<string, CellSpec>>>>;
  /** The sheets computed as the plan (the others load on demand); all by default. */
  readonly plan?: readonly string[];
  readonly names?: readonly DefinedName[];
  readonly tables?: Readonly<Record<string, readonly TableSpec[]>>;
  readonly date1904?: boolean;
  readonly now?: Date;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function cellXml(address: string, spec: CellSpec): string {
  if (typeof spec === "number") return `<c r="${address}"><v>${spec}</v></c>`;
  if (typeof spec === "boolean") return `<c r="${address}" t="b"><v>${spec ? 1 : 0}</v></c>`;
  if (typeof spec === "string") {
    if (spec.startsWith("=")) return `<c r="${address}"><f>${escape(spec.slice(1))}</f></c>`;
    return `<c r="${address}" t="inlineStr"><is><t>${escape(spec)}</t></is></c>`;
  }
  if ("error" in spec) return `<c r="${address}" t="e"><v>${escape(spec.error)}</v></c>`;
  if ("serial" in spec) return `<c r="${address}" s="${DATE_STYLE}"><v>${spec.serial}</v></c>`;
  if ("shared" in spec) {
    const master = spec.formula === undefined ? "" : escape(spec.formula);
    const ref = spec.ref ? ` ref="${spec.ref}"` : "";
    return `<c r="${address}"><f t="shared" si="${spec.shared}"${ref}>${master}</f></c>`;
  }
  return `<c r="${address}"${spec.dateStyled ? ` s="${DATE_STYLE}"` : ""}><f>${escape(spec.formula)}</f><v></v></c>`;
}

export function sheetXml(cells: Readonly<Record<string, CellSpec>>): string {
  const rows = new Map<number, string[]>();
  const sorted = Object.entries(cells).sort(([a], [b]) => {
    const x = parseCellAddress(a) as { row: number; col: number };
    const y = parseCellAddress(b) as { row: number; col: number };
    return x.row - y.row || x.col - y.col;
  });
  for (const [address, spec] of sorted) {
    const { row } = parseCellAddress(address) as { row: number };
    rows.set(row, [...(rows.get(row) ?? []), cellXml(address, spec)]);
  }
  const body = [...rows].map(([row, xml]) => `<row r="${row + 1}">${xml.join("")}</row>`).join("");
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

export function infoOf(spec: BookSpec): WorkbookInfo {
  return {
    part: "xl/workbook.xml",
    sheets: Object.keys(spec.sheets).map((name, i) => ({
      name,
      sheetId: i + 1,
      relId: `rId${i + 1}`,
      part: `xl/worksheets/sheet${i + 1}.xml`,
      kind: "worksheet",
      state: "visible",
    })),
    definedNames: spec.names ?? [],
    date1904: spec.date1904 ?? false,
    structureLocked: false,
    relationships: [],
    contentTypes: { defaults: new Map(), overrides: new Map() },
  };
}

export interface Computed {
  readonly sheets: readonly SheetData[];
  /** The value of a cell of a plan sheet, by "Sheet!A1". */
  value(at: string): CellValue;
  /** Sheets the evaluator loaded on demand, in order. */
  readonly loaded: readonly string[];
  readonly tablesLoaded: number;
}

export function readSheet(name: string, cells: Readonly<Record<string, CellSpec>>, date1904 = false): ReadWorksheet {
  return readWorksheet(name, sheetXml(cells), { sharedStrings: [], dateStyles: new Set([DATE_STYLE]), date1904 });
}

export async function compute(spec: BookSpec): Promise<Computed> {
  const date1904 = spec.date1904 ?? false;
  const planNames = spec.plan ?? Object.keys(spec.sheets);
  const plan = planNames.map((name) => readSheet(name, spec.sheets[name], date1904));
  const loaded: string[] = [];
  let tablesLoaded = 0;
  const tables: { sheet: string; table: TablePart }[] = Object.entries(spec.tables ?? {}).flatMap(([sheet, list]) =>
    list.map((t, i) => ({
      sheet,
      table: {
        part: `xl/tables/${sheet}${i}.xml`,
        name: t.name,
        ref: t.ref,
        headerRows: t.headerRows ?? 1,
        totalsRows: t.totalsRows ?? 0,
        columns: t.columns,
      },
    })),
  );
  const sheets = await computeMissingResults(
    plan,
    infoOf(spec),
    async (name) => {
      loaded.push(name);
      const cells = spec.sheets[name];
      return cells ? readSheet(name, cells, date1904) : undefined;
    },
    async () => {
      tablesLoaded++;
      return tables;
    },
    { now: spec.now ? () => spec.now as Date : undefined },
  );
  return {
    sheets,
    loaded,
    tablesLoaded,
    value(at) {
      const [sheetName, address] = at.split("!");
      const sheet = sheets.find((s) => s.name === sheetName);
      const cell = parseCellAddress(address);
      if (!sheet || !cell) throw new Error(`no cell ${at}`);
      return sheet.values[cell.row - sheet.origin.row]?.[cell.col - sheet.origin.col] ?? null;
    },
  };
}

/** The computed value of one formula placed in Calc!A1 of a workbook with the given other sheets. */
export async function valueOf(
  formula: string,
  other: BookSpec["sheets"] = {},
  extra: Omit<BookSpec, "sheets" | "plan"> = {},
): Promise<CellValue> {
  const result = await compute({ ...extra, sheets: { Calc: { A1: formula }, ...other }, plan: ["Calc"] });
  return result.value("Calc!A1");
}

export { cellAddress };
