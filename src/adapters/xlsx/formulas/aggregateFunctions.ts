/**
 * Sums, counts and averages, plain and conditional. Ranges are read as Excel reads them: numbers
 * count, text, TRUE/FALSE and empty cells are skipped, an error stops the function with that error;
 * a value typed as an argument is converted ("3" is 3, TRUE is 1).
 */
import { checkSameShape, parseCriterion, type Criterion } from "./criteria";
import { gridOf, referenceGrid, scalarOf, VARIADIC, type Call, type FunctionSpec } from "./calls";
import { emptyOutside, forEachCell, unionWindow, type Grid } from "./grid";
import { finite, FormulaError, isError, isReference, plainNumber, toNumber, Unsupported, type Raw, type Scalar } from "./values";

/** Calls `take` with every number the arguments hold, as SUM, AVERAGE, MIN and MAX see them. */
function eachNumber(call: Call, args: readonly Raw[], take: (n: number) => void, allowOmitted = false): void {
  for (const arg of args) {
    if (arg === null) {
      if (!allowOmitted) throw new Unsupported(`${call.name} has an empty argument`);
      continue;
    }
    if (isReference(arg) || Array.isArray(arg)) {
      forEachCell(gridOf(call, arg), (value) => {
        if (typeof value === "number") take(value);
        else if (isError(value)) throw value;
      });
    } else take(toNumber(arg as Scalar));
  }
}

const SUM: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    let total = 0;
    eachNumber(call, args, (n) => (total += n), true);
    return finite(total);
  },
};

const AVERAGE: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    let total = 0;
    let count = 0;
    eachNumber(call, args, (n) => {
      total += n;
      count++;
    });
    if (count === 0) throw FormulaError.DIV0;
    return finite(total / count);
  },
};

function extreme(pick: (a: number, b: number) => number): FunctionSpec {
  return {
    min: 1,
    max: VARIADIC,
    fn(call, args) {
      let best: number | undefined;
      eachNumber(call, args, (n) => (best = best === undefined ? n : pick(best, n)));
      return best ?? 0;
    },
  };
}

const PRODUCT: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    let product = 1;
    let count = 0;
    eachNumber(call, args, (n) => {
      product *= n;
      count++;
    });
    return count === 0 ? 0 : finite(product);
  },
};

const COUNT: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    let count = 0;
    for (const arg of args) {
      if (arg === null) throw new Unsupported("COUNT has an empty argument");
      if (isReference(arg) || Array.isArray(arg)) {
        forEachCell(gridOf(call, arg), (value) => {
          if (typeof value === "number") count++;
        });
      } else if (typeof arg === "number" || typeof arg === "boolean") count++;
      else if (typeof arg === "string") {
        if (plainNumber(arg) !== undefined) count++;
        else if (/\d/.test(arg)) throw new Unsupported(`COUNT gets the text "${arg}"`);
      }
    }
    return count;
  },
};

const COUNTA: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    let count = 0;
    for (const arg of args) {
      if (arg === null) throw new Unsupported("COUNTA has an empty argument");
      if (isReference(arg) || Array.isArray(arg)) {
        forEachCell(gridOf(call, arg), (value) => {
          if (value === "") throw new Unsupported("COUNTA meets a cell holding empty text");
          if (value !== null) count++;
        });
      } else count++;
    }
    return count;
  },
};

const COUNTBLANK: FunctionSpec = {
  min: 1,
  max: 1,
  fn(call, args) {
    const grid = referenceGrid(call, args[0], "the range");
    let count = emptyOutside(grid);
    forEachCell(grid, (value) => {
      if (value === null || value === "") count++;
    });
    return count;
  },
};

/** SUMPRODUCT over ranges or arrays of one shape; anything but a number counts as 0. */
const SUMPRODUCT: FunctionSpec = {
  min: 1,
  max: VARIADIC,
  fn(call, args) {
    const grids = args.map((arg) => {
      if (arg === null) throw new Unsupported("SUMPRODUCT has an empty argument");
      return gridOf(call, arg);
    });
    for (const g of grids) checkSameShape(grids[0], g);
    const window = unionWindow(grids);
    let total = 0;
    for (let r = window.top; r < window.bottom; r++) {
      for (let c = window.left; c < window.right; c++) {
        let product = 1;
        for (const g of grids) {
          const value = g.get(r, c);
          if (isError(value)) throw value;
          product *= typeof value === "number" ? value : 0;
        }
        total += product;
      }
    }
    return finite(total);
  },
};

/** Pairs of (range, criterion) as the -IFS functions take them, all of the first range's shape. */
function conditions(call: Call, args: readonly Raw[], shape: Grid | undefined): { grid: Grid; criterion: Criterion }[] {
  if (args.length % 2 !== 0) throw new Unsupported(`${call.name} needs its ranges and criteria in pairs`);
  const list: { grid: Grid; criterion: Criterion }[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const grid = referenceGrid(call, args[i], "a criteria range");
    if (shape) checkSameShape(shape, grid);
    list.push({ grid, criterion: parseCriterion(scalarOf(call, args[i + 1])) });
  }
  return list;
}

/**
 * Calls `take` for every cell position where all conditions hold, and returns how many positions
 * outside every grid's window match: those are empty in every range, so they are counted, not read.
 */
