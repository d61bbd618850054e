/**
 * The one interface between the engine and a workbook. The .xlsx file adapter (command line), the
 * Office.js adapter (task pane) and the in-memory preview each implement it; the rules of what
 * they may write are in src/domain/sheets/ownership.ts, and what stops a write in src/domain/common/stopErrors.ts.
 */
import type { SheetData } from "../domain/common/cells";
import type { ReportLayout } from "../domain/sheets/reportLayout";

/**
 * Share of the work done, from 0 to 1, for a progress bar. Adapters that know how far they are
 * (Excel reads and writes in many requests) call it as they go; the others may call it once with 1.
 */
export type Progress = (fraction: number) => void;

/** One of the add-in's own sheets as the workbook holds it, looked up by name (any case). */
export type OwnedSheet =
  | { readonly state: "absent" }
  /** A sheet of that name the add-in did not write (no marker): never read further, never touched. */
  | { readonly state: "foreign"; readonly name: string }
  | { readonly state: "owned"; readonly sheet: SheetData };

export interface WorkbookPort {
  /**
   * Sheets read whole, each with its used range and Excel tables, formulas without a stored result
   * computed. With `names`, exactly those worksheets, in that order (a name matched as Excel matches
   * sheet names, without regard to case; one the workbook has no worksheet of is left out); without,
   * the plan's sheets found by name (src/domain/plan/locate.ts says which), in the workbook's order.
   */
  readSheets(names?: readonly string[], onProgress?: Progress): Promise<SheetData[]>;
  /**
   * Every worksheet of the workbook (chart sheets aside), in its order, with only the first `rows`
   * rows of its used range counted from the used range's top row (empty rows among them count),
   * starting at the leftmost column those rows use, and its Excel tables' names and whole ranges as
   * readSheets gives them: enough to recognise the plan by its content without reading whole sheets.
   * A formula without a stored result is left as an UncomputedFormula: heads compute nothing. A
   * sheet whose rows cannot be read comes without rows: readSheets of it says why.
   */
  readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]>;
  /**
   * The plan's mapping kept in the workbook: the JSON text as writeMapping stored it (opaque here;
   * src/domain/plan defines it), or undefined when the workbook keeps none. It lives in a custom
   * XML part the add-in owns (mappingXml.ts), never in a sheet.
   */
  readMapping(): Promise<string | undefined>;
  /**
   * Keeps the mapping's JSON text in the workbook, replacing the one kept before in its place;
   * undefined removes it. Writes nothing else: alone, the workbook differs only in the owned part
   * and what refers to it; beside writeSheets, both go out together.
   */
  writeMapping(json: string | undefined): Promise<void>;
  /**
   * Sheets the add-in writes (the report, the history), one answer per name in the same order:
   * what the last run left there, read like a plan sheet (used range and tables), only when the
   * sheet carries the add-in's marker.
   */
  readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]>;
  /**
   * Writes the add-in's own sheets (the report and the history, the scenario…), in order: each
   * replaces the add-in's earlier sheet of its name in place, or is added at the end. Every check
   * of every layout (src/domain/sheets/ownership.ts checkWrite: a sheet of that name the add-in did not
   * write, a table name taken anywhere in the workbook, a protected structure, a sheet past
   * Excel's grid) runs before the first change, so a StopError leaves the workbook as it was.
   */
  writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void>;
}
