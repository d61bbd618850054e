import { Fragment, useId, type CSSProperties, type ReactNode } from "react";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { levelInUnit } from "../../../domain/common/units";
import { AXIS_TITLE, BAR_LABEL_OFFSET, FONT_SIZE, waterfall, type ChartableKpi, type WaterfallBar } from "./waterfall";

/*
 * Colours are theme tokens meant for text on the pane's background, so every bar keeps at least
 * 3:1 against it in the light and the dark theme (WCAG 1.4.11); the browser test measures them.
 */
const VALUE = tokens.colorNeutralForeground3;
const PROJECTED = tokens.colorBrandForeground1;
const TOWARDS = tokens.colorPaletteGreenForeground1;
const AWAY = tokens.colorPaletteRedForeground1;
const TEXT = tokens.colorNeutralForeground1;
const MUTED = tokens.colorNeutralForeground2;

/**
 * A label's colour, given as `color` and painted as currentColor: axe-core measures text by its
 * `color`, so it measures what is drawn.
 */
const labelStyle = (color: string): CSSProperties => ({ fill: "currentColor", color });

/**
 * A label's text, stating the pane's background as its own. Every label is drawn on that
 * background, beside its bar and never over one (waterfall.ts places them; the browser test checks
 * that none overlap). axe-core cannot tell the background of text inside an SVG, which it takes
 * for an image (axe-core 4.x, elementHasImage), and so left the labels for review; so stated, it
 * measures their contrast. A background paints nothing on SVG text. The text is in a tspan, which
 * is laid out inline: for a block, axe-core also asks that the element's box hold the text's,
 * which Chromium's SVG text misses by a rounding error.
 */
function Label({ children }: { children: ReactNode }) {
  return <tspan style={{ backgroundColor: tokens.colorNeutralBackground1 }}>{children}</tspan>;
}

/** A halo in the background's colour keeps a label readable where it crosses a grid line or the target line. */
const HALO: CSSProperties = { paintOrder: "stroke", stroke: tokens.colorNeutralBackground1, strokeWidth: 3, strokeLinejoin: "round" };

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  svg: { display: "block", width: "100%", height: "auto" },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: "center",
  },
  key: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

function fillOf(bar: WaterfallBar, hatch: string): string {
  if (bar.kind === "value") return VALUE;
  if (bar.kind === "projected") return PROJECTED;
  return bar.favourable ? TOWARDS : `url(#${hatch})`;
}

function Bar({ bar, hatch }: { bar: WaterfallBar; hatch: string }) {
  // An unfavourable step is hatched and outlined as well as red, so that it does not rely on colour.
  const away = bar.kind === "step" && !bar.favourable;
  return (
    <g
      data-bar={bar.kind}
      data-step={bar.kind === "step" ? bar.key : undefined}
      data-favourable={bar.kind === "step" ? String(bar.favourable) : undefined}
    >
      <rect
        x={bar.x}
        y={bar.y}
        width={bar.width}
        height={bar.height}
        style={{ fill: fillOf(bar, hatch), stroke: away ? AWAY : "none", strokeWidth: away ? 1.5 : 0 }}
      />
    </g>
  );
}

/** A small sample of a bar's look for the legend. */
function Swatch({ fill, hatch, outline }: { fill: string; hatch?: string; outline?: string }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect
        x="0.75"
        y="0.75"
        width="10.5"
        height="10.5"
        style={{ fill: hatch ? `url(#${hatch})` : fill, stroke: outline ?? "none", strokeWidth: outline ? 1.5 : 0 }}
      />
    </svg>
  );
}

/**
 * A KPI's gap-to-target waterfall as an inline SVG: the value, a floating bar per initiative, the
 * projected value and the target as a dashed line. The SVG is one image to assistive technology,
 * named by `name`; the table beside it gives the same figures cell by cell.
 */
