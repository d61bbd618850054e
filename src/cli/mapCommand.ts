/**
 * `cvm-gap map PLAN.xlsx`: where each part of the plan is read from, and how each was found;
 * `--json` prints it as the mapping `--map` takes back. With `--out` or `--in-place` the mapping
 * (the file's, else the one recognized) is kept in the workbook, and nothing else is written: the
 * copy differs from the plan only in the part the add-in owns for it.
 */
import * as path from "node:path";
import { UnclearPlanError } from "../domain/common/stopErrors";
import { mappingJson, mappingOfSources, type PlanMapping } from "../domain/plan/mapping";
import { surveyPlan, type PlanSurvey } from "../useCases/readPlan";
import { GuardedOutput } from "../adapters/file/guardedOutput";
import { openPlanToWrite } from "./openPlan";
import { openXlsx } from "../adapters/file/xlsxFile";
import { UsageError, type Command } from "./args";
import { readMappingFile } from "./mappingFile";
import type { Output } from "./output";
import { checkOutputExtension } from "./outputFile";
import { formatPlanSources, type MappingOrigin } from "./sourcesSummary";
import { cleanUpIfStopped } from "./stopSignals";

type MapCommand = Extract<Command, { kind: "map" }>;

const originOf = (command: MapCommand, survey: PlanSurvey): MappingOrigin =>
  command.mapping !== undefined ? { kind: "file", file: command.mapping } : survey.kept ? { kind: "kept" } : { kind: "none" };

/** Prints the plan's sources; an unclear part stops the run after them (exit 1), its message saying how to choose. */
function show(command: MapCommand, io: Output, survey: PlanSurvey): PlanMapping {
  const { recognition } = survey;
  if (!command.json) io.out(formatPlanSources(recognition, command.input, originOf(command, survey)));
  if (recognition.problems.length > 0) throw new UnclearPlanError(recognition.problems);
  const mapping = mappingOfSources(recognition.sources);
  if (command.json) io.out(JSON.stringify(mappingJson(mapping), null, 2));
  return mapping;
}

export async function mapPlan(command: MapCommand, io: Output): Promise<number> {
  const given = command.mapping === undefined ? undefined : readMappingFile(command.mapping);
  const output = command.inPlace ? command.input : command.out;
  if (output === undefined) {
    show(command, io, await surveyPlan(await openXlsx(command.input), { mapping: given }));
    return 0;
  }
  if (!command.inPlace && path.resolve(output) === path.resolve(command.input))
    throw new UsageError("--out names the plan itself; use --in-place to write into the plan.");
  return cleanUpIfStopped(io.err, async () => {
    let guard: GuardedOutput | undefined;
    try {
      const opened = await openPlanToWrite(command.input, command.inPlace);
      const { workbook } = opened;
      guard = opened.guard;
      if (!guard) {
        checkOutputExtension(output, workbook.isMacroEnabled);
        guard = await GuardedOutput.copy(output);
      }
      const recognized = show(command, io, await surveyPlan(workbook, { mapping: given }));
      // The file's mapping as the planner wrote it: what it leaves out stays recognized at each run.
      await workbook.writeMapping(JSON.stringify(mappingJson(given ?? recognized)));
      await guard.save(await workbook.bytes());
      (command.json ? io.err : io.out)(`Kept the mapping of the plan's sources in ${output}.`);
      return 0;
    } finally {
      await guard?.release();
    }
  });
}
