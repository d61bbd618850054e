/**
 * The command line's arguments. Usage mistakes are reported with the usage text and exit code 2,
 * as command-line tools conventionally do.
 */
import { parseArgs } from "node:util";
import { SCENARIO_SHEET_NAME } from "../domain/whatIf/scenarioReport";
import { DEFAULT_OPTIONS, type AnalysisOptions } from "../domain/analysis/result";
import { readShare } from "../domain/common/share";

export const USAGE = `Usage: cvm-gap analyze PLAN.xlsx [options]
       cvm-gap compare OLD.xlsx NEW.xlsx [--json] [--tolerance N] [--allocation-threshold N]

analyze reads a CVM plan (Bets, KPIs and optionally Personas, Initiatives, Impacts, Moments of
Truth, Collaboration), prints a summary and writes the "CVM Gap Analysis" sheet into a copy,
with what changed since the report it replaces and a row in the "CVM History" sheet.
compare analyses two plans (last cycle's and this one's) and prints what changed between them,
writing nothing.

Options:
  --out FILE                  where to write the copy (default: PLAN.cvm-gap.xlsx, or .xlsm for a
                              macro-enabled plan, beside the plan)
  --in-place                  write the sheet into PLAN.xlsx itself instead of a copy
  --json                      print the full result as JSON on stdout (the summary goes to stderr)
  --tolerance N               share below target still called "At risk" (default 10%)
  --allocation-threshold N    budget share minus weight, in points, that is flagged (default 10)
  --sheet-name NAME           name of the output sheet (default "CVM Gap Analysis")
  --scenario FILE.json        analyse the plan with a what-if scenario applied (the JSON the task
                              pane saves) and also write the "CVM Scenario" sheet: the changes and
                              the plan's figures beside the scenario's
  --no-write                  analyse and report only; write nothing
  -h, --help                  show this help
  -v, --version               show the version`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command =
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "compare"; readonly old: string; readonly new: string; readonly json: boolean; readonly options: AnalysisOptions }
  | {
      readonly kind: "analyze";
      readonly input: string;
      readonly out?: string;
      readonly inPlace: boolean;
      readonly write: boolean;
      readonly json: boolean;
      readonly sheetName?: string;
      readonly scenario?: string;
      readonly options: AnalysisOptions;
    };

/** A share by the one unit rule (src/domain/common/share.ts): "10%", "0.1" and "10" all mean ten percent, "1" one. */
function readShareFlag(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const read = readShare(text);
  if (read.kind === "share") return read.share;
  if (read.kind === "outOfRange" && read.typed >= 0) throw new UsageError(`${flag} must be below 100%, not "${text}".`);
  throw new UsageError(`${flag} wants a share such as 10% or 0.1, not "${text}".`);
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        "in-place": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        tolerance: { type: "string" },
        "allocation-threshold": { type: "string" },
        "sheet-name": { type: "string" },
        scenario: { type: "string" },
        "no-write": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command, input, ...extra] = positionals;
  if (command === undefined) throw new UsageError("Say what to do: cvm-gap analyze PLAN.xlsx");
  const options = {
    tolerance: readShareFlag(values.tolerance, "--tolerance", DEFAULT_OPTIONS.tolerance),
    allocationThreshold: readShareFlag(values["allocation-threshold"], "--allocation-threshold", DEFAULT_OPTIONS.allocationThreshold),
  };
  if (command === "compare") {
    const [newer, ...more] = extra;
    if (input === undefined || newer === undefined) throw new UsageError("Name both plans: cvm-gap compare OLD.xlsx NEW.xlsx");
    if (more.length > 0) throw new UsageError(`Unexpected arguments: ${more.join(" ")}`);
    const writing = (["out", "in-place", "no-write", "sheet-name", "scenario"] as const).filter(
      (flag) => values[flag] !== undefined && values[flag] !== false,
    );
    if (writing.length > 0) throw new UsageError(`compare writes nothing and takes no ${writing.map((f) => `--${f}`).join(", ")}.`);
    return { kind: "compare", old: input, new: newer, json: values.json ?? false, options };
  }
  if (command !== "analyze") throw new UsageError(`Unknown command "${command}"; the commands are "analyze" and "compare".`);
  if (input === undefined) throw new UsageError("Name the plan to analyse: cvm-gap analyze PLAN.xlsx");
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(" ")}`);
  if (values["in-place"] && values.out !== undefined) throw new UsageError("Use either --out or --in-place, not both.");
  if (values["no-write"] && (values["in-place"] || values.out !== undefined))
    throw new UsageError("--no-write cannot be combined with --out or --in-place.");
  const sheetName = values["sheet-name"];
  if (sheetName !== undefined && !validSheetName(sheetName)) {
    throw new UsageError(`"${sheetName}" cannot be a sheet name: use 1 to 31 characters and none of : \\ / ? * [ ]`);
  }
  if (values.scenario !== undefined && sheetName !== undefined && sheetName.trim().toLowerCase() === SCENARIO_SHEET_NAME.toLowerCase()) {
    throw new UsageError(`--sheet-name cannot be "${SCENARIO_SHEET_NAME}": with --scenario that sheet holds the scenario.`);
  }
  return {
    kind: "analyze",
    input,
    out: values.out,
    inPlace: values["in-place"] ?? false,
    write: !values["no-write"],
    json: values.json ?? false,
    sheetName,
    scenario: values.scenario,
    options,
  };
}

/** Excel's own rules for a sheet name. */
export function validSheetName(name: string): boolean {
  return name.trim().length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}
