/**
 * Errors as a planner should read them in the pane: what happened and what to do, never a stack
 * trace. Office.js errors carry a code that says more than their message.
 */
import { StopError } from "../domain/common/stopErrors";

const OFFICE_CODES: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.",
  RequestPayloadSizeLimitExceeded:
    "The plan is too large to send to Excel in one go. Try again; if it keeps failing, split the largest sheet.",
  ResponsePayloadSizeLimitExceeded:
    "A sheet is too large for Excel to hand over in one go. Remove unused rows and columns below and to the right of the data.",
  AccessDenied: "The workbook is protected or read-only. Unprotect it or save a copy, then try again.",
  ItemAlreadyExists: "A sheet or table with that name already exists. Rename it and try again.",
  GeneralException: "Excel could not finish the request. Try again in a moment.",
};

export function plainError(error: unknown): string {
  if (error instanceof StopError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && OFFICE_CODES[code]) return OFFICE_CODES[code];
  const message = error instanceof Error ? error.message : String(error);
  // Only the first line: the rest of an unexpected error is for a bug report, not for the pane.
  return message.split("\n")[0] || "Something went wrong. Try again.";
}
