/**
 * fast-formula-parser set up to parse and walk a formula with our operators and functions in place
 * of its own (which differ from Excel on ordinary inputs): it calls back to the evaluator for
 * every cell it reads and every operand it needs as one value.
 */
import FormulaParser from "fast-formula-parser";
import type { Call, FunctionEnv, FunctionSpec, Position } from "./calls";
import { FUNCTIONS } from "./functionTable";
import { applyInfix, applyPercent, applySigns, spannedRange } from "./operators";
import { Unsupported, type Raw, type Scalar } from "./values";

/** What the parser asks of the workbook being computed. */
export interface ParserHooks {
  readonly env: FunctionEnv;
  /** A cell's value, a formula there computed first; row and column one-based, as the parser gives them. */
  cell(alias: string | undefined, row: number, col: number): Scalar;
  /** An operand read to one value. */
  operand(raw: Raw): Scalar;
}

export function createParser(hooks: ParserHooks): FormulaParser {
  const functions: Record<string, (...args: never[]) => unknown> = {};
  for (const [name, spec] of Object.entries(FUNCTIONS)) {
    functions[name] = ((context: FormulaParser, ...args: Raw[]) => callFunction(name, spec, context, args, hooks.env)) as (
      ...args: never[]
    ) => unknown;
  }
  const parser = new FormulaParser({
    functions,
    onCell: (ref) => hooks.cell(ref.sheet, ref.row, ref.col),
    onRange: (ref) => {
      const rows = Math.abs(ref.to.row - ref.from.row) + 1;
      const cols = Math.abs(ref.to.col - ref.from.col) + 1;
      if (rows !== 1 || cols !== 1) throw new Unsupported("it gives several values (a range), which is not supported");
      return [[hooks.cell(ref.sheet, ref.from.row, ref.from.col)]];
    },
    onVariable: (name) => {
      throw new Unsupported(`the name ${name} is not defined in the workbook`);
    },
  });
  // Every function receives the parser and its arguments unread, so that it reads ranges itself.
  for (const name of Object.keys(FUNCTIONS)) parser.funsNeedContextAndNoDataRetrieve.push(name);
  const utils = parser.utils;
  utils.applyPrefix = (prefixes, value) => applySigns(prefixes, hooks.operand(value));
  utils.applyPostfix = (value) => applyPercent(() => hooks.operand(value));
  utils.applyInfix = (a, infix, b) => {
    const left = hooks.operand(a);
    const right = hooks.operand(b);
    return applyInfix(left, infix, right);
  };
  utils.applyIntersect = () => {
    throw new Unsupported("it intersects ranges (a space between references), which is not supported");
  };
  utils.applyUnion = () => {
    throw new Unsupported("it joins ranges into a union, which is not supported");
  };
  utils.applyRange = (items) => spannedRange(items);
  return parser;
}

function callFunction(name: string, spec: FunctionSpec, context: FormulaParser, args: Raw[], env: FunctionEnv): unknown {
  if (args.length < spec.min || args.length > spec.max) {
    throw new Unsupported(`${name} is given ${args.length} argument${args.length === 1 ? "" : "s"}, which Excel does not accept`);
  }
  const call: Call = { name, position: context.position as Position, env };
  return spec.fn(call, args);
}
