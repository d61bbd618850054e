/**
 * A worksheet part streamed into the engine's SheetData: every stored value as Excel would hand
 * it over (shared and inline strings, numbers, dates by their number format, flags, errors), and
 * the formulas whose result the file does not store, so that they can be computed rather than
 * read as blank.
 */
import {
  DAYS_1900_TO_1904,
  LAST_DATE_SERIAL,
  parseCellAddress,
  type CellValue,
  type SheetData,
  type SheetTable,
} from "../../domain/common/cells";
import { describeError, SAVE_AS_XLSX, UnreadableWorkbookError } from "../../domain/common/stopErrors";
import type { SharedStringLookup } from "./sharedStrings";
import { unescapeExcelText } from "./xml";
import { decodeEntities, holdsAt, isSpace, normalizeLineEnds, Token, XmlTokens } from "./xmlTokens";
import { EXCEL_COLUMNS, EXCEL_ROWS } from "../../domain/sheets/sheetGrid";

export interface ReadContext {
  readonly sharedStrings: SharedStringLookup;
  /** Style indices whose number format shows a date. */
  readonly dateStyles: ReadonlySet<number>;
  readonly date1904: boolean;
}

/** A formula cell without a stored result. */
export interface PendingFormula {
  /** Zero-based sheet row and column. */
  readonly row: number;
  readonly col: number;
  /** The formula as written in the cell, or, for a cell of a shared formula, its group's index. */
  readonly text?: string;
  readonly sharedIndex?: number;
  /** The cell's number format shows a date: a computed number is a date serial. */
  readonly dateStyled: boolean;
}

/** The cell that holds the text of a shared formula group. */
export interface SharedFormulaMaster {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export interface ReadWorksheet {
  readonly sheet: SheetData;
  readonly pending: readonly PendingFormula[];
  readonly sharedMasters: ReadonlyMap<number, SharedFormulaMaster>;
  /** Read with HeadOptions: the rows asked for are all there (a row below them started, or the sheet's data ended). */
  readonly complete?: boolean;
}

/** A sheet's first rows only (sheetHeads.ts), from the whole part or from its beginning. */
export interface HeadOptions {
  /** Rows to read, counted from the first row that holds a value or a formula. */
  readonly rows: number;
  /** The text is the part's beginning, cut just before a row's start tag (XmlTokens.partial). */
  readonly partial: boolean;
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as the UTC date-time it shows. In the 1900 system serials below 61 count from
 * 1899-12-31 because of Excel's fictitious 1900-02-29, which no planning date comes near.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  const base = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900 + 86_400_000 : EPOCH_1900;
  return new Date(base + Math.round(serial * 86_400_000));
}

/**
 * A number whose cell's format shows a date: the date, or the number itself when it lies outside
 * the dates Excel can show (before its epoch or after 9999-12-31), which Excel shows as ####
 * while the cell still holds the number (ExcelDataReader's Test_git_issue_14_InvalidOADate.xlsx
 * holds 1.0E12 with a date format). A Date made of it would be invalid.
 */
export function dateStyledValue(serial: number, date1904: boolean): Date | number {
  const last = date1904 ? LAST_DATE_SERIAL - DAYS_1900_TO_1904 : LAST_DATE_SERIAL;
  return serial >= 0 && serial < last + 1 ? serialToDate(serial, date1904) : serial;
}

/**
 * A cell or row number Excel's grid cannot hold, or a reference that is none: the sheet cannot
 * be read as Excel would (Excel repairs such a file, dropping what does not fit), so it is
 * refused before anything is allocated for it. The adapter names the sheet and the file.
 */
export class SheetGridError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetGridError";
  }
}

/** The stop error for a worksheet part that cannot be read, naming the sheet and the file. */
export function unreadableSheet(sheet: string, where: string, error: unknown): UnreadableWorkbookError {
  return new UnreadableWorkbookError(
    `The sheet "${sheet}" of ${where} cannot be read; the file may be damaged (${describeError(error)}). ${SAVE_AS_XLSX}`,
  );
}

