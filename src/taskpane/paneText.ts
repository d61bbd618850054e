/**
 * The sentences the pane says about its own state: what the progress bar is labelled with, what
 * the live region announces, and the hint that the results predate a settings change. Kept apart
 * from React so that what is shown and what is announced come from one place.
 */
import type { AnalysisOptions, AnalysisResult } from "../domain/analysis/result";
import { findingCounts } from "../domain/analysis/findingCounts";
import type { Phase } from "../adapters/planWorkbook";
import { planAnswers } from "../domain/analysis/answers";
import { analysisDoneText } from "./components/overview/overviewText";
import { percentNumber, percentOf } from "./components/shared/format";

export type BusyPhase = Phase | "starting";

export const PHASE_TEXT: Readonly<Record<BusyPhase, string>> = {
  starting: "Looking for the plan's sheets…",
  reading: "Reading the plan…",
  analyzing: "Analysing…",
  writing: "Writing to the workbook…",
};

/** The three answers and the findings, as the overview shows them: never the aspect coverage alone as "the score". */
export function analysisDone(result: AnalysisResult): string {
  return analysisDoneText(planAnswers(result), findingCounts(result.findings));
}

/** The notice after Write to workbook: both sheets, and which review of the workbook this was. */
export const wroteReviewNotice = (reportSheet: string, historySheet: string, review: number) =>
  `Wrote the "${reportSheet}" and "${historySheet}" sheets: review ${review} in the workbook's history. Other sheets were not touched.`;

/** What the live region says after the same write, shorter than the notice. */
export const wroteReview = (reportSheet: string, historySheet: string, review: number) =>
  `Wrote the ${reportSheet} and ${historySheet} sheets, review ${review}`;

/**
 * The notice after Write scenario. The report is then a what-if, which a review does not compare
 * with (src/domain/review/review.ts): the planner hears it before the next Write to workbook.
 */
export const wroteWhatIfNotice = (scenarioSheet: string) =>
  `Wrote the "${scenarioSheet}" sheet: the plan's figures beside the scenario's. The plan's sheets were not touched.`;

/** The warning beside an analysis whose comparison with the last review failed, with the reason. */
export const reviewUnavailable = (reason: string) => `The analysis is shown, but it could not be compared with the last review: ${reason}`;

/** Worded apart from the notice on screen, which lists what was skipped as well. */
export const templateInserted = (created: readonly string[]) =>
  created.length ? `Inserted the template's ${created.join(", ")} sheets` : "Inserted no template sheet: the workbook has them all";

/** The notice after Use this mapping, which keeps the mapping and analyses with it. */
export const mappingKept = () =>
  "Kept the mapping in the workbook (not in a sheet): the pane, the command line and anyone who opens the file read the plan from these sheets. Analysed with it.";

/** Said after a finding or a KPI is activated, since the selection itself happens outside the pane. */
export const selectedCell = (sheet: string, cell: string) => `Selected cell ${cell} on ${sheet}`;

/**
 * "Results use a 10% tolerance; analyse again to apply 20%." when the settings changed after the
 * analysis, else undefined.
 */
export function staleSentence(used: AnalysisOptions, wanted: AnalysisOptions): string | undefined {
  const parts: { used: string; wanted: string }[] = [];
  if (Math.abs(used.tolerance - wanted.tolerance) > 1e-9)
    parts.push({ used: `a ${percentOf(used.tolerance)} tolerance`, wanted: percentOf(wanted.tolerance) });
  if (Math.abs(used.allocationThreshold - wanted.allocationThreshold) > 1e-9) {
    const next = percentNumber(wanted.allocationThreshold);
    parts.push({
      used: `a ${percentNumber(used.allocationThreshold)}-point allocation threshold`,
      wanted: `${next} ${next === "1" ? "point" : "points"}`,
    });
  }
  if (parts.length === 0) return undefined;
  return `Results use ${parts.map((p) => p.used).join(" and ")}; analyse again to apply ${parts.map((p) => p.wanted).join(" and ")}.`;
}
