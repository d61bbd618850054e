/**
 * The report's "KPI series" section (issue 20), only for a plan with a KPI Series: each KPI's
 * monthly values across, one column per month from the first to the last month of any KPI (a
 * month without a value stays blank, as a gap), in the order of the KPI gaps table, so that row
 * i of one is row i of the other. The KPI gaps' Trend column gets a sparkline over each row.
 */
import { monthOfOrdinal, monthOrdinal, monthText } from "../common/month";
import type { KpiGap } from "../analysis/result";
import { inKpiUnit } from "./layoutParts";
import type { OutSparkline, OutTable } from "./reportLayout";
import { defineTable, layoutTable, type Column } from "./tableSchema";

export const SERIES_TABLE_NAME = "CVM_KPISeries";

/** Why the Trend column may be blank: said once, under the section's title, in every adapter alike. */
export const SPARKLINE_NOTE =
  "The KPI gaps' Trend column draws these rows as sparklines when the command line writes the report; Excel's JavaScript API has no sparklines, so a report written from the task pane leaves that column blank.";

const ordinalOf = (text: string) => monthOrdinal({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) });

/** Every month from the first to the last of any KPI's series, as `2027-03`. */
function monthsOf(kpis: readonly KpiGap[]): string[] {
  let first = Infinity;
  let last = -Infinity;
  for (const k of kpis)
    for (const [month] of k.series ?? []) {
      const ordinal = ordinalOf(month);
      first = Math.min(first, ordinal);
      last = Math.max(last, ordinal);
    }
  const months: string[] = [];
  for (let m = first; m <= last; m++) months.push(monthText(monthOfOrdinal(m)));
  return months;
}

export function seriesTable(kpis: readonly KpiGap[], row: number): OutTable {
  const months = monthsOf(kpis);
  const valuesOf = new Map(kpis.map((k) => [k, new Map(k.series ?? [])]));
  const columns: Column<KpiGap>[] = [
    { key: "kpiId", header: "KPI ID", format: "text", width: 10, value: (k) => k.kpiId },
    ...months.map((month): Column<KpiGap> => ({
      key: month,
      header: month,
      format: "decimal",
      width: 10,
      value: (k) => valuesOf.get(k)?.get(month) ?? null,
      cellFormat: inKpiUnit,
    })),
  ];
  return layoutTable(defineTable<KpiGap>()({ name: SERIES_TABLE_NAME, columns }), kpis, { row, empty: "No KPIs" });
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
