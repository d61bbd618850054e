/**
 * Text kept within what a cell holds and a person reads. Excel's cells hold 32,767 characters
 * ("Total number of characters that a cell can contain", Microsoft's "Excel specifications and
 * limits", support.microsoft.com): a file with a longer one is "repaired" when Excel opens it,
 * and Office.js refuses to write one. What the owned sheets quote (a KPI's name, a finding
 * quoting a formula, a list of IDs) is shortened to fit, and the cell says so (src/domain/sheets/
 * fitLayout.ts applies it to every owned sheet). A finding names a bounded number of the items it
 * lists and counts the rest.
 */
export const CELL_TEXT_LIMIT = 32_767;

/** How many items a finding or a summary line names before it counts the rest. */
export const LISTED_ITEMS = 20;

const count = (n: number) => n.toLocaleString("en-US");

/** "I01, I02, I03" or, past `max` items, "I01, …, I20 and 9,980 more". */
export function boundedList(items: readonly string[], max = LISTED_ITEMS): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${count(items.length - max)} more`;
}

/** Choices in words: "A", "A or B", "A, B or C". */
export function eitherOf(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}` : items.join("");
}

/** The text as it is when a cell holds it, else its beginning and how long it was. */
export function fitCellText(text: string): string {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  const note = ` … (shortened: ${count(text.length)} characters in all)`;
  let end = CELL_TEXT_LIMIT - note.length;
  // Never half of a surrogate pair: an emoji cut in two is no longer text.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + note;
}
