import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { percentOf } from "../../../domain/common/units";
import { trendName, trendScale, trendSummary, type TrendPoint } from "./reviewText";

/*
 * The line and its points use a token meant for text on the pane's background, so they keep at
 * least 3:1 against it in the light and the dark theme (WCAG 1.4.11); the browser test measures
 * it. The grid lines only frame the plot and carry no figure.
 */
const LINE = tokens.colorBrandForeground1;
const GRID = tokens.colorNeutralStroke2;

/** The drawing's own units: it scales with the pane, keeping its proportions, and holds no text. */
const WIDTH = 280;
const HEIGHT = 72;
const PAD = 6;

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  svg: { display: "block", width: "100%", height: "auto", maxWidth: "420px" },
  summary: { fontWeight: tokens.fontWeightSemibold },
  caption: { color: tokens.colorNeutralForeground2 },
});

interface Placed extends TrendPoint {
  readonly x: number;
  readonly y?: number;
}

function place(points: readonly TrendPoint[]): Placed[] {
  const { low, high } = trendScale(points);
  // Evenly spaced by review, not by date: the reviews are the steps a planner compares.
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  return points.map((p, i) => ({
    ...p,
    x: PAD + i * step,
    y: p.score === undefined ? undefined : PAD + (1 - (p.score - low) / (high - low)) * (HEIGHT - 2 * PAD),
  }));
}

/** Consecutive known points joined; an unknown score breaks the line rather than being guessed. */
function segments(points: readonly Placed[]): { from: Placed; to: Placed }[] {
  const out: { from: Placed; to: Placed }[] = [];
  for (let i = 1; i < points.length; i++)
    if (points[i - 1].y !== undefined && points[i].y !== undefined) out.push({ from: points[i - 1], to: points[i] });
  return out;
}

/**
 * The alignment score review by review as a small line: the runs kept in the CVM History sheet,
 * then this analysis as a hollow point joined by a dashed line while it is not yet written. One
 * image to assistive technology, named by every figure; the first and last score are in the text.
 */
export function ScoreTrend({ points, totalRuns }: { points: readonly TrendPoint[]; totalRuns: number }) {
  const styles = useStyles();
  const placed = place(points);
  const { low, high } = trendScale(points);
  const summary = trendSummary(points);
  const hasNow = points.some((p) => p.now);
  return (
    <figure className={styles.figure}>
      {summary && (
        <Caption1 className={styles.summary} data-testid="trend-summary">
          Score {summary}
        </Caption1>
      )}
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={trendName(points, totalRuns)}
        data-testid="score-trend"
      >
        {[PAD, HEIGHT - PAD].map((y) => (
          <line key={y} x1={0} x2={WIDTH} y1={y} y2={y} style={{ stroke: GRID, strokeWidth: 1 }} />
        ))}
        {segments(placed).map(({ from, to }) => (
          <line
            key={from.x}
            data-trend-line
            x1={from.x}
            y1={from.y}
            x2={to.x}
            y2={to.y}
            style={{ stroke: LINE, strokeWidth: 2, strokeDasharray: to.now ? "4 3" : undefined }}
          />
        ))}
        {placed.map((p) =>
          p.y === undefined ? null : (
            <circle
              key={p.x}
              data-trend-point={p.now ? "now" : "run"}
              cx={p.x}
              cy={p.y}
              r={3.5}
              style={{ fill: p.now ? tokens.colorNeutralBackground1 : LINE, stroke: LINE, strokeWidth: 2 }}
            />
          ),
        )}
      </svg>
      <Caption1 className={styles.caption}>
        From {percentOf(low)} (bottom) to {percentOf(high)} (top), one point per review
        {hasNow ? "; the hollow point is this analysis, not yet written" : ""}.
      </Caption1>
    </figure>
  );
}