function eachMatch(
  list: readonly { grid: Grid; criterion: Criterion }[],
  extra: readonly Grid[],
  take: (row: number, col: number) => void,
): number {
  const grids = [...list.map((c) => c.grid), ...extra];
  const window = unionWindow(grids);
  const count = list.length;
  for (let r = window.top; r < window.bottom; r++) {
    for (let c = window.left; c < window.right; c++) {
      let all = true;
      for (let i = 0; i < count && all; i++) all = list[i].criterion.matches(list[i].grid.get(r, c));
      if (all) take(r, c);
    }
  }
  const first = list[0].grid;
  const outside = first.rows * first.cols - (window.bottom - window.top) * (window.right - window.left);
  return list.every((c) => c.criterion.matchesBlank) ? outside : 0;
}

function numberAt(grid: Grid, row: number, col: number): number | undefined {
  const value = grid.get(row, col);
  if (isError(value)) throw value;
  return typeof value === "number" ? value : undefined;
}

const COUNTIFS: FunctionSpec = {
  min: 2,
  max: VARIADIC,
  fn(call, args) {
    const list = conditions(call, args, undefined);
    for (const c of list) checkSameShape(list[0].grid, c.grid);
    let count = 0;
    const emptyMatches = eachMatch(list, [], () => count++);
    return count + emptyMatches;
  },
};

const COUNTIF: FunctionSpec = { min: 2, max: 2, fn: (call, args) => COUNTIFS.fn(call, args) };

/** SUMIFS, AVERAGEIFS, MAXIFS, MINIFS: a value range first, then (range, criterion) pairs. */
function valuesWhere(call: Call, valueArg: Raw, pairs: readonly Raw[]): number[] {
  const values = referenceGrid(call, valueArg, "the range to add up");
  const list = conditions(call, pairs, values);
  const found: number[] = [];
  eachMatch(list, [values], (r, c) => {
    const n = numberAt(values, r, c);
    if (n !== undefined) found.push(n);
  });
  return found;
}

/**
 * SUMIF's and AVERAGEIF's optional value range takes the criteria range's shape from its own
 * top-left cell, whatever size it was written with, as Excel does.
 */
function resizedTo(call: Call, arg: Raw, shape: Grid): Raw {
  if (!isReference(arg)) throw new Unsupported(`${call.name} gets a value where it needs a range`);
  const grid = call.env.grid(arg, call.position);
  if (grid.rows === shape.rows && grid.cols === shape.cols) return arg;
  const ref = grid.ref;
  if (!ref) return arg;
  return {
    ref: { sheet: ref.sheet, from: { ...ref.from }, to: { row: ref.from.row + shape.rows - 1, col: ref.from.col + shape.cols - 1 } },
  };
}

function ifForm(call: Call, args: readonly Raw[]): { valueArg: Raw; pairs: Raw[] } {
  const range = referenceGrid(call, args[0], "the criteria range");
  const valueArg = args.length > 2 && args[2] !== null ? resizedTo(call, args[2], range) : args[0];
  return { valueArg, pairs: [args[0], args[1]] };
}

const sum = (values: readonly number[]) => finite(values.reduce((a, b) => a + b, 0));
const average = (values: readonly number[]) => {
  if (values.length === 0) throw FormulaError.DIV0;
  return finite(sum(values) / values.length);
};

const SUMIFS: FunctionSpec = { min: 3, max: VARIADIC, fn: (call, args) => sum(valuesWhere(call, args[0], args.slice(1))) };
const AVERAGEIFS: FunctionSpec = { min: 3, max: VARIADIC, fn: (call, args) => average(valuesWhere(call, args[0], args.slice(1))) };
const MAXIFS: FunctionSpec = {
  min: 3,
  max: VARIADIC,
  fn: (call, args) => {
    const values = valuesWhere(call, args[0], args.slice(1));
    return values.length ? values.reduce((a, b) => Math.max(a, b)) : 0;
  },
};
const MINIFS: FunctionSpec = {
  min: 3,
  max: VARIADIC,
  fn: (call, args) => {
    const values = valuesWhere(call, args[0], args.slice(1));
    return values.length ? values.reduce((a, b) => Math.min(a, b)) : 0;
  },
};

const SUMIF: FunctionSpec = {
  min: 2,
  max: 3,
  fn(call, args) {
    const { valueArg, pairs } = ifForm(call, args);
    return sum(valuesWhere(call, valueArg, pairs));
  },
};

const AVERAGEIF: FunctionSpec = {
  min: 2,
  max: 3,
  fn(call, args) {
    const { valueArg, pairs } = ifForm(call, args);
    return average(valuesWhere(call, valueArg, pairs));
  },
};

export const AGGREGATE_FUNCTIONS: Record<string, FunctionSpec> = {
  SUM,
  AVERAGE,
  MIN: extreme(Math.min),
  MAX: extreme(Math.max),
  PRODUCT,
  COUNT,
  COUNTA,
  COUNTBLANK,
  SUMPRODUCT,
  COUNTIF,
  COUNTIFS,
  SUMIF,
  SUMIFS,
  AVERAGEIF,
  AVERAGEIFS,
  MAXIFS,
  MINIFS,
};
