/**
 * The command line's arguments. Usage mistakes are reported with the usage text and exit code 2,
 * as command-line tools conventionally do.
 */
import { parseArgs } from "node:util";
import { SCENARIO_SHEET_NAME } from "../domain/whatIf/scenarioReport";
import { DEFAULT_OPTIONS, type AnalysisOptions } from "../domain/analysis/result";
import { readShare } from "../domain/common/share";
import { localeSeparators, type NumberSeparators } from "../domain/common/values";

export const USAGE = `Usage: cvm-gap analyze PLAN.xlsx [options]
       cvm-gap compare OLD.xlsx NEW.xlsx [--json] [--locale xx-YY] [--tolerance N] [--allocation-threshold N]
       cvm-gap map PLAN.xlsx [--json] [--map FILE.json] [--out FILE | --in-place]

analyze reads a CVM plan (Bets, KPIs and optionally Personas, Initiatives, Impacts, Moments of
Truth, Collaboration), prints a summary and writes the "CVM Gap Analysis" sheet into a copy,
with what changed since the report it replaces and a row in the "CVM History" sheet. The plan's
parts are found whatever its sheets are called: by the contract's names, by a mapping kept in
the workbook, or recognised by their headers and contents.
compare analyses two plans (last cycle's and this one's) and prints what changed between them,
writing nothing.
map prints where each part of the plan is read from (sheet, header row, the header of each
column, and how each was found) and the candidates turned down; with --json, the mapping as --map
takes it back; with --out or --in-place it keeps the mapping (the one of --map, else the one
recognised) in the workbook, writing nothing else.

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
  --map FILE.json             read the plan's parts as this mapping says (the JSON map --json
                              prints), instead of the mapping kept in the workbook; with map,
                              the mapping to keep
  --locale xx-YY              read numbers typed as text with this locale's decimal and group
                              separators (de-DE reads "1.250,50" as 1250.5; default en-US)
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
  | {
      readonly kind: "compare";
      readonly old: string;
      readonly new: string;
      readonly json: boolean;
      readonly options: AnalysisOptions;
      /** With --locale: how text numbers are typed; en-US without. */
      readonly separators?: NumberSeparators;
    }
  | {
      readonly kind: "map";
      readonly input: string;
      /** The mapping file to keep; without it, the mapping recognised (or kept) is. */
      readonly mapping?: string;
      readonly out?: string;
      readonly inPlace: boolean;
      readonly json: boolean;
    }
  | {
      readonly kind: "analyze";
      readonly input: string;
      readonly out?: string;
      readonly inPlace: boolean;
      readonly write: boolean;
      readonly json: boolean;
      readonly sheetName?: string;
      readonly scenario?: string;
      /** A mapping file for this run, instead of the workbook's. */
      readonly mapping?: string;
      readonly options: AnalysisOptions;
      /** With --locale: how text numbers are typed; en-US without. */
      readonly separators?: NumberSeparators;
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
        map: { type: "string" },
        locale: { type: "string" },
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
  const given = (flags: readonly (keyof typeof values)[]) => flags.filter((flag) => values[flag] !== undefined && values[flag] !== false);
  if (command === "map") {
    if (input === undefined) throw new UsageError("Name the plan to map: cvm-gap map PLAN.xlsx");
    if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(" ")}`);
    const analyzing = given(["tolerance", "allocation-threshold", "sheet-name", "scenario", "no-write", "locale"]);
    if (analyzing.length > 0) throw new UsageError(`map analyses nothing and takes no ${analyzing.map((f) => `--${f}`).join(", ")}.`);
    if (values["in-place"] && values.out !== undefined) throw new UsageError("Use either --out or --in-place, not both.");
    return {
      kind: "map",
      input,
      mapping: values.map,
      out: values.out,
      inPlace: values["in-place"] ?? false,
      json: values.json ?? false,
    };
  }
  const locale = values.locale === undefined ? {} : { separators: readLocale(values.locale) };
  if (command === "compare") {
    const [newer, ...more] = extra;
    if (input === undefined || newer === undefined) throw new UsageError("Name both plans: cvm-gap compare OLD.xlsx NEW.xlsx");
    if (more.length > 0) throw new UsageError(`Unexpected arguments: ${more.join(" ")}`);
    const writing = given(["out", "in-place", "no-write", "sheet-name", "scenario"]);
    if (writing.length > 0) throw new UsageError(`compare writes nothing and takes no ${writing.map((f) => `--${f}`).join(", ")}.`);
    if (values.map !== undefined)
      throw new UsageError("compare reads each plan as the mapping kept in it says, and takes no --map; keep one with cvm-gap map.");
    return { kind: "compare", old: input, new: newer, json: values.json ?? false, options, ...locale };
  }
  if (command !== "analyze") throw new UsageError(`Unknown command "${command}"; the commands are "analyze", "compare" and "map".`);
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
    mapping: values.map,
    options,
    ...locale,
  };
}

/** --locale's separators, the same on every machine (Intl's data, not the machine's settings). */
function readLocale(locale: string): NumberSeparators {
  const separators = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(locale) ? localeSeparators(locale) : undefined;
  if (!separators) throw new UsageError(`--locale wants a locale such as de-DE, fr-FR or en-US, not "${locale}".`);
  return separators;
}

/** Excel's own rules for a sheet name. */
export function validSheetName(name: string): boolean {
  return name.trim().length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}
