/**
 * The geometry of a KPI's gap-to-target waterfall, kept apart from React so that it can be tested
 * as numbers: where each bar, label, tick and the target line go in the chart's own coordinates.
 * The chart is an SVG with this viewBox drawn at the pane's width, so one layout serves every
 * pane width; only the count of steps widens the viewBox.
 */
import type { BridgeStep, KpiGap } from "../../../domain/analysis/result";
import { changeInUnit, isPercentUnit, levelInUnit } from "../../../domain/common/units";
import { largest, smallest } from "../../../domain/common/extremes";

/** The viewBox's least width, about a narrow pane's (320 px less its padding), so text stays near its nominal size. */
export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 200;
/** Nominal font size of every label, in viewBox units. */
export const FONT_SIZE = 10;

const TOP = 22;
const BOTTOM = 24;
const RIGHT = 6;
/** A slot narrower than this cannot hold a label such as "+1,200" or "Projected". */
const MIN_SLOT = 50;
/** A generous average advance of one character at FONT_SIZE, for fitting labels without measuring text. */
const CHAR_WIDTH = 6.5;
const LINE_HEIGHT = 12;
const LABEL_GAP = 4;
/** How far under the plot the bars' names sit (their text baseline). */
export const BAR_LABEL_OFFSET = 14;

export type BarKind = "value" | "step" | "projected";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WaterfallBar extends Box {
  /** "value", "projected" or the initiative's ID. */
  readonly key: string;
  readonly kind: BarKind;
  /** Under the bar: "Now", the initiative's ID or "Projected". */
  readonly label: string;
  /** On the bar: a level ("6,000", "1.38%") or a signed change ("+1,200", "−0.05 pp"). */
  readonly amount: string;
  /** The KPI's level where the bar starts and ends (value and projected bars start at the axis's base). */
  readonly from: number;
  readonly to: number;
  /** Steps only: whether the step moves the KPI towards its target. */
  readonly favourable?: boolean;
  readonly center: number;
  /** Baseline of the amount's text, above the bar's end, or below it when the bar goes down. */
  readonly amountY: number;
}

export interface Tick {
  readonly value: number;
  readonly y: number;
  readonly label: string;
}

export interface TargetLine {
  readonly value: number;
  readonly y: number;
  readonly x1: number;
  readonly x2: number;
  readonly label: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: "start" | "end";
}

/** The thin line that carries one bar's end level to the next bar's start. */
export interface Connector {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
}

export interface Waterfall {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  readonly bars: readonly WaterfallBar[];
  readonly connectors: readonly Connector[];
  readonly ticks: readonly Tick[];
  readonly target: TargetLine;
  /** The unit named over the axis: "households", "%", "€". */
  readonly axisTitle: string;
  /** The level the value axis starts from when it is not zero (bars then show only the part above it). */
  readonly axisFrom?: number;
}

/** What a waterfall needs of a KPI: known figures and at least one step. */
export interface ChartableKpi {
  readonly value: number;
  readonly target: number;
  readonly unit: string;
  readonly steps: readonly BridgeStep[];
}

/** The KPI's figures if it has a waterfall to draw; without a value, a target or a step there is none. */
export function chartable(kpi: KpiGap): ChartableKpi | undefined {
  if (kpi.closure === undefined || kpi.closure === "No data" || kpi.closure === "Unknown") return undefined;
  if (kpi.value === undefined || kpi.target === undefined || !kpi.steps?.length) return undefined;
  return { value: kpi.value, target: kpi.target, unit: kpi.unit, steps: kpi.steps };
}

/** Floating-point leftovers off: 0.1 × 3 is drawn and labelled as 0.3. */
const tidy = (value: number) => Number(value.toPrecision(12));

/** A round tick interval (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count = 4): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / magnitude;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return tidy(nice * magnitude);
}

/**
 * The value axis's range over the levels to show, on round ticks. A KPI's steps are often tiny
 * against its level (2,940 k subscribers, +6), so the axis starts near the levels rather than at
 * zero, with room under the lowest so that a bar still has some length; it starts at zero when
 * that room would reach it anyway. Room above is for the amounts written over the bars.
 */
