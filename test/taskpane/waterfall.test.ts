import type { KpiGap } from "../../src/domain/analysis/result";
import { changeInUnit, levelInUnit } from "../../src/domain/common/units";
import {
  bridgeCaption,
  bridgeRows,
  closureSentence,
  defaultBridgeKpi,
  hasBridge,
  waterfallName,
} from "../../src/taskpane/components/kpis/bridgeText";
import {
  amountBox,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartable,
  niceStep,
  overlaps,
  textBox,
  valueDomain,
  waterfall,
  type ChartableKpi,
  type Waterfall,
} from "../../src/taskpane/components/kpis/waterfall";

// K2 of the sample: 6,000 households a month against 9,000; I01 +1,500 × 0.8 and I02 +800 × 0.5.
const K2: ChartableKpi = {
  value: 6000,
  target: 9000,
  unit: "households",
  steps: [
    { initiativeId: "I01", change: 1200, favourable: 1200 },
    { initiativeId: "I02", change: 400, favourable: 400 },
  ],
};

// K3: postpaid churn in %, lower is better: both steps lower it, towards the target.
const K3: ChartableKpi = {
  value: 0.0138,
  target: 0.013,
  unit: "%",
  steps: [
    { initiativeId: "I05", change: -0.0005, favourable: 0.0005 },
    { initiativeId: "I09", change: -0.00032, favourable: 0.00032 },
  ],
};

// K12: care calls, lower is better, and I13 raises them: a step away from the target.
const K12: ChartableKpi = { value: 88, target: 80, unit: "calls", steps: [{ initiativeId: "I13", change: 2, favourable: -2 }] };

const bottomOf = (box: { y: number; height: number }) => box.y + box.height;
const bar = (w: Waterfall, key: string) => w.bars.find((b) => b.key === key) ?? fail(`no bar ${key}`);
/** The y of a level, read off the ticks' positions (the scale is linear). */
const yAt = (w: Waterfall, level: number) => {
  const [a, b] = w.ticks;
  return a.y + ((level - a.value) / (b.value - a.value)) * (b.y - a.y);
};

