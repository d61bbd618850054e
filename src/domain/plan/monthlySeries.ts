/**
 * One KPI's monthly values (issue 20), in month order, one value per month, each with the cell it
 * was read from (zero-based sheet row and column: sourceCell.ts seriesCellOf spells it out only
 * for the few findings that name it).
 *
 * Kept as four arrays of numbers, not as an object per value: 10,000 KPIs of 36 months are
 * 360,000 values, and with an object each the garbage collector's tracing of them was the largest
 * part of what a series added to the analysis (bench/series.ts). An array of plain numbers is
 * one block of memory the collector does not look into.
 */
import { monthOfOrdinal, monthOrdinal, type Month } from "../common/month";

/** A value at its month, for the few places that show one KPI's months one by one. */
export interface MonthlyValue {
  readonly month: Month;
  readonly value: number;
}

export interface MonthlySeries {
  readonly length: number;
  /** The i-th value's month as monthOrdinal counts it: ascending, no month twice. */
  ordinal(i: number): number;
  month(i: number): Month;
  value(i: number): number;
  /** The cell the i-th value was read from. */
  cell(i: number): { readonly row: number; readonly col: number };
  /** Every value with its month, in month order. */
  entries(): MonthlyValue[];
}

/** A series being read: values are appended, then put in month order once. */
export class GrowingSeries implements MonthlySeries {
  private readonly ordinals: number[] = [];
  private readonly values: number[] = [];
  private readonly rows: number[] = [];
  private readonly cols: number[] = [];

  get length(): number {
    return this.values.length;
  }

  ordinal(i: number): number {
    return this.ordinals[i];
  }

  month(i: number): Month {
    return monthOfOrdinal(this.ordinals[i]);
  }

  value(i: number): number {
    return this.values[i];
  }

  cell(i: number): { row: number; col: number } {
    return { row: this.rows[i], col: this.cols[i] };
  }

  entries(): MonthlyValue[] {
    return this.values.map((value, i) => ({ month: monthOfOrdinal(this.ordinals[i]), value }));
  }

  push(ordinal: number, value: number, row: number, col: number): void {
    this.ordinals.push(ordinal);
    this.values.push(value);
    this.rows.push(row);
    this.cols.push(col);
  }

  /** Puts the values in month order; the caller has kept one value per month. */
  sortByMonth(): void {
    let ordered = true;
    for (let i = 1; i < this.ordinals.length && ordered; i++) ordered = this.ordinals[i - 1] < this.ordinals[i];
    if (ordered) return;
    const order = this.ordinals.map((_, i) => i).sort((a, b) => this.ordinals[a] - this.ordinals[b]);
    for (const list of [this.ordinals, this.values, this.rows, this.cols]) {
      const copy = order.map((i) => list[i]);
      copy.forEach((v, i) => (list[i] = v));
    }
  }
}

/** A series from values given one by one, one per month (tests' inputs), put in month order. */
export function monthlySeries(values: readonly (MonthlyValue & { readonly row?: number; readonly col?: number })[]): MonthlySeries {
  const series = new GrowingSeries();
  for (const v of values) series.push(monthOrdinal(v.month), v.value, v.row ?? 0, v.col ?? 0);
  series.sortByMonth();
  return series;
}

/** The series of a KPI the KPI Series part has no value for. */
export const EMPTY_SERIES: MonthlySeries = new GrowingSeries();
