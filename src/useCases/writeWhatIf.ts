/**
 * Writing a what-if, the same from the command line (--scenario) and the task pane (Write
 * scenario): the report of the scenario's analysis, marked as a what-if so that the next review
 * does not compare with it and it joins no history, and the "CVM Scenario" sheet with the plan's
 * figures beside the scenario's. One write of both sheets: every check runs before either changes.
 */
import type { WhatIf } from "../domain/whatIf/whatIf";
import { buildReportLayout, WHAT_IF_NOTE_PREFIX } from "../domain/sheets/report";
import { buildScenarioLayout, SCENARIO_SHEET_NAME } from "../domain/whatIf/scenarioReport";
import type { Progress, WorkbookPort } from "../adapters/port";

export interface WhatIfWriteOptions {
  readonly runAt: Date;
  /** The scenario as the report's note names it: "the scenario plan.json". */
  readonly scenarioName: string;
  /** The report's sheet; the report's usual name when not given. */
  readonly sheetName?: string;
  readonly onProgress?: Progress;
}

export interface WrittenWhatIf {
  readonly reportSheet: string;
  readonly scenarioSheet: string;
}

export async function writeWhatIf(
  port: Pick<WorkbookPort, "writeSheets">,
  analysis: WhatIf,
  options: WhatIfWriteOptions,
): Promise<WrittenWhatIf> {
  const { runAt } = options;
  const note = `${WHAT_IF_NOTE_PREFIX} the figures below are the plan with ${options.scenarioName} applied; the "${SCENARIO_SHEET_NAME}" sheet has the plan's beside them.`;
  const report = buildReportLayout(analysis.scenario, { runAt, sheetName: options.sheetName, note });
  const scenario = buildScenarioLayout(analysis, { runAt });
  await port.writeSheets([report, scenario], options.onProgress);
  return { reportSheet: report.sheetName, scenarioSheet: scenario.sheetName };
}
