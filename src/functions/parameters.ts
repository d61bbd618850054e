/**
 * The CVM.* functions' parameters declared as data (type, whether optional, default, range) and
 * the one checker that reads the arguments Excel passes by them, before a function's body runs.
 * The shape follows HyperFormula's FunctionPlugin (src/interpreter/plugin/FunctionPlugin.ts:
 * each function lists its parameters with an argument type, optionalArg, defaultValue and
 * minValue, and runFunction coerces and checks them all): here the types are the conventions of
 * src/functions/excelArgs.ts. Arguments are read in the order declared, each checked as it is
 * read, so the first problem in that order is the one the cell shows.
 */
import type { Direction } from "../domain/plan/contract";
import { readDirection } from "../domain/plan/enums";
import { average, numbersOf, optionalShare, optionalText, scalarOf, seriesOf, numberAt, sum, type Matrix } from "./excelArgs";
import { functionErrors } from "./functionErrors";

/** What each argument type gives the function's body. */
interface ValueOfType {
  /** One value as a number: a one-cell range counts. */
  readonly number: number;
  /** The numbers of one value or a range, blanks skipped as SUM skips them. */
  readonly numbers: number[];
  /** Those numbers added up, past the limit an error. */
  readonly sum: number;
  /** Those numbers averaged: with none, #DIV/0!. */
  readonly average: number;
  /** A share by the one unit rule (src/domain/common/share.ts). */
  readonly share: number;
  /** "higher" or "lower" is better, read leniently. */
  readonly direction: Direction;
  /** An ID, as text. */
  readonly id: string;
  /** The plan tables of a repeating parameter, each with its header row. */
  readonly tables: Matrix[];
  /** A value or a range taken cell by cell by the body (excelResult.ts elementwise): unchecked here. */
  readonly cells: unknown;
  /** One row or one column of periods, in order: each cell's number, or undefined where it is blank (a period without a value). */
  readonly series: (number | undefined)[];
}

export type ArgumentType = keyof ValueOfType;

/** One parameter, named as the function's JSDoc names it (the name in every message). */
export type Parameter = {
  readonly [T in ArgumentType]: {
    readonly name: string;
    readonly type: T;
    /** Omitted (or blank) gives `defaultValue`, or undefined without one. */
    readonly optional?: boolean;
    readonly defaultValue?: ValueOfType[T];
    /** The least number the argument may hold (every number of a range). */
    readonly minimum?: number;
    /** The argument must be a whole number (every number of a range). */
    readonly whole?: boolean;
  };
}[ArgumentType];

type ValueOf<P> = P extends { readonly type: infer T extends ArgumentType }
  ? P extends { readonly optional: true }
    ? P extends { readonly defaultValue: unknown }
      ? ValueOfType[T]
      : ValueOfType[T] | undefined
    : ValueOfType[T]
  : never;

/** The values a declaration gives its function's body, one per parameter, in order. */
export type ArgumentValues<Ps extends readonly Parameter[]> = { -readonly [K in keyof Ps]: ValueOf<Ps[K]> };

function atLeast(numbers: readonly (number | undefined)[], parameter: Parameter): void {
  const { minimum, whole } = parameter;
  for (const n of numbers) {
    if (n === undefined) continue;
    if (minimum !== undefined && n < minimum) throw functionErrors.belowMinimum(parameter.name, minimum);
    if (whole && !Number.isInteger(n)) throw functionErrors.notWhole(parameter.name, n);
  }
}

/**
 * The tables of a repeating parameter. Excel hands a repeating parameter to the function as one
 * argument: an array holding every value given for it, each a 2-D array here since the parameter
 * is a matrix. With no table given the array is empty.
 */
function tablesOf(tables: unknown): Matrix[] {
  const given = Array.isArray(tables) ? tables : [];
  if (given.length === 0) throw functionErrors.noTables();
  return given.map((t: unknown, i) => {
    if (!Array.isArray(t) || !Array.isArray(t[0])) throw functionErrors.notARange(`table${i + 1}`);
    return t as Matrix;
  });
}

/** One argument read by its parameter: what the body gets, or the error the cell shows. */
function readArgument(parameter: Parameter, arg: unknown): unknown {
  const { name } = parameter;
  const absent = () => {
    if (parameter.optional) return parameter.defaultValue;
    throw functionErrors.blank(name);
  };
  switch (parameter.type) {
    case "number": {
      if (arg == null && parameter.optional) return parameter.defaultValue;
      const value = numberAt(scalarOf(arg, name), name);
      if (value === undefined) return absent();
      atLeast([value], parameter);
      return value;
    }
    case "numbers":
    case "sum":
    case "average": {
      const numbers = numbersOf(arg, name);
      atLeast(numbers, parameter);
      return parameter.type === "numbers" ? numbers : parameter.type === "sum" ? sum(numbers, name) : average(numbers, name);
    }
    case "share":
      return optionalShare(arg, name) ?? absent();
    case "direction": {
      const text = optionalText(arg, name);
      if (text === undefined) return absent();
      const direction = readDirection(text);
      if (!direction) throw functionErrors.unknownDirection(text);
      return direction;
    }
    case "id":
      return optionalText(arg, name) ?? absent();
    case "tables":
      return tablesOf(arg);
    case "cells":
      return arg ?? parameter.defaultValue ?? null;
    case "series": {
      if (arg == null && parameter.optional) return parameter.defaultValue;
      const values = seriesOf(arg, name);
      atLeast(values, parameter);
      return values;
    }
  }
}

/** Every argument read by its declared parameter, in order; the first problem throws. */
export function readArguments<const Ps extends readonly Parameter[]>(parameters: Ps, args: readonly unknown[]): ArgumentValues<Ps> {
  return parameters.map((parameter, i) => readArgument(parameter, args[i])) as ArgumentValues<Ps>;
}
