import { Fragment } from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { KpiGap } from "../../../domain/analysis/result";
import { byStatusWorstFirst } from "../../../domain/analysis/statusOrder";
import { ClosureBadge } from "./ClosureBadge";
import { gapInUnit, percent, valueToTarget } from "../shared/format";
import { kpiPlace, type PlacedNotice } from "../../usePlan";
import { ActionNotice } from "../shared/ActionNotice";
import { cellStyle, headStyle, tableStyle } from "../shared/paneTable";
import { StatusBadge } from "./StatusBadge";
import { TrendLine } from "./TrendLine";

const useStyles = makeStyles({
  table: tableStyle,
  cell: cellStyle,
  head: headStyle,
  name: { fontWeight: "inherit", paddingInline: 0 },
  // A real button, so that each KPI is reached by Tab and activated by Enter or Space, with
  // Fluent's focus ring; it wraps like text instead of keeping a button's one line.
  select: {
    height: "auto",
    minWidth: 0,
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "left",
    whiteSpace: "normal",
    // break-word, not anywhere: a word breaks only if it cannot fit alone, and the column's
    // least width stays that of its longest word, so the table does not squeeze names letter by letter.
    overflowWrap: "break-word",
    fontWeight: tokens.fontWeightRegular,
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalXS,
    // It goes to the KPI's cell: it reads as a link rather than as plain text.
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
  },
  levels: { display: "block", paddingInline: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2, fontWeight: "normal" },
  kpiId: { fontWeight: tokens.fontWeightSemibold },
  amount: { display: "block" },
  side: { display: "block", color: tokens.colorNeutralForeground2 },
  // Status and closure share a column, one badge over the other: a fifth column would leave the
  // KPI's name no room at all.
  badges: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS },
  // In a 320 px pane "Not addressed" goes on two lines rather than push the table past the edge;
  // the badge grows with it instead of letting the text spill out.
  wrapping: { height: "auto", minHeight: "20px", paddingBlock: "1px", textAlign: "center" },
});

/**
 * The gap in the KPI's unit, which side of the target the KPI is on, and how far it has come:
 * "3,000 households", "below target", "40.0% progress" (or "95.0% of target" without a baseline).
 */
function GapCell({ kpi }: { kpi: KpiGap }) {
  const styles = useStyles();
  const gap = gapInUnit(kpi);
  const share = kpi.progress ?? kpi.attainment;
  return (
    <>
      <span className={styles.amount}>{gap ? gap.amount : "–"}</span>
      {gap && <span className={styles.side}>{gap.side}</span>}
      {share !== undefined && (
        <span className={styles.side}>{`${percent(share)} ${kpi.progress !== undefined ? "progress" : "of target"}`}</span>
      )}
    </>
  );
}

export interface KpiGapTableProps {
  readonly kpis: readonly KpiGap[];
  readonly onSelect: (sheet: string, cell: string, at: string) => void;
  readonly notice?: PlacedNotice;
  readonly onDismiss?: () => void;
}

/**
 * The KPIs worst first, so that what needs attention is at the top, each with its value against
 * its target; with an Impacts sheet, each KPI's closure too.
 */
export function KpiGapTable({ kpis, onSelect, notice, onDismiss = () => undefined }: KpiGapTableProps) {
  const styles = useStyles();
  const sorted = [...kpis].sort((a, b) => byStatusWorstFirst(a.status, b.status));
  const withClosure = kpis.some((kpi) => kpi.closure !== undefined);
  const head = mergeClasses(styles.cell, styles.head);
  return (
    <table className={styles.table} aria-label="KPI gaps">
      <thead>
        <tr>
          <th scope="col" className={head}>
            KPI, now → target
          </th>
          {/* Progress shares the gap's column: a column of its own left the KPI names no room at 320 px. */}
          <th scope="col" className={head}>
            Gap, progress
          </th>
          <th scope="col" className={head}>
            {withClosure ? "Status, closure" : "Status"}
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((kpi) => (
          <Fragment key={kpi.kpiId}>
            <tr data-kpi={kpi.kpiId} data-place={kpiPlace(kpi.kpiId)}>
              <th scope="row" className={mergeClasses(styles.cell, styles.name)}>
                <Button
                  appearance="subtle"
                  size="small"
                  className={styles.select}
                  onClick={() => onSelect(kpi.sheet, kpi.cell, kpiPlace(kpi.kpiId))}
                  title={`Select ${kpi.sheet}!${kpi.cell}`}
                >
                  <span>
                    <span className={styles.kpiId}>{kpi.kpiId}</span> {kpi.name}
                  </span>
                </Button>
                <span className={styles.levels} data-testid="kpi-levels">
                  {valueToTarget(kpi) ?? "No value or no target"}
                </span>
                <TrendLine kpi={kpi} />
              </th>
              <td className={styles.cell}>
                <GapCell kpi={kpi} />
              </td>
              <td className={styles.cell}>
                {withClosure ? (
                  <span className={styles.badges}>
                    <StatusBadge status={kpi.status} />
                    {kpi.closure && <ClosureBadge closure={kpi.closure} className={styles.wrapping} />}
                  </span>
                ) : (
                  <StatusBadge status={kpi.status} />
                )}
              </td>
            </tr>
            {notice?.at === kpiPlace(kpi.kpiId) && (
              <tr>
                <td colSpan={3} className={styles.cell}>
                  <ActionNotice notice={notice} at={kpiPlace(kpi.kpiId)} onDismiss={onDismiss} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
