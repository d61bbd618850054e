/**
 * How a worksheet function is called: with its arguments as the parser hands them (references not
 * yet read, omitted arguments as null), so that each function reads ranges the way Excel does
 * (text in a range is skipped by SUM, but "3" typed as an argument is 3).
 */
import { arrayGrid, type Grid } from "./grid";
import {
  FormulaError,
  isError,
  isReference,
  toBoolean,
  toNumber,
  toText,
  Unsupported,
  type Raw,
  type Reference,
  type Scalar,
} from "./values";

/** The formula's own cell: its sheet (as the parser names it) and one-based row and column. */
export interface Position {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** What functions may ask of the workbook being computed. */
export interface FunctionEnv {
  readonly date1904: boolean;
  /** The grid behind a reference; the formula's own sheet when the reference names none. */
  grid(ref: Reference, position: Position): Grid;
  /** Today's date as a serial of the workbook's date system. */
  today(): number;
}

export interface Call {
  readonly name: string;
  readonly position: Position;
  readonly env: FunctionEnv;
}

/** A function's result: a value, or a reference for those that return one (INDEX, OFFSET, IF…). */
export type Result = Exclude<Scalar, null> | Reference;

export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly fn: (call: Call, args: readonly Raw[]) => Result;
}

export const VARIADIC = 255;

/** An argument that is a reference or an array constant, as a grid; a single value as a 1×1 grid. */
export function gridOf(call: Call, arg: Raw): Grid {
  if (isReference(arg)) return call.env.grid(arg, call.position);
  if (Array.isArray(arg)) return arrayGrid(arg as Scalar[][]);
  if (isError(arg)) throw arg;
  return arrayGrid([[arg as Scalar]]);
}

/** An argument where Excel wants a reference (SUMIF's ranges, OFFSET's base). */
export function referenceGrid(call: Call, arg: Raw, what: string): Grid {
  if (isReference(arg)) return call.env.grid(arg, call.position);
  if (isError(arg)) throw arg;
  throw new Unsupported(`${call.name} gets a value where it needs a range (${what})`);
}

/**
 * An argument as one value. A range where one value is wanted would be cut to the formula's row or
 * column by Excel's implicit intersection, which is not computed here (only a single cell is).
 */
export function scalarOf(call: Call, arg: Raw): Scalar {
  if (arg === null) return null;
  if (isReference(arg) || Array.isArray(arg)) {
    const grid = gridOf(call, arg);
    if (grid.rows === 1 && grid.cols === 1) return grid.get(0, 0);
    throw new Unsupported(`${call.name} gets a range of several cells where it needs one value`);
  }
  return arg as Scalar;
}

/** The value of an argument with errors thrown, so that the function answers with the error. */
export function valueOf(call: Call, arg: Raw): Scalar {
  const value = scalarOf(call, arg);
  if (isError(value)) throw value;
  return value;
}

/**
 * The argument's value as a number. `fallback` stands for an argument left out at the end; one left
 * empty between commas (ROUND(x,)) is an empty value, 0 here, as in Excel.
 */
export function numberOf(call: Call, arg: Raw | undefined, fallback?: number): number {
  if (arg === undefined && fallback !== undefined) return fallback;
  return toNumber(scalarOf(call, arg ?? null));
}

/** An integer argument (a count, an index), truncated toward zero as Excel does. */
export function integerOf(call: Call, arg: Raw | undefined, fallback?: number): number {
  return Math.trunc(numberOf(call, arg, fallback));
}

export function textOf(call: Call, arg: Raw | undefined, fallback?: string): string {
  if (arg === undefined && fallback !== undefined) return fallback;
  return toText(scalarOf(call, arg ?? null));
}

/** As numberOf: VLOOKUP(x, t, 2,) is an exact match, the empty argument being FALSE. */
export function booleanOf(call: Call, arg: Raw | undefined, fallback?: boolean): boolean {
  if (arg === undefined && fallback !== undefined) return fallback;
  return toBoolean(scalarOf(call, arg ?? null));
}

/** A value a function passes through (IF's branches, IFERROR's value): an empty cell becomes 0. */
export function passThrough(call: Call, arg: Raw | undefined): Result {
  if (arg === undefined || arg === null) return 0;
  if (isReference(arg)) return arg;
  if (Array.isArray(arg)) {
    const value = scalarOf(call, arg);
    return value ?? 0;
  }
  return arg as Exclude<Scalar, null>;
}

/** The value behind a reference result or a value, for functions that test it (ISBLANK, IFERROR). */
export function resolved(call: Call, arg: Raw | undefined): Scalar {
  if (arg === undefined) return null;
  return scalarOf(call, arg);
}

/** Left out at the end, or left empty between commas. */
export function isOmitted(args: readonly Raw[], index: number): boolean {
  return index >= args.length || args[index] === null;
}

/** Left empty between commas, where Excel's meaning is not certain. */
export function rejectEmpty(call: Call, args: readonly Raw[], index: number, what: string): void {
  if (index < args.length && args[index] === null) throw new Unsupported(`${call.name} has its ${what} left empty`);
}

export const NA = FormulaError.NA;
