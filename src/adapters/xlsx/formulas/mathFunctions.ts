/**
 * Rounding and arithmetic functions, and the few financial ones taken from @formulajs/formulajs
 * (closed-form PMT, PV, FV, NPV; their other functions differ from Excel on inputs tested here).
 */
import { FV as formulajsFV, NPV as formulajsNPV, PMT as formulajsPMT, PV as formulajsPV } from "@formulajs/formulajs";
import { gridOf, integerOf, numberOf, VARIADIC, type FunctionSpec } from "./calls";
import { forEachCell } from "./grid";
import { finite, FormulaError, isError, isReference, toNumber, Unsupported, type Scalar } from "./values";

type Rounding = "nearest" | "up" | "down";

/**
 * Rounds as Excel does: on the number's decimal digits (15 significant, as Excel keeps them), so
 * ROUND(2.675, 2) is 2.68 although 2.675 is stored as 2.67499999….
 */
export function roundDecimal(value: number, digits: number, mode: Rounding): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = shift(Math.abs(value).toPrecision(15), digits);
  const whole = mode === "nearest" ? Math.floor(shifted + 0.5) : mode === "up" ? Math.ceil(shifted) : Math.floor(shifted);
  const result = sign * shift(String(whole), -digits);
  return result === 0 ? 0 : result;
}

/** A decimal text times 10^by, exactly as the decimal it writes (no binary rounding in between). */
function shift(decimal: string, by: number): number {
  const [mantissa, exponent = "0"] = decimal.toLowerCase().split("e");
  return Number(`${mantissa}e${Number(exponent) + by}`);
}

function rounding(mode: Rounding): FunctionSpec {
  return {
    min: 1,
    max: 2,
    fn: (call, args) => {
      const value = numberOf(call, args[0]);
      const digits = integerOf(call, args[1], 0);
      if (Math.abs(digits) > 300) throw new Unsupported(`${call.name} rounds to ${digits} digits`);
      return finite(roundDecimal(value, digits, mode));
    },
  };
}

function unary(compute: (x: number) => number): FunctionSpec {
  return { min: 1, max: 1, fn: (call, args) => finite(compute(numberOf(call, args[0]))) };
}

/** x^y with Excel's errors: 0^0 is #NUM!, 0 to a negative power #DIV/0!. */
export function power(base: number, exponent: number): number {
  if (base === 0 && exponent === 0) throw FormulaError.NUM;
  if (base === 0 && exponent < 0) throw FormulaError.DIV0;
  if (base < 0 && !Number.isInteger(exponent)) throw FormulaError.NUM;
  return finite(base ** exponent);
}

const MOD: FunctionSpec = {
  min: 2,
  max: 2,
  fn(call, args) {
    const n = numberOf(call, args[0]);
    const d = numberOf(call, args[1]);
    if (d === 0) throw FormulaError.DIV0;
    const quotient = n / d;
    const floor = Math.floor(quotient);
    // A quotient a hair below a whole number (0.3/0.1 = 2.9999…) makes the remainder almost the divisor.
    if (quotient !== floor && Math.abs(quotient - Math.round(quotient)) <= Math.abs(quotient) * 1e-14) {
      throw new Unsupported(`MOD(${n}, ${d}) depends on rounding`);
    }
    return finite(n - d * floor);
  },
};

const SQRT = unary((x) => {
  if (x < 0) throw FormulaError.NUM;
  return Math.sqrt(x);
});

const LN = unary((x) => {
  if (x <= 0) throw FormulaError.NUM;
  return Math.log(x);
});

/** Runs a formulajs function on numbers already read the Excel way; its Error results become errors. */
function formulajsResult(result: unknown): number {
  if (result instanceof Error) throw new FormulaError(result.message);
  if (typeof result !== "number") throw new Unsupported("a financial function returned no number");
  return finite(result);
}

function financial(fn: (...numbers: number[]) => unknown, required: number, optional: number): FunctionSpec {
  return {
    min: required,
    max: required + optional,
    fn: (call, args) => {
      const numbers: number[] = [];
      for (let i = 0; i < required + optional; i++) {
        if (i >= args.length) break;
        numbers.push(numberOf(call, args[i], i >= required ? 0 : undefined));
      }
      // eslint-disable-next-line no-restricted-syntax -- at most the function's few declared arguments, never a range
      return formulajsResult(fn(...numbers));
    },
  };
}

const NPV: FunctionSpec = {
  min: 2,
  max: VARIADIC,
  fn(call, args) {
    const rate = numberOf(call, args[0]);
    if (rate === -1) throw FormulaError.DIV0;
    const values: number[] = [];
    for (const arg of args.slice(1)) {
      if (arg === null) throw new Unsupported("NPV has an empty argument");
      if (isReference(arg) || Array.isArray(arg)) {
        forEachCell(gridOf(call, arg), (value) => {
          if (typeof value === "number") values.push(value);
          else if (isError(value)) throw value;
        });
      } else values.push(toNumber(arg as Scalar));
    }
    return formulajsResult(formulajsNPV(rate, values));
  },
};

const SIGN = unary((x) => (x > 0 ? 1 : x < 0 ? -1 : 0));

export const MATH_FUNCTIONS: Record<string, FunctionSpec> = {
  ROUND: rounding("nearest"),
  ROUNDUP: rounding("up"),
  ROUNDDOWN: rounding("down"),
  INT: unary(Math.floor),
  ABS: unary(Math.abs),
  SIGN,
  MOD,
  POWER: { min: 2, max: 2, fn: (call, args) => power(numberOf(call, args[0]), numberOf(call, args[1])) },
  SQRT,
  EXP: unary(Math.exp),
  LN,
  PMT: financial(formulajsPMT, 3, 2),
  PV: financial(formulajsPV, 3, 2),
  FV: financial(formulajsFV, 3, 2),
  NPV,
};
