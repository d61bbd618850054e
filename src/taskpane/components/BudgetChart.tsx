import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { BetAlignment } from "../../domain/model";
import { percent } from "./format";

const useStyles = makeStyles({
  legend: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
  swatch: { display: "inline-block", width: "10px", height: "10px", marginRight: tokens.spacingHorizontalXXS },
});

const ROW = 30;
const LABEL = 44;
const WIDTH = 300;

/**
 * Budget share against normalised weight per bet, as paired horizontal bars drawn in SVG: a chart
 * this small does not justify a charting library's weight in the bundle or in the tests.
 */
export function BudgetChart({ bets }: { bets: readonly BetAlignment[] }) {
  const styles = useStyles();
  const max = Math.max(0.01, ...bets.flatMap((b) => [b.budgetShare ?? 0, b.normalizedWeight ?? 0]));
  const scale = (share: number | undefined) => ((share ?? 0) / max) * (WIDTH - LABEL - 50);
  const summary = bets.map((b) => `${b.betId}: budget ${percent(b.budgetShare)}, weight ${percent(b.normalizedWeight)}`).join("; ");
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${bets.length * ROW + 4}`} width="100%" role="img" aria-label={`Budget share against weight. ${summary}`}>
        {bets.map((bet, i) => {
          const y = i * ROW + 2;
          return (
            <g key={bet.betId} data-bet={bet.betId}>
              <text x={0} y={y + 15} fontSize={11} fill={tokens.colorNeutralForeground1}>
                {bet.betId}
              </text>
              <rect x={LABEL} y={y} width={scale(bet.budgetShare)} height={11} fill={bet.allocationFlag ? tokens.colorPaletteRedBackground3 : tokens.colorBrandBackground} />
              <text x={LABEL + scale(bet.budgetShare) + 4} y={y + 10} fontSize={9} fill={tokens.colorNeutralForeground2}>
                {percent(bet.budgetShare)}
              </text>
              <rect x={LABEL} y={y + 13} width={scale(bet.normalizedWeight)} height={11} fill={tokens.colorNeutralStroke1} />
              <text x={LABEL + scale(bet.normalizedWeight) + 4} y={y + 23} fontSize={9} fill={tokens.colorNeutralForeground2}>
                {percent(bet.normalizedWeight)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        <Caption1>
          <span className={styles.swatch} style={{ background: tokens.colorBrandBackground }} />
          Budget share
        </Caption1>
        <Caption1>
          <span className={styles.swatch} style={{ background: tokens.colorNeutralStroke1 }} />
          Weight
        </Caption1>
        <Caption1>
          <span className={styles.swatch} style={{ background: tokens.colorPaletteRedBackground3 }} />
          Off by more than the threshold
        </Caption1>
      </figcaption>
    </figure>
  );
}
