/**
 * The smallest and largest of a list of numbers, by a loop: Math.min(...values) passes every value
 * as an argument, which overflows the call stack past about 100,000 of them (issue 17), and lint
 * refuses spreads into calls for that reason.
 */

/** The smallest value, or `empty` when there is none. */
export function smallest(values: Iterable<number>, empty = Number.POSITIVE_INFINITY): number {
  let low = empty;
  let first = true;
  for (const value of values) {
    if (first || value < low) low = value;
    first = false;
  }
  return low;
}

/** The largest value, or `empty` when there is none. */
export function largest(values: Iterable<number>, empty = Number.NEGATIVE_INFINITY): number {
  let high = empty;
  let first = true;
  for (const value of values) {
    if (first || value > high) high = value;
    first = false;
  }
  return high;
}
