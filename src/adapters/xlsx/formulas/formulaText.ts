/**
 * Turns a formula as the file stores it into one the parser computes: structured references
 * (tblKPIs[[#This Row],[Baseline]], tblInputs[#All]) and table names become A1 ranges, defined
 * names their definitions, sheet names short aliases (so that no quoting or case question reaches
 * the parser), numbers a form it reads; functions outside the supported list, other workbooks and
 * 3-D references stop here with the reason.
 */
import { parseA1Ref, parseStructRef, tokenize } from "@borgar/fx";
import { columnLetters } from "../../../domain/common/cells";
import { functionName, isSupportedFunction } from "./functionTable";
import { Unsupported } from "./values";
import { largest, smallest } from "../../../domain/common/extremes";

export interface TableInfo {
  readonly name: string;
  readonly sheet: number;
  /** Zero-based, inclusive, header and totals rows included. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly columns: readonly string[];
}

/** What the rewriting needs to know of the workbook. */
export interface FormulaScope {
  /** The alias of a sheet named in a formula (case-insensitive); undefined when there is none. */
  sheetAlias(name: string): string | undefined;
  aliasOf(sheet: number): string;
  sheetIndex(name: string): number | undefined;
  /** A defined name's formula: the one scoped to `sheet` first, else the workbook's. */
  definedName(name: string, sheet: number, explicitScope: boolean): string | undefined;
  /** The workbook's tables; throws NeedsMore while they are not loaded. */
  tables(): readonly TableInfo[];
}

/** Where the formula is: its sheet index and zero-based cell. */
export interface FormulaPlace {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

const MAX_NAME_DEPTH = 16;

export function prepareFormula(text: string, place: FormulaPlace, scope: FormulaScope): string {
  const body = text.startsWith("=") ? text.slice(1) : text;
  if (body.trim() === "") throw new Unsupported("it is empty");
  return rewrite(body, place, scope, 0);
}

function rewrite(text: string, place: FormulaPlace, scope: FormulaScope, depth: number): string {
  let out = "";
  for (const token of tokenize(text, { withLocation: false })) {
    const value = token.value;
    switch (token.type) {
      case "func": {
        const name = functionName(value);
        if (!isSupportedFunction(name)) throw new Unsupported(`the function ${name} is not supported`);
        out += name;
        break;
      }
      case "range":
      case "range_beam":
      case "range_ternary":
        out += reference(value, scope);
        break;
      case "range_named":
        out += named(value, place, scope, depth);
        break;
      case "structured":
        out += structured(value, place, scope);
        break;
      case "number":
        out += parserNumberLiteral(value);
        break;
      case "string":
        if (token.unterminated) throw new Unsupported("it has a text without its closing quote");
        out += value;
        break;
      case "whitespace":
      case "newline":
        out += " ";
        break;
      case "fx_prefix":
        break;
      case "operator":
        if (value === "@") throw new Unsupported("it uses the @ operator (implicit intersection), which is not supported");
        if (value === "#") throw new Unsupported("it refers to a spilled range (#), which is not supported");
        out += value;
        break;
      case "bool":
      case "error":
        out += value;
        break;
      default:
        throw new Unsupported(`it has "${value}", which could not be read`);
    }
  }
  return out;
}

/** A sheet prefix: the sheet's alias, or why the reference cannot be followed. */
function prefix(context: readonly string[], scope: FormulaScope, written: string): string {
  if (context.length === 0) return "";
  if (context.length > 1) throw new Unsupported(`it refers to another workbook (${written})`);
  const name = context[0];
  const alias = scope.sheetAlias(name);
  if (alias) return `${alias}!`;
  if (name.includes(":")) throw new Unsupported(`it refers to several sheets at once (${written})`);
  throw new Unsupported(`it refers to the sheet "${name}", which the workbook does not have`);
}

function reference(written: string, scope: FormulaScope): string {
  if (/#REF!$/i.test(written)) return "#REF!";
  const parsed = parseA1Ref(written);
  if (!parsed || !("range" in parsed) || !parsed.range) throw new Unsupported(`it has a reference it cannot read (${written})`);
  const local = written.slice(written.lastIndexOf("!") + 1).replace(/\$/g, "");
  return prefix(parsed.context ?? [], scope, written) + local;
}

function named(written: string, place: FormulaPlace, scope: FormulaScope, depth: number): string {
  const parsed = parseA1Ref(written);
  if (!parsed || !("name" in parsed) || !parsed.name) throw new Unsupported(`it has a name it cannot read (${written})`);
  const context = parsed.context ?? [];
  if (context.length > 1) throw new Unsupported(`it refers to another workbook (${written})`);
  let sheet = place.sheet;
  if (context.length === 1) {
    const index = scope.sheetIndex(context[0]);
    if (index === undefined) throw new Unsupported(`it refers to the sheet "${context[0]}", which the workbook does not have`);
    sheet = index;
  }
  const definition = scope.definedName(parsed.name, sheet, context.length === 1);
  if (definition !== undefined) {
    if (depth >= MAX_NAME_DEPTH) throw new Unsupported(`the name ${parsed.name} is defined through itself`);
    checkAbsolute(parsed.name, definition);
    return `(${rewrite(definition.startsWith("=") ? definition.slice(1) : definition, place, scope, depth + 1)})`;
  }
  if (context.length === 0) {
    // A table's bare name is its data rows.
    const table = findTable(scope, parsed.name);
    if (table) return tableRange(table, ["data"], [], place, scope);
  }
  throw new Unsupported(`the name ${parsed.name} is not defined in the workbook`);
}

/** A name whose definition moves with the cell using it (A1 rather than $A$1) is not computed. */
function checkAbsolute(name: string, definition: string): void {
  for (const token of tokenize(definition, { withLocation: false })) {
    if (token.type !== "range" && token.type !== "range_beam") continue;
    const parsed = parseA1Ref(token.value);
    const range = parsed && "range" in parsed ? parsed.range : undefined;
    if (!range) continue;
    const rowsFixed = range.top == null || (range.$top && range.$bottom);
    const colsFixed = range.left == null || (range.$left && range.$right);
    if (!rowsFixed || !colsFixed) throw new Unsupported(`the name ${name} uses a relative reference (${token.value})`);
  }
}

function findTable(scope: FormulaScope, name: string): TableInfo | undefined {
  const lower = name.toLowerCase();
  return scope.tables().find((t) => t.name.toLowerCase() === lower);
}

function structured(written: string, place: FormulaPlace, scope: FormulaScope): string {
  const parsed = parseStructRef(written);
  if (!parsed) throw new Unsupported(`it has a table reference it cannot read (${written})`);
  if (parsed.context && parsed.context.length > 0) throw new Unsupported(`it refers to a table of another workbook (${written})`);
  let table: TableInfo | undefined;
  if (parsed.table) {
    table = findTable(scope, parsed.table);
    if (!table) throw new Unsupported(`it refers to the table ${parsed.table}, which the workbook does not have`);
  } else {
    table = scope
      .tables()
      .find((t) => t.sheet === place.sheet && place.row >= t.top && place.row <= t.bottom && place.col >= t.left && place.col <= t.right);
    if (!table) throw new Unsupported(`it has a table reference (${written}) outside any table`);
  }
  return tableRange(
    table,
    (parsed.sections ?? []).map((s) => s.toLowerCase()),
    parsed.columns ?? [],
    place,
    scope,
  );
}

/** The rows and columns a structured reference covers, as an A1 range on the table's sheet. */
function tableRange(
  table: TableInfo,
  sections: readonly string[],
  columns: readonly string[],
  place: FormulaPlace,
  scope: FormulaScope,
): string {
  const { top, bottom, headerRows, totalsRows } = table;
  const dataTop = top + headerRows;
  const dataBottom = bottom - totalsRows;
  const set = new Set(sections.length ? sections : ["data"]);
  let rows: [number, number] | "ref" | "value";
  if (set.has("this row")) {
    if (set.size > 1) throw new Unsupported(`a table reference mixes #This Row with other parts (${table.name})`);
    rows = place.sheet === table.sheet && place.row >= dataTop && place.row <= dataBottom ? [place.row, place.row] : "value";
  } else if (set.has("all")) rows = [top, bottom];
  else {
    const headers = set.has("headers");
    const data = set.has("data");
    const totals = set.has("totals");
    if (headers && totals && !data) throw new Unsupported(`a table reference takes the header and totals rows of ${table.name} together`);
    const from = headers ? top : data ? dataTop : dataBottom + 1;
    const to = totals ? bottom : data ? dataBottom : top + headerRows - 1;
    rows = (headers && headerRows === 0) || (totals && totalsRows === 0) || to < from ? "ref" : [from, to];
  }
  if (rows === "ref") return "#REF!";
  if (rows === "value") return "#VALUE!";
  const indexes = columns.map((name) => {
    const i = table.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Unsupported(`the table ${table.name} has no column "${name}"`);
    return table.left + i;
  });
  const left = smallest(indexes, table.left);
  const right = largest(indexes, table.right);
  const from = `${columnLetters(left)}${rows[0] + 1}`;
  const to = `${columnLetters(right)}${rows[1] + 1}`;
  return `${scope.aliasOf(table.sheet)}!${from === to ? from : `${from}:${to}`}`;
}

/** A number literal in a form the parser reads (it wants a sign in exponents and a leading digit). */
function parserNumberLiteral(written: string): string {
  const value = Number(written);
  if (!Number.isFinite(value)) throw new Unsupported(`it has the number ${written}, which could not be read`);
  const digits = written.replace(/^[-+]/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  // Excel keeps 15 significant digits of a typed number; how it cuts longer ones is not certain.
  if (digits.length > 15) throw new Unsupported(`it has the number ${written}, longer than Excel's 15 digits`);
  return String(value);
}
