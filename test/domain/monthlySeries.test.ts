/**
 * A KPI's monthly values kept as arrays of numbers (src/domain/plan/monthlySeries.ts): whatever
 * order they are read in, each value stays with its month and its cell once put in month order.
 */
import { GrowingSeries, monthlySeries } from "../../src/domain/plan/monthlySeries";
import { monthOrdinal } from "../../src/domain/common/month";

describe("a monthly series", () => {
  it("puts values read out of order in month order, each with its own month and cell", () => {
    const series = new GrowingSeries();
    // A long layout sorted by value rather than by month: March, January, February.
    series.push(monthOrdinal({ year: 2027, month: 3 }), 30, 4, 2);
    series.push(monthOrdinal({ year: 2027, month: 1 }), 10, 2, 2);
    series.push(monthOrdinal({ year: 2027, month: 2 }), 20, 3, 2);
    series.sortByMonth();
    expect(series.entries()).toEqual([
      { month: { year: 2027, month: 1 }, value: 10 },
      { month: { year: 2027, month: 2 }, value: 20 },
      { month: { year: 2027, month: 3 }, value: 30 },
    ]);
    expect([0, 1, 2].map((i) => series.cell(i))).toEqual([
      { row: 2, col: 2 },
      { row: 3, col: 2 },
      { row: 4, col: 2 },
    ]);
    expect(series.ordinal(2) - series.ordinal(0)).toBe(2);
  });

  it("gives the months of values given one by one, across a year's end", () => {
    const series = monthlySeries([
      { month: { year: 2027, month: 1 }, value: 1.5 },
      { month: { year: 2026, month: 12 }, value: -2 },
    ]);
    expect(series.length).toBe(2);
    expect(series.month(0)).toEqual({ year: 2026, month: 12 });
    expect(series.value(1)).toBe(1.5);
  });
});