/**
 * Excel's last row and column (XFD), 1-based: src/domain/sheets/sheetGrid.ts, which loads nothing else
 * (formulas/values.ts would load the formula parser, 40 ms at every start of the command line).
 */
const LAST_ROW = EXCEL_ROWS;
const LAST_COLUMN = EXCEL_COLUMNS;
const rowNumberText = (row: number) => row.toLocaleString("en-US");

/** A cell's place as cellReference gives it: row × COLUMN_SPAN + column. */
const COLUMN_SPAN = LAST_COLUMN + 2;
/** The place of a cell without r, for placeCell: cellReference's -1 is a reference that is none. */
const NO_REFERENCE = -2;

/**
 * An A1 cell reference ("AB12": letters of either case, then a row number without sign, point
 * or exponent) as row × COLUMN_SPAN + column, both 1-based, a column past XFD read as
 * LAST_COLUMN + 1 and a row past the last as LAST_ROW + 1; -1 when it is not a reference. One
 * number, not an object: a plan's sheets have millions of cells.
 */
function cellReference(ref: string, start = 0, end = ref.length): number {
  const length = end;
  let col = 0;
  let i = start;
  for (; i < length; i++) {
    const letter = (ref.charCodeAt(i) | 32) - 96; // a-z and A-Z as 1-26
    if (letter < 1 || letter > 26) break;
    if (col <= LAST_COLUMN) col = col * 26 + letter;
  }
  if (i === start || i === length) return -1;
  let row = 0;
  for (; i < length; i++) {
    const digit = ref.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    if (row <= LAST_ROW) row = row * 10 + digit;
  }
  if (row === 0) return -1;
  return Math.min(row, LAST_ROW + 1) * COLUMN_SPAN + Math.min(col, LAST_COLUMN + 1);
}

/** The row number of a `<row r>`: digits only (xsd:unsignedInt, without sign), from 1 to Excel's last row. */
function rowNumber(text: string): number {
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) row = -1;
    else if (row >= 0 && row <= LAST_ROW) row = row * 10 + digit;
  }
  if (row < 0 || text.length === 0) throw new SheetGridError(`a row is numbered r="${text}", which is not a row number`);
  if (row < 1) throw new SheetGridError(`a row is numbered r="${text}"; rows count from 1`);
  if (row > LAST_ROW)
    throw new SheetGridError(
      `row ${text.length > 15 ? text : rowNumberText(Number(text))} is past Excel's last row, ${rowNumberText(LAST_ROW)}`,
    );
  return row;
}

/**
 * The whole number written from `start` to `end` (digits only, after a "-" when `signed`, at most
 * 15 of them, so that it is exact), or undefined for any other text, which Number() then reads as
 * it always did. Most cells of a plan hold such a number or a shared string's index.
 */
function wholeNumber(text: string, start: number, end: number, signed: boolean): number | undefined {
  const negative = signed && text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i === end || end - i > 15) return undefined;
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * An ISO 8601 time of day without a date ("10:10:10", as openpyxl writes a time in a t="d" cell),
 * as the fraction of a day it is: read as the serial a time typed into Excel has, so that it is
 * the same value as the time written as a number with a time format. Undefined for other text.
 */
