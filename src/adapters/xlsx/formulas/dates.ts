/**
 * Date serials in both of Excel's date systems. The 1900 system counts from 1899-12-30 and, as
 * Excel does, keeps the fictitious 1900-02-29 as serial 60; the 1904 system counts from 1904-01-01.
 */
const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A cell's Date (a UTC date-time, as the reader makes them) as a serial. */
export function dateToSerial(date: Date, date1904: boolean): number {
  if (date1904) return (date.getTime() - EPOCH_1904) / DAY_MS;
  const days = (date.getTime() - EPOCH_1900) / DAY_MS;
  // Before 1900-03-01 Excel's serials are one less than the true day count (no 1900-02-29 in reality).
  return days < 61 ? days - 1 : days;
}

/** Whole days since the epoch of a calendar date; month and day may overflow as DATE allows. */
export function ymdToSerial(year: number, month: number, day: number, date1904: boolean): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return dateToSerial(date, date1904);
}

/** The calendar date of a serial (its whole days). */
export function serialToYmd(serial: number, date1904: boolean): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  if (!date1904) {
    if (whole === 60) return { year: 1900, month: 2, day: 29 };
    if (whole === 0) return { year: 1900, month: 1, day: 0 };
  }
  const base = date1904 ? EPOCH_1904 : whole < 60 ? EPOCH_1900 + DAY_MS : EPOCH_1900;
  const date = new Date(base + whole * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The largest serial Excel accepts: 9999-12-31. */
export function maxSerial(date1904: boolean): number {
  return ymdToSerial(9999, 12, 31, date1904);
}
