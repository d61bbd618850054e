/**
 * The report's "KPI series" section (issue 20), only for a plan with a KPI Series: each KPI's
 * monthly values across, one column per month from the first to the last month of any KPI (a
 * month without a value stays blank, as a gap), in the order of the KPI gaps table, so that row
 * i of one is row i of the other. The KPI gaps' Trend column gets a sparkline over each row.
 */
import { monthOfOrdinal, monthText } from "../common/month";
import type { KpiGap } from "../analysis/result";
import { EMPTY_SERIES } from "../plan/monthlySeries";
import { inKpiUnit, opt } from "./layoutParts";
import type { OutColumn, OutFormat, OutSparkline, OutTable, OutValue } from "./reportLayout";

export const SERIES_TABLE_NAME = "CVM_KPISeries";

/** Why the Trend column may be blank: said once, under the section's title, in every adapter alike. */
export const SPARKLINE_NOTE =
  "The KPI gaps' Trend column draws these rows as sparklines when the command line writes the report; Excel's JavaScript API has no sparklines, so a report written from the task pane leaves that column blank.";

/**
 * The table cell by cell rather than through a schema of one column per month: 10,000 KPIs of 36
 * months are 360,000 cells, each placed by its month's index. A KPI measured in % shows its row
 * as percentages, as the KPI gaps do.
 */
export function seriesTable(kpis: readonly KpiGap[], row: number): OutTable {
  let first = Infinity;
  let last = -Infinity;
  for (const k of kpis) {
    const series = k.series;
    // In month order: the first and last say the KPI's range.
    if (!series || series.length === 0) continue;
    first = Math.min(first, series.ordinal(0));
    last = Math.max(last, series.ordinal(series.length - 1));
  }
  const width = Number.isFinite(first) ? last - first + 1 : 0;
  const columns: OutColumn[] = [{ header: "KPI ID", format: "text", width: 10 }];
  for (let m = 0; m < width; m++) columns.push({ header: monthText(monthOfOrdinal(first + m)), format: "decimal", width: 10 });
  const rows: OutValue[][] = [];
  for (const k of kpis) {
    const values: OutValue[] = Array<OutValue>(width + 1).fill(null);
    values[0] = k.kpiId;
    const series = k.series ?? EMPTY_SERIES;
    for (let i = 0; i < series.length; i++) values[1 + series.ordinal(i) - first] = opt(series.value(i));
    rows.push(values);
  }
  const anyFormat = kpis.some((k) => inKpiUnit(k) !== undefined);
  const cellFormats = anyFormat
    ? kpis.map((k): (OutFormat | undefined)[] => [undefined, ...Array<OutFormat | undefined>(width).fill(inKpiUnit(k))])
    : undefined;
  return {
    name: SERIES_TABLE_NAME,
    row,
    col: 0,
    columns,
    rows: rows.length > 0 ? rows : [["No KPIs", ...Array<OutValue>(width).fill(null)]],
    ...(cellFormats && rows.length > 0 && { cellFormats }),
    statusColumns: [],
  };
}

/** One sparkline per KPI with values: in the KPI gaps table's `column`, over the KPI's row of the series table. */
export function sparklines(kpis: readonly KpiGap[], kpiTable: OutTable, column: number, series: OutTable): OutSparkline[] {
  const lines: OutSparkline[] = [];
  const lastCol = series.col + series.columns.length - 1;
  kpis.forEach((k, i) => {
    if (!k.series?.length || lastCol <= series.col) return;
    lines.push({
      at: { row: kpiTable.row + 1 + i, col: kpiTable.col + column },
      data: { row: series.row + 1 + i, fromCol: series.col + 1, toCol: lastCol },
    });
  });
  return lines;
}
