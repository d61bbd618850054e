/**
 * Date functions on serials of the workbook's own date system (1900 or 1904). Dates before
 * 1900-03-01 in the 1900 system are not computed: there Excel keeps its fictitious 1900-02-29.
 */
import { integerOf, numberOf, type Call, type FunctionSpec } from "./calls";
import { maxSerial, serialToYmd, ymdToSerial } from "./dates";
import { FormulaError, Unsupported, type Raw } from "./values";

/** A serial argument, checked against the range Excel accepts. */
function serialOf(call: Call, arg: Raw | undefined): number {
  const serial = numberOf(call, arg);
  if (serial < 0 || serial > maxSerial(call.env.date1904) + 1) throw FormulaError.NUM;
  if (!call.env.date1904 && serial < 61) throw new Unsupported(`${call.name} gets a date before 1900-03-01`);
  return serial;
}

function checked(call: Call, serial: number): number {
  if (serial < 0 || serial > maxSerial(call.env.date1904)) throw FormulaError.NUM;
  if (!call.env.date1904 && serial < 61) throw new Unsupported(`${call.name} gives a date before 1900-03-01`);
  return serial;
}

function part(pick: "year" | "month" | "day"): FunctionSpec {
  return { min: 1, max: 1, fn: (call, args) => serialToYmd(serialOf(call, args[0]), call.env.date1904)[pick] };
}

/** The same day (or the month's end) some months later, as EDATE and EOMONTH count. */
function monthsLater(endOfMonth: boolean): FunctionSpec {
  return {
    min: 2,
    max: 2,
    fn(call, args) {
      const { year, month, day } = serialToYmd(serialOf(call, args[0]), call.env.date1904);
      const months = integerOf(call, args[1]);
      const target = year * 12 + (month - 1) + months;
      const y = Math.floor(target / 12);
      const m = (target % 12) + 1;
      const monthEnd = daysInMonth(y, m);
      return checked(call, ymdToSerial(y, m, endOfMonth ? monthEnd : Math.min(day, monthEnd), call.env.date1904));
    },
  };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const DATE: FunctionSpec = {
  min: 3,
  max: 3,
  fn(call, args) {
    let year = integerOf(call, args[0]);
    const month = integerOf(call, args[1]);
    const day = integerOf(call, args[2]);
    if (year < 0 || year >= 10000) throw FormulaError.NUM;
    if (year < 1900) {
      if (call.env.date1904) throw new Unsupported("DATE gets a year before 1900 in the 1904 date system");
      year += 1900;
    }
    return checked(call, ymdToSerial(year, month, day, call.env.date1904));
  },
};

export const DATE_FUNCTIONS: Record<string, FunctionSpec> = {
  DATE,
  YEAR: part("year"),
  MONTH: part("month"),
  DAY: part("day"),
  EDATE: monthsLater(false),
  EOMONTH: monthsLater(true),
  TODAY: { min: 0, max: 0, fn: (call) => call.env.today() },
  DAYS: {
    min: 2,
    max: 2,
    fn: (call, args) => Math.floor(serialOf(call, args[0])) - Math.floor(serialOf(call, args[1])),
  },
};
