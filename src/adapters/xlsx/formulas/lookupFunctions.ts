/**
 * Lookup and reference functions. Exact matches compare as Excel does (text case-insensitively,
 * wildcards where the function allows them, no conversion between numbers and text). Approximate
 * matches are computed only on data sorted strictly in the direction asked for: on unsorted data
 * Excel's binary search gives answers that depend on its search order.
 */
import {
  booleanOf,
  gridOf,
  integerOf,
  isOmitted,
  NA,
  passThrough,
  rejectEmpty,
  valueOf,
  VARIADIC,
  type Call,
  type FunctionSpec,
  type Result,
} from "./calls";
import { vector, type Grid } from "./grid";
import {
  compareValues,
  FormulaError,
  hasWildcard,
  isError,
  isReference,
  lookupEquals,
  MAX_COL,
  MAX_ROW,
  Unsupported,
  wildcardPattern,
  type Raw,
  type Reference,
  type Scalar,
} from "./values";

type Vector = NonNullable<ReturnType<typeof vector>>;

function lookupValue(call: Call, arg: Raw): Exclude<Scalar, null> {
  const value = valueOf(call, arg);
  if (value === null) throw new Unsupported(`${call.name} looks up an empty cell`);
  return value;
}

/** Index of the first exact match, searching forward or backward; -1 when there is none. */
function exactIndex(list: Vector, wanted: Exclude<Scalar, null>, wildcards: boolean, backward = false): number {
  const pattern = wildcards && typeof wanted === "string" && hasWildcard(wanted) ? wildcardPattern(wanted) : undefined;
  const matches = (cell: Scalar) => (pattern ? typeof cell === "string" && pattern.test(cell) : lookupEquals(wanted, cell));
  // Cells outside the window are empty and never match.
  const { start, end } = list.window;
  if (backward) {
    for (let i = Math.min(end, list.length) - 1; i >= start; i--) if (matches(list.at(i))) return i;
  } else {
    for (let i = start; i < Math.min(end, list.length); i++) if (matches(list.at(i))) return i;
  }
  return -1;
}

/**
 * The approximate match of MATCH(…, 1 or -1) and VLOOKUP(…, TRUE): the last position whose value
 * is at most (ascending) or at least (descending) the wanted one. Only on a list whose cells, up to
 * the last filled one, are all of the wanted value's type and strictly ordered.
 */
function approximateIndex(call: Call, list: Vector, wanted: Exclude<Scalar, null>, descending: boolean): number {
  if (isError(wanted)) throw wanted;
  const end = Math.min(list.window.end, list.length);
  let last = -1;
  for (let i = end - 1; i >= 0; i--) {
    if (list.at(i) !== null) {
      last = i;
      break;
    }
  }
  let found = -1;
  let previous: Scalar = null;
  for (let i = 0; i <= last; i++) {
    const cell = list.at(i);
    if (cell === null || typeof cell !== typeof wanted || isError(cell)) {
      throw new Unsupported(`${call.name} searches approximately through values of mixed types or with gaps`);
    }
    if (previous !== null) {
      const order = compareValues(previous, cell);
      if (descending ? order <= 0 : order >= 0)
        throw new Unsupported(`${call.name} searches approximately through values that are not sorted`);
    }
    previous = cell;
    const order = compareValues(cell, wanted);
    if (descending ? order >= 0 : order <= 0) found = i;
  }
  return found;
}

function cellRef(grid: Grid, row: number, col: number): Reference {
  const ref = grid.ref;
  if (!ref) throw new Unsupported("a reference was expected");
  return { ref: { sheet: ref.sheet, row: ref.from.row + row, col: ref.from.col + col } };
}

