import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { KpiGap } from "../../domain/model";
import { ClosureBadge } from "./ClosureBadge";
import { number, percent } from "./format";
import { StatusBadge } from "./StatusBadge";

const ORDER: Readonly<Record<KpiGap["status"], number>> = { "Off track": 0, "At risk": 1, "No data": 2, "On track": 3 };

const useStyles = makeStyles({
  // Columns sized by their content rather than equal: the badges and figures keep their width and
  // the KPI's name, which can wrap, takes what is left of a 320 px pane.
  table: { tableLayout: "auto" },
  // Status and closure share a column, one badge over the other: a fifth column would leave the
  // KPI's name no room at all.
  badges: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXXS },
  // In a 320 px pane "Not addressed" goes on two lines rather than push the table past the edge;
  // the badge grows with it instead of letting the text spill out.
  wrapping: { height: "auto", minHeight: "20px", paddingBlock: "1px", textAlign: "center" },
});

/** The KPIs worst first, so that what needs attention is at the top; with an Impacts sheet, each KPI's closure too. */
export function KpiGapTable({ kpis, onSelect }: { kpis: readonly KpiGap[]; onSelect: (sheet: string, cell: string) => void }) {
  const styles = useStyles();
  const sorted = [...kpis].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const withClosure = kpis.some((kpi) => kpi.closure !== undefined);
  return (
    <Table size="extra-small" aria-label="KPI gaps" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>KPI</TableHeaderCell>
          <TableHeaderCell>Gap</TableHeaderCell>
          <TableHeaderCell>Progress</TableHeaderCell>
          <TableHeaderCell>{withClosure ? "Status, closure" : "Status"}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((kpi) => (
          <TableRow key={kpi.kpiId} data-kpi={kpi.kpiId} onClick={() => onSelect(kpi.sheet, kpi.cell)} style={{ cursor: "pointer" }}>
            <TableCell title={`${kpi.name} (${kpi.sheet}!${kpi.cell})`}>
              {kpi.kpiId} {kpi.name}
            </TableCell>
            <TableCell>{kpi.unit === "%" && kpi.gap !== undefined ? percent(kpi.gap) : number(kpi.gap)}</TableCell>
            <TableCell>{percent(kpi.progress ?? kpi.attainment)}</TableCell>
            <TableCell>
              {withClosure ? (
                <span className={styles.badges}>
                  <StatusBadge status={kpi.status} />
                  {kpi.closure && <ClosureBadge closure={kpi.closure} className={styles.wrapping} />}
                </span>
              ) : (
                <StatusBadge status={kpi.status} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
