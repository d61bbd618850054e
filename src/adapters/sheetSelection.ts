/**
 * Which of a workbook's sheets a readSheets(names) reads (port.ts): each name as Excel matches
 * sheet names, without regard to case, so that a name typed in a mapping finds its sheet in
 * every adapter alike.
 */
import { planSheetNames } from "../domain/plan/locate";

/**
 * The workbook's own names of the sheets asked for, in the order asked, each once; a name the
 * workbook has no sheet of is left out. Without names, the plan's sheets found by name, in the
 * workbook's order, as readSheets has always read them.
 */
export function sheetsToRead(names: readonly string[] | undefined, available: readonly string[]): string[] {
  if (names === undefined) return planSheetNames(available);
  const chosen: string[] = [];
  for (const name of names) {
    const found = available.find((sheet) => sheet === name) ?? available.find((sheet) => sheet.toLowerCase() === name.toLowerCase());
    if (found !== undefined && !chosen.includes(found)) chosen.push(found);
  }
  return chosen;
}
