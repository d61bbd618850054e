/**
 * `cvm-gap analyze PLAN.xlsx`: reads the plan, prints the summary, writes the gap analysis sheet
 * into a copy (or, when asked, into the plan itself). Exit codes: 0 done, 1 the plan could not be
 * read or written, 2 the command was misused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { missingRequiredSheets } from "../domain/analysis/analyze";
import { HISTORY_SHEET_NAME } from "../domain/review/history";
import { baselineOf, sinceLast } from "../domain/review/review";
import { parseScenario, type Scenario } from "../domain/whatIf/scenario";
import { describeError, NotAPlanError, ScenarioError, StopError, UnwritableOutputError } from "../domain/common/stopErrors";
import type { AnalysisOptions, AnalysisResult, KpiGap } from "../domain/analysis/result";
import { monthText } from "../domain/common/month";
import { readReviewState, sinceLastReview, writeReviewedReport } from "../useCases/reviewCycle";
import { analyzePlanSheets, HandedOverSheets, type PlanAnalysis } from "../useCases/analyzePlan";
import { readPlan } from "../useCases/readPlan";
import type { PlanMapping } from "../domain/plan/mapping";
import type { PlanSources } from "../domain/plan/planSources";
import type { NumberSeparators } from "../domain/common/values";
import { writeWhatIf } from "../useCases/writeWhatIf";
import { GuardedOutput } from "../adapters/file/guardedOutput";
import { openPlanToWrite } from "./openPlan";
import { openXlsx, type XlsxFile } from "../adapters/file/xlsxFile";
import { collectGarbage } from "./collectGarbage";
import { readMappingFile } from "./mappingFile";
import { mapPlan } from "./mapCommand";
import { checkOutputExtension } from "./outputFile";
import type { Output } from "./output";
import { parseCommand, USAGE, UsageError, type Command } from "./args";
import { cleanUpIfStopped } from "./stopSignals";
import { formatScenario, formatSinceLast, formatSummary } from "./summary";

export type { Output } from "./output";

const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** PLAN.xlsx → PLAN.cvm-gap.xlsx in the same folder; a macro-enabled workbook stays an .xlsm. */
export function defaultOutputPath(input: string, macroEnabled = false): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.cvm-gap.${macroEnabled ? "xlsm" : "xlsx"}`);
}

type Analyze = Extract<Command, { kind: "analyze" }>;

/** Where the report goes; a refusal comes only after the summary (see outputPath). */
interface Destination {
  readonly output?: string;
  readonly refusal?: StopError;
}

/** What the run writes to, held for the run, or why it writes nothing after all. */
interface Writing {
  readonly to?: GuardedOutput;
  readonly refusal?: StopError;
}

/**
 * A plan whose name does not tell its kind (a macro-enabled workbook saved as .xlsx): the planner
 * could not have known which extension --out wants, so the plan is analysed and the summary shown
 * first; then nothing is written under a name Excel would refuse to open, and the message names
 * the right one. Writing under another name than the one asked for would surprise a script.
 */
function mismatchedOutput(input: string, out: string, macroEnabled: boolean): StopError {
  const wanted = macroEnabled ? ".xlsm" : ".xlsx";
  const parsed = path.parse(out);
  const suggestion = path.join(parsed.dir, `${parsed.name}${wanted}`);
  const kind = macroEnabled
    ? "a macro-enabled workbook (an .xlsm saved under another extension)"
    : "a workbook without macros (an .xlsx saved under another extension)";
  return new UnwritableOutputError(
    `${input} is ${kind}, and Excel opens it only under a name ending in ${wanted}, so nothing was written to ${out}. ` +
      `Run again with --out ${suggestion}${macroEnabled ? " (the macros are kept)" : ""}.`,
  );
}

/** Where the report goes, checked before anything is analysed so that a misused command costs nothing. */
function outputPath(command: Analyze, macroEnabled: boolean): Destination {
  if (!command.write) return {};
  // --in-place keeps the plan's name, whatever its kind: it is the planner's file.
  if (command.inPlace) return { output: command.input };
  if (command.out === undefined) return { output: defaultOutputPath(command.input, macroEnabled) };
  if (path.resolve(command.out) === path.resolve(command.input))
    throw new UsageError("--out names the plan itself; use --in-place to write into the plan.");
  const wanted = macroEnabled ? ".xlsm" : ".xlsx";
  const namedForItsKind = path.extname(command.input).toLowerCase() === wanted;
  if (!namedForItsKind && path.extname(command.out).toLowerCase() !== wanted)
    return { refusal: mismatchedOutput(command.input, command.out, macroEnabled) };
  checkOutputExtension(command.out, macroEnabled);
  return { output: command.out };
}

/** The scenario file, read and checked before the plan is, so that a mistake in it costs nothing. */
function readScenario(file: string): Scenario {
  let text: string;
  try {
    // Windows Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new ScenarioError(`The scenario ${file} cannot be read (${describeError(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(
      `The scenario ${file} is not JSON (${describeError(error)}); save it from the task pane or write it as the README shows.`,
    );
  }
  try {
    return parseScenario(json);
  } catch (error) {
    throw error instanceof ScenarioError ? new ScenarioError(`The scenario ${file}: ${error.message}`) : error;
  }
}

/** How a run reads the plan: the mapping given for it (else the workbook's), and how text numbers are typed. */
interface Reading {
  readonly mapping?: PlanMapping;
  /** en-US when not given, so that a run gives the same answer on every machine. */
  readonly separators?: NumberSeparators;
}

/** Reads and analyses the plan; its cells are out of scope once this returns, and can be collected. */
async function analyzeWorkbook(
  workbook: XlsxFile,
  options: AnalysisOptions,
  scenario: Scenario | undefined,
  reading: Reading,
): Promise<Omit<PlanAnalysis, "parsed">> {
  const { sheets, sources } = await readHandedOver(workbook, reading);
  collectGarbage();
  // The parsed plan is the pane's, for its what-if; here it would only be held through the write.
  // The sheets' cells are collected once parsed, before the analysis grows to the run's peak.
  const { result, whatIf, fingerprint } = analyzePlanSheets(
    sheets,
    options,
    scenario,
    { sources, separators: reading.separators },
    collectGarbage,
  );
  return { result, whatIf, fingerprint };
}

/**
 * The plan read, its sheets handed over to the analysis: no frame of the command line holds them
 * past this function, so that the analysis can let them go.
 */
async function readHandedOver(workbook: XlsxFile, reading: Reading): Promise<{ sheets: HandedOverSheets; sources: PlanSources }> {
  // Only the sheets and sources are kept: the sheets' first rows go with the rest of the survey.
  const { sheets, sources } = await readPlan(workbook, { mapping: reading.mapping, afterSurvey: collectGarbage });
  return { sheets: new HandedOverSheets(sheets), sources };
}

async function analyze(command: Analyze, io: Output): Promise<number> {
  const scenario = command.scenario === undefined ? undefined : readScenario(command.scenario);
  const reading: Reading = {
    ...(command.mapping !== undefined && { mapping: readMappingFile(command.mapping) }),
    separators: command.separators,
  };
  if (!command.write) return analyzeAndWrite(command, io, await openXlsx(command.input), scenario, reading, {});
  return cleanUpIfStopped(io.err, async () => {
    let guard: GuardedOutput | undefined;
    try {
      const opened = await openPlanToWrite(command.input, command.inPlace);
      const { workbook } = opened;
      guard = opened.guard;
      const destination = outputPath(command, workbook.isMacroEnabled);
      if (!guard && destination.output !== undefined) guard = await GuardedOutput.copy(destination.output);
      return await analyzeAndWrite(command, io, workbook, scenario, reading, { to: guard, refusal: destination.refusal });
    } finally {
      await guard?.release();
    }
  });
}

async function analyzeAndWrite(
  command: Analyze,
  io: Output,
  workbook: XlsxFile,
  scenario: Scenario | undefined,
  reading: Reading,
  writing: Writing,
): Promise<number> {
  const guard = writing.to;
  const output = guard?.target;
  const { result, whatIf: analysis, fingerprint } = await analyzeWorkbook(workbook, command.options, scenario, reading);
  collectGarbage();
  const summaryTo = command.json ? io.err : io.out;
  const missing = missingRequiredSheets(result);
  if (missing.length > 0) throw new NotAPlanError(missing, command.input);
  // A what-if is not a review of the plan: it is neither compared with the last review nor kept in the history.
  const review = analysis ? undefined : await readReviewState(workbook, command.sheetName);
  const since = review && sinceLastReview(review, result);
  summaryTo(formatSummary(result, command.input));
  if (review) summaryTo(formatSinceLast(since));
  if (analysis && command.scenario) summaryTo(formatScenario(analysis, command.scenario));
  if (writing.refusal) throw writing.refusal;
  if (output !== undefined && guard) {
    const runAt = new Date();
    if (review) {
      const written = await writeReviewedReport(workbook, result, { runAt, fingerprint, sheetName: command.sheetName, state: review });
      collectGarbage();
      await guard.save(await workbook.bytes());
      summaryTo(
        `Wrote the "${written.reportSheet}" and "${HISTORY_SHEET_NAME}" sheets (review ${written.history.runs.length} in the history) to ${output}`,
      );
      // The history lives in the workbook written: a first review into a copy is easily lost track of.
      if (written.history.runs.length === 1 && output !== command.input) {
        summaryTo(`The next review compares with this one when it analyses ${path.basename(output)} (or the plan with --in-place).`);
      }
    } else if (analysis && command.scenario) {
      const written = await writeWhatIf(workbook, analysis, { runAt });
      collectGarbage();
      await guard.save(await workbook.bytes());
      summaryTo(`Wrote the "${written.scenarioSheet}" sheet (the plan's figures beside the scenario's) to ${output}`);
    }
  }
  const scenarioJson = analysis && {
    file: command.scenario,
    changes: analysis.applied.lines,
    problems: analysis.applied.problems,
    comparison: analysis.comparison,
  };
  if (command.json) {
    io.out(
      JSON.stringify(
        {
          input: command.input,
          output,
          ...result,
          kpis: kpisJson(result.kpis),
          ...(review && { sinceLast: since ?? null }),
          ...(scenarioJson && { scenario: scenarioJson }),
        },
        null,
        2,
      ),
    );
  }
  return 0;
}

/** Each KPI as --json gives it: with its `trend` (null without one) and its `series` as [month, value] pairs ([] without one), as issue 20 has it. */
function kpisJson(kpis: readonly KpiGap[]): unknown[] {
  return kpis.map((kpi) => ({
    ...kpi,
    trend: kpi.trend ?? null,
    series: (kpi.series?.entries() ?? []).map((v) => [monthText(v.month), v.value]),
  }));
}

type Compare = Extract<Command, { kind: "compare" }>;

/** One plan read and analysed, for compare: each must be a plan. */
async function analyzePlanFile(file: string, options: AnalysisOptions, separators: NumberSeparators | undefined): Promise<AnalysisResult> {
  const { result } = await analyzeWorkbook(await openXlsx(file), options, undefined, { separators });
  const missing = missingRequiredSheets(result);
  if (missing.length > 0) throw new NotAPlanError(missing, file);
  return result;
}

/** `cvm-gap compare OLD NEW`: what changed from one plan to the other, as a review would say it; nothing is written. */
async function compare(command: Compare, io: Output): Promise<number> {
  const older = await analyzePlanFile(command.old, command.options, command.separators);
  collectGarbage();
  const newer = await analyzePlanFile(command.new, command.options, command.separators);
  const since = sinceLast(baselineOf(older), newer);
  if (command.json) io.out(JSON.stringify({ old: command.old, new: command.new, sinceLast: since }, null, 2));
  else io.out(`CVM plans compared: ${command.old} → ${command.new}\n${formatSinceLast(since, command.old)}`);
  return 0;
}

export async function main(argv: readonly string[], io: Output = processOutput): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === "help") {
      io.out(USAGE);
      return 0;
    }
    if (command.kind === "version") {
      io.out(version());
      return 0;
    }
    if (command.kind === "compare") return await compare(command, io);
    if (command.kind === "map") return await mapPlan(command, io);
    return await analyze(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cvm-gap: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof StopError) {
      io.err(`cvm-gap: ${error.message}`);
      return error.exitCode;
    }
    // Anything else is a defect in this tool; say so plainly and keep the details for a report.
    io.err(
      `cvm-gap: unexpected failure, nothing was written. Please report this with the plan if you can: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

/** The package's version, found by walking up: the compiled and the source module sit at different depths. */
function version(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}
