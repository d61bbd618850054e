/**
 * Results in the shape Excel expects from a custom function: CustomFunctions.Error for a problem
 * (with the message shown for #VALUE! and #N/A), and 2-D arrays that spill, computed cell by cell
 * when ranges are passed where single values are expected, as Excel's own operators do.
 */
import { ErrorValue, type ExcelErrorKind } from "../domain/common/errorValue";
import { shapeOf } from "./excelArgs";
import { functionErrors } from "./functionErrors";

export type CellResult = number | string | boolean | CustomFunctions.Error;

function errorCode(kind: ExcelErrorKind): CustomFunctions.ErrorCode {
  switch (kind) {
    case "div0":
      return CustomFunctions.ErrorCode.divisionByZero;
    case "num":
      return CustomFunctions.ErrorCode.invalidNumber;
    case "na":
      return CustomFunctions.ErrorCode.notAvailable;
    default:
      return CustomFunctions.ErrorCode.invalidValue;
  }
}

/** Any failure becomes an Excel error; an unexpected one says so rather than showing a stack. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof ErrorValue) return new CustomFunctions.Error(errorCode(error.kind), error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `Unexpected problem: ${detail}`);
}

/**
 * A number no cell can hold (an overflow to infinity, or NaN after one) becomes #NUM!, as Excel's
 * own functions answer a result too large; other values pass unchanged.
 */
export function cellSafe<T>(value: T): T {
  if (typeof value === "number" && !Number.isFinite(value)) throw functionErrors.resultPastLimit();
  return value;
}

/**
 * What a cell of a spill shows where there is no figure (a coverage when nothing is behind, a
 * residual without data). Empty text: Microsoft's "Blank and null values in Excel add-ins"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values) gives
 * "" as the value of a cell that holds no data, and null is no cell value: a custom function's
 * array holding null shows 0 (https://github.com/OfficeDev/office-js/issues/1503, by design),
 * which would read as a real zero. The custom-functions pages document no other empty value
 * (custom-functions-dynamic-arrays: a spill is a 2-D array of values).
 */
export const NO_FIGURE = "";

/** A figure for one cell of a spill: empty text without one, its own #NUM! when no cell can hold it. */
export function figureCell(value: number | undefined): CellResult {
  if (value === undefined) return NO_FIGURE;
  try {
    return cellSafe(value);
  } catch (error) {
    return toExcelError(error);
  }
}

function valueAt(arg: unknown, row: number, col: number): unknown {
  if (!Array.isArray(arg)) return arg;
  const rows = arg as unknown[][];
  if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
  return rows[row]?.[col] ?? null;
}

/**
 * Applies `cell` to each position of the arguments' common shape. A single value is used for
 * every position; ranges of different shapes are a mistake, reported with both shapes.
 */
export function elementwise<K extends string>(
  args: Record<K, unknown>,
  cell: (values: Record<K, unknown>) => number | string | boolean,
): CellResult[][] {
  let shape = { rows: 1, cols: 1 };
  let shapedBy: string | undefined;
  for (const [name, arg] of Object.entries(args) as [K, unknown][]) {
    const s = shapeOf(arg);
    if (s.rows * s.cols === 1) continue;
    if (shapedBy && (s.rows !== shape.rows || s.cols !== shape.cols)) {
      throw functionErrors.shapesDiffer(shapedBy, `${shape.rows}×${shape.cols}`, name, `${s.rows}×${s.cols}`);
    }
    shape = s;
    shapedBy = name;
  }
  const names = Object.keys(args) as K[];
  const result: CellResult[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const line: CellResult[] = [];
    for (let c = 0; c < shape.cols; c++) {
      const values = {} as Record<K, unknown>;
      for (const name of names) values[name] = valueAt(args[name], r, c);
      try {
        line.push(cellSafe(cell(values)));
      } catch (error) {
        // A single result shows its error directly; inside a spill each cell carries its own.
        if (shape.rows * shape.cols === 1) throw error;
        line.push(toExcelError(error));
      }
    }
    result.push(line);
  }
  return result;
}