function timeOfDay(text: string): number | undefined {
  const match = /^(\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?$/.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
  return seconds < 86_400 ? seconds / 86_400 : undefined;
}

/** A cell's t attribute as one of the strings of its few values, or cut from the text when it is another. */
const CELL_TYPES = ["n", "s", "str", "inlineStr", "b", "e", "d"];
function cellType(xml: string, start: number, end: number): string {
  for (const type of CELL_TYPES) if (type.length === end - start && holdsAt(xml, type, start)) return type;
  return xml.slice(start, end);
}

/** The r of the cell just opened, as written: for a message only, since cells are read without it. */
function cellRef(tokens: XmlTokens): string {
  return tokens.attr("r") ?? "";
}

function errorCell(text: string): CellValue {
  return { error: text.trim() };
}

export function readWorksheet(
  name: string,
  part: string,
  context: ReadContext,
  tables: readonly SheetTable[] = [],
  head?: HeadOptions,
): ReadWorksheet {
  const xml = normalizeLineEnds(part);
  const rows: CellValue[][] = [];
  const rowIndexes: number[] = [];
  const pending: PendingFormula[] = [];
  const sharedMasters = new Map<number, SharedFormulaMaster>();
  let firstCol = Number.POSITIVE_INFINITY;

  let rowIndex = -1;
  // A <row> without r is the row after the previous one, unless its first cell's reference says which.
  let rowImplied = false;
  let rowCells: CellValue[] = [];
  let rowHasValue = false;
  let col = -1;
  let type = "n";
  let style = 0;
  // Text arrives in one piece per node almost always; concatenation is cheaper than arrays here.
  let valueText = "";
  // A number or a shared string's index is read from the part's text where it is (rawStart to
  // rawEnd), without a string made for it; rawPieces counts the text nodes of the value.
  let rawValue = false;
  let rawStart = -1;
  let rawEnd = -1;
  let rawPieces = 0;
  let inValue = false;
  let inInlineText = false;
  let phonetic = 0;
  let hasValue = false;
  let formulaText: string | undefined;
  let formulaShared: { si: number; master: boolean } | undefined;
  let inFormula = false;
  // The cell's end tag was read, or the cell was taken whole: its value goes into the row.
  let cellClosed = false;
  // A row's start tag was just read: its first cells may be taken whole (takeCell).
  let rowOpened = false;
  // For a head: the first row that holds a value or a formula, and the formulas pending when the current row started.
  const headRows = head?.rows;
  let firstUsedRow = -1;
  let pendingAtRow = 0;
  let complete = false;

  const finishRow = () => {
    if (rowIndex >= 0 && rowHasValue) {
      rows.push(rowCells);
      rowIndexes.push(rowIndex);
    }
    if (headRows !== undefined && rowIndex >= 0 && (rowHasValue || pending.length > pendingAtRow)) {
      if (firstUsedRow < 0 || rowIndex < firstUsedRow) firstUsedRow = rowIndex;
      pendingAtRow = pending.length;
    }
    rowCells = [];
    rowHasValue = false;
  };

  const rawToText = () => {
    if (rawStart >= 0) valueText += xml.slice(rawStart, rawEnd);
    rawStart = -1;
  };

  const cellValue = (): CellValue => {
    if (rawStart >= 0) {
      const whole = wholeNumber(xml, rawStart, rawEnd, type !== "s");
      if (whole !== undefined)
        return type === "s"
          ? (context.sharedStrings.at(whole) ?? null)
          : context.dateStyles.has(style)
            ? dateStyledValue(whole, context.date1904)
            : whole;
      rawToText();
    }
    const text = valueText;
    switch (type) {
      case "s": {
        // An index that is no item (a fraction, negative, past the end) reads as blank, as it always did.
        const index = Number(text);
        const s = Number.isInteger(index) && index >= 0 ? context.sharedStrings.at(index) : undefined;
        return s === undefined ? null : s;
      }
      case "inlineStr":
        return unescapeExcelText(text);
      case "str":
        return unescapeExcelText(text);
      case "b":
        return text.trim() === "1" || text.trim().toLowerCase() === "true";
      case "e":
        return errorCell(text);
      case "d": {
        const time = timeOfDay(text.trim());
        if (time !== undefined) return serialToDate(time, context.date1904);
        const date = new Date(text.trim().endsWith("Z") || /[+-]\d\d:\d\d$/.test(text.trim()) ? text.trim() : `${text.trim()}Z`);
        return Number.isNaN(date.getTime()) ? text : date;
      }
      default: {
        if (text.trim() === "") return null;
        const number = Number(text);
        if (!Number.isFinite(number)) return text;
        return context.dateStyles.has(style) ? dateStyledValue(number, context.date1904) : number;
      }
    }
  };

  /** The state of a cell just opened, before anything inside it is read. */
  const newCell = () => {
    valueText = "";
    rawStart = -1;
    rawPieces = 0;
    hasValue = false;
    formulaText = undefined;
    formulaShared = undefined;
  };

  /**
   * The cell's one value, the text from textStart to textEnd (plain: holding no entity), read and
   * the cell closed: a number or a shared string's index is kept as bounds in the part's text.
   */
  const wholeValue = (textStart: number, textEnd: number, plain: boolean) => {
    hasValue = true;
    if (textEnd > textStart) {
      if ((type === "n" || type === "s") && plain) {
        rawStart = textStart;
        rawEnd = textEnd;
      } else {
        const piece = xml.slice(textStart, textEnd);
        valueText = plain ? piece : decodeEntities(piece, textStart);
      }
    }
    cellClosed = true;
  };

  /** A cell's r as written, for a message: from refStart to refEnd, or asked of the tokenizer (refStart -1). */
  const refText = (refStart: number, refEnd: number) => (refStart >= 0 ? xml.slice(refStart, refEnd) : cellRef(tokens));

  /**
   * Places the cell just opened by its reference (`at`, as cellReference gives it, or
   * NO_REFERENCE for a cell without r), written from refStart to refEnd (refStart -1: ask the
   * tokenizer, whose tag it is, for the r decoded).
   */
  const placeCell = (at: number, refStart: number, refEnd: number) => {
    // The row and the cell must agree: Excel's own files always do, and where they do not,
    // readers disagree (LibreOffice follows the cell, this reader followed the row), so
    // the value's place is unknown. A cell without r follows the one before it.
    if (at !== NO_REFERENCE) {
      if (at < 0) throw new SheetGridError(`a cell is at r="${refText(refStart, refEnd)}", which is not a cell reference`);
      const refColumn = at % COLUMN_SPAN;
      const refRow = (at - refColumn) / COLUMN_SPAN;
      if (refColumn > LAST_COLUMN) throw new SheetGridError(`the cell ${refText(refStart, refEnd)} is past Excel's last column, XFD`);
      if (refRow > LAST_ROW)
        throw new SheetGridError(`the cell ${refText(refStart, refEnd)} is past Excel's last row, ${rowNumberText(LAST_ROW)}`);
      if (rowImplied) rowIndex = refRow - 1;
      else if (rowIndex >= 0 && refRow - 1 !== rowIndex)
        throw new SheetGridError(
          `the cell ${refText(refStart, refEnd)} is inside row ${rowNumberText(rowIndex + 1)}, so which of the two rows it belongs to is not known`,
        );
      col = refColumn - 1;
    } else {
      col++;
      if (col >= LAST_COLUMN) throw new SheetGridError(`row ${rowNumberText(rowIndex + 1)} has a cell past Excel's last column, XFD`);
      if (rowIndex >= LAST_ROW) throw new SheetGridError(`a row after row ${rowNumberText(LAST_ROW)} has a cell, past Excel's last row`);
    }
    rowImplied = false;
  };

  /**
   * The usual cell written the plainest way, `<c r="B7" s="3" t="s"><v>12</v></c>` (attributes
   * r, s and t only, each once, written name="value" without entities; a value without entities;
   * no formula), taken at `at` in one pass over its text: the cell's state set as its tokens
   * would have set it, cellClosed, and where the cell ends returned. Anything else returns -1
   * before any state is touched, and the cell is read token by token. A plan's sheets are
   * millions of such cells, and the tokenizer's tag, its attributes asked for one by one, and
   * then the value's element were most of the read (issue 22).
   */
  const takeCell = (at: number): number => {
    const length = xml.length;
    if (xml.charCodeAt(at + 1) !== 99 /* c */ || !isSpace(xml.charCodeAt(at + 2))) return -1;
    let refStart = -1;
    let refEnd = -1;
    let typeStart = -1;
    let typeEnd = -1;
    let styleStart = -1;
    let styleEnd = -1;
    let i = at + 3;
    for (;;) {
      let code = xml.charCodeAt(i);
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code === 62 /* > */) break;
      if (xml.charCodeAt(i + 1) !== 61 /* = */ || xml.charCodeAt(i + 2) !== 34 /* " */) return -1;
      const valueStart = i + 3;
      let valueEnd = valueStart;
      for (let c = xml.charCodeAt(valueEnd); c !== 34; c = xml.charCodeAt(++valueEnd))
        if (valueEnd >= length || c === 38 || c === 60) return -1;
      if (code === 114 /* r */ && refStart < 0) {
        refStart = valueStart;
        refEnd = valueEnd;
      } else if (code === 116 /* t */ && typeStart < 0) {
        typeStart = valueStart;
        typeEnd = valueEnd;
      } else if (code === 115 /* s */ && styleStart < 0) {
        styleStart = valueStart;
        styleEnd = valueEnd;
      } else return -1;
      i = valueEnd + 1;
      code = xml.charCodeAt(i);
      if (code !== 62 && !isSpace(code)) return -1;
    }
    const textStart = i + 4;
    if (xml.charCodeAt(i + 1) !== 60 || xml.charCodeAt(i + 2) !== 118 /* v */ || xml.charCodeAt(i + 3) !== 62) return -1;
    let lt = textStart;
    for (let c = xml.charCodeAt(lt); c !== 60; c = xml.charCodeAt(++lt)) if (lt >= length || c === 38) return -1;
    if (!holdsAt(xml, "</v></c>", lt)) return -1;
    placeCell(refStart < 0 ? NO_REFERENCE : cellReference(xml, refStart, refEnd), refStart, refEnd);
    type = typeStart < 0 ? "n" : cellType(xml, typeStart, typeEnd);
    style =
      styleStart < 0
        ? 0
        : (wholeNumber(xml, styleStart, styleEnd, false) ?? (styleEnd > styleStart ? Number(xml.slice(styleStart, styleEnd)) : 0));
    newCell();
    wholeValue(textStart, lt, true);
    return lt + 8;
  };

  const tokens = new XmlTokens(xml);
  tokens.partial = head?.partial ?? false;
  reading: for (let token = tokens.next(); token !== Token.End; token = tokens.next()) {
    if (token === Token.Text) {
      if (rawValue) {
        if (rawPieces === 0 && tokens.textPlain) {
          rawStart = tokens.textStart;
          rawEnd = tokens.textEnd;
        } else {
          rawToText();
          const piece = xml.slice(tokens.textStart, tokens.textEnd);
          valueText += tokens.textPlain ? piece : decodeEntities(piece, tokens.textStart);
        }
        rawPieces++;
      } else if (inValue || inInlineText) valueText += tokens.text;
      else if (inFormula && formulaText !== undefined) formulaText += tokens.text;
    } else if (token === Token.Open) {
      if (rawValue) {
        // An element inside <v>: the value is read as text from here on, as any other.
        rawValue = false;
        tokens.decodeText = true;
      }
      switch (tokens.name) {
        case "row": {
          finishRow();
          const r = tokens.attr("r");
          rowImplied = r === undefined;
          rowIndex = r === undefined ? rowIndex + 1 : rowNumber(r) - 1;
          col = -1;
          if (headRows !== undefined && firstUsedRow >= 0 && rowIndex >= firstUsedRow + headRows) {
            complete = true;
            break reading;
          }
          rowOpened = true;
          break;
        }
        case "c": {
          placeCell(
            tokens.hasAttr("r")
              ? tokens.valuePlain
                ? cellReference(xml, tokens.valueStart, tokens.valueEnd)
                : cellReference(tokens.attr("r") ?? "")
              : NO_REFERENCE,
            tokens.valuePlain ? tokens.valueStart : -1,
            tokens.valueEnd,
          );
          type = !tokens.hasAttr("t")
            ? "n"
            : tokens.valuePlain
              ? cellType(xml, tokens.valueStart, tokens.valueEnd)
              : (tokens.attr("t") ?? "n");
          const styleNumber =
            tokens.hasAttr("s") && tokens.valuePlain ? wholeNumber(xml, tokens.valueStart, tokens.valueEnd, false) : undefined;
          if (styleNumber !== undefined) style = styleNumber;
          else {
            const s = tokens.attr("s");
            style = s ? Number(s) : 0;
          }
          newCell();
          // The usual cell, <c …><v>text</v></c>, taken whole: what its tokens would have done, at once.
          if (tokens.simpleChild("c", "v")) wholeValue(tokens.textStart, tokens.textEnd, tokens.textPlain);
          break;
        }
        case "v":
          inValue = true;
          hasValue = true;
          rawValue = type === "n" || type === "s";
          tokens.decodeText = !rawValue;
          break;
        case "is":
          hasValue = true;
          // The inline string is the value: a <v> written before it (calamine's inlineStr_with_value.xlsx) is not.
          valueText = "";
          break;
        case "t":
          inInlineText = phonetic === 0;
          break;
        case "rPh":
          phonetic++;
          break;
        case "f": {
          inFormula = true;
          formulaText = "";
          const si = tokens.attr("si");
          if (tokens.attr("t") === "shared" && si !== undefined)
            formulaShared = { si: Number(si), master: tokens.attr("ref") !== undefined };
          break;
        }
      }
    } else {
      switch (tokens.name) {
        case "v":
          inValue = false;
          rawValue = false;
          tokens.decodeText = true;
          break;
        case "t":
          inInlineText = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "f":
          inFormula = false;
          break;
        case "c":
          cellClosed = true;
          break;
        case "sheetData":
          finishRow();
          rowIndex = -1;
          complete = true;
          break;
      }
    }
    // The cell just closed goes into the row; then, as long as the row's next cells are the usual
    // kind, each is taken whole and goes in the same way, without a token. The closing is written
    // once here, not as a function: a closure would move the cell's state out of the loop's locals.
    for (;;) {
      if (cellClosed) {
        cellClosed = false;
        const formula = formulaText;
        if (formulaShared?.master && formula) sharedMasters.set(formulaShared.si, { row: rowIndex, col, text: formula });
        const value = hasValue ? cellValue() : null;
        // A formula whose result is not stored (or stored empty) must be computed, never read as blank.
        if (formulaText !== undefined && (!hasValue || (value === null && type !== "inlineStr"))) {
          const dateStyled = context.dateStyles.has(style);
          pending.push(
            formulaShared && !formula
              ? { row: rowIndex, col, sharedIndex: formulaShared.si, dateStyled }
              : { row: rowIndex, col, text: formula ?? "", dateStyled },
          );
        } else if (value !== null && !(typeof value === "string" && value === "" && type === "inlineStr")) {
          rowCells[col] = value;
          rowHasValue = true;
          if (col < firstCol) firstCol = col;
        }
      } else if (!rowOpened) break;
      rowOpened = false;
      let at = tokens.position;
      if (at < 0) break;
      // White space between cells is text the reader ignores, as it would as a token.
      while (isSpace(xml.charCodeAt(at))) at++;
      if (xml.charCodeAt(at) !== 60) break;
      const end = takeCell(at);
      if (end < 0) break;
      tokens.skipTo(end);
    }
  }
  finishRow();
  const sheet = toSheetData(name, rows, rowIndexes, firstCol, tables);
  return head ? { sheet, pending, sharedMasters, complete: complete || !head.partial } : { sheet, pending, sharedMasters };
}

