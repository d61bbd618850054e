/**
 * A worksheet's first rows (port.ts, readSheetHeads) from the beginning of its part only: the part
 * inflates a piece at a time (ZipPackage.readPrefix), the text so far is cut just before its last
 * row's start tag and read up to the rows asked for, and the inflate stops as soon as they are all
 * there. A ledger of 100,000 lines costs the first megabyte of its part, not the part.
 *
 * Heads compute no formula: one whose result the file does not store is an UncomputedFormula,
 * whose reason says so, and readSheets computes it when the sheet is read whole.
 */
import type { SheetData, SheetTable } from "../../domain/common/cells";
import { sheetHead } from "../sheetHead";
import { PartTextDecoder } from "./partText";
import { readWorksheet, withValues, type ReadContext, type ReadWorksheet } from "./worksheetReader";
import type { ZipPackage } from "./zipPackage";

/** Why a formula of a head has no value. */
export const HEAD_FORMULA_REASON =
  "its result is not stored in the file, and the first rows of a sheet are read without computing formulas";

const isNameCode = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;

/**
 * Where the last `<row` start tag (with or without a prefix) begins in `text`, or -1: what comes
 * before it is whole elements, the sheet's own and its complete rows. "<" never stands for itself
 * in XML text or attribute values, so a match is markup.
 */
export function lastRowStart(text: string): number {
  for (let at = text.lastIndexOf("row"); at > 0; at = text.lastIndexOf("row", at - 1)) {
    const after = text.charCodeAt(at + 3);
    if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 62 || after === 47)) continue;
    let start = at - 1;
    if (text.charCodeAt(start) === 58 /* : */) {
      while (start > 0 && isNameCode(text.charCodeAt(start - 1))) start--;
      start--;
    }
    if (start >= 0 && text.charCodeAt(start) === 60 /* < */) return start;
  }
  return -1;
}

/** The formulas without a stored result, as values that say why they are not computed. */
function withoutFormulas(read: ReadWorksheet): SheetData {
  if (read.pending.length === 0) return read.sheet;
  return withValues(
    read.sheet,
    read.pending.map((formula) => ({
      row: formula.row,
      col: formula.col,
      value: {
        formula: formula.text ?? (formula.sharedIndex === undefined ? "" : (read.sharedMasters.get(formula.sharedIndex)?.text ?? "")),
        reason: HEAD_FORMULA_REASON,
      },
    })),
  );
}

/**
 * The first `rows` rows of a worksheet part, cut as the port hands heads over (sheetHead). The
 * text is read again as it grows only once it has doubled, so that a part whose first rows come
 * late (thousands of empty formatted rows first) is still read in time proportional to its length.
 */
export async function readSheetHeadPart(
  pkg: ZipPackage,
  part: string,
  name: string,
  context: ReadContext,
  tables: readonly SheetTable[],
  rows: number,
): Promise<SheetData> {
  const decoder = new PartTextDecoder();
  let text = "";
  let nextRead = 0;
  let found: ReadWorksheet | undefined;
  await pkg.readPrefix(part, (piece) => {
    text += decoder.write(piece);
    if (text.length < nextRead) return false;
    nextRead = text.length * 2;
    const cut = lastRowStart(text);
    if (cut < 0) return false;
    const read = readWorksheet(name, text.slice(0, cut), context, tables, { rows, partial: true });
    if (!read.complete) return false;
    found = read;
    return true;
  });
  found ??= readWorksheet(name, text + decoder.end(), context, tables, { rows, partial: false });
  return sheetHead(withoutFormulas(found), rows);
}
