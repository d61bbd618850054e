/**
 * How the add-in's sheets look: number formats, fonts, the table style, the tab colour and the
 * status colours. The .xlsx writer and the Office.js writer both apply exactly these, so the
 * report looks the same from the command line and from the task pane.
 */
import type { DataBarRule, OutFormat, OutStyle, OutTable, OutValue, StatusRule } from "./reportLayout";

/** Excel number format codes of the named formats. */
export const NUMBER_FORMATS: Readonly<Record<OutFormat, string>> = {
  text: "@",
  integer: "#,##0",
  decimal: "#,##0.00",
  money: "#,##0",
  percent: "0.0%",
  points: '+0.0" pp";-0.0" pp";0.0" pp"',
  datetime: "yyyy-mm-dd hh:mm",
};

/**
 * The format a cell is given. Text is always stored as text ("@"), because Excel parses what an
 * add-in writes as if typed ("=1+1" would become a formula, "5%" a number); on text the other
 * formats show nothing different. A number or flag in a text column keeps General.
 */
export function cellFormatOf(value: OutValue, format: OutFormat | undefined): OutFormat | undefined {
  if (typeof value === "string") return "text";
  if (!format || (value !== null && format === "text")) return undefined;
  return format;
}

/** A table cell's format: a per-cell override applies only in a column that has a format of its own. */
export function tableCellFormat(table: OutTable, row: number, col: number): OutFormat | undefined {
  const column = table.columns[col];
  const format = column.format ? (table.cellFormats?.[row]?.[col] ?? column.format) : undefined;
  return cellFormatOf(table.rows[row]?.[col] ?? null, format);
}

export interface FontStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Points. */
  readonly size?: number;
  /** Hex RGB without #. */
  readonly color?: string;
}

/** Grey at 7:1 contrast on white: the note must stay readable. */
export const NOTE_COLOR = "595959";

export const FONTS: Readonly<Record<OutStyle, FontStyle>> = {
  title: { bold: true, size: 14 },
  section: { bold: true, size: 12 },
  label: { bold: true },
  note: { italic: true, color: NOTE_COLOR },
};

/** Excel's built-in table style of every table the add-in writes. */
export const TABLE_STYLE = "TableStyleMedium2";

/** Hex RGB without #: the add-in's sheets stand out in the tab bar. */
export const TAB_COLOR = "0F6CBD";

const RED = { fill: "FFC7CE", font: "9C0006" };
const AMBER = { fill: "FFEB9C", font: "9C5700" };
const GREEN = { fill: "C6EFCE", font: "006100" };
const GREY = { fill: "EDEDED", font: "595959" };

/** Fill and font of a status cell, by its exact text: Excel's own good / neutral / bad styles. */
export const STATUS_RULES: readonly StatusRule[] = [
  { text: "On track", ...GREEN },
  { text: "At risk", ...AMBER },
  { text: "Off track", ...RED },
  { text: "No data", ...GREY },
  { text: "Yes", ...GREEN },
  { text: "No", ...RED },
  { text: "Present", ...GREEN },
  { text: "Missing", ...RED },
  { text: "Not checked", ...GREY },
  { text: "Balanced", ...GREEN },
  { text: "Over-funded", ...AMBER },
  { text: "Under-funded", ...RED },
  { text: "Unknown", ...GREY },
  { text: "Closed", ...GREEN },
  { text: "Partly closed", ...AMBER },
  { text: "Not addressed", ...RED },
  { text: "Appears", ...AMBER },
  { text: "Goes away", ...GREEN },
  { text: "Resolved", ...GREEN },
  { text: "New", ...AMBER },
  { text: "error", ...RED },
  { text: "warning", ...AMBER },
  { text: "info", ...GREY },
];

/**
 * Coverage of a gap: no bar at 0%, a full cell at 100% (more is capped there). Excel's own blue
 * data bar colour, light enough for the cell's black text to stay readable over it.
 */
export const DATA_BAR: DataBarRule = { min: 0, max: 1, color: "638EC6" };

/** Colours of a chart's series, in order: the report's blue and a grey that differs in lightness too. */
export const SERIES_COLORS: readonly string[] = ["0F6CBD", "8A8886"];
