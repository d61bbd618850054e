import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { KpiGap } from "../../domain/model";
import { number, percent } from "./format";
import { StatusBadge } from "./StatusBadge";

const ORDER: Readonly<Record<KpiGap["status"], number>> = { "Off track": 0, "At risk": 1, "No data": 2, "On track": 3 };

/** The KPIs worst first, so that what needs attention is at the top. */
export function KpiGapTable({ kpis, onSelect }: { kpis: readonly KpiGap[]; onSelect: (sheet: string, cell: string) => void }) {
  const sorted = [...kpis].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <Table size="extra-small" aria-label="KPI gaps">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>KPI</TableHeaderCell>
          <TableHeaderCell>Gap</TableHeaderCell>
          <TableHeaderCell>Progress</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
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
              <StatusBadge status={kpi.status} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