function areaRef(grid: Grid, top: number, left: number, rows: number, cols: number): Reference {
  const ref = grid.ref;
  if (!ref) throw new Unsupported("a reference was expected");
  if (rows === 1 && cols === 1) return cellRef(grid, top, left);
  return {
    ref: {
      sheet: ref.sheet,
      from: { row: ref.from.row + top, col: ref.from.col + left },
      to: { row: ref.from.row + top + rows - 1, col: ref.from.col + left + cols - 1 },
    },
  };
}

/** A value found in a grid: an empty cell gives 0, an error is the answer. */
function found(value: Scalar): Result {
  if (value === null) return 0;
  if (isError(value)) throw value;
  return value;
}

const MATCH: FunctionSpec = {
  min: 2,
  max: 3,
  fn(call, args) {
    const wanted = lookupValue(call, args[0]);
    const list = vector(gridOf(call, args[1]));
    if (!list) throw NA;
    const type = Math.sign(integerOf(call, args[2], 1));
    const index = type === 0 ? exactIndex(list, wanted, true) : approximateIndex(call, list, wanted, type < 0);
    if (index < 0) throw NA;
    return index + 1;
  },
};

function tableLookup(byRows: boolean): FunctionSpec {
  return {
    min: 3,
    max: 4,
    fn(call, args) {
      const wanted = lookupValue(call, args[0]);
      const table = gridOf(call, args[1]);
      const index = integerOf(call, args[2]);
      const approximate = booleanOf(call, args[3], true);
      const width = byRows ? table.cols : table.rows;
      if (index < 1) throw FormulaError.VALUE;
      if (index > width) throw FormulaError.REF;
      const keys: Vector = byRows
        ? { length: table.rows, at: (i) => table.get(i, 0), window: { start: table.window.top, end: table.window.bottom } }
        : { length: table.cols, at: (i) => table.get(0, i), window: { start: table.window.left, end: table.window.right } };
      const at = approximate ? approximateIndex(call, keys, wanted, false) : exactIndex(keys, wanted, true);
      if (at < 0) throw NA;
      return found(byRows ? table.get(at, index - 1) : table.get(index - 1, at));
    },
  };
}

const INDEX: FunctionSpec = {
  min: 2,
  max: 4,
  fn(call, args) {
    if (!isOmitted(args, 3) && integerOf(call, args[3]) !== 1) throw new Unsupported("INDEX picks an area other than the first");
    const grid = gridOf(call, args[0]);
    let row = isOmitted(args, 1) ? 0 : integerOf(call, args[1]);
    let col: number;
    if (args.length < 3) {
      // A one-row range takes its single index as the column.
      if (grid.rows === 1 && grid.cols > 1) {
        col = row;
        row = 1;
      } else col = grid.cols === 1 ? 1 : 0;
    } else col = isOmitted(args, 2) ? 0 : integerOf(call, args[2]);
    if (row < 0 || col < 0) throw FormulaError.VALUE;
    if (row > grid.rows || col > grid.cols) throw FormulaError.REF;
    const top = row === 0 ? 0 : row - 1;
    const left = col === 0 ? 0 : col - 1;
    const rows = row === 0 ? grid.rows : 1;
    const cols = col === 0 ? grid.cols : 1;
    if (grid.ref) return areaRef(grid, top, left, rows, cols);
    if (rows === 1 && cols === 1) return found(grid.get(top, left));
    throw new Unsupported("INDEX returns several values of an array");
  },
};