describe("the waterfall's geometry", () => {
  it("cumulates the steps: each floating bar starts where the previous bar ends, and the projected bar ends at the last step", () => {
    const w = waterfall(K2);
    expect(w.bars.map((b) => [b.kind, b.label, b.amount, b.from, b.to])).toEqual([
      ["value", "Now", "6,000", 4000, 6000],
      ["step", "I01", "+1,200", 6000, 7200],
      ["step", "I02", "+400", 7200, 7600],
      ["projected", "Projected", "7,600", 4000, 7600],
    ]);
    const [value, i01, i02, projected] = w.bars;
    expect(bottomOf(i01)).toBeCloseTo(value.y, 9);
    expect(bottomOf(i02)).toBeCloseTo(i01.y, 9);
    expect(projected.y).toBeCloseTo(i02.y, 9);
    expect(i01.y).toBeCloseTo(yAt(w, 7200), 9);
    // The heights are proportional to the changes: +1,200 is three times +400.
    expect(i01.height / i02.height).toBeCloseTo(3, 9);
    expect(w.connectors.map((c) => c.y)).toEqual([value.y, i01.y, i02.y]);
    expect(w.bars.filter((b) => b.kind === "step").map((b) => b.favourable)).toEqual([true, true]);
    // The bars sit side by side, left to right, inside the plot.
    for (let i = 1; i < w.bars.length; i++) expect(w.bars[i].x).toBeGreaterThan(w.bars[i - 1].x + w.bars[i - 1].width);
    expect(w.bars[0].x).toBeGreaterThan(w.plot.left);
    expect(w.bars[3].x + w.bars[3].width).toBeLessThan(w.plot.right);
  });

  it("draws a negative step downwards from the previous level, with its amount under it", () => {
    const w = waterfall(K3);
    const [value, i05, i09, projected] = w.bars;
    expect(i05.y).toBeCloseTo(value.y, 9);
    expect(bottomOf(i05)).toBeCloseTo(yAt(w, 0.0133), 9);
    expect(i09.y).toBeCloseTo(bottomOf(i05), 9);
    expect(projected.y).toBeCloseTo(bottomOf(i09), 9);
    expect(i05.amountY).toBeGreaterThan(bottomOf(i05));
    expect(value.amountY).toBeLessThan(value.y);
    expect([i05.favourable, i09.favourable]).toEqual([true, true]);
  });

  it("marks a step away from the target as unfavourable, whatever its sign", () => {
    const w = waterfall(K12);
    expect(bar(w, "I13")).toMatchObject({ kind: "step", amount: "+2", from: 88, to: 90, favourable: false });
    expect(bar(w, "I13").amountY).toBeLessThan(bar(w, "I13").y);
  });

  it("puts the target line at the target's level across the plot, its label clear of every bar and amount", () => {
    for (const kpi of [K2, K3, K12]) {
      const w = waterfall(kpi);
      expect(w.target.y).toBeCloseTo(yAt(w, kpi.target), 9);
      expect([w.target.x1, w.target.x2]).toEqual([w.plot.left, w.plot.right]);
      const label = textBox(w.target.label, w.target.labelX, w.target.labelY, w.target.anchor);
      for (const b of w.bars) expect(overlaps(label, amountBox(b))).toBe(false);
    }
    const k2 = waterfall(K2);
    expect(k2.target.label).toBe("Target 9,000");
    // 9,000 is above the projected 7,600: the line is higher on the screen than the projected bar's top.
    expect(k2.target.y).toBeLessThan(bar(k2, "projected").y);
    const label = textBox(k2.target.label, k2.target.labelX, k2.target.labelY, k2.target.anchor);
    for (const b of k2.bars) expect(overlaps(label, b)).toBe(false);
  });

  it("shows a percent KPI in % on its axis and its steps in percentage points", () => {
    const w = waterfall(K3);
    expect(w.axisTitle).toBe("%");
    expect(w.ticks.map((t) => t.label)).toEqual(["1.2%", "1.25%", "1.3%", "1.35%", "1.4%"]);
    expect(w.bars.map((b) => b.amount)).toEqual(["1.38%", "−0.05 pp", "−0.032 pp", "1.298%"]);
    expect(w.target.label).toBe("Target 1.3%");
    expect(w.axisFrom).toBe(0.012);
  });

  it("names a money KPI's unit before the number, and another unit over the axis", () => {
    const money = waterfall({ value: 11.5, target: 11.8, unit: "€", steps: [{ initiativeId: "I07", change: 0.18, favourable: 0.18 }] });
    expect(money.axisTitle).toBe("€");
    expect(money.bars.map((b) => b.amount)).toEqual(["€11.5", "+€0.18", "€11.68"]);
    expect(waterfall(K2).axisTitle).toBe("households");
  });

  it("starts the axis at zero when the levels are near it, and says where it starts otherwise", () => {
    expect(valueDomain([2, 10])).toEqual({ min: 0, max: 15, step: 5 });
    const near = waterfall({ value: 2, target: 10, unit: "pts", steps: [{ initiativeId: "I1", change: 5, favourable: 5 }] });
    expect(near.axisFrom).toBeUndefined();
    expect(bar(near, "value").from).toBe(0);
    expect(waterfall(K2).axisFrom).toBe(4000);
    // Below zero, the bars hang from zero.
    const below = waterfall({ value: -500, target: 100, unit: "subs", steps: [{ initiativeId: "I1", change: 300, favourable: 300 }] });
    expect(bar(below, "value")).toMatchObject({ from: 0, to: -500 });
    expect(bar(below, "value").amountY).toBeGreaterThan(bottomOf(bar(below, "value")));
  });

  it("cuts the axis at round ticks", () => {
    expect(niceStep(1290 * 4)).toBe(2000);
    expect(niceStep(0.0014)).toBe(0.0005);
    expect(niceStep(7)).toBe(2);
    const w = waterfall(K2);
    expect(w.ticks.map((t) => t.value)).toEqual([4000, 6000, 8000, 10000]);
    expect(w.ticks[0].y).toBeCloseTo(w.plot.bottom, 9);
    expect(w.ticks[3].y).toBeCloseTo(w.plot.top, 9);
  });

  it("keeps a pane's width for a few steps and widens the viewBox, never the labels' room, for many", () => {
    expect([waterfall(K2).width, waterfall(K2).height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const steps = Array.from({ length: 9 }, (_, i) => ({ initiativeId: `I${i + 10}`, change: 100, favourable: 100 }));
    const wide = waterfall({ ...K2, steps });
    expect(wide.width).toBeGreaterThan(CHART_WIDTH);
    expect(wide.bars).toHaveLength(11);
    const slot = wide.bars[1].center - wide.bars[0].center;
    expect(slot).toBeGreaterThanOrEqual(50);
    expect(wide.bars[10].x + wide.bars[10].width).toBeLessThan(wide.width);
  });

  it("still draws a step of nothing, as a hairline", () => {
    const w = waterfall({ ...K2, steps: [{ initiativeId: "I01", change: 0, favourable: 0 }] });
    expect(bar(w, "I01").height).toBe(1);
    expect(bar(w, "I01").amount).toBe("0");
  });
});

const gap = (fields: Partial<KpiGap>): KpiGap => ({
  kpiId: "K2",
  name: "Converged net adds per month",
  category: "",
  unit: "households",
  direction: "higher",
  status: "Off track",
  betIds: [],
  sheet: "KPIs",
  cell: "A3",
  ...fields,
});

describe("what has a waterfall", () => {
  it("is a KPI with a value, a target and at least one step", () => {
    expect(chartable(gap({ value: 6000, target: 9000, closure: "Partly closed", steps: K2.steps }))).toEqual(K2);
    expect(chartable(gap({ value: 6000, target: 9000, closure: "Not addressed", steps: [] }))).toBeUndefined();
    expect(
      chartable(gap({ target: 0.45, closure: "No data", steps: [{ initiativeId: "I06", change: 0.035, favourable: 0.035 }] })),
    ).toBeUndefined();
    expect(chartable(gap({ value: 6000, target: 9000, closure: "Unknown", steps: K2.steps }))).toBeUndefined();
    expect(chartable(gap({ value: 6000, target: 9000, steps: K2.steps }))).toBeUndefined();
  });

  it("opens on the first KPI behind its target with steps, else the first", () => {
    const k1 = gap({ kpiId: "K1", gap: -1, steps: K2.steps });
    const k2 = gap({ kpiId: "K2", gap: 3000, steps: [] });
    const k3 = gap({ kpiId: "K3", gap: 0.0008, steps: K3.steps });
    expect(defaultBridgeKpi([k1, k2, k3])?.kpiId).toBe("K3");
    expect(defaultBridgeKpi([k1, k2])?.kpiId).toBe("K1");
    expect(defaultBridgeKpi([])).toBeUndefined();
    expect(hasBridge([k1])).toBe(false);
    expect(hasBridge([k1, gap({ closure: "No data" })])).toBe(true);
  });
});

describe("the bridge in words", () => {
  it("names the chart with every figure it draws", () => {
    expect(waterfallName("K2", K2)).toBe(
      "K2 waterfall: 6,000 households now, +1,200 households from I01, +400 households from I02, projected 7,600 households against a target of 9,000 households.",
    );
    expect(waterfallName("K3", K3)).toBe(
      "K3 waterfall: 1.38% now, −0.05 pp from I05, −0.032 pp from I09, projected 1.298% against a target of 1.3%.",
    );
    expect(waterfallName("K12", K12)).toBe(
      "K12 waterfall: 88 calls now, +2 calls from I13 (away from the target), projected 90 calls against a target of 80 calls.",
    );
  });

  it("gives the table one row per bar and one for the target, with the unit in the caption when it follows the number", () => {
    expect(bridgeRows(K2).map((r) => [r.label, r.change, r.level, r.effect])).toEqual([
      ["Now", "", "6,000", ""],
      ["I01", "+1,200", "7,200", "Towards the target"],
      ["I02", "+400", "7,600", "Towards the target"],
      ["Projected", "+1,600", "7,600", ""],
      ["Target", "", "9,000", ""],
    ]);
    expect(bridgeRows(K12)[1]).toMatchObject({ change: "+2", effect: "Away from the target" });
    expect(bridgeRows(K3).map((r) => r.change)).toEqual(["", "−0.05 pp", "−0.032 pp", "−0.082 pp", ""]);
    expect(bridgeCaption({ kpiId: "K2", name: "Converged net adds per month", unit: "households" })).toBe(
      "K2 Converged net adds per month, in households: from now to the projected value, step by step",
    );
    expect(bridgeCaption({ kpiId: "K3", name: "Postpaid monthly churn", unit: "%" })).toBe(
      "K3 Postpaid monthly churn: from now to the projected value, step by step",
    );
    expect(bridgeCaption({ kpiId: "K5", name: "Blended ARPU", unit: "€" })).toBe(
      "K5 Blended ARPU: from now to the projected value, step by step",
    );
  });

  it("says how far the impacts close the gap, and what is still to find", () => {
    expect(closureSentence(gap({ gap: 3000, planned: 1600, residual: 1400, coverage: 1600 / 3000, closure: "Partly closed" }))).toBe(
      "The planned impacts close 53% of the gap of 3,000 households: 1,600 households planned, so 1,400 households is still to find.",
    );
    expect(closureSentence(gap({ gap: 0.3, target: 11.8, planned: 0.3, residual: 6.7e-16, closure: "Closed", unit: "€" }))).toBe(
      "The planned impacts close the whole gap of €0.3 (€0.3 planned): nothing is left to find.",
    );
    expect(closureSentence(gap({ gap: 0.05, target: 18.2, planned: 0.052, residual: -0.002, closure: "Closed", unit: "€" }))).toBe(
      "The planned impacts close the whole gap of €0.05 (€0.052 planned, €0.002 beyond the target): nothing is left to find.",
    );
    expect(closureSentence(gap({ kpiId: "K12", gap: 8, planned: -2, residual: 10, closure: "Not addressed", unit: "calls" }))).toBe(
      "No planned impact moves K12 towards its target, and the impacts planned move it 2 calls away from it: 10 calls is still to find.",
    );
    expect(closureSentence(gap({ kpiId: "K16", closure: "No data", target: 0.45 }))).toBe(
      "K16 has no actual or forecast value, so its gap and bridge cannot be worked out: add one on the KPIs sheet.",
    );
    expect(closureSentence(gap({ kpiId: "K4", closure: "On track" }))).toBe("K4 already meets its target, so there is nothing to find.");
    expect(closureSentence(gap({ closure: "Unknown" }))).toContain("its bridge is unknown");
  });
});

describe("the pane's unit formats", () => {
  it("writes levels and signed changes in the KPI's unit", () => {
    expect([
      levelInUnit(0.0138, "%"),
      levelInUnit(6000, "households"),
      levelInUnit(6000, "households", { bare: true }),
      levelInUnit(-3, "€"),
      levelInUnit(-26, "pts"),
    ]).toEqual(["1.38%", "6,000 households", "6,000", "−€3", "−26 pts"]);
    expect([
      changeInUnit(-0.0005, "%"),
      changeInUnit(-0.0005, "%", { bare: true }),
      changeInUnit(1200, "households"),
      changeInUnit(0.03, "€"),
      changeInUnit(-4, ""),
    ]).toEqual(["−0.05 pp", "−0.05 pp", "+1,200 households", "+€0.03", "−4"]);
    // A rounding leftover of the KPI's level reads as no change.
    expect(changeInUnit(6.7e-16, "€", { scale: 11.8 })).toBe("€0");
  });
});