export function WaterfallChart({ chart, name }: { chart: ChartableKpi; name: string }) {
  const styles = useStyles();
  // Pattern ids must be unique in the page and plain enough for url(#…): React's ids hold colons.
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const w = waterfall(chart);
  const hasAway = w.bars.some((b) => b.kind === "step" && !b.favourable);
  const hasTowards = w.bars.some((b) => b.kind === "step" && b.favourable);
  return (
    <figure className={styles.figure}>
      <svg className={styles.svg} viewBox={`0 0 ${w.width} ${w.height}`} role="img" aria-label={name} data-testid="waterfall">
        <defs>
          <pattern id={hatch} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="5" height="5" style={{ fill: tokens.colorNeutralBackground1 }} />
            <line x1="0" y1="0" x2="0" y2="5" style={{ stroke: AWAY, strokeWidth: 3 }} />
          </pattern>
        </defs>
        {w.axisTitle && (
          <text x={AXIS_TITLE.x} y={AXIS_TITLE.y} fontSize={FONT_SIZE} style={labelStyle(MUTED)}>
            <Label>{w.axisTitle}</Label>
          </text>
        )}
        {/* A tick's line and label side by side, not in a group: a group's box would take in the
            labels of the bars beside it, and axe-core would find them partly covered. */}
        {w.ticks.map((tick) => (
          <Fragment key={tick.value}>
            <line
              x1={w.plot.left}
              x2={w.plot.right}
              y1={tick.y}
              y2={tick.y}
              style={{ stroke: tokens.colorNeutralStroke2, strokeWidth: 1 }}
            />
            <text x={w.plot.left - 4} y={tick.y + 3.5} textAnchor="end" fontSize={FONT_SIZE} style={labelStyle(MUTED)}>
              <Label>{tick.label}</Label>
            </text>
          </Fragment>
        ))}
        <line
          x1={w.plot.left}
          x2={w.plot.left}
          y1={w.plot.top}
          y2={w.plot.bottom}
          style={{ stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: 1 }}
        />
        {w.connectors.map((c, i) => (
          <line
            key={i}
            x1={c.x1}
            x2={c.x2}
            y1={c.y}
            y2={c.y}
            style={{ stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: 1, strokeDasharray: "2 2" }}
          />
        ))}
        {w.bars.map((bar) => (
          <Bar key={bar.key} bar={bar} hatch={hatch} />
        ))}
        <g data-target-line="">
          <line
            x1={w.target.x1}
            x2={w.target.x2}
            y1={w.target.y}
            y2={w.target.y}
            style={{ stroke: TEXT, strokeWidth: 1.5, strokeDasharray: "6 3" }}
          />
          <text
            x={w.target.labelX}
            y={w.target.labelY}
            textAnchor={w.target.anchor}
            fontSize={FONT_SIZE}
            style={{ ...labelStyle(TEXT), ...HALO, fontWeight: 600 }}
          >
            <Label>{w.target.label}</Label>
          </text>
        </g>
        {/* The labels come after the target line, so that they are drawn over it; their halo keeps
            them readable where it passes behind them (a projection close to its target). */}
        {w.bars.map((bar) => (
          <text
            key={bar.key}
            data-amount={bar.key}
            x={bar.center}
            y={bar.amountY}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            style={{ ...labelStyle(TEXT), ...HALO, fontWeight: 600 }}
          >
            <Label>{bar.amount}</Label>
          </text>
        ))}
        {w.bars.map((bar) => (
          <text
            key={bar.key}
            x={bar.center}
            y={w.plot.bottom + BAR_LABEL_OFFSET}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            style={labelStyle(TEXT)}
          >
            <Label>{bar.label}</Label>
          </text>
        ))}
      </svg>
      <figcaption className={styles.legend}>
        <Caption1 className={styles.key}>
          <Swatch fill={VALUE} />
          Now
        </Caption1>
        {hasTowards && (
          <Caption1 className={styles.key}>
            <Swatch fill={TOWARDS} />
            Towards the target
          </Caption1>
        )}
        {hasAway && (
          <Caption1 className={styles.key}>
            <Swatch fill={AWAY} hatch={hatch} outline={AWAY} />
            Away from the target (hatched)
          </Caption1>
        )}
        <Caption1 className={styles.key}>
          <Swatch fill={PROJECTED} />
          Projected
        </Caption1>
        <Caption1 className={styles.key}>
          <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true" focusable="false">
            <line x1="0" x2="16" y1="6" y2="6" style={{ stroke: TEXT, strokeWidth: 1.5, strokeDasharray: "4 2" }} />
          </svg>
          Target
        </Caption1>
        {w.axisFrom !== undefined && <Caption1>The axis starts at {levelInUnit(w.axisFrom, chart.unit)}, not at zero.</Caption1>}
      </figcaption>
    </figure>
  );
}
