/**
 * One worksheet as the evaluator reads it: the stored values, the formulas still to compute, and
 * the part of the sheet that holds anything (so that A:A is read only as far as it goes).
 */
import type { CellValue } from "../../../domain/common/cells";
import type { PendingFormula, ReadWorksheet, SharedFormulaMaster } from "../worksheetReader";
import { MAX_COL } from "./values";

export interface UsedArea {
  /** Zero-based, inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const key = (row: number, col: number) => row * MAX_COL + col;

export class SheetModel {
  private readonly pending = new Map<number, PendingFormula>();
  readonly used: UsedArea | undefined;
  readonly masters: ReadonlyMap<number, SharedFormulaMaster>;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly alias: string,
    private readonly read: ReadWorksheet,
  ) {
    this.masters = read.sharedMasters;
    const { values, origin } = read.sheet;
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = -1;
    let right = -1;
    const take = (row: number, col: number) => {
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    };
    values.forEach((line, r) => {
      if (line.length > 0) {
        take(origin.row + r, origin.col);
        take(origin.row + r, origin.col + line.length - 1);
      }
    });
    for (const p of read.pending) {
      this.pending.set(key(p.row, p.col), p);
      take(p.row, p.col);
    }
    this.used = bottom < 0 ? undefined : { top, left, bottom, right };
  }

  /** The stored value of a zero-based cell; undefined where nothing is stored. */
  stored(row: number, col: number): CellValue | undefined {
    const { values, origin } = this.read.sheet;
    return values[row - origin.row]?.[col - origin.col] ?? undefined;
  }

  pendingAt(row: number, col: number): PendingFormula | undefined {
    return this.pending.size ? this.pending.get(key(row, col)) : undefined;
  }

  get pendingFormulas(): readonly PendingFormula[] {
    return this.read.pending;
  }

  get sheet(): ReadWorksheet["sheet"] {
    return this.read.sheet;
  }
}
