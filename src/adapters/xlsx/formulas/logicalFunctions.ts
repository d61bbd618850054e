/**
 * Conditions and tests: IF and its relatives pass a reference through untouched (IF(…, A1:A3, …)
 * may feed SUM), and the IS- functions look at a value without failing on an error.
 */
import { booleanOf, gridOf, isOmitted, NA, passThrough, resolved, VARIADIC, type Call, type FunctionSpec } from "./calls";
import { forEachCell } from "./grid";
import { FormulaError, isError, isReference, Unsupported, type Raw, type Scalar } from "./values";

const IF: FunctionSpec = {
  min: 2,
  max: 3,
  fn(call, args) {
    if (booleanOf(call, args[0])) return passThrough(call, args[1]);
    return args.length < 3 ? false : passThrough(call, args[2]);
  },
};

const IFS: FunctionSpec = {
  min: 2,
  max: VARIADIC,
  fn(call, args) {
    if (args.length % 2 !== 0) throw new Unsupported("IFS needs its conditions and values in pairs");
    for (let i = 0; i < args.length; i += 2) if (booleanOf(call, args[i])) return passThrough(call, args[i + 1]);
    throw NA;
  },
};

function onError(catches: (error: string) => boolean): FunctionSpec {
  return {
    min: 2,
    max: 2,
    fn(call, args) {
      const value = resolved(call, args[0]);
      return isError(value) && catches(value.error) ? passThrough(call, args[1]) : passThrough(call, args[0]);
    },
  };
}

/** AND and OR: TRUE/FALSE and numbers count, text and empty cells in ranges are skipped. */
function logicalValues(call: Call, args: readonly Raw[]): boolean[] {
  const values: boolean[] = [];
  const take = (value: Scalar, inRange: boolean) => {
    if (isError(value)) throw value;
    if (typeof value === "boolean") values.push(value);
    else if (typeof value === "number") values.push(value !== 0);
    else if (!inRange) throw new Unsupported(`${call.name} gets ${value === null ? "an empty argument" : "text"}`);
  };
  for (const arg of args) {
    if (arg !== null && (isReference(arg) || Array.isArray(arg))) forEachCell(gridOf(call, arg), (value) => take(value, true));
    else take(arg as Scalar, false);
  }
  if (values.length === 0) throw FormulaError.VALUE;
  return values;
}

function is(test: (value: Scalar) => boolean): FunctionSpec {
  return { min: 1, max: 1, fn: (call, args) => test(resolved(call, args[0])) };
}

export const LOGICAL_FUNCTIONS: Record<string, FunctionSpec> = {
  IF,
  IFS,
  IFERROR: onError(() => true),
  IFNA: onError((error) => error === "#N/A"),
  AND: { min: 1, max: VARIADIC, fn: (call, args) => logicalValues(call, args).every(Boolean) },
  OR: { min: 1, max: VARIADIC, fn: (call, args) => logicalValues(call, args).some(Boolean) },
  NOT: { min: 1, max: 1, fn: (call, args) => !booleanOf(call, args[0]) },
  TRUE: { min: 0, max: 0, fn: () => true },
  FALSE: { min: 0, max: 0, fn: () => false },
  ISBLANK: {
    min: 1,
    max: 1,
    // Only a reference can be blank: an empty argument or a formula result is a value.
    fn: (call, args) => !isOmitted(args, 0) && isReference(args[0]) && resolved(call, args[0]) === null,
  },
  ISNUMBER: is((value) => typeof value === "number"),
  ISTEXT: is((value) => typeof value === "string"),
  ISLOGICAL: is((value) => typeof value === "boolean"),
  ISERROR: is((value) => isError(value)),
  ISERR: is((value) => isError(value) && value.error !== "#N/A"),
  ISNA: is((value) => isError(value) && value.error === "#N/A"),
};
