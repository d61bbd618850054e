/**
 * Writing a what-if, the same from the command line (--scenario) and the task pane (Write
 * scenario): the "CVM Scenario" sheet, the scenario's changes with the plan's figures beside the
 * scenario's, per bet and per KPI, and the findings that appear or go away. A what-if is not a
 * review: the report ("CVM Gap Analysis") and the history are the record of the plan's reviews
 * and are left as they are, so the next review still compares with the last one.
 */
import type { WhatIf } from "../domain/whatIf/whatIf";
import { buildScenarioLayout } from "../domain/whatIf/scenarioReport";
import type { Progress, WorkbookPort } from "../adapters/port";

export interface WhatIfWriteOptions {
  readonly runAt: Date;
  readonly onProgress?: Progress;
}

export interface WrittenWhatIf {
  readonly scenarioSheet: string;
}

export async function writeWhatIf(
  port: Pick<WorkbookPort, "writeSheets">,
  analysis: WhatIf,
  options: WhatIfWriteOptions,
): Promise<WrittenWhatIf> {
  const scenario = buildScenarioLayout(analysis, { runAt: options.runAt });
  await port.writeSheets([scenario], options.onProgress);
  return { scenarioSheet: scenario.sheetName };
}
