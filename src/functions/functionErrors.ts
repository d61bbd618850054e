/**
 * Every error the CVM.* worksheet functions answer, with its Excel error and its message, in one
 * place: a message is worded here, and a throw site names the case. Excel shows the message with
 * #VALUE! and #N/A only; the others are kept for the same wording everywhere. The CVM formulas'
 * own conditions (a churn past 100%, a zero base) are worded beside them (src/domain/analysis/
 * cvmMath.ts).
 */
import { ErrorValue, type ExcelErrorKind } from "../domain/common/errorValue";
import { NoResultError } from "../domain/analysis/cvmMath";
import { TREND_LEAST_VALUES } from "../domain/analysis/trend";
import { NUMBER_LIMIT } from "../domain/common/values";

/** An argument that cannot be used as given: not a number, blank, a range where one value belongs, a table that is no plan table. */
export class ArgumentError extends ErrorValue {}

/** What the tables given do not hold: an ID, or a path from it to a strategic bet (#N/A). */
export class NotFoundError extends ErrorValue {}

/** The Excel error a cell's error value becomes when passed on: #N/A stays #N/A, as in Excel. */
function passedOn(error: string): ExcelErrorKind {
  return error === "#N/A" ? "na" : error === "#DIV/0!" ? "div0" : error === "#NUM!" ? "num" : "value";
}

export const functionErrors = {
  /** `where`: the argument, and the value of a range ("revenue (value 2)"). */
  errorInCell: (where: string, error: string) => new ArgumentError(passedOn(error), `${where} holds the error ${error}.`),
  /** `reason` as values.ts readNumber words it. */
  notANumber: (where: string, reason: string) =>
    new ArgumentError("value", `${where} ${reason}; give a number such as 1250, 12% or €1,250.`),
  /** A number, but past any Excel holds ("1e999"): #NUM!, as Excel's own functions answer a number out of range. */
  pastLimit: (where: string, reason: string) => new ArgumentError("num", `${where} ${reason}.`),
  blank: (name: string) => new ArgumentError("na", `${name} is blank.`),
  noData: (name: string) => new ArgumentError("na", `${name} is blank: no data yet.`),
  notOneValue: (name: string, cells: number) => new ArgumentError("value", `${name} takes one value, not a range of ${cells} cells.`),
  notWhole: (name: string, typed: number) => new ArgumentError("num", `${name} must be a whole number, not ${typed}.`),
  notALine: (name: string, rows: number, cols: number) =>
    new ArgumentError("value", `${name} must be one row or one column of periods, not a range of ${rows}×${cols} cells.`),
  /** A rate per period that does not match the periods: `periods` names the argument that sets them. */
  notOnePerPeriod: (name: string, given: number, periods: string, count: number) =>
    new ArgumentError("value", `${name} has ${given} values but ${periods} has ${count} periods; give one ${name}, or one per period.`),
  sumPastLimit: (name: string) => new ArgumentError("num", `${name} adds up beyond ${NUMBER_LIMIT}.`),
  nothingToAverage: (name: string) => new ArgumentError("div0", `${name} has no numbers to average.`),
  belowMinimum: (name: string, minimum: number) =>
    new ArgumentError("num", minimum === 0 ? `${name} must not be negative.` : `${name} must be ${minimum} or more.`),
  notShare: (name: string, typed: number) =>
    new ArgumentError("num", `${name} must be a share from 0% up to 100%, such as 0.1 or 10%, not ${typed}.`),
  unknownDirection: (text: string) => new ArgumentError("value", `direction "${text}" is neither "higher" nor "lower".`),
  shapesDiffer: (first: string, firstShape: string, second: string, secondShape: string) =>
    new ArgumentError(
      "value",
      `${first} is ${firstShape} but ${second} is ${secondShape}; give ranges of the same size, or single values.`,
    ),
  noTables: () => new ArgumentError("value", "Pass at least one plan table with its header row, e.g. tblKPIs[#All]."),
  notARange: (table: string) => new ArgumentError("value", `${table} must be a range with its header row.`),
  /** `kinds`: "Bets, Personas, … or Collaboration", every kind of table the contract knows. */
  notAPlanTable: (table: string, kinds: string) =>
    new ArgumentError(
      "value",
      `${table} is not a plan table: its first row must be the header of a ${kinds} table (pass it with its header, e.g. Initiatives[#All]).`,
    ),
  sameTableTwice: (first: string, second: string, kind: string) =>
    new ArgumentError("value", `${first} and ${second} both look like ${kind} tables; pass each table once.`),
  noBetsTable: () => new ArgumentError("value", "No Bets table among the tables given; pass Bets[#All]."),
  noKpisTable: () =>
    new ArgumentError("value", "No KPIs table among the tables given; pass the KPIs table with its header row, e.g. tblKPIs[#All]."),
  noImpactsTable: () =>
    new ArgumentError(
      "value",
      "No Impacts table among the tables given; pass the Impacts table with its header row, e.g. tblImpacts[#All].",
    ),
  unknownId: (id: string) => new NotFoundError("na", `${id} is not an ID in the tables given.`),
  noPathToBet: (id: string) => new NotFoundError("na", `${id} traces to no strategic bet.`),
  unknownBet: (id: string) => new NotFoundError("na", `${id} is not a Bet ID in the Bets table.`),
  unknownKpi: (id: string) => new NotFoundError("na", `${id} is not a KPI ID in the KPIs table.`),
  /** Attainment divides by the target, or by the actual when lower is better. */
  attainmentByZero: (divisor: "a target" | "an actual") => new NoResultError("div0", `Attainment divides by ${divisor} of 0.`),
  progressWithoutDistance: () => new NoResultError("div0", "baseline equals target, so progress cannot be measured."),
  statusMeasurePastLimit: (measure: "attainment" | "progress") =>
    new NoResultError("num", `The ${measure} this status is judged on comes out beyond ${NUMBER_LIMIT}.`),
  tooFewForTrend: (name: string, count: number) =>
    new NoResultError("na", `${name} holds ${count === 1 ? "1 number" : `${count} numbers`}; a trend needs ${TREND_LEAST_VALUES} or more.`),
  neverPaysBack: () =>
    new NoResultError(
      "na",
      "The margin never reaches the acquisition cost: even the lifetime value (CVM.CLV without a horizon) is no more than it.",
    ),
  resultPastLimit: () => new NoResultError("num", "The result is too large for Excel (over 1.8E+308)."),
};
