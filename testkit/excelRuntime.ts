/**
 * Calls the built custom functions as Excel's custom-functions runtime calls them. Written from
 * Microsoft's documentation (each convention below cites its page), not from src/functions, so
 * that a function written for a calling convention Excel does not use fails here as it would in
 * Excel. Needs `npm run build` (the test command runs it first).
 *
 * What it does, in the order Excel does it:
 * - Loads the page the manifest names for the shared runtime (dist/taskpane.html) into one DOM
 *   and runs its scripts in the order the page lists them, in that one global context, with the
 *   host's `Office` and `CustomFunctions` objects standing in for office.js.
 * - Registers what the scripts pass to CustomFunctions.associate, and checks it against
 *   functions.json.
 * - Marshals each argument from the function's metadata, calls the function with the invocation
 *   object last, awaits a promise, and checks the result against the declared result.
 * - Turns a thrown CustomFunctions.Error into what the cell shows (the code, and the message only
 *   where the manifest's requirement set shows one), and anything else thrown into #VALUE!.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { JSDOM } from "jsdom";

const DIST = path.join(__dirname, "..", "dist");

/** A cell as a workbook holds it: blank is null, an error value is { error: "#N/A" }. */
export type SheetCell = string | number | boolean | null | { readonly error: string };

/** One argument as the user writes it in a formula. */
export type ExcelArgument =
  | { readonly kind: "value"; readonly value: SheetCell }
  | { readonly kind: "range"; readonly cells: readonly (readonly SheetCell[])[] }
  | { readonly kind: "omitted" };

export const value = (v: SheetCell): ExcelArgument => ({ kind: "value", value: v });
export const range = (cells: readonly (readonly SheetCell[])[]): ExcelArgument => ({ kind: "range", cells });
export const omitted: ExcelArgument = { kind: "omitted" };
/** A column of cells, as a range. */
export const column = (...cells: SheetCell[]): ExcelArgument => range(cells.map((c) => [c]));

/** What a cell shows: a value, an error with the message Excel displays (if any), or a spill. */
export type ShownError = {
  readonly error: string;
  readonly message?: string;
  /** Set when the function threw something other than a CustomFunctions.Error: a defect. */
  readonly unhandled?: string;
};
export type ShownCell = number | string | boolean | ShownError;
export type Shown = ShownCell | ShownCell[][];

interface ParameterMetadata {
  readonly name: string;
  readonly type?: string;
  readonly dimensionality?: "scalar" | "matrix";
  readonly optional?: boolean;
  readonly repeating?: boolean;
}

export interface FunctionMetadata {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly helpUrl?: string;
  readonly parameters: readonly ParameterMetadata[];
  readonly result: { readonly type?: string; readonly dimensionality?: "scalar" | "matrix" };
  readonly options?: { readonly requiresAddress?: boolean; readonly stream?: boolean };
}

interface Metadata {
  readonly allowErrorForDataTypeAny?: boolean;
  readonly functions: readonly FunctionMetadata[];
}

/** A call Excel itself would refuse or that this harness does not model: a defect in the test. */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HarnessError";
  }
}

/**
 * The error codes of CustomFunctions.ErrorCode, with the requirement set that brought each and
 * whether Excel shows a custom message with it.
 * - https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets:
 *   1.2 "adds the CustomFunctions.Error object", 1.3 "adds ... new ErrorCode options".
 * - https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors: the codes;
 *   #NAME? and #REF! are "supported as a custom function input error, but not as a custom
 *   function output error"; "The #VALUE! and #N/A errors also support custom error messages".
 *   In the 1.2 version of that page (office-js-docs-pr, September 2020) the table held #VALUE!,
 *   #N/A, #DIV/0!, #NUM! and #NULL!, and "You can only return a custom error message with the
 *   #VALUE! error".
 */
const OUTPUT_ERRORS: Readonly<Record<string, { readonly since: number; readonly messageSince?: number }>> = {
  "#VALUE!": { since: 1.2, messageSince: 1.2 },
  "#N/A": { since: 1.2, messageSince: 1.3 },
  "#DIV/0!": { since: 1.2 },
  "#NUM!": { since: 1.2 },
  "#NULL!": { since: 1.2 },
};

const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** The runtime's CustomFunctions.Error: (code, message?) as the class reference documents it. */
class RuntimeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

