/**
 * A rectangle of values handed to a function: a reference read cell by cell on demand, or an
 * array constant. A reference to whole columns (A:A) is a million rows; only the part of the sheet
 * that holds anything is ever read, and the rest is known to be empty.
 */
import type { RangeRef, Scalar } from "./values";

/** Grid coordinates, zero-based, half-open: rows top..bottom-1, columns left..right-1. */
export interface Window {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** Zero-based within the grid. */
  get(row: number, col: number): Scalar;
  /** The part that may hold values; every cell outside it is empty. */
  readonly window: Window;
  /** Where the grid is on its sheet (one-based), when it is a reference. */
  readonly ref?: RangeRef & { sheet: string };
}

export function arrayGrid(values: readonly (readonly Scalar[])[]): Grid {
  const rows = values.length;
  const cols = rows ? values[0].length : 0;
  return { rows, cols, get: (r, c) => values[r]?.[c] ?? null, window: { top: 0, left: 0, bottom: rows, right: cols } };
}

/** Every cell of the window, row by row. */
export function forEachCell(grid: Grid, visit: (value: Scalar, row: number, col: number) => void): void {
  const { top, left, bottom, right } = grid.window;
  for (let r = top; r < bottom; r++) for (let c = left; c < right; c++) visit(grid.get(r, c), r, c);
}

/** How many cells lie outside the window, all of them empty. */
export function emptyOutside(grid: Grid): number {
  const { top, left, bottom, right } = grid.window;
  return grid.rows * grid.cols - Math.max(0, bottom - top) * Math.max(0, right - left);
}

/** The window of two grids of the same shape read side by side (SUMIFS, SUMPRODUCT). */
export function unionWindow(grids: readonly Grid[]): Window {
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let bottom = 0;
  let right = 0;
  for (const g of grids) {
    if (g.window.bottom <= g.window.top || g.window.right <= g.window.left) continue;
    top = Math.min(top, g.window.top);
    left = Math.min(left, g.window.left);
    bottom = Math.max(bottom, g.window.bottom);
    right = Math.max(right, g.window.right);
  }
  return top === Number.POSITIVE_INFINITY ? { top: 0, left: 0, bottom: 0, right: 0 } : { top, left, bottom, right };
}

/** A one-row or one-column grid as a list, with its length; undefined for a two-dimensional one. */
export function vector(grid: Grid): { length: number; at: (i: number) => Scalar; window: { start: number; end: number } } | undefined {
  if (grid.cols === 1) return { length: grid.rows, at: (i) => grid.get(i, 0), window: { start: grid.window.top, end: grid.window.bottom } };
  if (grid.rows === 1) return { length: grid.cols, at: (i) => grid.get(0, i), window: { start: grid.window.left, end: grid.window.right } };
  return undefined;
}
