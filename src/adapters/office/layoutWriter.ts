/**
 * Writes checked layouts: each sheet in place of the one it replaces (at its position) or at the
 * end, its column widths and cells, its tables' values in row blocks sized to the request budget,
 * then the tables, their conditional formats and the charts.
 */
import { cellAddress } from "../../domain/common/cells";
import { freeName } from "../../domain/sheets/ownership";
import type { OutCell, OutChart, OutTable, ReportLayout } from "../../domain/sheets/reportLayout";
import { FONTS, SERIES_COLORS, TAB_COLOR, TABLE_STYLE } from "../../domain/sheets/reportStyle";
import type { Progress } from "../port";
import { OPERATION_BYTES } from "./officeLimits";
import { cellFormat, jsonBytes, rowBytes, tableBlock, TEXT_FORMAT, widthInPoints } from "./sheetMatrix";
import { WriteRequests } from "./writeRequests";

function statusFormula(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/**
 * Queues every layout, in requests under `maxRequestBytes`, replacing the sheets of `worksheets`
 * (loaded with their names and positions) that carry a layout's name. The checks have passed.
 */
export async function writeLayouts(
  context: Excel.RequestContext,
  layouts: readonly ReportLayout[],
  worksheets: readonly Excel.Worksheet[],
  maxRequestBytes: number,
  onProgress?: Progress,
): Promise<void> {
  const names = worksheets.map((sheet) => sheet.name);
  const totalRows = layouts.reduce((sum, layout) => sum + layout.tables.reduce((rows, t) => rows + t.rows.length, 0), 0) || 1;
  let rowsQueued = 0;
  const requests = new WriteRequests(context, maxRequestBytes, () => onProgress?.(Math.min(rowsQueued / totalRows, 0.99)));
  const taken = new Set(names.map((name) => name.toLowerCase()));
  for (const layout of layouts) {
    const existing = worksheets.find((sheet) => sheet.name.toLowerCase() === layout.sheetName.toLowerCase());
    await writeLayout(context, layout, existing, taken, requests, (rows) => (rowsQueued += rows));
    taken.add(layout.sheetName.toLowerCase());
  }
  await requests.send();
  onProgress?.(1);
}

/** Queues one checked layout: its sheet in place of `existing`, or at the end. */
async function writeLayout(
  context: Excel.RequestContext,
  layout: ReportLayout,
  existing: Excel.Worksheet | undefined,
  taken: ReadonlySet<string>,
  requests: WriteRequests,
  onRows: (rows: number) => void,
): Promise<void> {
  const workbook = context.workbook;
  await requests.reserve(jsonBytes(layout.sheetName) * 2, 5);
  let sheet: Excel.Worksheet;
  if (existing) {
    // Added under a free name before the old one goes, since Excel never deletes its last sheet.
    sheet = workbook.worksheets.add(freeName("CVM report (writing)", taken));
    existing.delete();
    sheet.name = layout.sheetName;
    sheet.position = existing.position;
  } else {
    sheet = workbook.worksheets.add(layout.sheetName);
  }
  sheet.tabColor = `#${TAB_COLOR}`;

  for (const [col, width] of layout.columnWidths.entries()) {
    await requests.reserve(16);
    sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = widthInPoints(width);
  }
  for (const cell of layout.cells) await writeCell(sheet, cell, requests);
  for (const table of layout.tables) await writeTableValues(sheet, table, requests, onRows);
  for (const table of layout.tables) await finishTable(sheet, table, layout, requests);
  for (const chart of layout.charts) await addChart(sheet, layout, chart, requests);
  // layout.sparklines are not drawn here: the Excel JavaScript API has no sparklines (no such
  // object in any ExcelApi requirement set, none in @types/office-js), and a chart per KPI would
  // bury the sheet. The Trend cells stay blank, and the report's note under "KPI series" says so.
}

async function writeCell(sheet: Excel.Worksheet, cell: OutCell, requests: WriteRequests): Promise<void> {
  const font = cell.style ? FONTS[cell.style] : {};
  const fontOps = Object.keys(font).length;
  await requests.reserve(jsonBytes(cell.value) + 16 + fontOps * 16, 2 + fontOps);
  const range = sheet.getRangeByIndexes(cell.row, cell.col, 1, 1);
  // The format goes first so that text is stored as text, never parsed as a formula.
  const format = cellFormat(cell.value, cell.format);
  if (format !== null) range.numberFormat = [[format]];
  range.values = [[cell.value]];
  if (font.bold !== undefined) range.format.font.bold = font.bold;
  if (font.italic !== undefined) range.format.font.italic = font.italic;
  if (font.size !== undefined) range.format.font.size = font.size;
  if (font.color !== undefined) range.format.font.color = `#${font.color}`;
}

async function writeTableValues(
  sheet: Excel.Worksheet,
  table: OutTable,
  requests: WriteRequests,
  onRows: (rows: number) => void,
): Promise<void> {
  const headers = table.columns.map((c) => c.header);
  await requests.reserve(jsonBytes(headers) * 2, 2);
  const headerRange = sheet.getRangeByIndexes(table.row, table.col, 1, headers.length);
  headerRange.numberFormat = [headers.map(() => TEXT_FORMAT)];
  headerRange.values = [headers];

  const sizes = table.rows.map((_, r) => rowBytes(table, r));
  const overhead = 2 * OPERATION_BYTES + 8;
  for (let start = 0; start < table.rows.length;) {
    if (requests.room - overhead < sizes[start] && requests.hasWrites) await requests.send();
    const room = requests.room - overhead;
    let end = start;
    let bytes = 0;
    do {
      bytes += sizes[end];
      end++;
    } while (end < table.rows.length && bytes + sizes[end] <= room);
    await requests.reserve(bytes + 8, 2);
    const block = tableBlock(table, start, end);
    const range = sheet.getRangeByIndexes(table.row + 1 + start, table.col, end - start, table.columns.length);
    range.numberFormat = block.formats;
    range.values = block.values;
    onRows(end - start);
    start = end;
  }
}

async function finishTable(sheet: Excel.Worksheet, table: OutTable, layout: ReportLayout, requests: WriteRequests): Promise<void> {
  const rules = layout.statusRules;
  const last = table.row + table.rows.length;
  const address = `${cellAddress(table.row, table.col)}:${cellAddress(last, table.col + table.columns.length - 1)}`;
  await requests.reserve(jsonBytes(address) + jsonBytes(table.name) + TABLE_STYLE.length, 3);
  const added = sheet.tables.add(address, true);
  added.name = table.name;
  added.style = TABLE_STYLE;
  for (const c of table.statusColumns) {
    const column = sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1);
    for (const rule of rules) {
      await requests.reserve(jsonBytes(rule) + 64, 4);
      const conditional = column.conditionalFormats.add("CellValue");
      conditional.cellValue.format.fill.color = `#${rule.fill}`;
      conditional.cellValue.format.font.color = `#${rule.font}`;
      conditional.cellValue.rule = { formula1: statusFormula(rule.text), operator: "EqualTo" };
    }
  }
  for (const c of table.dataBarColumns ?? []) {
    await requests.reserve(256, 4);
    const bar = sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1).conditionalFormats.add("DataBar").dataBar;
    // Fixed bounds, as the .xlsx writer sets them: 50% coverage is a half-full cell in every report.
    bar.lowerBoundRule = { type: "Number", formula: String(layout.dataBar.min) };
    bar.upperBoundRule = { type: "Number", formula: String(layout.dataBar.max) };
    bar.positiveFormat.fillColor = `#${layout.dataBar.color}`;
  }
}

