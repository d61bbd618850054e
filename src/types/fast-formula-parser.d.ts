/**
 * The part of fast-formula-parser 1.0.19 (MIT, no types of its own) that src/adapters/xlsx/formulas uses:
 * the parser with its reference callbacks, the error class, and the few instance members the
 * evaluator replaces (operators, the list of functions that receive unretrieved references).
 */
declare module "fast-formula-parser" {
  namespace FormulaParser {
    /** One-based row and column, as the parser counts them. */
    interface CellPosition {
      row: number;
      col: number;
    }

    /** A cell reference; `sheet` is unset until the parser fills in the formula's own sheet. */
    interface CellRef {
      sheet?: string;
      row: number;
      col: number;
      address?: string;
    }

    interface RangeRef {
      sheet?: string;
      from: CellPosition;
      to: CellPosition;
    }

    /** What the grammar hands around for a reference before its values are read. */
    interface Reference {
      ref: CellRef | RangeRef;
    }

    interface Position {
      sheet: string;
      row: number;
      col: number;
    }

    /** A value as the parser passes it: a scalar, an error, an array constant or a reference. */
    type Raw = number | string | boolean | null | FormulaError | Raw[][] | Reference;

    interface Config {
      functions?: Record<string, (...args: never[]) => unknown>;
      functionsNeedContext?: Record<string, (...args: never[]) => unknown>;
      onCell?: (ref: CellRef & { sheet: string }) => unknown;
      onRange?: (ref: RangeRef & { sheet: string }) => unknown;
      onVariable?: (name: string, sheet: string, position: Position) => CellRef | RangeRef | null;
    }

    interface Utils {
      applyPrefix(prefixes: string[], value: Raw): Raw;
      applyPostfix(value: Raw, postfix: string): Raw;
      applyInfix(value1: Raw, infix: string, value2: Raw): Raw;
      applyIntersect(refs: Raw[]): Raw;
      applyUnion(refs: Raw[]): Raw;
      applyRange(refs: (Raw | number)[]): Raw;
    }

    class FormulaError extends Error {
      constructor(error: string, message?: string, details?: unknown);
      /** The error's text, e.g. "#DIV/0!". */
      readonly error: string;
      readonly details?: unknown;
      static readonly DIV0: FormulaError;
      static readonly NA: FormulaError;
      static readonly NAME: FormulaError;
      static readonly NULL: FormulaError;
      static readonly NUM: FormulaError;
      static readonly REF: FormulaError;
      static readonly VALUE: FormulaError;
    }
  }

  class FormulaParser {
    constructor(config?: FormulaParser.Config);
    position?: FormulaParser.Position;
    readonly utils: FormulaParser.Utils;
    readonly functions: Record<string, unknown>;
    /** Functions called with the parser first and their arguments as written (references unread). */
    readonly funsNeedContextAndNoDataRetrieve: string[];
    /** The result, an error value, or throws a FormulaError "#ERROR!" (syntax, or a thrown exception as `details`). */
    parse(text: string, position: FormulaParser.Position, allowReturnArray?: boolean): unknown;
    static readonly FormulaError: typeof FormulaParser.FormulaError;
  }

  export = FormulaParser;
}