/** Rows from the first used row to the last, starting at the first used column, with null in every gap. */
function toSheetData(
  name: string,
  rows: CellValue[][],
  rowIndexes: readonly number[],
  firstCol: number,
  tables: readonly SheetTable[],
): SheetData {
  if (rows.length === 0) return { name, values: [], origin: { row: 0, col: 0 }, tables };
  // Rows may come out of order in hand-made files; the sheet is rebuilt by row number. A loop, not
  // Math.min(...rows): a spread of 200,000 arguments overflows the call stack.
  let top = rowIndexes[0];
  let bottom = rowIndexes[0];
  for (const index of rowIndexes) {
    if (index < top) top = index;
    if (index > bottom) bottom = index;
  }
  if (firstCol === 0 && inOrder(rowIndexes))
    return { name, values: rowsInPlace(rows, rowIndexes, top, bottom), origin: { row: top, col: 0 }, tables };
  const values: CellValue[][] = Array.from({ length: bottom - top + 1 }, () => []);
  // A row number written twice (one <row r="1"> per cell, as in ExcelDataReader's
  // Test_git_issue_324.xlsx) is one row holding the cells of both, as LibreOffice reads it.
  rows.forEach((cells, i) => {
    const line = values[rowIndexes[i] - top];
    for (let c = firstCol; c < cells.length; c++) {
      const value = cells[c];
      if (value !== undefined) line[c - firstCol] = value;
      else line[c - firstCol] ??= null;
    }
  });
  return { name, values, origin: { row: top, col: firstCol }, tables };
}