/** A native chart over columns of one of the report's tables, where the layout places it. */
async function addChart(sheet: Excel.Worksheet, layout: ReportLayout, chart: OutChart, requests: WriteRequests): Promise<void> {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table) return;
  const body = (c: number) => sheet.getRangeByIndexes(table.row + 1, table.col + c, table.rows.length, 1);
  await requests.reserve(512, 6 + 5 * chart.series.length);
  const type = chart.kind === "line" ? "Line" : "ColumnClustered";
  const added = sheet.charts.add(type, body(chart.series[0]), "Columns");
  added.title.text = chart.title;
  chart.series.forEach((column, i) => {
    const series = i === 0 ? added.series.getItemAt(0) : added.series.add(table.columns[column].header);
    if (i === 0) series.name = table.columns[column].header;
    else series.setValues(body(column));
    series.setXAxisValues(body(chart.categories));
    // A line series is drawn by its line format; its fill colours only the markers.
    const color = `#${SERIES_COLORS[i % SERIES_COLORS.length]}`;
    if (chart.kind === "line") series.format.line.color = color;
    else series.format.fill.setSolidColor(color);
  });
  added.legend.position = "Bottom";
  added.setPosition(cellAddress(chart.from.row, chart.from.col), cellAddress(chart.to.row, chart.to.col));
}
