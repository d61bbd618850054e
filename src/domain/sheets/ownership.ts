/**
 * Which sheets and tables belong to the add-in, and the names it may give them. Every adapter
 * (the .xlsx file, Office.js, the in-memory preview) asks these rules before it writes, so that
 * the add-in only ever replaces what it wrote and refuses the same things everywhere.
 */
import { parseCellAddress } from "../common/cells";
import type { ReportLayout } from "./reportLayout";
import { EXCEL_COLUMNS, EXCEL_ROWS, layoutExtent } from "./sheetGrid";
import {
  BadReportNameError,
  ForeignSheetError,
  ProtectedWorkbookError,
  SheetTooLargeError,
  TableNameClashError,
} from "../common/stopErrors";

// The marker lives with the cells so that recognising the plan's sheets can pass over the add-in's own.
export { OWNER_MARKER, OWNER_MARKER_ROWS, isOwnerMarker, carriesOwnerMarker, isOwnedSheet } from "../common/ownerMarker";

export const SHEET_NAME_LIMIT = 31;

/** Why Excel would refuse a sheet name, or undefined when it takes it. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return "a sheet name cannot be empty";
  if (name.length > SHEET_NAME_LIMIT) return `Excel allows ${SHEET_NAME_LIMIT} characters in a sheet name`;
  if (/[:\\/?*[\]]/.test(name)) return "a sheet name cannot hold : \\ / ? * [ or ]";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot start or end with an apostrophe";
  if (name.toLowerCase() === "history") return '"History" is reserved by Excel';
  return undefined;
}

/** Refuses a report sheet name Excel would not take, before anything is written. */
function checkSheetName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new BadReportNameError(`"${name}" cannot be the name of the report sheet: ${problem}.`);
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

/** Why Excel would refuse a table name, or undefined when it takes it. */
export function tableNameProblem(name: string): string | undefined {
  if (!TABLE_NAME.test(name) || name.length > 255) return "use letters, digits, underscores and dots, starting with a letter or underscore";
  // Names that read as a cell address (A1, R1C1, R, C) are refused by Excel.
  if (parseCellAddress(name) || /^[RC]\d*$|^R\d*C\d*$/i.test(name)) return "it reads as a cell address";
  return undefined;
}

/** A table of the workbook and the sheet it is on. */
export interface ExistingTable {
  readonly name: string;
  readonly sheet: string;
}

/**
 * Checks the names of the tables the add-in is about to create against Excel's rules and the
 * workbook's other tables (names are unique across a workbook, without regard to case). The
 * tables of `replacedSheet`, which the write removes, do not count.
 */
function checkTableNames(wanted: readonly string[], existing: readonly ExistingTable[], replacedSheet?: string): void {
  const taken = new Map<string, string>();
  const replaced = replacedSheet?.toLowerCase();
  for (const table of existing) {
    if (table.sheet.toLowerCase() !== replaced)
      taken.set(table.name.toLowerCase(), `the sheet "${table.sheet}" already has a table named "${table.name}"`);
  }
  for (const name of wanted) {
    const problem = tableNameProblem(name);
    if (problem) throw new TableNameClashError(`"${name}" cannot be the name of an Excel table: ${problem}.`);
    const clash = taken.get(name.toLowerCase());
    if (clash)
      throw new TableNameClashError(`The report needs a table named "${name}", but ${clash}. Rename that table in Excel and run again.`);
    taken.set(name.toLowerCase(), `the report names two tables "${name}"`);
  }
}

/** Refuses a layout that would reach past Excel's last row or column, before anything is written. */
export function checkWithinGrid(layout: ReportLayout): void {
  const { lastRow, lastCol } = layoutExtent(layout);
  if (lastRow >= EXCEL_ROWS) {
    throw new SheetTooLargeError(
      `The "${layout.sheetName}" sheet would need ${(lastRow + 1).toLocaleString("en-US")} rows, and Excel has ${EXCEL_ROWS.toLocaleString("en-US")}: nothing was written.`,
    );
  }
  if (lastCol >= EXCEL_COLUMNS) {
    throw new SheetTooLargeError(
      `The "${layout.sheetName}" sheet would need ${(lastCol + 1).toLocaleString("en-US")} columns, and Excel has ${EXCEL_COLUMNS.toLocaleString("en-US")}: nothing was written.`,
    );
  }
}

/** What a workbook holds that decides whether a write may go ahead; each adapter reads it its own way. */
export interface WorkbookHolds {
  /** Every sheet's name. */
  readonly sheetNames: readonly string[];
  /**
   * Those of the sheets the write replaces (sheetsReplaced) that carry the add-in's marker, named
   * as the workbook spells them. No other sheet needs to be read for it.
   */
  readonly ownedSheets: ReadonlySet<string>;
  /** Every table of the workbook and its sheet. */
  readonly tables: readonly ExistingTable[];
  /** Review > Protect Workbook: no sheet can be added, removed or renamed. */
  readonly structureLocked: boolean;
  /** The workbook as messages name it: "The workbook", or a file's path in quotes. */
  readonly where: string;
}

/** The names, as the workbook spells them, of its sheets that a write of these layouts would replace. */
export function sheetsReplaced(layouts: readonly ReportLayout[], sheetNames: readonly string[]): string[] {
  const wanted = new Set(layouts.map((layout) => layout.sheetName.toLowerCase()));
  return sheetNames.filter((name) => wanted.has(name.toLowerCase()));
}

/**
 * The preflight of a write of several sheets (the report and the history, or the report and the
 * scenario): every check of every layout, in order, against the workbook as each earlier layout
 * of the write will have left it, before the first change. Throws the StopError of the first
 * problem; returning means the whole write may go ahead. In Excel there is no temporary file to
 * drop, so a check that ran between two sheets would leave the workbook half written.
 */
export function checkWrite(layouts: readonly ReportLayout[], holds: WorkbookHolds): void {
  const sheets = new Map(holds.sheetNames.map((name) => [name.toLowerCase(), { name, owned: holds.ownedSheets.has(name) }]));
  let tables = [...holds.tables];
  for (const layout of layouts) {
    checkSheetName(layout.sheetName);
    if (holds.structureLocked) throw new ProtectedWorkbookError(holds.where);
    const existing = sheets.get(layout.sheetName.toLowerCase());
    if (existing && !existing.owned) throw new ForeignSheetError(existing.name);
    checkTableNames(
      layout.tables.map((t) => t.name),
      tables,
      existing?.name,
    );
    checkWithinGrid(layout);
    // The workbook as this layout leaves it: its sheet replaced, with the layout's tables on it.
    const replaced = existing?.name.toLowerCase();
    tables = [
      ...tables.filter((t) => t.sheet.toLowerCase() !== replaced),
      ...layout.tables.map((t) => ({ name: t.name, sheet: layout.sheetName })),
    ];
    sheets.set(layout.sheetName.toLowerCase(), { name: layout.sheetName, owned: true });
  }
}

/** The first of base, base2, base3… that no name in `taken` (lower case) uses. */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}
