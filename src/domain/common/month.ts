/**
 * Months as the planner's monthly sheets name them: a date cell (any day of the month, any
 * number format), an Excel date serial, or period text such as `2027-03`, `Mar 2027`,
 * `March 2027` or `03/2027`; a KPI's due period may also be a fiscal year, `FY2027`, which means
 * December 2027. A month is a year and a month number; its ordinal counts months, so that the
 * distance between two months is a subtraction.
 */
import { dateOfSerial, errorText, isBlank, LAST_DATE_SERIAL, type CellValue } from "./cells";
import { readText, shorten } from "./values";

export interface Month {
  readonly year: number;
  /** 1 for January to 12 for December. */
  readonly month: number;
}

export type MonthRead =
  { readonly kind: "blank" } | { readonly kind: "month"; readonly month: Month } | { readonly kind: "bad"; readonly reason: string };

/** Months since the start of year 0: consecutive months differ by 1. */
export function monthOrdinal(month: Month): number {
  return month.year * 12 + month.month - 1;
}

export function monthOfOrdinal(ordinal: number): Month {
  return { year: Math.floor(ordinal / 12), month: (((ordinal % 12) + 12) % 12) + 1 };
}

/** `2027-03`: the form --json and findings write a month in. */
export function monthText(month: Month): string {
  return `${String(month.year).padStart(4, "0")}-${String(month.month).padStart(2, "0")}`;
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

// 2027-03, 2027/03 and an ISO date 2027-03-15 (the day does not matter to a month).
const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;
// 03/2027, 3/2027, 03-2027.
const MONTH_FIRST = /^(\d{1,2})[-/](\d{4})$/;
// Mar 2027, March 2027, Mar-2027, Sept. 2027.
const NAMED = /^([a-z]+)\.?[\s-]+(\d{4})$/;
// FY2027, FY 2027, FY27: a fiscal year, due at its last month.
const FISCAL_YEAR = /^fy\s*(\d{4}|\d{2})$/;

/**
 * A number below this is not read as a date serial: a header of 3 or 2027 is a month number or a
 * year, not 3 January 1900 or 19 July 1905. Serial 10000 is 18 May 1927, far before any
 * planning series, so every real date cell reads.
 */
const LEAST_SERIAL = 10_000;

const monthRead = (year: number, monthNumber: number): MonthRead =>
  monthNumber >= 1 && monthNumber <= 12
    ? { kind: "month", month: { year, month: monthNumber } }
    : { kind: "bad", reason: `names month ${monthNumber}, and a year has 12` };

function monthOfDate(date: Date): MonthRead {
  if (Number.isNaN(date.getTime())) return { kind: "bad", reason: "holds an invalid date" };
  // The .xlsx reader gives a date cell as UTC midnight of its day, so the UTC fields are the cell's.
  return monthRead(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

function monthOfText(text: string): MonthRead | undefined {
  const lower = text.toLowerCase().replace(/\s+/g, " ");
  const yearFirst = YEAR_FIRST.exec(lower);
  if (yearFirst) return monthRead(Number(yearFirst[1]), Number(yearFirst[2]));
  const monthFirst = MONTH_FIRST.exec(lower);
  if (monthFirst) return monthRead(Number(monthFirst[2]), Number(monthFirst[1]));
  const named = NAMED.exec(lower);
  const monthNumber = named && MONTH_NAMES[named[1]];
  if (named && monthNumber) return monthRead(Number(named[2]), monthNumber);
  return undefined;
}

/**
 * A month from a series' header or Period cell: a date, a date serial, or period text. A blank
 * cell is blank; anything else is bad, with the reason in the words of values.ts ("holds …").
 */
export function readMonth(value: CellValue | undefined): MonthRead {
  if (isBlank(value)) return { kind: "blank" };
  const error = errorText(value);
  if (error) return { kind: "bad", reason: `holds the error ${error}` };
  if (value instanceof Date) return monthOfDate(value);
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= LEAST_SERIAL && value < LAST_DATE_SERIAL + 1) return monthOfDate(dateOfSerial(value));
    return { kind: "bad", reason: `holds the number ${value}, which is not a date or a month such as 2027-03` };
  }
  if (typeof value === "string") {
    const read = monthOfText(value.trim());
    if (read) return read;
  }
  return { kind: "bad", reason: `holds "${shorten(readText(value))}", which is not a month such as 2027-03, Mar 2027 or 03/2027` };
}

/** A KPI's due period (its Period column): a month as readMonth reads one, or a fiscal year, due in its December. */
export function readDueMonth(value: CellValue | undefined): MonthRead {
  if (typeof value === "string") {
    const fiscal = FISCAL_YEAR.exec(value.trim().toLowerCase());
    if (fiscal) return monthRead(fiscal[1].length === 2 ? 2000 + Number(fiscal[1]) : Number(fiscal[1]), 12);
  }
  const read = readMonth(value);
  return read.kind === "bad" && typeof value === "string"
    ? { kind: "bad", reason: `holds "${shorten(value.trim())}", which is not a period such as Dec 2027, 2027-12 or FY2027` }
    : read;
}
