/**
 * Every worksheet function the evaluator computes. A formula calling any other function is
 * reported uncomputed with that function's name, never evaluated by a stand-in.
 */
import { AGGREGATE_FUNCTIONS } from "./aggregateFunctions";
import type { FunctionSpec } from "./calls";
import { DATE_FUNCTIONS } from "./dateFunctions";
import { LOGICAL_FUNCTIONS } from "./logicalFunctions";
import { LOOKUP_FUNCTIONS } from "./lookupFunctions";
import { MATH_FUNCTIONS } from "./mathFunctions";
import { TEXT_FUNCTIONS } from "./textFunctions";

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  ...AGGREGATE_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...LOOKUP_FUNCTIONS,
  ...LOGICAL_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...DATE_FUNCTIONS,
};

/**
 * A function's name as the file writes it, without the prefixes newer functions carry there
 * (_xlfn.XLOOKUP, _xlfn._xlws.SORT), in capitals.
 */
export function functionName(written: string): string {
  return written.replace(/^(_xlfn\.)?(_xlws\.)?/i, "").toUpperCase();
}

export function isSupportedFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}
