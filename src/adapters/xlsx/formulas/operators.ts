/**
 * Excel's operators on single values, in place of the parser's own: signs, the percent sign, the
 * infix operators (&, comparisons, arithmetic) and the range operator (A1:B3, A:B, 1:3). The
 * evaluator reads each operand to one value first; an Excel error becomes the operator's result
 * and anything uncertain stops the formula (Unsupported).
 */
import { power } from "./mathFunctions";
import {
  checkCancellation,
  compareValues,
  equalValues,
  finite,
  FormulaError,
  isError,
  isReference,
  MAX_COL,
  MAX_ROW,
  toNumber,
  toText,
  Unsupported,
  type Raw,
  type Reference,
  type Scalar,
} from "./values";

/** Excel errors become the operator's result; anything uncertain stops the formula. */
export function guarded(compute: () => Scalar): Scalar {
  try {
    const value = compute();
    return typeof value === "number" ? finite(value) : value;
  } catch (error) {
    if (isError(error)) return error;
    throw error;
  }
}

/** The signs before a value: an odd number of minus signs negates it. */
export function applySigns(prefixes: readonly string[], value: Scalar): Scalar {
  if (isError(value)) return value;
  const negative = prefixes.filter((p) => p === "-").length % 2 === 1;
  if (!negative) return value;
  return guarded(() => -toNumber(value));
}

/** 5% is 5 / 100; the operand is read inside the guard, so that an error thrown reading it is the result. */
export function applyPercent(operand: () => Scalar): Scalar {
  return guarded(() => toNumber(operand()) / 100);
}

export function applyInfix(a: Scalar, infix: string, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  return guarded(() => {
    switch (infix) {
      case "&":
        return toText(a) + toText(b);
      case "=":
        return equalValues(a, b);
      case "<>":
        return !equalValues(a, b);
      case "<":
        return compareValues(a, b) < 0;
      case ">":
        return compareValues(a, b) > 0;
      case "<=":
        return compareValues(a, b) <= 0;
      case ">=":
        return compareValues(a, b) >= 0;
    }
    const x = toNumber(a);
    const y = toNumber(b);
    switch (infix) {
      case "+":
        return checkCancellation(x + y, x, y);
      case "-":
        return checkCancellation(x - y, x, y);
      case "*":
        return x * y;
      case "/":
        if (y === 0) throw FormulaError.DIV0;
        return x / y;
      case "^":
        return power(x, y);
    }
    throw new Unsupported(`it uses the operator ${infix}, which is not supported`);
  });
}

/** A:B, 1:3, A1:INDEX(…): the rectangle spanned, on the one sheet its parts share. */
export function spannedRange(items: readonly (Raw | number)[]): Raw {
  let sheet: string | undefined;
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let bottom = 0;
  let right = 0;
  for (const item of items) {
    if (isError(item)) return item;
    // A row number (the 1 of 1:3) comes as a plain number; a column (the A of A:B) as a cell without row.
    const ref:
      { sheet?: string; row?: number; col?: number; from?: { row: number; col: number }; to?: { row: number; col: number } } | undefined =
      typeof item === "number" ? { row: item } : isReference(item) ? item.ref : undefined;
    if (!ref) throw new Unsupported("it builds a range from values");
    if (ref.sheet !== undefined) {
      if (sheet !== undefined && sheet !== ref.sheet) throw new Unsupported("it builds a range across sheets");
      sheet = ref.sheet;
    }
    const corners = ref.from && ref.to ? [ref.from, ref.to] : [{ row: ref.row, col: ref.col }];
    for (const { row, col } of corners) {
      const rows = row === undefined || row === null ? [1, MAX_ROW] : [row, row];
      const cols = col === undefined || col === null ? [1, MAX_COL] : [col, col];
      top = Math.min(top, rows[0]);
      bottom = Math.max(bottom, rows[1]);
      left = Math.min(left, cols[0]);
      right = Math.max(right, cols[1]);
    }
  }
  const ref: Reference["ref"] =
    top === bottom && left === right ? { row: top, col: left } : { from: { row: top, col: left }, to: { row: bottom, col: right } };
  if (sheet !== undefined) ref.sheet = sheet;
  return { ref };
}
