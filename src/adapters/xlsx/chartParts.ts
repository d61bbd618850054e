/**
 * A native chart of the report in DrawingML: the drawing part that anchors it on the sheet and
 * the chart part, whose series refer to the report's table cells and also carry their values,
 * so that any viewer shows the chart before it recalculates anything.
 */
import { columnLetters, quoteSheetName, serialText } from "../../domain/common/cells";
import type { OutChart, OutTable, OutValue, ReportLayout } from "../../domain/sheets/reportLayout";
import { NUMBER_FORMATS, SERIES_COLORS } from "../../domain/sheets/reportStyle";
import { TRANSITIONAL, type Namespaces } from "./conformance";
import { escapeAttribute, escapeText } from "./xml";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function columnRange(sheet: string, table: OutTable, column: number): string {
  const col = columnLetters(table.col + column);
  const first = table.row + 2;
  const last = table.row + 1 + Math.max(table.rows.length, 1);
  return `${quoteSheetName(sheet)}!$${col}$${first}:$${col}$${last}`;
}

function headerCell(sheet: string, table: OutTable, column: number): string {
  return `${quoteSheetName(sheet)}!$${columnLetters(table.col + column)}$${table.row + 1}`;
}

function stringCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numberCache(values: readonly OutValue[], formatCode: string): string {
  const points = values
    .map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>${escapeText(formatCode)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

/**
 * A category as the chart's cache shows it until the application reads the cells again: a date
 * and time column as its date and time (as yyyy-mm-dd hh:mm shows it), not as a serial number.
 */
function categoryText(value: OutValue, dated: boolean): string {
  if (value === null) return "";
  if (!dated || typeof value !== "number") return String(value);
  return serialText(value);
}

const AXIS_IDS = [500_010_001, 500_010_002];

/**
 * A percentage of the chart schema (gap width, label offset): a bare number in Transitional,
 * where 150 means 150%, and "150%" in Strict, whose ST_GapAmount and ST_LblOffset have only
 * the percent form (ECMA-376 Part 1, §21.2.3, ST_GapAmountPercent and ST_LblOffsetPercent).
 */
const percent = (value: number, ns: Namespaces) => (ns.conformance === "strict" ? `${value}%` : String(value));

/** The chart part of one of the layout's charts, in the namespaces of the package's conformance class. */
export function chartXml(layout: ReportLayout, chart: OutChart, ns: Namespaces = TRANSITIONAL): string {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table) throw new Error(`the chart's table ${chart.table} is not in the layout`);
  const sheet = layout.sheetName;
  const dated = table.columns[chart.categories]?.format === "datetime";
  const categories = table.rows.map((row) => categoryText(row[chart.categories] ?? null, dated));
  const valueFormat = NUMBER_FORMATS[table.columns[chart.series[0]]?.format ?? "decimal"] ?? "General";
  const line = chart.kind === "line";
  const series = chart.series.map((column, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    const fill = line
      ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`
      : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx><c:strRef><c:f>${escapeText(headerCell(sheet, table, column))}</c:f>${stringCache([table.columns[column].header])}</c:strRef></c:tx>` +
      fill +
      `<c:cat><c:strRef><c:f>${escapeText(columnRange(sheet, table, chart.categories))}</c:f>${stringCache(categories)}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${escapeText(columnRange(sheet, table, column))}</c:f>${numberCache(
        table.rows.map((row) => row[column] ?? null),
        valueFormat,
      )}</c:numRef></c:val>` +
      (line ? `<c:smooth val="0"/>` : "") +
      `</c:ser>`
    );
  });
  const axisIds = AXIS_IDS.map((id) => `<c:axId val="${id}"/>`).join("");
  const plot = line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join("")}<c:marker val="1"/>${axisIds}</c:lineChart>`
    : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}<c:gapWidth val="${percent(150, ns)}"/>${axisIds}</c:barChart>`;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${ns.chart}" xmlns:a="${ns.drawingml}" xmlns:r="${ns.relationships}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="${AXIS_IDS[0]}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="low"/><c:crossAx val="${AXIS_IDS[1]}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="${percent(100, ns)}"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${AXIS_IDS[1]}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeAttribute(valueFormat)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="${AXIS_IDS[0]}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part that places the charts; chart i is found through relationship chartRelIds[i]. */
export function drawingXml(charts: readonly OutChart[], chartRelIds: readonly string[], ns: Namespaces = TRANSITIONAL): string {
  const anchors = charts.map((chart, i) => {
    const point = (p: { row: number; col: number }) =>
      `<xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${point(chart.from)}</xdr:from><xdr:to>${point(chart.to)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${ns.chart}"><c:chart xmlns:c="${ns.chart}" xmlns:r="${ns.relationships}" r:id="${chartRelIds[i]}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return XML_HEAD + `<xdr:wsDr xmlns:xdr="${ns.spreadsheetDrawing}" xmlns:a="${ns.drawingml}">${anchors.join("")}</xdr:wsDr>`;
}