type Registered = (...args: unknown[]) => unknown;

export interface RuntimeOptions {
  /**
   * What an empty cell in a referenced range arrives as. Microsoft documents no value; its
   * maintainers say an empty cell arrives as null in current Excel and as 0 in builds before a fix
   * (https://github.com/OfficeDev/office-js/issues/4702, also #1951 and #5262). Default null.
   */
  readonly blankCell?: null | 0;
}

function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first.`);
  return fs.readFileSync(full, "utf8");
}

/** The CustomFunctionsRuntime version the manifest requires, e.g. 1.3. */
function requiredRuntime(manifest: string): number {
  const match = /<Set\s+Name="CustomFunctionsRuntime"\s+MinVersion="([\d.]+)"/.exec(manifest);
  if (!match) throw new HarnessError("The manifest requires no CustomFunctionsRuntime version, so no CustomFunctions.Error is available.");
  return Number(match[1]);
}

/** The page's scripts in document order: src attributes of <script> elements. */
function pageScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)"?[^>]*>/g)].map((m) => m[1]);
}

const isOfficeJs = (src: string) => /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1(\.1)?\/hosted\/office\.js$/.test(src);

export class CustomFunctionsRuntime {
  readonly metadata: Metadata;
  readonly runtimeVersion: number;
  readonly scripts: readonly string[];
  private readonly registered = new Map<string, Registered>();
  private readonly blankCell: null | 0;
  private readonly window: JSDOM["window"];

  constructor(options: RuntimeOptions = {}) {
    this.blankCell = options.blankCell === 0 ? 0 : null;
    this.metadata = JSON.parse(readDist("functions.json")) as Metadata;
    this.runtimeVersion = requiredRuntime(readDist("manifest.xml"));
    const html = readDist("taskpane.html");
    this.scripts = pageScripts(html);
    // https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime:
    // with a shared runtime the functions run in the task pane's page, one global context.
    const dom = new JSDOM(html, { runScripts: "outside-only", url: "https://localhost:3000/taskpane.html" });
    this.window = dom.window;
    const global = dom.window as unknown as Record<string, unknown>;
    global.CustomFunctions = {
      Error: RuntimeError,
      ErrorCode: ERROR_CODES,
      // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json ("Associate
      // function names with JSON metadata"): associate(id, function), or a map of them.
      associate: (idOrMap: string | Record<string, Registered>, fn?: Registered) => {
        const pairs = typeof idOrMap === "string" ? [[idOrMap, fn] as const] : Object.entries(idOrMap);
        for (const [id, f] of pairs) {
          if (typeof f !== "function") throw new HarnessError(`associate("${id}") was given no function.`);
          this.registered.set(id.toUpperCase(), f);
        }
      },
    };
    // The pane's own start-up waits for Office.onReady, which the host resolves once it is
    // ready; it is left pending here, since this harness is about the functions only.
    global.Office = { onReady: () => new Promise(() => undefined), HostType: { Excel: "Excel" } };
    for (const src of this.scripts) {
      if (isOfficeJs(src)) continue; // the host's own script: the objects above stand in for it
      if (/^https?:/.test(src)) throw new HarnessError(`The page loads ${src}, which the harness cannot provide offline.`);
      dom.window.eval(readDist(src));
    }
  }

  /** The ids passed to CustomFunctions.associate, in upper case. */
  get associatedIds(): string[] {
    return [...this.registered.keys()].sort();
  }

  /** The function registered for an id, as Excel would find it. */
  registeredFunction(id: string): Registered | undefined {
    return this.registered.get(id.toUpperCase());
  }

  functionMetadata(id: string): FunctionMetadata {
    const found = this.metadata.functions.find((f) => f.id.toUpperCase() === id.toUpperCase());
    if (!found) throw new HarnessError(`functions.json declares no function ${id}.`);
    return found;
  }

  /** Calls a function as Excel does for a formula =NAMESPACE.NAME(args) and returns what the cell shows. */
  async call(id: string, ...args: ExcelArgument[]): Promise<Shown> {
    const inputError = this.metadata.allowErrorForDataTypeAny ? undefined : firstError(args);
    // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors ("Errors as
    // custom function inputs"): only with allowErrorForDataTypeAny does a function process an
    // input holding an error; without it the function is not called and the error stands.
    if (inputError) return { error: inputError };
    const prepared = this.prepare(id, ...args);
    let result: unknown;
    try {
      result = await prepared.run();
    } catch (thrown) {
      return this.shownError(thrown);
    }
    return this.shownResult(prepared.meta, result);
  }

  /**
   * The registered function with its arguments marshalled, ready to run: what Excel hands over
   * is built beforehand, so that a benchmark times the function and not the marshalling.
   */
  prepare(id: string, ...args: ExcelArgument[]): { readonly meta: FunctionMetadata; run(): unknown } {
    const meta = this.functionMetadata(id);
    const fn = this.registeredFunction(id);
    // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-troubleshooting: a
    // function in the metadata but never associated does not run (#NAME? or #VALUE!).
    if (!fn) throw new HarnessError(`${id} is in functions.json but was never passed to CustomFunctions.associate.`);
    const marshalled = this.marshal(meta, args);
    // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options
    // ("Invocation parameter"): "Every custom function is automatically passed an invocation
    // argument as the last input parameter, even if it's not explicitly declared."
    const invocation: Record<string, unknown> = { functionName: meta.name };
    if (meta.options?.requiresAddress) invocation.address = "Sheet1!A1";
    return { meta, run: () => fn(...marshalled, invocation) };
  }

  /** Marshals the arguments of a formula into the JavaScript arguments Excel passes. */
  marshal(meta: FunctionMetadata, args: readonly ExcelArgument[]): unknown[] {
    const params = meta.parameters;
    const repeatingAt = params.findIndex((p) => p.repeating);
    const fixed = repeatingAt >= 0 ? repeatingAt : params.length;
    if (repeatingAt >= 0 && repeatingAt !== params.length - 1)
      throw new HarnessError(`${meta.id}: a repeating parameter must be the last one.`);
    if (repeatingAt < 0 && args.length > params.length)
      throw new HarnessError(`${meta.id} takes at most ${params.length} arguments; Excel refuses the formula.`);
    const out: unknown[] = [];
    for (let i = 0; i < fixed; i++) {
      const param = params[i];
      const arg = args[i] ?? omitted;
      if (arg.kind === "omitted") {
        if (!param.optional) throw new HarnessError(`${meta.id}: ${param.name} is required; Excel refuses the formula without it.`);
        // custom-functions-parameter-options ("Optional parameters"): "When no value is
        // specified for an optional parameter, Excel assigns it the value null."
        out.push(null);
        continue;
      }
      out.push(this.marshalOne(meta, param, arg));
    }
    if (repeatingAt >= 0) {
      const param = params[repeatingAt];
      // custom-functions-parameter-options ("Repeating parameters"): "When the function is
      // called, the values are provided in an array for the parameter": one argument holding
      // every value, each marshalled as the parameter's dimensionality says.
      out.push(args.slice(repeatingAt).map((arg) => (arg.kind === "omitted" ? null : this.marshalOne(meta, param, arg))));
    }
    return out;
  }

  private marshalOne(meta: FunctionMetadata, param: ParameterMetadata, arg: Exclude<ExcelArgument, { kind: "omitted" }>): unknown {
    const cells = arg.kind === "range" ? arg.cells.map((row) => row.map((c) => this.cellValue(c))) : [[this.cellValue(arg.value)]];
    if (cells.length === 0 || cells.some((row) => row.length !== cells[0].length || row.length === 0)) {
      throw new HarnessError(`${meta.id}: ${param.name} was given a range that is not a rectangle.`);
    }
    // custom-functions-parameter-options ("Range parameters"): "Excel will pass a range of cell
    // data as a two-dimensional array" to a matrix parameter; custom-functions-json: "scalar (a
    // non-array value) or matrix (a 2-dimensional array)". A single value for a matrix parameter
    // is a 1×1 array.
    if (param.dimensionality === "matrix") return cells;
    if (cells.length === 1 && cells[0].length === 1) return cells[0][0];
    throw new HarnessError(
      `${meta.id}: ${param.name} is a scalar parameter given a range; Excel would call the function once per cell and spill, which this harness does not model.`,
    );
  }

  /** A blank cell arrives as the runtime's blank value; a cell holding "" (a formula's empty text) as "". */
  private cellValue(cell: SheetCell): unknown {
    if (cell === null) return this.blankCell;
    if (typeof cell === "object") throw new HarnessError("An error cell reached marshalling; it should have stopped the call.");
    return cell;
  }

  private shownError(thrown: unknown): ShownError {
    const RuntimeErrorClass = (this.window as unknown as { CustomFunctions: { Error: typeof RuntimeError } }).CustomFunctions.Error;
    if (!(thrown instanceof RuntimeErrorClass)) {
      // custom-functions-errors ("Use try...catch blocks"): "By default, Excel returns #VALUE!
      // for unhandled errors or exceptions."
      return { error: "#VALUE!", unhandled: describe(thrown) };
    }
    return this.shownErrorCode(thrown.code, thrown.message);
  }

  private shownErrorCode(code: string, message: string | undefined): ShownError {
    const allowed = OUTPUT_ERRORS[code];
    if (!allowed)
      throw new HarnessError(`${code} is not an error a custom function can return (only ${Object.keys(OUTPUT_ERRORS).join(" ")}).`);
    if (allowed.since > this.runtimeVersion)
      throw new HarnessError(`${code} needs CustomFunctionsRuntime ${allowed.since}; the manifest asks for ${this.runtimeVersion}.`);
    const shown =
      message !== undefined && message !== "" && allowed.messageSince !== undefined && allowed.messageSince <= this.runtimeVersion;
    return shown ? { error: code, message } : { error: code };
  }

  private shownResult(meta: FunctionMetadata, result: unknown): Shown {
    // custom-functions-json ("result"): dimensionality "scalar (a non-array value) or matrix (a
    // 2-dimensional array)"; custom-functions-dynamic-arrays: a 2-D array spills, rows down.
    if (meta.result.dimensionality === "matrix") {
      if (
        !Array.isArray(result) ||
        result.length === 0 ||
        !result.every((row) => Array.isArray(row) && row.length === (result[0] as unknown[]).length && row.length > 0)
      ) {
        throw new HarnessError(`${meta.id} declares a matrix result but returned ${describe(result)}.`);
      }
      return (result as unknown[][]).map((row) => row.map((cell) => this.shownCell(meta, cell, true)));
    }
    if (Array.isArray(result)) throw new HarnessError(`${meta.id} declares a scalar result but returned an array.`);
    return this.shownCell(meta, result, false);
  }

  private shownCell(meta: FunctionMetadata, cell: unknown, inSpill: boolean): ShownCell {
    const RuntimeErrorClass = (this.window as unknown as { CustomFunctions: { Error: typeof RuntimeError } }).CustomFunctions.Error;
    // custom-functions-errors ("Handle errors when working with dynamic arrays"): a spill may
    // carry a CustomFunctions.Error in a cell.
    if (cell instanceof RuntimeErrorClass) return this.shownErrorCode(cell.code, cell.message);
    // https://github.com/OfficeDev/office-js/issues/1503 (by design): null in a result shows 0,
    // which is never what a CVM function means.
    if (cell === null || cell === undefined)
      throw new HarnessError(`${meta.id} returned ${String(cell)}${inSpill ? " in a spill" : ""}; Excel would show 0.`);
    if (typeof cell === "number" && !Number.isFinite(cell)) throw new HarnessError(`${meta.id} returned ${cell}, which no cell can hold.`);
    const declared = meta.result.type;
    if (declared && declared !== "any" && typeof cell !== declared)
      throw new HarnessError(`${meta.id} declares ${declared} results but returned ${describe(cell)}.`);
    if (typeof cell === "number" || typeof cell === "string" || typeof cell === "boolean") return cell;
    throw new HarnessError(`${meta.id} returned ${describe(cell)}, which is not a cell value.`);
  }
}

function firstError(args: readonly ExcelArgument[]): string | undefined {
  for (const arg of args) {
    const cells = arg.kind === "range" ? arg.cells.flat() : arg.kind === "value" ? [arg.value] : [];
    for (const cell of cells) if (cell !== null && typeof cell === "object") return cell.error;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A number shown, or a failure if the cell shows something else. */
export function shownNumber(shown: Shown): number {
  if (typeof shown !== "number") throw new Error(`expected a number, the cell shows ${describe(shown)}`);
  return shown;
}
