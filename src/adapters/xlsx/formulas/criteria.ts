/**
 * The criteria of COUNTIF, SUMIF, AVERAGEIF and their -IFS forms ("East", ">=20", "<>", "I0*"), as
 * Excel matches them against cells. Cases whose outcome in Excel is not certain (text that looks like
 * a date, a number stored as text against a numeric criterion, "" cells against "=") throw
 * Unsupported instead of guessing.
 */
import {
  compareNumbers,
  compareTexts,
  FormulaError,
  hasWildcard,
  isError,
  mayBeNumeric,
  plainNumber,
  Unsupported,
  wildcardPattern,
  type Scalar,
} from "./values";

export interface Criterion {
  matches(cell: Scalar): boolean;
  /** Whether an empty cell matches: cells beyond the used part of a sheet are empty. */
  readonly matchesBlank: boolean;
}

type Operator = "=" | "<>" | "<" | ">" | "<=" | ">=";

const OPERATOR = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/;

export function parseCriterion(criterion: Scalar): Criterion {
  if (criterion === null) throw new Unsupported("a criterion is an empty cell");
  if (isError(criterion)) throw criterion;
  if (typeof criterion === "number") return numberCriterion("=", criterion);
  if (typeof criterion === "boolean") return booleanCriterion("=", criterion);
  const [, op = "", operand] = OPERATOR.exec(criterion) as RegExpExecArray;
  const operator = (op || "=") as Operator;
  if (operand === "") return emptyCriterion(op);
  const number = plainNumber(operand);
  if (number !== undefined) return numberCriterion(operator, number);
  const upper = operand.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return booleanCriterion(operator, upper === "TRUE");
  if (mayBeNumeric(operand)) throw new Unsupported(`the criterion "${criterion}" may be read as a number or date`);
  return textCriterion(operator, operand);
}

function emptyCriterion(op: string): Criterion {
  switch (op) {
    case "":
      return { matchesBlank: true, matches: (cell) => cell === null || cell === "" };
    case "=":
      return {
        matchesBlank: true,
        matches: (cell) => {
          if (cell === "") throw new Unsupported('the criterion "=" meets a cell holding empty text');
          return cell === null;
        },
      };
    case "<>":
      return {
        matchesBlank: false,
        matches: (cell) => {
          if (cell === "") throw new Unsupported('the criterion "<>" meets a cell holding empty text');
          return cell !== null;
        },
      };
    default:
      throw new Unsupported(`the criterion "${op}" has nothing to compare with`);
  }
}

function test(operator: Operator, order: number): boolean {
  switch (operator) {
    case "=":
      return order === 0;
    case "<>":
      return order !== 0;
    case "<":
      return order < 0;
    case ">":
      return order > 0;
    case "<=":
      return order <= 0;
    case ">=":
      return order >= 0;
  }
}

function numberCriterion(operator: Operator, wanted: number): Criterion {
  return {
    matchesBlank: operator === "<>",
    matches(cell) {
      if (typeof cell === "number") return test(operator, compareNumbers(cell, wanted));
      if (typeof cell === "string" && plainNumber(cell) !== undefined) {
        throw new Unsupported(`the number stored as text "${cell}" meets a numeric criterion`);
      }
      if (isError(cell) && operator === "<>") throw new Unsupported(`the error ${cell.error} meets the criterion "<>"`);
      return operator === "<>";
    },
  };
}

function booleanCriterion(operator: Operator, wanted: boolean): Criterion {
  if (operator !== "=" && operator !== "<>") throw new Unsupported(`the criterion compares ${wanted ? "TRUE" : "FALSE"} by order`);
  return {
    matchesBlank: operator === "<>",
    matches(cell) {
      if (isError(cell) && operator === "<>") throw new Unsupported(`the error ${cell.error} meets the criterion "<>"`);
      if (typeof cell === "string" && /^\s*(true|false)\s*$/i.test(cell))
        throw new Unsupported(`the text "${cell}" meets a TRUE/FALSE criterion`);
      const equal = cell === wanted;
      return operator === "=" ? equal : !equal;
    },
  };
}

function textCriterion(operator: Operator, operand: string): Criterion {
  if (operator === "=" || operator === "<>") {
    const pattern = hasWildcard(operand) ? wildcardPattern(operand) : undefined;
    const lower = operand.toLowerCase();
    const equal = (text: string) => (pattern ? pattern.test(text) : text.toLowerCase() === lower);
    return {
      matchesBlank: operator === "<>",
      matches(cell) {
        if (isError(cell) && operator === "<>") throw new Unsupported(`the error ${cell.error} meets the criterion "<>"`);
        const same = typeof cell === "string" && equal(cell);
        return operator === "=" ? same : !same;
      },
    };
  }
  if (hasWildcard(operand)) throw new Unsupported(`the criterion "${operator}${operand}" orders text with wildcards`);
  return {
    matchesBlank: false,
    matches: (cell) => typeof cell === "string" && test(operator, compareTexts(cell, operand)),
  };
}

/** For the -IFS functions: Excel answers #VALUE! when the ranges differ in shape. */
export function checkSameShape(a: { rows: number; cols: number }, b: { rows: number; cols: number }): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw FormulaError.VALUE;
}
