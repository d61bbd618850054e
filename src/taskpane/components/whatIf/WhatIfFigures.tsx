import { memo } from "react";
import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import { findingCounts } from "../../../domain/analysis/findingCounts";
import type { BetChange, Change, WhatIf } from "../../../domain/whatIf/whatIf";
import { percent } from "../shared/format";
import { amount, amountDelta, pointsDelta } from "./whatIfText";

export const useFigureStyles = makeStyles({
  // Plain HTML tables: header scopes let a screen reader read each figure with its row and column.
  table: { width: "100%", borderCollapse: "collapse", ...typographyStyles.caption1, color: tokens.colorNeutralForeground1 },
  cell: {
    textAlign: "left",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // A figure breaks at its spaces ("7,600 households") but never inside a number; only a long name breaks anywhere.
    overflowWrap: "break-word",
  },
  caption: { ...typographyStyles.caption1Strong, textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
  head: { fontWeight: tokens.fontWeightSemibold },
  number: { textAlign: "right" },
  changed: { fontWeight: tokens.fontWeightSemibold },
  was: { display: "block", color: tokens.colorNeutralForeground2, whiteSpace: "normal" },
});

/** The scenario's figure, and under it, when it differs, by how much and from what. */
export function FigureCell({ show, delta }: { show: string; delta?: string }) {
  const styles = useFigureStyles();
  return (
    <td className={mergeClasses(styles.cell, styles.number)}>
      <span className={delta !== undefined ? styles.changed : undefined}>{show}</span>
      {delta !== undefined && <span className={styles.was}>{delta}</span>}
    </td>
  );
}

interface SummaryRow {
  readonly key: string;
  readonly label: string;
  readonly plan: string;
  readonly scenario: string;
  readonly change: string;
}

function summaryRows(whatIf: WhatIf): SummaryRow[] {
  const { comparison } = whatIf;
  const { score, totalBudget, untracedBudget, appeared, resolved } = comparison;
  const findingChange = [appeared.length && `+${appeared.length} appear`, resolved.length && `−${resolved.length} go away`]
    .filter(Boolean)
    .join(", ");
  return [
    {
      key: "score",
      label: "Alignment score",
      plan: percent(score.plan),
      scenario: percent(score.scenario),
      change: pointsDelta(score.plan, score.scenario, "points") ?? "–",
    },
    {
      key: "budget",
      label: "Budget",
      plan: amount(totalBudget.plan),
      scenario: amount(totalBudget.scenario),
      change: amountDelta(totalBudget.plan, totalBudget.scenario) ?? "–",
    },
    {
      key: "untraced",
      label: "Untraced budget",
      plan: amount(untracedBudget.plan),
      scenario: amount(untracedBudget.scenario),
      change: amountDelta(untracedBudget.plan, untracedBudget.scenario) ?? "–",
    },
    {
      key: "findings",
      label: "Findings",
      plan: findingCounts(whatIf.plan.findings),
      scenario: findingCounts(whatIf.scenario.findings),
      change: findingChange || "–",
    },
  ];
}

/**
 * Score, budget, untraced budget and findings: the plan's, the scenario's and the change, side by
 * side. The figure components are memoised: an edit first renders the field's new text with the
 * old figures (useScenarioResult defers them), and they need not render again for that.
 */
export const WhatIfSummary = memo(function WhatIfSummary({ whatIf }: { whatIf: WhatIf }) {
  const styles = useFigureStyles();
  const head = mergeClasses(styles.cell, styles.head);
  const numberHead = mergeClasses(styles.cell, styles.head, styles.number);
  const figure = mergeClasses(styles.cell, styles.number);
  return (
    <table className={styles.table} data-testid="whatif-figures">
      <caption className={styles.caption}>The plan and the scenario</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            Figure
          </th>
          <th scope="col" className={numberHead}>
            Plan
          </th>
          <th scope="col" className={numberHead}>
            Scenario
          </th>
          <th scope="col" className={numberHead}>
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {summaryRows(whatIf).map((row) => (
          <tr key={row.key} data-figure={row.key}>
            <th scope="row" className={head}>
              {row.label}
            </th>
            <td className={figure}>{row.plan}</td>
            <td className={mergeClasses(figure, row.change !== "–" && styles.changed)}>{row.scenario}</td>
            <td className={figure}>{row.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const wasShare = (c: Change<number>): string | undefined => {
  const delta = pointsDelta(c.plan, c.scenario);
  return delta && `${delta}, was ${percent(c.plan)}`;
};

function BetRow({ bet }: { bet: BetChange }) {
  const styles = useFigureStyles();
  const allocationChanged = bet.allocation.plan !== bet.allocation.scenario;
  return (
    <tr data-bet={bet.betId}>
      <th scope="row" className={mergeClasses(styles.cell, styles.head)} title={bet.statement}>
        {bet.betId}
        <span className={styles.was}>
          <span className={allocationChanged ? styles.changed : undefined}>{bet.allocation.scenario ?? "No data"}</span>
          {allocationChanged && `, was ${bet.allocation.plan ?? "No data"}`}
        </span>
      </th>
      <FigureCell show={percent(bet.budgetShare.scenario)} delta={wasShare(bet.budgetShare)} />
      <FigureCell show={percent(bet.weight.scenario)} delta={wasShare(bet.weight)} />
      <FigureCell show={percent(bet.coverage.scenario)} delta={wasShare(bet.coverage)} />
    </tr>
  );
}

/** Per bet, the scenario's budget share against its weight and its coverage, each with the change from the plan. */
export const WhatIfBets = memo(function WhatIfBets({ whatIf }: { whatIf: WhatIf }) {
  const styles = useFigureStyles();
  const numberHead = mergeClasses(styles.cell, styles.head, styles.number);
  return (
    <table className={styles.table} data-testid="whatif-bets">
      <caption className={styles.caption}>
        Budget share against weight per bet, in the scenario (each weight as a share of all the weights); under each figure its change from
        the plan
      </caption>
      <thead>
        <tr>
          <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
            Bet, allocation
          </th>
          <th scope="col" className={numberHead}>
            Budget share
          </th>
          <th scope="col" className={numberHead}>
            Weight
          </th>
          <th scope="col" className={numberHead}>
            Coverage
          </th>
        </tr>
      </thead>
      <tbody>
        {whatIf.comparison.bets.map((bet) => (
          <BetRow key={bet.betId} bet={bet} />
        ))}
      </tbody>
    </table>
  );
});
