/**
 * A result that a worksheet shows as an error value (#VALUE!, #DIV/0!, #NUM!, #N/A) rather than a
 * figure, with a message for the planner. Thrown by the CVM formulas (src/domain/analysis/
 * cvmMath.ts) and the worksheet functions (src/functions), each kind by a class named for what
 * went wrong; the functions turn any of them into the Excel error.
 */
export type ExcelErrorKind = "value" | "div0" | "num" | "na";

export abstract class ErrorValue extends Error {
  constructor(
    readonly kind: ExcelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
