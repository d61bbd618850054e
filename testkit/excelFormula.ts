/**
 * A formula such as `=CVM.TRACE("I07", Initiatives!A3:M21, tblKPIs[#All])` turned into the
 * arguments Excel would pass, read from a workbook's sheets: literals and array constants
 * ({0.0148;0.0147}) as typed, A1 references
 * (with or without a sheet name) and structured references to Excel tables (Table[#All],
 * Table[#Data], Table[Column], Table). Enough for the help page's examples; not a formula engine.
 */
import { parseRangeAddress, type CellValue, type SheetData } from "../src/domain/common/cells";
import { HarnessError, omitted, range, value, type ExcelArgument, type SheetCell } from "./excelRuntime";

export interface FormulaCall {
  /** The function's name without the namespace, e.g. TRACE. */
  readonly name: string;
  readonly args: readonly ExcelArgument[];
}

/** Splits at the commas that are not inside quotes, brackets or parentheses. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = text[i + 1] === quote ? (i++, quote) : undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "(" || ch === "{") depth++;
    else if (ch === "]" || ch === ")" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** Excel stores a date as the number of days since 1899-12-30 (the 1900 date system). */
function toSheetCell(cell: CellValue | undefined): SheetCell {
  if (cell == null) return null;
  if (cell instanceof Date) return cell.getTime() / 86_400_000 + 25_569;
  if (typeof cell === "object") return "error" in cell ? { error: cell.error } : { error: "#VALUE!" };
  return cell;
}

function block(sheet: SheetData, top: number, left: number, bottom: number, right: number): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: SheetCell[] = [];
    for (let c = left; c <= right; c++) line.push(toSheetCell(sheet.values[r - sheet.origin.row]?.[c - sheet.origin.col]));
    rows.push(line);
  }
  return rows;
}

function sheetNamed(sheets: readonly SheetData[], name: string): SheetData {
  const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) throw new HarnessError(`The workbook has no sheet named "${name}".`);
  return sheet;
}

const STRUCTURED = /^([A-Za-z_\\][\w.\\]*)(?:\[(.*)\])?$/s;

function tableReference(sheets: readonly SheetData[], table: string, specifier: string | undefined): SheetCell[][] | undefined {
  for (const sheet of sheets) {
    const found = sheet.tables?.find((t) => t.name.toLowerCase() === table.toLowerCase());
    const bounds = found && parseRangeAddress(found.range);
    if (!bounds) continue;
    const whole = block(sheet, bounds.top, bounds.left, bounds.bottom, bounds.right);
    const spec = (specifier ?? "#Data").replace(/^\[|\]$/g, "").trim();
    if (/^#all$/i.test(spec)) return whole;
    if (/^#data$/i.test(spec)) return whole.slice(1);
    if (/^#headers$/i.test(spec)) return whole.slice(0, 1);
    // A column name; ' escapes [ ] # and ' inside it.
    const name = spec.replace(/'(.)/g, "$1");
    const col = whole[0].findIndex((h) => typeof h === "string" && h.toLowerCase() === name.toLowerCase());
    if (col < 0) throw new HarnessError(`Table ${table} has no column "${name}".`);
    return whole.slice(1).map((row) => [row[col]]);
  }
  return undefined;
}

function reference(sheets: readonly SheetData[], text: string): SheetCell[][] {
  const bang = text.lastIndexOf("!");
  if (bang > 0) {
    const sheetText = text.slice(0, bang);
    const sheetName = sheetText.startsWith("'") ? sheetText.slice(1, -1).replace(/''/g, "'") : sheetText;
    const bounds = parseRangeAddress(text.slice(bang + 1));
    if (!bounds) throw new HarnessError(`"${text}" is not a reference.`);
    return block(sheetNamed(sheets, sheetName), bounds.top, bounds.left, bounds.bottom, bounds.right);
  }
  const structured = STRUCTURED.exec(text);
  if (structured) {
    const table = tableReference(sheets, structured[1], structured[2]);
    if (table) return table;
  }
  throw new HarnessError(`"${text}" names no table of the workbook and no sheet.`);
}

/** A number, text or TRUE/FALSE as typed in a formula; undefined for anything else. */
function literal(text: string): SheetCell | undefined {
  if (text.startsWith('"')) return text.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  const number = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?)(%?)$/i.exec(text);
  // A percent typed in a formula is the number divided by 100, as Excel reads "1.5%".
  if (number) return number[2] ? Number(number[1]) / 100 : Number(number[1]);
  return undefined;
}

/**
 * An array constant such as {1,2;3,4}: "," separates the columns of a row and ";" the rows, as
 * in an en-US Excel ("Use array constants in array formulas", support.microsoft.com). Its
 * elements are literals; text holding "," or ";" is not modelled.
 */
function arrayConstant(text: string): SheetCell[][] {
  const rows = text
    .slice(1, -1)
    .split(";")
    .map((row) =>
      row.split(",").map((element) => {
        const cell = literal(element.trim());
        if (cell === undefined) throw new HarnessError(`"${element.trim()}" in ${text} is not a number, text or TRUE/FALSE.`);
        return cell;
      }),
    );
  if (rows.some((row) => row.length !== rows[0].length)) throw new HarnessError(`${text} has rows of different lengths; Excel refuses it.`);
  return rows;
}

function argument(sheets: readonly SheetData[], text: string): ExcelArgument {
  if (text === "") return omitted;
  const typed = literal(text);
  if (typed !== undefined) return value(typed);
  const cells = text.startsWith("{") && text.endsWith("}") ? arrayConstant(text) : reference(sheets, text);
  return cells.length === 1 && cells[0].length === 1 ? value(cells[0][0]) : range(cells);
}

/** Parses `=NAMESPACE.NAME(arg, …)` and reads its references from the sheets. */
export function formulaCall(formula: string, sheets: readonly SheetData[], namespace = "CVM"): FormulaCall {
  const match = new RegExp(`^=\\s*${namespace}\\.([A-Z][A-Z0-9_.]*)\\((.*)\\)\\s*$`, "is").exec(formula.trim());
  if (!match) throw new HarnessError(`"${formula}" is not a call of a ${namespace}. function.`);
  const inner = match[2].trim();
  return { name: match[1].toUpperCase(), args: inner === "" ? [] : splitArguments(inner).map((a) => argument(sheets, a)) };
}
