import { makeStyles, tokens } from "@fluentui/react-components";
import type { KpiGap } from "../../../domain/analysis/result";
import { monthText } from "../../../domain/common/month";
import { levelInUnit } from "../../../domain/common/units";
import { TREND_HEIGHT, TREND_WIDTH, trendLineShape } from "./trendLine";

const useStyles = makeStyles({
  line: { display: "block", paddingInline: tokens.spacingHorizontalXS },
  values: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, paddingInline: tokens.spacingHorizontalXS },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { paddingInline: tokens.spacingHorizontalXS, textAlign: "right" },
});

/**
 * A KPI's monthly values as a small line, the trend to its due month dashed and its target as a
 * mark (trendLine.ts). The SVG is one image to assistive technology, named by its points; the
 * values are also a table, behind "Monthly values".
 */
export function TrendLine({ kpi }: { kpi: KpiGap }) {
  const styles = useStyles();
  const shape = trendLineShape(kpi);
  if (!shape) return null;
  return (
    <span className={styles.line} data-testid="kpi-trend">
      <svg width={TREND_WIDTH} height={TREND_HEIGHT} viewBox={`0 0 ${TREND_WIDTH} ${TREND_HEIGHT}`} role="img" aria-label={shape.label}>
        <path d={shape.values} style={{ fill: "none", stroke: tokens.colorBrandForeground1, strokeWidth: 1.5 }} />
        {shape.trend && (
          <line
            {...shape.trend}
            data-part="trend"
            style={{ stroke: tokens.colorBrandForeground1, strokeWidth: 1.5, strokeDasharray: "3 2" }}
          />
        )}
        {shape.target && (
          <circle cx={shape.target.x} cy={shape.target.y} r={2.5} data-part="target" style={{ fill: tokens.colorNeutralForeground1 }} />
        )}
      </svg>
      <details className={styles.values}>
        <summary>Monthly values</summary>
        <table className={styles.table} aria-label={`${kpi.kpiId} by month`}>
          <tbody>
            {(kpi.series?.entries() ?? []).map((v) => (
              <tr key={monthText(v.month)}>
                <th scope="row" className={styles.cell}>
                  {monthText(v.month)}
                </th>
                <td className={styles.cell}>{levelInUnit(v.value, kpi.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </span>
  );
}
