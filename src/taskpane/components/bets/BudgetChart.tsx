import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import { ArrowDown16Regular, ArrowUp16Regular } from "@fluentui/react-icons";
import type { BetAlignment } from "../../../domain/analysis/result";
import { allocationLabel } from "../../../domain/sheets/reportTables";
import { percent, pointsApart } from "../shared/format";
import { percentNumber } from "../../../domain/common/units";
import { largest } from "../../../domain/common/extremes";
import { betPlace } from "../../paneViews";

/*
 * Bar colours are theme tokens meant for text on the pane's background, so that every bar keeps
 * at least 3:1 against it in the light and the dark theme (WCAG 1.4.11); the browser test measures
 * them. A flagged bar is hatched and outlined, and the line under it says which way it is off, so
 * that nothing rests on colour alone.
 */
const BUDGET = tokens.colorBrandForeground1;
const WEIGHT = tokens.colorNeutralForeground3;
const OFF = tokens.colorPaletteRedForeground1;

const hatch = (angle: number) => `repeating-linear-gradient(${angle}deg, ${OFF} 0 2px, transparent 2px 5px)`;
const forcedHatch = (angle: number) => `repeating-linear-gradient(${angle}deg, Highlight 0 2px, Canvas 2px 5px)`;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  // HTML rather than a scaled SVG: the text keeps its size at any pane width and wraps when it must.
  bet: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr) max-content",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: "center",
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground1,
  },
  name: { gridColumn: "1 / -1", overflowWrap: "anywhere" },
  betId: { fontWeight: tokens.fontWeightSemibold },
  measure: { color: tokens.colorNeutralForeground2 },
  track: { height: "10px", display: "block" },
  bar: { display: "block", height: "100%", boxSizing: "border-box" },
  // Under forced colours (Windows high contrast) backgrounds are repainted with the page's colour
  // and a bar of colour alone would vanish: there the bars take the system's colours instead,
  // the budget solid in Highlight, the weight outlined in CanvasText, so they still differ by shape.
  budget: {
    backgroundColor: BUDGET,
    "@media (forced-colors: active)": { forcedColorAdjust: "none", backgroundColor: "Highlight" },
  },
  weight: {
    backgroundColor: WEIGHT,
    "@media (forced-colors: active)": {
      forcedColorAdjust: "none",
      backgroundColor: "Canvas",
      border: `${tokens.strokeWidthThick} solid CanvasText`,
    },
  },
  // Over- and under-funding are hatched in opposite directions; the text under the bars says which.
  over: {
    backgroundColor: "transparent",
    backgroundImage: hatch(45),
    border: `${tokens.strokeWidthThick} solid ${OFF}`,
    "@media (forced-colors: active)": {
      backgroundColor: "Canvas",
      backgroundImage: forcedHatch(45),
      border: `${tokens.strokeWidthThick} solid Highlight`,
    },
  },
  under: {
    backgroundColor: "transparent",
    backgroundImage: hatch(-45),
    border: `${tokens.strokeWidthThick} solid ${OFF}`,
    "@media (forced-colors: active)": {
      backgroundColor: "Canvas",
      backgroundImage: forcedHatch(-45),
      border: `${tokens.strokeWidthThick} solid Highlight`,
    },
  },
  value: { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  flag: {
    gridColumn: "1 / -1",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
    color: OFF,
    fontWeight: tokens.fontWeightSemibold,
  },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: 0 },
});

/** The line under a flagged bet: which way its budget is off its weight, and by how much. */
function AllocationFlag({ bet }: { bet: BetAlignment }) {
  const styles = useStyles();
  const gap = bet.allocationGapPoints ?? 0;
  const over = gap > 0;
  const Icon = over ? ArrowUp16Regular : ArrowDown16Regular;
  return (
    <span className={styles.flag} data-allocation={allocationLabel(bet)}>
      <Icon aria-hidden="true" />
      {`${allocationLabel(bet)}: ${pointsApart(gap)} ${over ? "above" : "below"} its weight`}
    </span>
  );
}

function Bar({ kind, share, max, offClass }: { kind: "budget" | "weight"; share: number | undefined; max: number; offClass?: string }) {
  const styles = useStyles();
  const width = `${(((share ?? 0) / max) * 100).toFixed(2)}%`;
  return (
    <>
      <span className={styles.measure}>{kind === "budget" ? "Budget" : "Weight"}</span>
      {/* The bar repeats the figure beside it, so assistive technology skips it. */}
      <span className={styles.track} aria-hidden="true">
        <span className={mergeClasses(styles.bar, styles[kind], offClass)} style={{ width }} data-bar={kind} />
      </span>
      <span className={styles.value}>{share === undefined ? "unknown" : percent(share)}</span>
    </>
  );
}

/**
 * Budget share against normalised weight per bet, as a pair of bars with their figures; a bet
 * whose share is off its weight by more than the threshold gets a line saying so.
 */
export function BudgetChart({ bets, threshold }: { bets: readonly BetAlignment[]; threshold: number }) {
  const styles = useStyles();
  const max = largest([0.01, ...bets.flatMap((b) => [b.budgetShare ?? 0, b.normalizedWeight ?? 0])]);
  return (
    <figure className={styles.root}>
      <ul className={styles.list} aria-label="Budget share and weight by bet">
        {bets.map((bet) => {
          const offClass = bet.allocationFlag ? ((bet.allocationGapPoints ?? 0) > 0 ? styles.over : styles.under) : undefined;
          return (
            // Focusable by script only: the overview leads here from a finding about the bet.
            <li key={bet.betId} className={styles.bet} data-bet={bet.betId} data-place={betPlace(bet.betId)} tabIndex={-1}>
              <span className={styles.name}>
                <span className={styles.betId}>{bet.betId}</span> {bet.statement}
              </span>
              <Bar kind="budget" share={bet.budgetShare} max={max} offClass={offClass} />
              <Bar kind="weight" share={bet.normalizedWeight} max={max} />
              {bet.allocationFlag && <AllocationFlag bet={bet} />}
            </li>
          );
        })}
      </ul>
      <figcaption className={styles.note}>
        Bars are drawn to the largest share. A hatched budget bar is more than {percentNumber(threshold)} points off the bet&apos;s weight.
      </figcaption>
    </figure>
  );
}
