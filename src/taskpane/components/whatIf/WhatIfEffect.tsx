import { memo } from "react";
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import type { ScenarioComparison } from "../../../domain/whatIf/whatIf";
import { effectItems } from "./whatIfText";

const useStyles = makeStyles({
  // Stays at the top of the pane while the fields below scroll, so that the figures an edit moves
  // are in view as it is made. A pane that pins a bar of its own above sets --pane-sticky-top.
  bar: {
    position: "sticky",
    top: "var(--pane-sticky-top, 0px)",
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    paddingBlock: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  list: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground1,
  },
  item: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, minWidth: 0, overflowWrap: "anywhere" },
  label: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
  change: { color: tokens.colorNeutralForeground2 },
});

/**
 * The scenario's effect in one or two lines, kept in view while editing: the score, the budget,
 * the bridge's closures and the findings, each with its change from the plan.
 */
export const WhatIfEffect = memo(function WhatIfEffect({
  comparison,
  withBridge,
}: {
  comparison: ScenarioComparison;
  withBridge: boolean;
}) {
  const styles = useStyles();
  return (
    <div className={styles.bar} role="group" aria-label="The scenario's effect" data-testid="whatif-effect">
      <dl className={styles.list}>
        {effectItems(comparison, withBridge).map((item) => (
          <div key={item.key} className={styles.item} data-effect={item.key}>
            <dt className={styles.label}>{item.label}</dt>
            <dd className={styles.value}>
              {item.value}
              {item.change && <span className={styles.change}>{` (${item.change})`}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
});
