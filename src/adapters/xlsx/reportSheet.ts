/**
 * The report's own parts in SpreadsheetML: the worksheet (cells, widths, status colours), one
 * table part per section, written from the domain's layout. Text is written as inline strings,
 * so the shared strings part is never touched and no text can ever become a formula.
 */
import { cellAddress, columnLetters, DAYS_1900_TO_1904, quoteSheetName } from "../../domain/common/cells";
import type { OutTable, OutValue, ReportLayout } from "../../domain/sheets/reportLayout";
import { cellFormatOf, TAB_COLOR, TABLE_STYLE, tableCellFormat } from "../../domain/sheets/reportStyle";
import { TRANSITIONAL, type Namespaces } from "./conformance";
import { styleKey, type AppendedStyles, type CellStyleKey } from "./styleWriter";
import { escapeAttribute, escapeText, excelText } from "./xml";

export interface OutCellSpec {
  readonly value: OutValue;
  readonly style: CellStyleKey;
}

/**
 * Cells by row, then by column: arrays indexed by the zero-based row and column, with holes where
 * the layout puts nothing. Arrays, not maps: a report of 100,000 rows held a map per row, some
 * 30 MB at the run's memory peak (issue 22), and arrays come out in order without sorting.
 */
export type LaidOutCells = readonly (readonly (OutCellSpec | undefined)[] | undefined)[];

/**
 * Every cell the layout fills, by row then column, with the style key each needs. The layout's
 * dates are serials of the 1900 date system (excelSerial); in a workbook of the 1904 system
 * (`date1904`, as a Mac's Excel may keep it) a date cell holds its serial in that system, else
 * Excel would show every date of the report four years and a day late.
 */
export function layoutCells(layout: ReportLayout, date1904 = false): LaidOutCells {
  const rows: OutCellSpec[][] = [];
  // One style object per format and style, shared by every cell that has them: a report of
  // 100,000 rows has a handful of distinct styles, and the writer looks each cell's up by it.
  const styles = new Map<string, Map<string, CellStyleKey>>();
  const styleOf = (format: CellStyleKey["format"], style?: CellStyleKey["style"]): CellStyleKey => {
    let byStyle = styles.get(format ?? "");
    if (!byStyle) styles.set(format ?? "", (byStyle = new Map()));
    let key = byStyle.get(style ?? "");
    if (!key) byStyle.set(style ?? "", (key = { format, style }));
    return key;
  };
  const put = (row: number, col: number, spec: OutCellSpec) => {
    const dated = date1904 && spec.style.format === "datetime" && typeof spec.value === "number";
    (rows[row] ??= [])[col] = dated ? { ...spec, value: (spec.value as number) - DAYS_1900_TO_1904 } : spec;
  };
  for (const cell of layout.cells)
    put(cell.row, cell.col, { value: cell.value, style: styleOf(cellFormatOf(cell.value, cell.format), cell.style) });
  for (const table of layout.tables) {
    tableHeaders(table).forEach((header, c) => put(table.row, table.col + c, { value: header, style: styleOf("text") }));
    const count = tableRowCount(table);
    for (let r = 0; r < count; r++) {
      const row = table.rows[r];
      for (let c = 0; c < table.columns.length; c++)
        put(table.row + 1 + r, table.col + c, { value: row?.[c] ?? null, style: styleOf(tableCellFormat(table, r, c)) });
    }
  }
  return rows;
}

/** Every style key the layout's cells use, for the styles part: layoutCells shares one object per style. */
export function layoutStyleKeys(cells: LaidOutCells): CellStyleKey[] {
  const keys = new Set<CellStyleKey>();
  for (const line of cells) if (line) for (const spec of line) if (spec) keys.add(spec.style);
  return [...keys];
}