function inOrder(rowIndexes: readonly number[]): boolean {
  for (let i = 1; i < rowIndexes.length; i++) if (rowIndexes[i] <= rowIndexes[i - 1]) return false;
  return true;
}

/**
 * The usual sheet (rows in order, a value in column A): each row's array read becomes the sheet's
 * line, its gaps made null, rather than copied. A 100,000-row plan is some millions of cells, and
 * a copy of them all was a tenth of the read's garbage.
 */
function rowsInPlace(rows: CellValue[][], rowIndexes: readonly number[], top: number, bottom: number): CellValue[][] {
  const values: CellValue[][] = new Array<CellValue[]>(bottom - top + 1);
  let next = 0;
  rows.forEach((cells, i) => {
    const at = rowIndexes[i] - top;
    for (; next < at; next++) values[next] = [];
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    values[next++] = cells;
  });
  return values;
}

/** Writes computed (or uncomputable) formula results into a sheet read with pending formulas. */
export function withValues(sheet: SheetData, results: readonly { row: number; col: number; value: CellValue }[]): SheetData {
  if (results.length === 0) return sheet;
  let top = sheet.values.length ? sheet.origin.row : Number.POSITIVE_INFINITY;
  let left = sheet.values.length ? sheet.origin.col : Number.POSITIVE_INFINITY;
  let bottom = sheet.origin.row + sheet.values.length - 1;
  for (const r of results) {
    top = Math.min(top, r.row);
    left = Math.min(left, r.col);
    bottom = Math.max(bottom, r.row);
  }
  const values: CellValue[][] = Array.from({ length: bottom - top + 1 }, () => []);
  sheet.values.forEach((line, r) => line.forEach((value, c) => (values[sheet.origin.row + r - top][sheet.origin.col + c - left] = value)));
  for (const r of results) values[r.row - top][r.col - left] = r.value;
  for (const line of values) for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = null;
  return { ...sheet, values, origin: { row: top, col: left } };
}

/** "B3:H20" of a table part's ref, for SheetTable. */
export function tableRange(ref: string): string | undefined {
  const [a, b = a] = ref.split(":");
  return parseCellAddress(a) && parseCellAddress(b) ? ref : undefined;
}
