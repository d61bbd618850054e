/**
 * The problems that stop a run before anything is written: the workbook is not a plan, cannot be
 * read, cannot be changed as asked, or the output cannot be saved. One family, so that the
 * command line and the task pane show the same plain message and the command line exits with the
 * same code, without either listing the cases it knows.
 */

/** The advice every refusal of a file ends with. */
export const SAVE_AS_XLSX = "Open it in Excel and save it as Excel Workbook (.xlsx).";

/** An unexpected error's message, for the reason in brackets of a stop error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type StopKind =
  | "not-a-plan"
  | "unreadable-workbook"
  | "foreign-sheet"
  | "table-name-clash"
  | "protected-workbook"
  | "bad-report-name"
  | "sheet-too-large"
  | "unwritable-output"
  | "bad-scenario"
  | "unclear-plan-part"
  | "bad-mapping";

export class StopError extends Error {
  /** What the command line exits with: 1, the plan could not be read or written. */
  readonly exitCode = 1;

  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
    this.name = "StopError";
  }
}

/** The workbook lacks a sheet the analysis cannot do without. */
export class NotAPlanError extends StopError {
  constructor(
    readonly missing: readonly string[],
    where: string,
  ) {
    super(
      "not-a-plan",
      `${where} is not a CVM plan: it has no ${missing.join(" and ")} sheet. Add ${missing.length > 1 ? "them" : "it"} (the sheet names and columns are in the README and in examples/README.md) and run again.`,
    );
  }
}

/** The file is no workbook the add-in can read: wrong format, damaged, encrypted, missing. */
export class UnreadableWorkbookError extends StopError {
  constructor(message: string) {
    super("unreadable-workbook", message);
  }
}

/** A sheet with the name of one the add-in writes exists and was not written by the add-in. */
export class ForeignSheetError extends StopError {
  /** `fix` says what to do when the sheet's name is not the user's choice (the history's). */
  constructor(
    readonly sheetName: string,
    fix = "Rename or delete that sheet, or choose another name for the report.",
  ) {
    super(
      "foreign-sheet",
      `A sheet named "${sheetName}" already exists and was not written by this add-in, so it was left as it is. ${fix}`,
    );
  }
}

/** A table the add-in must create has a name Excel refuses or another sheet already uses. */
export class TableNameClashError extends StopError {
  constructor(message: string) {
    super("table-name-clash", message);
  }
}

/** The workbook's structure is locked, so no sheet can be added or replaced. */
export class ProtectedWorkbookError extends StopError {
  constructor(where: string) {
    super(
      "protected-workbook",
      `${where} has its structure protected, so no sheet can be added to it and nothing was written. ` +
        `In Excel, turn off Review > Protect Workbook, save, and run again.`,
    );
  }
}

/** The report cannot take the sheet name asked for. */
export class BadReportNameError extends StopError {
  constructor(message: string) {
    super("bad-report-name", message);
  }
}

/** A sheet the add-in would write does not fit Excel's grid of 1,048,576 rows by 16,384 columns. */
export class SheetTooLargeError extends StopError {
  constructor(message: string) {
    super("sheet-too-large", message);
  }
}

/** The output cannot be saved where asked: permissions, a missing folder, a full disk. */
export class UnwritableOutputError extends StopError {
  constructor(message: string) {
    super("unwritable-output", message);
  }
}

/** A what-if scenario that cannot be used as it is: not JSON, or a change that makes no sense. */
export class ScenarioError extends StopError {
  constructor(message: string) {
    super("bad-scenario", message);
  }
}

/**
 * A part of the plan that cannot be told from the workbook without guessing: two sheets fit it
 * about equally, or the one that fits lacks a required column. Each problem's message names the
 * sheets and says how to choose or map them.
 */
export class UnclearPlanError extends StopError {
  constructor(readonly problems: readonly string[]) {
    super("unclear-plan-part", problems.join("\n"));
  }
}

/** A mapping of the plan's sheets that is not such JSON, or names a sheet, table or header the workbook does not have. */
export class MappingError extends StopError {
  constructor(message: string) {
    super("bad-mapping", message);
  }
}
