/**
 * Reading worksheet-function arguments the way Excel's own functions do: a range arrives as a 2-D
 * array, an omitted optional argument as null, an empty cell as null or "". Numbers may be typed
 * as text ("12%", "€1,250") exactly as the engine reads them. Every problem names the argument.
 */
import { errorText, type CellValue } from "../domain/common/cells";
import { readNumber } from "../domain/common/values";
import { shareOfNumber, typedAsPercent } from "../domain/common/share";
import { functionErrors } from "./functionErrors";

export type Matrix = readonly (readonly unknown[])[];

/** An error value arriving in a cell: Office passes CustomFunctions.Error objects or error text. */
export function errorOf(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    const candidate = value as { code?: unknown; error?: unknown };
    if (typeof candidate.code === "string") return candidate.code;
    if (typeof candidate.error === "string") return candidate.error;
    return undefined;
  }
  if (typeof value === "string") return errorText(value);
  return undefined;
}

export const isBlankArg = (value: unknown): boolean => value == null || (typeof value === "string" && value.trim() === "");

/** Values of a scalar or a range in row-major order. */
export function cellsOf(arg: unknown): unknown[] {
  if (!Array.isArray(arg)) return [arg];
  const cells: unknown[] = [];
  for (const row of arg) {
    if (Array.isArray(row)) for (const cell of row) cells.push(cell);
    else cells.push(row);
  }
  return cells;
}

/** Rows × columns of an argument; a scalar is 1 × 1. */
export function shapeOf(arg: unknown): { rows: number; cols: number } {
  if (!Array.isArray(arg)) return { rows: 1, cols: 1 };
  return { rows: arg.length, cols: Array.isArray(arg[0]) ? arg[0].length : 1 };
}

function describe(name: string, index: number, count: number): string {
  return count > 1 ? `${name} (value ${index + 1})` : name;
}

/** One cell as a number, or undefined when blank. */
export function numberAt(value: unknown, where: string): number | undefined {
  const error = errorOf(value);
  if (error) throw functionErrors.errorInCell(where, error);
  if (isBlankArg(value)) return undefined;
  const read = readNumber(value as CellValue);
  if (read.kind === "number") return read.value;
  if (read.kind === "blank") return undefined;
  if (read.notFinite) throw functionErrors.pastLimit(where, read.reason);
  throw functionErrors.notANumber(where, read.reason);
}

/** The numbers of a scalar or range, blanks skipped as SUM and AVERAGE skip them. */
export function numbersOf(arg: unknown, name: string): number[] {
  const cells = cellsOf(arg);
  const numbers: number[] = [];
  cells.forEach((cell, i) => {
    const value = numberAt(cell, describe(name, i, cells.length));
    if (value !== undefined) numbers.push(value);
  });
  return numbers;
}

/**
 * The cells of one row or one column in order, each a number or undefined where it is blank: a
 * period without a value keeps its place, so that the cells after it stay their periods.
 */
export function seriesOf(arg: unknown, name: string): (number | undefined)[] {
  const { rows, cols } = shapeOf(arg);
  if (rows > 1 && cols > 1) throw functionErrors.notALine(name, rows, cols);
  const cells = cellsOf(arg);
  return cells.map((cell, i) => numberAt(cell, describe(name, i, cells.length)));
}

/** The sum of an argument's numbers; #NUM! when they add up past what a number holds, as SUM answers in Excel. */
export function sum(values: readonly number[], name: string): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isFinite(total)) throw functionErrors.sumPastLimit(name);
  return total;
}

export function average(values: readonly number[], name: string): number {
  if (values.length === 0) throw functionErrors.nothingToAverage(name);
  return sum(values, name) / values.length;
}

/** A single value: a one-cell range counts, a larger one is a mistake. */
export function scalarOf(arg: unknown, name: string): unknown {
  const cells = cellsOf(arg);
  if (cells.length !== 1) throw functionErrors.notOneValue(name, cells.length);
  return cells[0];
}

export function optionalText(arg: unknown, name: string): string | undefined {
  if (arg == null) return undefined;
  const value = scalarOf(arg, name);
  const error = errorOf(value);
  if (error) throw functionErrors.errorInCell(name, error);
  if (isBlankArg(value)) return undefined;
  return String(value).trim();
}

/** A share by the one unit rule (src/domain/common/share.ts): 0.1, "10%" and 10 all mean ten percent. */
export function optionalShare(arg: unknown, name: string): number | undefined {
  if (arg == null) return undefined;
  const typed = scalarOf(arg, name);
  const value = numberAt(typed, name);
  if (value === undefined) return undefined;
  const read = shareOfNumber(value, typedAsPercent(typed as CellValue));
  if (read.kind !== "share") throw functionErrors.notShare(name, value);
  return read.share;
}