const XLOOKUP: FunctionSpec = {
  min: 3,
  max: 6,
  fn(call, args) {
    const wanted = lookupValue(call, args[0]);
    const lookupGrid = gridOf(call, args[1]);
    const returns = gridOf(call, args[2]);
    const list = vector(lookupGrid);
    if (!list) throw FormulaError.VALUE;
    const matchMode = integerOf(call, args[4], 0);
    const searchMode = integerOf(call, args[5], 1);
    if (matchMode !== 0 && matchMode !== 2) throw new Unsupported(`XLOOKUP's match mode ${matchMode} is not supported`);
    if (searchMode !== 1 && searchMode !== -1) throw new Unsupported(`XLOOKUP's search mode ${searchMode} is not supported`);
    const down = lookupGrid.cols === 1;
    if (down ? returns.rows !== list.length : returns.cols !== list.length) throw FormulaError.VALUE;
    const index = exactIndex(list, wanted, matchMode === 2, searchMode === -1);
    if (index < 0) {
      // XLOOKUP(x, a, b, , 2): whether the empty argument means "left out" (#N/A) or an empty value is not certain.
      rejectEmpty(call, args, 3, "value if not found");
      if (isOmitted(args, 3)) throw NA;
      return passThrough(call, args[3]);
    }
    if (returns.ref) return down ? areaRef(returns, index, 0, 1, returns.cols) : areaRef(returns, 0, index, returns.rows, 1);
    if (down ? returns.cols === 1 : returns.rows === 1) return found(down ? returns.get(index, 0) : returns.get(0, index));
    throw new Unsupported("XLOOKUP returns several values of an array");
  },
};

const OFFSET: FunctionSpec = {
  min: 3,
  max: 5,
  fn(call, args) {
    if (!isReference(args[0])) {
      if (isError(args[0])) throw args[0];
      throw FormulaError.VALUE;
    }
    const base = gridOf(call, args[0]);
    const ref = base.ref as NonNullable<Grid["ref"]>;
    rejectEmpty(call, args, 3, "height");
    rejectEmpty(call, args, 4, "width");
    const rows = integerOf(call, args[1]);
    const cols = integerOf(call, args[2]);
    const height = isOmitted(args, 3) ? base.rows : integerOf(call, args[3]);
    const width = isOmitted(args, 4) ? base.cols : integerOf(call, args[4]);
    if (height === 0 || width === 0) throw FormulaError.REF;
    if (height < 0 || width < 0) throw new Unsupported("OFFSET has a negative height or width");
    const top = ref.from.row + rows;
    const left = ref.from.col + cols;
    if (top < 1 || left < 1 || top + height - 1 > MAX_ROW || left + width - 1 > MAX_COL) throw FormulaError.REF;
    if (height === 1 && width === 1) return { ref: { sheet: ref.sheet, row: top, col: left } };
    return { ref: { sheet: ref.sheet, from: { row: top, col: left }, to: { row: top + height - 1, col: left + width - 1 } } };
  },
};

const CHOOSE: FunctionSpec = {
  min: 2,
  max: VARIADIC,
  fn(call, args) {
    const index = integerOf(call, args[0]);
    if (index < 1 || index >= args.length) throw FormulaError.VALUE;
    return passThrough(call, args[index]);
  },
};

function position(kind: "row" | "col"): FunctionSpec {
  return {
    min: 0,
    max: 1,
    fn(call, args) {
      if (isOmitted(args, 0)) return kind === "row" ? call.position.row : call.position.col;
      if (!isReference(args[0])) throw FormulaError.VALUE;
      const ref = gridOf(call, args[0]).ref as NonNullable<Grid["ref"]>;
      return kind === "row" ? ref.from.row : ref.from.col;
    },
  };
}

function size(kind: "rows" | "cols"): FunctionSpec {
  return {
    min: 1,
    max: 1,
    fn(call, args) {
      const arg = args[0];
      if (!isReference(arg) && !Array.isArray(arg)) {
        if (isError(arg)) throw arg;
        return 1;
      }
      const grid = gridOf(call, arg);
      return kind === "rows" ? grid.rows : grid.cols;
    },
  };
}

export const LOOKUP_FUNCTIONS: Record<string, FunctionSpec> = {
  MATCH,
  VLOOKUP: tableLookup(true),
  HLOOKUP: tableLookup(false),
  INDEX,
  XLOOKUP,
  OFFSET,
  CHOOSE,
  ROW: position("row"),
  COLUMN: position("col"),
  ROWS: size("rows"),
  COLUMNS: size("cols"),
};