export function valueDomain(levels: readonly number[]): { min: number; max: number; step: number } {
  const low = smallest(levels);
  const high = largest(levels);
  const span = high - low || Math.abs(high) || 1;
  let min = low - span * 0.6;
  let max = high + span * 0.2;
  if (low >= 0 && min <= 0) min = 0;
  if (high <= 0 && max >= 0) max = 0;
  const step = niceStep(max - min);
  return { min: tidy(Math.floor(tidy(min / step)) * step), max: tidy(Math.ceil(tidy(max / step)) * step), step };
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The box a label of `text` takes around its baseline point; `anchor` as SVG's text-anchor. */
export function textBox(text: string, x: number, baseline: number, anchor: "start" | "middle" | "end"): Box {
  const width = text.length * CHAR_WIDTH;
  const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
  return { x: left, y: baseline - FONT_SIZE, width, height: LINE_HEIGHT };
}

/** Where the unit is written, over the axis's tick labels. */
export const AXIS_TITLE = { x: 2, y: 12 } as const;

export const amountBox = (bar: WaterfallBar) => textBox(bar.amount, bar.center, bar.amountY, "middle");
const axisTitleBox = (title: string) => textBox(title, AXIS_TITLE.x, AXIS_TITLE.y, "start");

/** The waterfall of one KPI: the value, one floating bar per step, the projected value and the target. */
export function waterfall(kpi: ChartableKpi): Waterfall {
  const { value, target, unit, steps } = kpi;
  const levels: number[] = [value];
  for (const step of steps) levels.push(levels[levels.length - 1] + step.change);
  const projected = levels[levels.length - 1];
  const domain = valueDomain([...levels, target]);
  const base = Math.min(Math.max(0, domain.min), domain.max);

  const tickValues: number[] = [];
  for (let i = 0; domain.min + i * domain.step <= domain.max + domain.step * 1e-6; i++) tickValues.push(tidy(domain.min + i * domain.step));
  const tickLabels = tickValues.map((v) => levelInUnit(v, unit, { bare: true }));
  const left = Math.max(
    30,
    largest(
      tickLabels.map((l) => l.length),
      0,
    ) *
      CHAR_WIDTH +
      8,
  );

  const slots = steps.length + 2;
  const slot = Math.max(MIN_SLOT, (CHART_WIDTH - left - RIGHT) / slots);
  const width = Math.max(CHART_WIDTH, Math.ceil(left + slots * slot + RIGHT));
  const plot = { left, right: width - RIGHT, top: TOP, bottom: CHART_HEIGHT - BOTTOM };
  const yOf = (level: number) => plot.top + ((domain.max - level) / (domain.max - domain.min)) * (plot.bottom - plot.top);
  const scale = Math.max(Math.abs(value), Math.abs(target));

  const bar = (
    index: number,
    key: string,
    kind: BarKind,
    label: string,
    amount: string,
    from: number,
    to: number,
    favourable?: boolean,
  ): WaterfallBar => {
    const center = left + slot * (index + 0.5);
    const barWidth = slot * 0.6;
    const top = Math.min(yOf(from), yOf(to));
    // A step too small to see still gets a hairline, so that no initiative looks left out.
    const height = Math.max(1, Math.abs(yOf(from) - yOf(to)));
    const falls = yOf(to) > yOf(from);
    return {
      key,
      kind,
      label,
      amount,
      from,
      to,
      favourable,
      center,
      x: center - barWidth / 2,
      y: top,
      width: barWidth,
      height,
      amountY: falls ? top + height + FONT_SIZE + 2 : top - 4,
    };
  };

  const bars: WaterfallBar[] = [bar(0, "value", "value", "Now", levelInUnit(value, unit, { bare: true }), base, value)];
  steps.forEach((step, i) => {
    bars.push(
      bar(
        i + 1,
        step.initiativeId,
        "step",
        step.initiativeId,
        changeInUnit(step.change, unit, { bare: true, scale }),
        levels[i],
        levels[i + 1],
        step.favourable >= 0,
      ),
    );
  });
  bars.push(bar(slots - 1, "projected", "projected", "Projected", levelInUnit(projected, unit, { bare: true }), base, projected));

  // Bar i ends at levels[i]: the value, then the level after each step.
  const connectors = bars.slice(0, -1).map((b, i) => ({ x1: b.x + b.width, x2: bars[i + 1].x, y: yOf(levels[i]) }));
  const axisTitle = unit.trim() === "" ? "" : isPercentUnit(unit) ? "%" : unit.trim();
  const texts = [
    ...bars.flatMap((b) => [amountBox(b), textBox(b.label, b.center, plot.bottom + BAR_LABEL_OFFSET, "middle")]),
    axisTitleBox(axisTitle),
  ];

  return {
    width,
    height: CHART_HEIGHT,
    plot,
    bars,
    connectors,
    ticks: tickValues.map((v, i) => ({ value: v, y: yOf(v), label: tickLabels[i] })),
    target: targetLine(target, `Target ${levelInUnit(target, unit, { bare: true })}`, yOf(target), plot, bars, texts),
    axisTitle,
    axisFrom: domain.min > 0 || domain.max < 0 ? (domain.min > 0 ? domain.min : domain.max) : undefined,
  };
}

/**
 * The target as a line across the plot, its label put where it hides no bar, amount or name:
 * above the line at its left end, else at its right end, else at the first free place along it,
 * then the same below the line. When every place is taken it goes at the first place that hides
 * no text, where the halo the chart draws around it keeps it readable over a bar.
 */
function targetLine(
  value: number,
  label: string,
  y: number,
  plot: Waterfall["plot"],
  bars: readonly Box[],
  texts: readonly Box[],
): TargetLine {
  const width = textBox(label, 0, 0, "start").width;
  const along = (labelY: number) => {
    const places = [
      { labelX: plot.left + 2, labelY, anchor: "start" as const },
      { labelX: plot.right - 2, labelY, anchor: "end" as const },
    ];
    for (let x = plot.left + 2; x + width <= plot.right - 2; x += 2) places.push({ labelX: x, labelY, anchor: "start" as const });
    return places;
  };
  const candidates = [...along(y - 3), ...along(y + FONT_SIZE + 3)];
  const clear = (obstacles: readonly Box[]) => (c: (typeof candidates)[number]) => {
    const box = textBox(label, c.labelX, c.labelY, c.anchor);
    // A few units of clearance, so that the label does not touch the amount beside it.
    const clearance = { ...box, x: box.x - LABEL_GAP, width: box.width + 2 * LABEL_GAP };
    return !obstacles.some((o) => overlaps(o, clearance));
  };
  const place = candidates.find(clear([...bars, ...texts])) ?? candidates.find(clear(texts)) ?? candidates[0];
  return { value, y, x1: plot.left, x2: plot.right, label, ...place };
}
