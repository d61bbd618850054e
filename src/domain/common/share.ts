/**
 * What a share setting means wherever a planner gives one: the at-risk tolerance and the
 * allocation threshold on the command line, in a worksheet function's argument, in the task
 * pane's fields and in the workbook's document settings.
 *
 * A share is held as a fraction: 0.1 for 10% (or 10 points). Given by a person, it is read by one
 * unit rule:
 * - with a % sign it is a percentage: "10%", "0.5%";
 * - a number below 1 is a fraction: 0.1, 0.25 (a cell formatted as 10% holds 0.1);
 * - a number of 1 or more is a percentage, or points: 10, 12.5, 1 (the unit the command line's
 *   help and the pane's fields name).
 * Accepted from 0 up to, not including, 100%: with a tolerance of 100% every KPI short of its
 * target would be "At risk", and no budget is 100 points off its weight.
 *
 * The plan's own shares (a bet's weight, an impact's confidence) are figures of its cells and are
 * read as cells are (values.ts readNumber): a confidence of 80% is 0.8 or "80%".
 */
import type { CellValue } from "./cells";
import { readNumber } from "./values";

/** Shares stop below this: 1 is 100%. */
export const SHARE_LIMIT = 1;

export type ShareRead =
  | { readonly kind: "share"; readonly share: number }
  /** `typed`: the number as it was given, for the message (150 or 1.5 for "150%"). */
  | { readonly kind: "outOfRange"; readonly typed: number }
  | { readonly kind: "notNumber" };

/** Whether a fraction is a share the settings accept: from 0 up to, not including, 100%. */
export function isShare(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value < SHARE_LIMIT;
}

/**
 * The unit rule on a number already read: `percentSign` when it was typed with one, and so is a
 * fraction already (readNumber reads "10%" as 0.1).
 */
export function shareOfNumber(typed: number, percentSign: boolean): ShareRead {
  const share = percentSign || typed < 1 ? typed : typed / 100;
  return isShare(share) ? { kind: "share", share } : { kind: "outOfRange", typed };
}

/** Whether a value was typed as a percentage: only text carries the sign (a cell formatted as % holds the fraction). */
export const typedAsPercent = (typed: CellValue): boolean => typeof typed === "string" && typed.includes("%");

/** A share as a planner types it: "10%", 0.1, "0.1" or 10 all mean ten percent. */
export function readShare(typed: CellValue): ShareRead {
  const read = readNumber(typed);
  if (read.kind !== "number") return { kind: "notNumber" };
  return shareOfNumber(read.value, typedAsPercent(typed));
}
