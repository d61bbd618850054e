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
import { openXlsx } from "../workbook/xlsxWorkbook";
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

/** PLAN.xlsx → PLAN.cvm-gap.xlsx in the same folder. */
export function defaultOutputPath(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.cvm-gap.xlsx`);
}

type Analyze = Extract<Command, { kind: "analyze" }>;

async function analyze(command: Analyze, io: Output): Promise<number> {
  const workbook = await openXlsx(command.input);
  const sheets = await workbook.readSheets();
  const result = analyzeSheets(sheets, command.options);
  const summaryTo = command.json ? io.err : io.out;
  const missing = missingRequiredSheets(result);
  if (missing.length > 0) throw new NotAPlanError(missing, command.input);
  summaryTo(formatSummary(result, command.input));
  let output: string | undefined;
  if (command.write) {
    output = command.inPlace ? command.input : (command.out ?? defaultOutputPath(command.input));
    if (!command.inPlace && path.resolve(output) === path.resolve(command.input)) {
      throw new UsageError("--out names the plan itself; use --in-place to write into the plan.");
    }
    const layout = buildReportLayout(result, { runAt: new Date(), sheetName: command.sheetName });
    await workbook.writeReport(layout);
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
