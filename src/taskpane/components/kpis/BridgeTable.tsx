import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import type { BridgeRow } from "./bridgeText";

const useStyles = makeStyles({
  // A plain HTML table: its caption and header scopes are what a screen reader needs to read each
  // figure with its step and column, and Fluent's Table adds nothing here that the pane uses.
  table: { width: "100%", borderCollapse: "collapse", ...typographyStyles.caption1, color: tokens.colorNeutralForeground1 },
  caption: { ...typographyStyles.caption1Strong, textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
  cell: {
    textAlign: "left",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  number: { textAlign: "right" },
  // A figure stays on one line; headers, which name the unit, may wrap.
  figure: { whiteSpace: "nowrap" },
  head: { fontWeight: tokens.fontWeightSemibold },
});

/** The waterfall's figures as a table: one row per bar and one for the target. */
export function BridgeTable({ caption, rows }: { caption: string; rows: readonly BridgeRow[] }) {
  const styles = useStyles();
  const header = mergeClasses(styles.cell, styles.head);
  const numberHeader = mergeClasses(styles.cell, styles.head, styles.number);
  const numberCell = mergeClasses(styles.cell, styles.number, styles.figure);
  return (
    <table className={styles.table} data-testid="bridge-table">
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className={header}>
            Step
          </th>
          <th scope="col" className={numberHeader}>
            Change
          </th>
          <th scope="col" className={numberHeader}>
            Level
          </th>
          <th scope="col" className={header}>
            Effect
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-row={row.key}>
            <th scope="row" className={header}>
              {row.label}
            </th>
            <td className={numberCell}>{row.change}</td>
            <td className={numberCell}>{row.level}</td>
            <td className={styles.cell}>{row.effect}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
