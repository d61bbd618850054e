/**
 * Text functions. Numbers become text as Excel writes them in general format; where that is not
 * certain (very large or small numbers) the formula is not computed.
 */
import { booleanOf, gridOf, integerOf, scalarOf, textOf, VARIADIC, type Call, type FunctionSpec } from "./calls";
import { forEachCell } from "./grid";
import { FormulaError, isReference, mayBeNumeric, plainNumber, toText, Unsupported, type Raw, type Scalar } from "./values";

function textFunction(min: number, max: number, compute: (call: Call, args: readonly Raw[]) => string | number): FunctionSpec {
  return { min, max, fn: compute };
}

function count(call: Call, arg: Raw | undefined): number {
  const n = integerOf(call, arg, 1);
  if (n < 0) throw FormulaError.VALUE;
  return n;
}

/** Every value of the arguments, ranges row by row, as text (CONCAT, TEXTJOIN). */
function texts(call: Call, args: readonly Raw[]): string[] {
  const list: string[] = [];
  for (const arg of args) {
    if (arg !== null && (isReference(arg) || Array.isArray(arg))) forEachCell(gridOf(call, arg), (value) => list.push(toText(value)));
    else list.push(toText(arg as Scalar));
  }
  return list;
}

/** Case mapping that keeps the length, as Excel's does; ß to SS and the like are not certain. */
function changeCase(text: string, upper: boolean): string {
  const changed = upper ? text.toUpperCase() : text.toLowerCase();
  if (changed.length !== text.length) throw new Unsupported(`the case of "${text}" is changed`);
  return changed;
}

export const TEXT_FUNCTIONS: Record<string, FunctionSpec> = {
  CONCATENATE: textFunction(1, VARIADIC, (call, args) => args.map((arg) => toText(scalarOf(call, arg))).join("")),
  CONCAT: textFunction(1, VARIADIC, (call, args) => texts(call, args).join("")),
  TEXTJOIN: textFunction(3, VARIADIC, (call, args) => {
    const delimiter = textOf(call, args[0]);
    const skipEmpty = booleanOf(call, args[1]);
    const parts = texts(call, args.slice(2));
    return (skipEmpty ? parts.filter((p) => p !== "") : parts).join(delimiter);
  }),
  LEFT: textFunction(1, 2, (call, args) => textOf(call, args[0]).slice(0, count(call, args[1]))),
  RIGHT: textFunction(1, 2, (call, args) => {
    const text = textOf(call, args[0]);
    const n = count(call, args[1]);
    return n === 0 ? "" : text.slice(Math.max(0, text.length - n));
  }),
  MID: textFunction(3, 3, (call, args) => {
    const text = textOf(call, args[0]);
    const start = integerOf(call, args[1]);
    const n = integerOf(call, args[2]);
    if (start < 1 || n < 0) throw FormulaError.VALUE;
    return text.slice(start - 1, start - 1 + n);
  }),
  LEN: textFunction(1, 1, (call, args) => textOf(call, args[0]).length),
  TRIM: textFunction(1, 1, (call, args) => textOf(call, args[0]).replace(/ +/g, " ").replace(/^ | $/g, "")),
  UPPER: textFunction(1, 1, (call, args) => changeCase(textOf(call, args[0]), true)),
  LOWER: textFunction(1, 1, (call, args) => changeCase(textOf(call, args[0]), false)),
  SUBSTITUTE: textFunction(3, 4, (call, args) => {
    const text = textOf(call, args[0]);
    const old = textOf(call, args[1]);
    const replacement = textOf(call, args[2]);
    if (old === "") return text;
    if (args.length < 4) return text.split(old).join(replacement);
    const instance = integerOf(call, args[3]);
    if (instance < 1) throw FormulaError.VALUE;
    let at = -1;
    for (let i = 0; i < instance; i++) {
      at = text.indexOf(old, at + 1);
      if (at < 0) return text;
    }
    return text.slice(0, at) + replacement + text.slice(at + old.length);
  }),
  VALUE: textFunction(1, 1, (call, args) => {
    const value = scalarOf(call, args[0]);
    if (typeof value === "number") return value;
    const text = toText(value);
    const number = plainNumber(text);
    if (number !== undefined) return number;
    if (mayBeNumeric(text)) throw new Unsupported(`VALUE reads the text "${text}"`);
    throw FormulaError.VALUE;
  }),
};
