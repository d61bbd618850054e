/**
 * An owned table declared once, as a schema that both writes it and reads it back: each column
 * is one object (its key in the code, its header and looks on the sheet, how its value is taken
 * from a row of the model, whether it is coloured by status, drawn as a data bar or shown in the
 * row's own format). The layout's OutTable, which every adapter writes, is built from the schema,
 * and rows are read back through the same schema, by header, into records by key: a column
 * inserted in a schema moves on the sheet and in the reader at once, and a sheet written before
 * it still reads (the new column is blank). The idea is exceljs's xforms, where one object
 * renders and parses an element.
 */
import { tableCells, type CellValue, type SheetData } from "../common/cells";
import { readText } from "../common/values";
import type { OutColumn, OutFormat, OutTable, OutValue } from "./reportLayout";

/** One column of an owned table, for rows of the model of type Row. */
export interface Column<Row, K extends string = string> extends OutColumn {
  /** The column's name in the code: the key of its value in a record read back. */
  readonly key: K;
  /** The cell's value for a row of the model. */
  readonly value: (row: Row) => OutValue;
  /** Coloured by the layout's status rules (a status, a severity, Yes or No). */
  readonly status?: boolean;
  /** A share from 0 to 1, drawn as the layout's data bar. */
  readonly dataBar?: boolean;
  /** The row's own format, over the column's where the column has one (a KPI measured in % shows its figures as percentages). */
  readonly cellFormat?: (row: Row) => OutFormat | undefined;
}

export interface TableSchema<Row, K extends string = string> {
  /** Workbook-unique Excel table name. */
  readonly name: string;
  readonly columns: readonly Column<Row, K>[];
}

/** The keys of a schema's columns, as a union. */
export type ColumnKey<S> = S extends TableSchema<never, infer K> ? K : never;

/** One row of a table by column key: as the model gives it (OutValue), or as a sheet holds it (CellValue). */
export type TableRecord<K extends string, V = OutValue> = { readonly [P in K]: V };

/** A schema's row read back, or written, by key. */
export type RecordOf<S, V = OutValue> = TableRecord<ColumnKey<S>, V>;

/**
 * A table's schema for rows of type Row, its keys checked as a union:
 * `defineTable<Finding>()({ name: "CVM_Findings", columns: [{ key: "rule", header: "Rule", value: (f) => f.rule }, …] })`.
 * Two columns with one key or one header are refused when the module loads: a record, or the
 * sheet's header row, could not tell them apart.
 */
export function defineTable<Row>() {
  return <const K extends string>(schema: TableSchema<Row, K>): TableSchema<Row, K> => {
    for (const part of ["key", "header"] as const) {
      const seen = new Set<string>();
      for (const column of schema.columns) {
        if (seen.has(column[part])) throw new Error(`The table ${schema.name} has two columns with the ${part} "${column[part]}".`);
        seen.add(column[part]);
      }
    }
    return schema;
  };
}

/** Zero-based index of a column in its table, as the layout's charts and the adapters count them. */
export function columnIndex<K extends string>(schema: TableSchema<never, K>, key: NoInfer<K>): number {
  return schema.columns.findIndex((column) => column.key === key);
}

/** A row of the model as the record the table holds for it. */
export function recordOf<Row, K extends string>(schema: TableSchema<Row, K>, row: Row): TableRecord<K> {
  const record: Partial<Record<K, OutValue>> = {};
  for (const column of schema.columns) record[column.key] = column.value(row);
  return record as TableRecord<K>;
}

/** Where a table goes in its sheet, and what its one row says when it has none (Excel tables need a data row). */
export interface TablePlace {
  /** Zero-based row of the header row. */
  readonly row: number;
  /** Zero-based column of the first column; A when omitted. */
  readonly col?: number;
  /** The text in the first cell of the one row of an empty table; a blank row when omitted. */
  readonly empty?: string;
}

/** The table written for rows of the model: its cells, formats, status colours and data bars from the schema. */
export function layoutTable<Row, K extends string>(schema: TableSchema<Row, K>, rows: readonly Row[], place: TablePlace): OutTable {
  const { columns } = schema;
  const values = rows.map((row) => columns.map((column) => column.value(row)));
  const cellFormats =
    rows.length > 0 && columns.some((column) => column.cellFormat)
      ? rows.map((row) => columns.map((column) => column.cellFormat?.(row)))
      : undefined;
  return outTable(schema, values, place, cellFormats);
}

/** The table written for records (rows read back from a sheet and carried over as they are). */
export function layoutRecords<K extends string>(
  schema: TableSchema<never, K>,
  records: readonly TableRecord<K>[],
  place: TablePlace,
): OutTable {
  const { columns } = schema;
  return outTable(
    schema,
    records.map((record) => columns.map((column) => record[column.key])),
    place,
  );
}

function outTable(
  schema: TableSchema<never, string>,
  rows: readonly (readonly OutValue[])[],
  place: TablePlace,
  cellFormats?: readonly (readonly (OutFormat | undefined)[])[],
): OutTable {
  const { columns } = schema;
  const where = (flag: "status" | "dataBar") => columns.flatMap((column, i) => (column[flag] ? [i] : []));
  const dataBarColumns = where("dataBar");
  return {
    name: schema.name,
    row: place.row,
    col: place.col ?? 0,
    columns: columns.map(({ header, format, width }): OutColumn => ({ header, format, width })),
    rows: rows.length > 0 ? rows : [emptyRow(columns.length, place.empty)],
    ...(cellFormats && { cellFormats }),
    statusColumns: where("status"),
    ...(dataBarColumns.length > 0 && { dataBarColumns }),
  };
}

function emptyRow(width: number, text: string | undefined): OutValue[] {
  const row = Array<OutValue>(width).fill(null);
  if (text !== undefined) row[0] = text;
  return row;
}

/**
 * The rows of the schema's table in the sheet, as records by key, each column found by its header
 * (as the sheet's header row says it, trimmed), so that a table whose columns moved still reads; a
 * column the sheet lacks (written before the column was added) reads as blank, one the schema lacks
 * is left out. `read` turns each cell into what the caller keeps. Undefined when the sheet has no
 * such table.
 */
export function readTable<K extends string>(schema: TableSchema<never, K>, sheet: SheetData): TableRecord<K, CellValue>[] | undefined;
export function readTable<K extends string, V>(
  schema: TableSchema<never, K>,
  sheet: SheetData,
  read: (cell: CellValue) => V,
): TableRecord<K, V>[] | undefined;
export function readTable<K extends string, V>(
  schema: TableSchema<never, K>,
  sheet: SheetData,
  read?: (cell: CellValue) => V,
): TableRecord<K, V | CellValue>[] | undefined {
  const table = tableCells(sheet, schema.name);
  if (!table) return undefined;
  const headers = table.header.map((cell) => readText(cell));
  const at = schema.columns.map((column) => headers.indexOf(column.header));
  return table.rows.map((line) => {
    const record: Partial<Record<K, V | CellValue>> = {};
    schema.columns.forEach((column, i) => {
      const cell = at[i] < 0 ? null : line[at[i]];
      record[column.key] = read ? read(cell) : cell;
    });
    return record as TableRecord<K, V | CellValue>;
  });
}
