/**
 * What the reader needs of the styles part: which cell formats (`<cellXfs>` indices, the `s` of a
 * cell) show a number as a date, so that a date cell reaches the engine as a date as it would
 * from Excel. A date is a number in SpreadsheetML; only its number format says otherwise.
 */
import { parseXml } from "./xml";

/**
 * Built-in number formats that are dates or times (ECMA-376 Part 1, 18.8.30 numFmt: 14-22 and
 * 45-47), with the East Asian date formats Excel also writes by id (27-36, 50-58).
 */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code shows a date when it has a date or time token outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  const sections = code.split(";");
  const first = sections[0] ?? "";
  const bare = first
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    // [h], [mm], [ss] are elapsed times (a duration, still a date-time serial); other brackets are colours and conditions.
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/e\+|e-/gi, ""));
}

/** The `<cellXfs>` indices whose number format is a date or time. */
export function readDateStyles(xml: string): Set<number> {
  const customDates = new Set<number>();
  const dates = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  parseXml(xml, {
    open(name, attrs) {
      if (name === "numFmt") {
        if (isDateFormatCode(attrs.formatCode ?? "")) customDates.add(Number(attrs.numFmtId));
      } else if (name === "cellXfs") {
        inCellXfs = true;
        xfIndex = 0;
      } else if (name === "xf" && inCellXfs) {
        const id = Number(attrs.numFmtId ?? 0);
        if (BUILT_IN_DATES.has(id) || customDates.has(id)) dates.add(xfIndex);
        xfIndex++;
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return dates;
}
