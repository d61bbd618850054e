/**
 * The output sheet described as data: what goes in which cell, which blocks are Excel tables,
 * which number formats, status colours and charts apply. The .xlsx writer and the Office.js writer
 * both render this one description, with the looks of reportStyle.ts and the rules of
 * ownership.ts, so the command line and the task pane write the same sheet.
 */

export type OutValue = string | number | boolean | null;

/** Named formats; reportStyle.ts gives each its Excel number format code. */
export type OutFormat = "text" | "integer" | "decimal" | "money" | "percent" | "points" | "datetime";

export type OutStyle = "title" | "label" | "section" | "note";

export interface OutCell {
  /** Zero-based row and column in the output sheet. */
  readonly row: number;
  readonly col: number;
  readonly value: OutValue;
  readonly format?: OutFormat;
  readonly style?: OutStyle;
}

export interface OutColumn {
  readonly header: string;
  readonly format?: OutFormat;
  /** Width in characters. */
  readonly width?: number;
}

/** Fill and font colours (hex RGB, no #) for a cell whose text equals `text`. */
export interface StatusRule {
  readonly text: string;
  readonly fill: string;
  readonly font: string;
}

/**
 * One Excel table of the sheet, as the adapters write it. Every owned table is made from its
 * schema (tableSchema.ts layoutTable), so the column indexes below follow the schema's columns.
 */
export interface OutTable {
  /** Workbook-unique Excel table name. */
  readonly name: string;
  /** Zero-based row of the header row, and column of the first column. */
  readonly row: number;
  readonly col: number;
  readonly columns: readonly OutColumn[];
  readonly rows: readonly (readonly OutValue[])[];
  /** Per-cell formats that override the column's (e.g. a KPI measured in %), same shape as rows. */
  readonly cellFormats?: readonly (readonly (OutFormat | undefined)[])[];
  /** Columns (indexes into `columns`) coloured by conditional formatting with `statusRules`. */
  readonly statusColumns: readonly number[];
  /** Columns of shares (0 to 1) drawn as data bars with the layout's `dataBar`. */
  readonly dataBarColumns?: readonly number[];
}

/** A data bar from `min` (no bar) to `max` (a full cell), in one colour (hex RGB, no #). */
export interface DataBarRule {
  readonly min: number;
  readonly max: number;
  readonly color: string;
}

/** A native Excel chart over columns of one of the layout's tables. */
export interface OutChart {
  readonly kind: "columnClustered" | "line";
  readonly title: string;
  /** The table the data comes from, and its columns (indexes into the table's columns). */
  readonly table: string;
  readonly categories: number;
  /** One series per column; a series is named by its column's header. */
  readonly series: readonly number[];
  /** Zero-based cells at the chart's top-left and bottom-right corners. */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

/**
 * A native sparkline: a line drawn in one cell over a row of cells of the same sheet (a KPI's
 * months in the report's CVM_KPISeries). The .xlsx writer draws it (x14 sparklineGroups in the
 * worksheet's extLst); Excel's JavaScript API has no sparklines, so the task pane writes the cell
 * empty and the values beside it (see the report's note under "KPI series").
 */
export interface OutSparkline {
  /** Zero-based cell the line is drawn in. */
  readonly at: { readonly row: number; readonly col: number };
  /** Zero-based row and first and last columns of the values. */
  readonly data: { readonly row: number; readonly fromCol: number; readonly toCol: number };
}

export interface ReportLayout {
  readonly sheetName: string;
  readonly cells: readonly OutCell[];
  readonly tables: readonly OutTable[];
  readonly statusRules: readonly StatusRule[];
  readonly dataBar: DataBarRule;
  /** Width in characters of each output column, from A. */
  readonly columnWidths: readonly number[];
  readonly charts: readonly OutChart[];
  /** Only a report of a plan with a KPI Series has them. */
  readonly sparklines?: readonly OutSparkline[];
}
