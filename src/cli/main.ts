/**
 * `cvm-gap analyze PLAN.xlsx`: reads the plan, prints the summary, writes the gap analysis sheet
 * into a copy (or, when asked, into the plan itself). Exit codes: 0 done, 1 the plan could not be
 * read or written, 2 the command was misused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeSheets, missingRequiredSheets } from "../domain/analyze";
import { buildReportLayout } from "../domain/report";
import { NotAPlanError, StopError } from "../domain/stopErrors";
import type { AnalysisOptions, AnalysisResult } from "../domain/model";
import { openXlsx, type XlsxFile } from "../workbook/xlsxFile";
import { collectGarbage } from "./collectGarbage";
import { parseCommand, USAGE, UsageError, type Command } from "./args";
import { formatSummary } from "./summary";

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** PLAN.xlsx → PLAN.cvm-gap.xlsx in the same folder; a macro-enabled workbook stays an .xlsm. */
export function defaultOutputPath(input: string, macroEnabled = false): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.cvm-gap.${macroEnabled ? "xlsm" : "xlsx"}`);
}

/** Excel opens a package only under the extension of its kind: a macro workbook as .xlsm, any other as .xlsx. */
function checkOutputExtension(output: string, macroEnabled: boolean): void {
  const extension = path.extname(output).toLowerCase();
  const wanted = macroEnabled ? ".xlsm" : ".xlsx";
  if (extension !== wanted) {
    throw new UsageError(`--out must end in ${wanted}: the plan is ${macroEnabled ? "a macro-enabled workbook (its macros are kept)" : "a workbook without macros"}, and Excel refuses to open a file whose extension does not match its content.`);
  }
}

type Analyze = Extract<Command, { kind: "analyze" }>;

/** Where the report goes, checked before anything is read so that a misused command costs nothing. */
function outputPath(command: Analyze, macroEnabled: boolean): string | undefined {
  if (!command.write) return undefined;
  if (command.inPlace) return command.input;
  if (command.out === undefined) return defaultOutputPath(command.input, macroEnabled);
  if (path.resolve(command.out) === path.resolve(command.input)) throw new UsageError("--out names the plan itself; use --in-place to write into the plan.");
  checkOutputExtension(command.out, macroEnabled);
  return command.out;
}

/** Reads and analyses the plan; its cells are out of scope once this returns, and can be collected. */
async function analyseWorkbook(workbook: XlsxFile, options: AnalysisOptions): Promise<AnalysisResult> {
  const sheets = await workbook.readSheets();
  collectGarbage();
  return analyzeSheets(sheets, options);
}

async function analyze(command: Analyze, io: Output): Promise<number> {
  const workbook = await openXlsx(command.input);
  const output = outputPath(command, workbook.isMacroEnabled);
  const result = await analyseWorkbook(workbook, command.options);
  collectGarbage();
  const summaryTo = command.json ? io.err : io.out;
  const missing = missingRequiredSheets(result);
  if (missing.length > 0) throw new NotAPlanError(missing, command.input);
  summaryTo(formatSummary(result, command.input));
  if (output !== undefined) {
    const layout = buildReportLayout(result, { runAt: new Date(), sheetName: command.sheetName });
    await workbook.writeReport(layout);
    collectGarbage();
    await workbook.save(output);
    summaryTo(`Wrote the "${layout.sheetName}" sheet to ${output}`);
  }
  if (command.json) io.out(JSON.stringify({ input: command.input, output, ...result }, null, 2));
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
    io.err(`cvm-gap: unexpected failure, nothing was written. Please report this with the plan if you can: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
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
