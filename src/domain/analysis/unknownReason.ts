/**
 * Why a figure is unknown, in the words the command line's summary and the pane both use: a
 * formula saved without its result that could not be computed, or a number too large for Excel
 * or the error #NUM! (issue 17), or both.
 */
import type { AnalysisResult } from "./result";

/** `what` names the figure ("a weight"); the answer completes "…unknown: <answer>". */
export function whyUnknown(result: AnalysisResult, what: string): string {
  const numbers = result.findings.some((f) => f.rule === "NUMBER_TOO_LARGE" || (f.rule === "BAD_NUMBER" && f.message.includes("#NUM!")));
  if (!numbers) return `${what} is a formula that could not be computed`;
  return result.findings.some((f) => f.rule === "UNCOMPUTED_FORMULA")
    ? "a number could not be read or computed"
    : "a number is too large for Excel or is the error #NUM!";
}