/** Excel refuses tables whose header names repeat (without regard to case), are empty or span lines. */
export function tableHeaders(table: OutTable): string[] {
  const seen = new Set<string>();
  return table.columns.map((column, i) => {
    const base = column.header.replace(/\s+/g, " ").trim() || `Column${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toUpperCase()); n++) name = `${base}${n}`;
    seen.add(name.toUpperCase());
    return name;
  });
}

export function tableRowCount(table: OutTable): number {
  return Math.max(table.rows.length, 1);
}

export function tableRef(table: OutTable): string {
  return `${cellAddress(table.row, table.col)}:${cellAddress(table.row + tableRowCount(table), table.col + table.columns.length - 1)}`;
}

/**
 * Text written as it is: no character to escape (& < >), none XML cannot hold or Excel would read
 * as an escape (control characters, U+FFFE/F, "_" of _xHHHH_), and no white space at either end
 * (xml:space). One pass over the characters instead of four regular expressions a cell; a text
 * this says no to goes the long way, which decides the same for all the rest.
 */
function isPlainText(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(length - 1);
  // Any non-ASCII character at an end may be white space (\s is Unicode's): the long way decides.
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 38 || code === 60 || code === 62 || code === 95 || code >= 0xfffe) return false;
  }
  return true;
}

const styleAttribute = (xf: number) => (xf ? ` s="${xf}"` : "");

/** `s`: the cell's style attribute (` s="3"`), empty for the default style. */
function cellXml(ref: string, value: OutValue, s: string): string {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return s ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "number") return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (isPlainText(value)) return `<c r="${ref}"${s} t="inlineStr"><is><t>${value}</t></is></c>`;
  const text = excelText(value);
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeText(text)}</t></is></c>`;
}

/**
 * A width of so many characters as SpreadsheetML stores it, padding included (ECMA-376 Part 1,
 * 18.3.1.13 col: Truncate((characters × 7 + 5) / 7 × 256) / 256 for a 7-pixel digit), so that the
 * column shows the characters the layout asks for, as the Office.js writer's width in points does.
 */
const storedWidth = (characters: number) => Math.trunc(((characters * 7 + 5) / 7) * 256) / 256;

/** Rows of the report's worksheet joined into one piece of text as they are written. */
const ROWS_JOINED = 256;

export interface ReportSheetParts {
  readonly sheetXml: string;
  /** Table part XML, in layout order, for the table ids given. */
  readonly tables: readonly string[];
}

/**
 * The worksheet and its table parts, in the namespaces of the package's conformance class.
 * `tableRelIds` and `drawingRelId` are the relationship ids the worksheet's relationships part
 * will give them.
 */
export function reportSheetParts(
  layout: ReportLayout,
  cells: LaidOutCells,
  styles: AppendedStyles,
  tableIds: readonly number[],
  tableRelIds: readonly string[],
  drawingRelId: string | undefined,
  ns: Namespaces = TRANSITIONAL,
): ReportSheetParts {
  let lastCol = 0;
  let lastRow = 0;
  // Looked up once per distinct style and column, not once per cell: the style's attribute as written.
  const xfOf = new Map<CellStyleKey, string>();
  const letters: string[] = [];
  // Rows are joined a few hundred at a time into flat text: a row is built as a chain of pieces, and
  // 100,000 such chains kept to the end all outlived the young generation, a third of the write's
  // garbage copied and then held in the old one (issue 22).
  const sheetRows: string[] = [];
  let pendingRows: string[] = [];
  cells.forEach((line, row) => {
    if (!line) return;
    lastRow = row;
    lastCol = Math.max(lastCol, line.length - 1);
    // The row's number as text once, not once per cell.
    const rowText = String(row + 1);
    let xml = `<row r="${rowText}">`;
    line.forEach((spec, col) => {
      if (!spec) return;
      let xf = xfOf.get(spec.style);
      if (xf === undefined) xfOf.set(spec.style, (xf = styleAttribute(styles.cellXfs.get(styleKey(spec.style)) ?? 0)));
      xml += cellXml((letters[col] ??= columnLetters(col)) + rowText, spec.value, xf);
    });
    pendingRows.push(`${xml}</row>`);
    if (pendingRows.length === ROWS_JOINED) {
      sheetRows.push(pendingRows.join(""));
      pendingRows = [];
    }
  });
  sheetRows.push(pendingRows.join(""));
  const widths = layout.columnWidths
    .map((w, c) => (w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${storedWidth(w)}" customWidth="1"/>` : ""))
    .join("");

  let priority = 1;
  const bodyRef = (table: OutTable, c: number) => {
    const col = columnLetters(table.col + c);
    return `${col}${table.row + 2}:${col}${table.row + 1 + tableRowCount(table)}`;
  };
  const inTable = (table: OutTable) => (c: number) => c >= 0 && c < table.columns.length;
  const conditional = layout.tables.flatMap((table) => [
    ...table.statusColumns
      .filter((c) => inTable(table)(c) && layout.statusRules.length > 0)
      .map((c) => {
        // "Cell value equals", not "contains": a status must not colour a longer status holding it.
        const rules = layout.statusRules.map(
          (rule) =>
            `<cfRule type="cellIs" dxfId="${styles.dxfs.get(rule.text) ?? 0}" priority="${priority++}" operator="equal"><formula>${escapeText(`"${rule.text.replace(/"/g, '""')}"`)}</formula></cfRule>`,
        );
        return `<conditionalFormatting sqref="${bodyRef(table, c)}">${rules.join("")}</conditionalFormatting>`;
      }),
    ...(table.dataBarColumns ?? []).filter(inTable(table)).map((c) => {
      const bar = layout.dataBar;
      // Fixed bounds, not the column's lowest and highest: 50% coverage is a half-full cell in every report.
      return (
        `<conditionalFormatting sqref="${bodyRef(table, c)}"><cfRule type="dataBar" priority="${priority++}">` +
        `<dataBar><cfvo type="num" val="${bar.min}"/><cfvo type="num" val="${bar.max}"/><color rgb="FF${bar.color}"/></dataBar>` +
        `</cfRule></conditionalFormatting>`
      );
    }),
  ]);

  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${ns.spreadsheetml}" xmlns:r="${ns.relationships}">` +
    `<sheetPr><tabColor rgb="FF${TAB_COLOR}"/></sheetPr>` +
    `<dimension ref="A1:${cellAddress(lastRow, lastCol)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (widths ? `<cols>${widths}</cols>` : "") +
    `<sheetData>${sheetRows.join("")}</sheetData>` +
    conditional.join("") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : "") +
    (tableRelIds.length
      ? `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`
      : "") +
    sparklinesXml(layout) +
    `</worksheet>`;

  const tables = layout.tables.map((table, i) => tableXml(table, tableIds[i], ns));
  return { sheetXml, tables };
}

/** The extension under which Excel 2010 and later keep a worksheet's sparkline groups ([MS-XLSX] 2.3.6, x14:sparklineGroups). */
const SPARKLINES_EXT = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";
const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM = "http://schemas.microsoft.com/office/excel/2006/main";

/**
 * The layout's sparklines as one line sparkline group in the worksheet's extLst: a month without
 * a value is a gap in the line (displayEmptyCellsAs="gap"), never a fall to 0, and the last
 * point is marked. Excel before 2010 ignores the extension and shows the blank cells.
 */
function sparklinesXml(layout: ReportLayout): string {
  const lines = layout.sparklines ?? [];
  if (lines.length === 0) return "";
  const sheet = quoteSheetName(layout.sheetName);
  const items = lines.map(({ at, data }) => {
    const range = `${cellAddress(data.row, data.fromCol)}:${cellAddress(data.row, data.toCol)}`;
    return `<x14:sparkline><xm:f>${escapeText(`${sheet}!${range}`)}</xm:f><xm:sqref>${cellAddress(at.row, at.col)}</xm:sqref></x14:sparkline>`;
  });
  return (
    `<extLst><ext uri="${SPARKLINES_EXT}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="${XM}">` +
    `<x14:sparklineGroup displayEmptyCellsAs="gap" last="1">` +
    `<x14:colorSeries rgb="FF${SPARKLINE_COLOR}"/><x14:colorNegative rgb="FFC00000"/><x14:colorAxis rgb="FF000000"/>` +
    `<x14:colorMarkers rgb="FF${SPARKLINE_COLOR}"/><x14:colorFirst rgb="FF${SPARKLINE_COLOR}"/><x14:colorLast rgb="FFC00000"/>` +
    `<x14:colorHigh rgb="FF${SPARKLINE_COLOR}"/><x14:colorLow rgb="FF${SPARKLINE_COLOR}"/>` +
    `<x14:sparklines>${items.join("")}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`
  );
}

/** The report's blue, as its tab has it. */
const SPARKLINE_COLOR = TAB_COLOR;

function tableXml(table: OutTable, id: number, ns: Namespaces): string {
  const ref = tableRef(table);
  const columns = tableHeaders(table).map((name, c) => `<tableColumn id="${c + 1}" name="${escapeAttribute(name)}"/>`);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${ns.spreadsheetml}" id="${id}" name="${escapeAttribute(table.name)}" displayName="${escapeAttribute(table.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${columns.length}">${columns.join("")}</tableColumns>` +
    `<tableStyleInfo name="${TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}
