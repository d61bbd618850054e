import { memo } from "react";
import { Caption1, mergeClasses } from "@fluentui/react-components";
import type { KpiChange } from "../../../domain/whatIf/whatIf";
import { changeInUnit, levelInUnit, percentOf } from "../../../domain/common/units";
import { FigureCell, useFigureStyles } from "./WhatIfFigures";
import { wholeNumber } from "../shared/format";

/** At most this many KPIs are listed: the "CVM Scenario" sheet has them all. */
export const KPI_LIMIT = 20;

const moved = <T,>(c: { plan?: T; scenario?: T }) => c.plan !== c.scenario;

/** Whether the scenario moves anything in the KPI's bridge. */
export const kpiChanged = (k: KpiChange) =>
  moved(k.planned) || moved(k.coverage) || moved(k.closure) || moved(k.projected) || moved(k.projectedStatus);

const coverageText = (value: number | undefined) => (value === undefined ? "–" : percentOf(value));

function KpiRow({ kpi }: { kpi: KpiChange }) {
  const styles = useFigureStyles();
  const { unit } = kpi;
  const projectedDelta =
    kpi.projected.plan !== undefined && kpi.projected.scenario !== undefined && moved(kpi.projected)
      ? `${changeInUnit(kpi.projected.scenario - kpi.projected.plan, unit, { scale: kpi.projected.plan })}, was ${levelInUnit(kpi.projected.plan, unit)}`
      : undefined;
  const coverageDelta = moved(kpi.coverage) ? `was ${coverageText(kpi.coverage.plan)}` : undefined;
  const closureDelta = moved(kpi.closure) ? `was ${kpi.closure.plan ?? "–"}` : undefined;
  return (
    <tr data-kpi={kpi.kpiId}>
      <th scope="row" className={mergeClasses(styles.cell, styles.head)}>
        {kpi.kpiId} {kpi.name}
      </th>
      <FigureCell show={coverageText(kpi.coverage.scenario)} delta={coverageDelta} />
      <FigureCell show={kpi.projected.scenario === undefined ? "–" : levelInUnit(kpi.projected.scenario, unit)} delta={projectedDelta} />
      <FigureCell show={kpi.closure.scenario ?? "–"} delta={closureDelta} />
    </tr>
  );
}

/** The KPIs whose gap-to-target bridge the scenario moves: coverage, projected value and closure, each with the plan's. */
export const WhatIfKpis = memo(function WhatIfKpis({ kpis }: { kpis: readonly KpiChange[] }) {
  const styles = useFigureStyles();
  const changed = kpis.filter(kpiChanged);
  if (changed.length === 0) return <Caption1 data-testid="whatif-kpis">The scenario moves no KPI&apos;s bridge.</Caption1>;
  const listed = changed.slice(0, KPI_LIMIT);
  const numberHead = mergeClasses(styles.cell, styles.head, styles.number);
  return (
    <>
      <table className={styles.table} data-testid="whatif-kpis">
        <caption className={styles.caption}>KPIs whose bridge the scenario moves; under each figure the plan&apos;s</caption>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
              KPI
            </th>
            <th scope="col" className={numberHead}>
              Coverage
            </th>
            <th scope="col" className={numberHead}>
              Projected
            </th>
            <th scope="col" className={numberHead}>
              Closure
            </th>
          </tr>
        </thead>
        <tbody>
          {listed.map((kpi) => (
            <KpiRow key={kpi.kpiId} kpi={kpi} />
          ))}
        </tbody>
      </table>
      {changed.length > listed.length && (
        <Caption1>{`${wholeNumber(changed.length - listed.length)} more KPIs move: Write scenario puts them all on the "CVM Scenario" sheet.`}</Caption1>
      )}
    </>
  );
});
