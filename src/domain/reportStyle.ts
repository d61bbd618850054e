/**
 * How the add-in's sheets look: number formats, fonts, the table style, the tab colour and the
 * status colours. The .xlsx writer and the Office.js writer both apply exactly these, so the
 * report looks the same from the command line and from the task pane.
 */
import type { OutFormat, OutStyle, StatusRule } from "./reportLayout";

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
  { text: "error", ...RED },
  { text: "warning", ...AMBER },
  { text: "info", ...GREY },
];

/** Colours of a chart's series, in order: the report's blue and a grey that differs in lightness too. */
export const SERIES_COLORS: readonly string[] = ["0F6CBD", "8A8886"];
