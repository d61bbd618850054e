/**
 * The built task pane in headless Chromium (Debian's, driven by playwright-core), served from
 * dist/ over plain http with office.js from the npm package: outside Office it opens the preview
 * on the bundled sample plan. Needs `npm run build` and /usr/bin/chromium (.ci/run installs it).
 * axe-core audits the page before and after the analysis at the pane widths Excel offers (320, 350
 * and 500 px) in the light and the dark theme and fails on any violation, whatever its impact; the
 * same panes must not scroll sideways. The bridge view, the budget chart and the score trend are checked at those
 * widths for legibility and their colours' contrast, and the pane is worked by keyboard alone.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import {
  analyze,
  ARTIFACTS,
  contrast,
  openView,
  pageOverflow,
  PaneBrowser,
  showsFocus,
  tabUntil,
  violations,
} from "../../testkit/paneBrowser";

const browser = new PaneBrowser();
const { pageErrors } = browser;
let page: Page;

/** Each bar's painted colour (its outline when it is hatched) and the pane's background. */
async function barColors(on: Page): Promise<{ background: string; bars: { kind: string; color: string }[] }> {
  return on.evaluate(() => {
    const background = getComputedStyle(document.querySelector("main") as HTMLElement).backgroundColor;
    const bars = [...document.querySelectorAll('[data-testid="waterfall"] [data-bar] rect')].map((rect) => {
      const style = getComputedStyle(rect);
      return {
        kind: (rect.parentElement as Element).getAttribute("data-bar") ?? "",
        color: style.fill.startsWith("url(") ? style.stroke : style.fill,
      };
    });
    return { background, bars };
  });
}

/** The waterfall's texts as drawn: the smallest font in CSS pixels, the pairs of labels that overlap, its right edge. */
async function chartLayout(on: Page): Promise<{ smallestFont: number; overlapping: string[]; right: number }> {
  return on.evaluate(() => {
    const svg = document.querySelector('[data-testid="waterfall"]') as SVGSVGElement;
    const texts = [...svg.querySelectorAll("text")];
    const scale = svg.getScreenCTM()?.a ?? 0;
    const boxes = texts.map((t) => ({ text: t.textContent ?? "", box: t.getBoundingClientRect() }));
    const overlapping: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (x > 1 && y > 1) overlapping.push(`${a.text} / ${b.text}`);
      }),
    );
    return {
      smallestFont: Math.min(...texts.map((t) => Number(t.getAttribute("font-size")) * scale)),
      overlapping,
      right: svg.getBoundingClientRect().right,
    };
  });
}

/** The budget chart's bars (a hatched bar by its outline), the pane's background and the smallest text in the chart, in CSS pixels. */
async function budgetChart(on: Page): Promise<{
  background: string;
  page: string;
  bars: { bet: string; kind: string; color: string }[];
  smallestFont: number;
  flags: string[];
}> {
  return on.evaluate(() => {
    const list = document.querySelector('[aria-label="Budget share and weight by bet"]') as HTMLElement;
    const figure = list.closest("figure") as HTMLElement;
    const bars = [...list.querySelectorAll("[data-bar]")].map((bar) => {
      const style = getComputedStyle(bar);
      return {
        bet: bar.closest("[data-bet]")?.getAttribute("data-bet") ?? "",
        kind: bar.getAttribute("data-bar") ?? "",
        color: style.backgroundImage === "none" ? style.backgroundColor : style.borderTopColor,
      };
    });
    const fonts: number[] = [];
    const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.textContent?.trim()) fonts.push(parseFloat(getComputedStyle(node.parentElement as Element).fontSize));
    return {
      background: getComputedStyle(document.querySelector("main") as HTMLElement).backgroundColor,
      page: getComputedStyle(document.documentElement).backgroundColor,
      bars,
      smallestFont: Math.min(...fonts),
      flags: [...list.querySelectorAll("[data-allocation]")].map(
        (flag) => `${flag.closest("[data-bet]")?.getAttribute("data-bet")}: ${flag.textContent}`,
      ),
    };
  });
}

/** The score trend's lines and points as painted, the pane's background, the smallest text in the "Since last review" card in CSS pixels, and the trend's right edge. */
async function scoreTrend(
  on: Page,
): Promise<{ background: string; marks: { mark: string; color: string }[]; smallestFont: number; right: number }> {
  return on.evaluate(() => {
    const svg = document.querySelector('[data-testid="score-trend"]') as SVGSVGElement;
    const marks = [...svg.querySelectorAll("[data-trend-line], [data-trend-point]")].map((mark) => ({
      mark: mark.hasAttribute("data-trend-line") ? "line" : `point ${mark.getAttribute("data-trend-point")}`,
      color: getComputedStyle(mark).stroke,
    }));
    const card = document.querySelector('[data-testid="since-last-review"]') as HTMLElement;
    const fonts: number[] = [];
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.textContent?.trim()) fonts.push(parseFloat(getComputedStyle(node.parentElement as Element).fontSize));
    return {
      background: getComputedStyle(document.querySelector("main") as HTMLElement).backgroundColor,
      marks,
      smallestFont: Math.min(...fonts),
      right: svg.getBoundingClientRect().right,
    };
  });
}

/** Waits until the pane has surveyed the workbook and Analyse can be pressed. */
async function ready(on: Page): Promise<void> {
  const button = on.getByRole("button", { name: "Analyse", exact: true });
  await button.waitFor({ timeout: 60_000 });
  await on.waitForFunction(() => {
    const analyze = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Analyse");
    return analyze !== undefined && !analyze.disabled && analyze.getAttribute("aria-disabled") !== "true";
  });
}

/** Waits for the pane's live region to say `text`. */
async function announced(on: Page, text: string): Promise<void> {
  await on
    .waitForFunction((expected) => document.querySelector('[data-testid="pane-status"]')?.textContent === expected, text, {
      timeout: 60_000,
    })
    .catch(async () => {
      throw new Error(`The live region says "${await on.getByTestId("pane-status").textContent()}", not "${text}"`);
    });
}

beforeAll(async () => {
  await browser.start();
  page = await browser.openPane({ width: 420, height: 1400 }, "light");
}, 180_000);

afterAll(() => browser.close());

describe("the task pane in Chromium, outside Office", () => {
  it("opens the preview and lists the sample plan's sheets", async () => {
    await page.getByText("Preview outside Excel").waitFor({ timeout: 60_000 });
    const overview = page.getByRole("table", { name: "Plan sheets" });
    await overview.getByText("Moments of Truth").waitFor();
    expect(await overview.locator('[data-sheet="initiatives"]').textContent()).toContain("18");
  });

  it("analyses the plan and shows the score, a KPI status and a finding", async () => {
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByTestId("score").waitFor();
    expect(await page.getByTestId("score").textContent()).toBe("91.7%");
    await openView(page, "KPIs and bridge");
    expect(await page.locator('[data-kpi="K3"]').textContent()).toContain("Off track");
    await openView(page, "Findings");
    await page.getByText("Initiative I16 traces to no strategic bet.", { exact: false }).waitFor();
    expect(await page.getByRole("heading", { name: "Since last review" }).isVisible()).toBe(true);
    expect(await page.getByTestId("since-line").textContent()).toBe(
      "First review in this workbook: there is no earlier report to compare with.",
    );
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-preview.png"), fullPage: true });
  });

  it("shows each KPI's closure next to its status", async () => {
    await openView(page, "KPIs and bridge");
    const kpis = page.getByRole("table", { name: "KPI gaps" });
    expect(await kpis.getByRole("columnheader", { name: "Status, closure" }).count()).toBe(1);
    expect(await kpis.locator('[data-kpi="K2"] [data-closure]').textContent()).toBe("Partly closed");
    expect(await kpis.locator('[data-kpi="K6"] [data-closure]').textContent()).toBe("Closed");
    expect(await kpis.locator('[data-kpi="K16"] [data-closure]').textContent()).toBe("No data");
  });

  it("draws the waterfall of a KPI picked in the bridge view, and gives its figures as a table", async () => {
    const view = page.getByTestId("bridge-view");
    const picker = page.getByRole("combobox", { name: "KPI" });
    await picker.selectOption("K2");
    const chart = view.getByRole("img", {
      name: "K2 waterfall: 6,000 households now, +1,200 households from I01, +400 households from I02, projected 7,600 households against a target of 9,000 households.",
    });
    await chart.waitFor();
    expect(await chart.locator('[data-bar="value"]').count()).toBe(1);
    expect(await chart.locator('[data-bar="step"]').evaluateAll((bars) => bars.map((bar) => bar.getAttribute("data-step")))).toEqual([
      "I01",
      "I02",
    ]);
    expect(await chart.locator('[data-bar="projected"]').count()).toBe(1);
    expect(await chart.locator("[data-target-line] line").count()).toBe(1);
    expect(await chart.locator("[data-target-line] text").textContent()).toBe("Target 9,000");
    // The steps stack from the value up to the projected bar's top, and the target line is above it (9,000 > 7,600).
    const box = async (selector: string) => (await chart.locator(selector).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const [value, i01, i02, projected, target] = await Promise.all(
      [
        '[data-bar="value"] rect',
        '[data-step="I01"] rect',
        '[data-step="I02"] rect',
        '[data-bar="projected"] rect',
        "[data-target-line] line",
      ].map(box),
    );
    expect(i01.y + i01.height).toBeCloseTo(value.y, 0);
    expect(i02.y + i02.height).toBeCloseTo(i01.y, 0);
    expect(projected.y).toBeCloseTo(i02.y, 0);
    expect(target.y).toBeLessThan(projected.y);
    expect(await view.getByTestId("closure-sentence").textContent()).toContain("close 53% of the gap of 3,000 households");

    // The table is one Tab away from the picker, and opens from the keyboard.
    await picker.focus();
    await page.keyboard.press("Tab");
    const toggle = view.getByRole("button", { name: "Show as table" });
    expect(await toggle.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Enter");
    const table = view.getByRole("table", {
      name: "K2 Converged net adds per month, in households: from now to the projected value, step by step",
    });
    await table.waitFor();
    expect(await view.getByRole("button", { name: "Hide table" }).getAttribute("aria-expanded")).toBe("true");
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => `${cell.tagName}:${cell.textContent}`)));
    expect(await table.locator("thead th").allTextContents()).toEqual(["Step", "Change", "Level", "Effect"]);
    expect(rows).toEqual([
      ["TH:Now", "TD:", "TD:6,000", "TD:"],
      ["TH:I01", "TD:+1,200", "TD:7,200", "TD:Towards the target"],
      ["TH:I02", "TD:+400", "TD:7,600", "TD:Towards the target"],
      ["TH:Projected", "TD:+1,600", "TD:7,600", "TD:"],
      ["TH:Target", "TD:", "TD:9,000", "TD:"],
    ]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await view.screenshot({ path: path.join(ARTIFACTS, "taskpane-bridge.png") });
  });

  it.each([320, 350, 500])(
    "fits the bridge view in a %i px pane, every KPI's waterfall with no label under 9 px and none overlapping",
    async (width) => {
      await page.setViewportSize({ width, height: 1400 });
      const picker = page.getByRole("combobox", { name: "KPI" });
      const ids = await picker.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      const charts: string[] = [];
      for (const id of ids) {
        await picker.selectOption(id);
        await page.locator(`[data-bridge-kpi="${id}"]`).waitFor();
        if ((await page.getByTestId("waterfall").count()) === 0) continue;
        charts.push(id);
        const chart = await chartLayout(page);
        expect({ id, ...chart, legible: chart.smallestFont >= 9 }).toEqual({ id, ...chart, overlapping: [], legible: true });
        expect(chart.right).toBeLessThanOrEqual(width);
      }
      // Every KPI of the sample with planned impacts and figures has a waterfall; K7, K9, K11, K14 and K16 have none.
      expect(charts).toEqual(["K1", "K2", "K3", "K4", "K5", "K6", "K8", "K10", "K12", "K13", "K15"]);
      await picker.selectOption("K2");
      expect(await pageOverflow(page)).toEqual({
        cutOff: [],
        scrollWidth: await page.evaluate(() => document.documentElement.clientWidth),
      });
      await page.getByTestId("bridge-view").screenshot({ path: path.join(ARTIFACTS, `taskpane-bridge-${width}.png`) });
    },
  );

  it("draws every bar at 3:1 or more against the background, in the light and the dark theme", async () => {
    await page.setViewportSize({ width: 420, height: 1400 });
    // K12 has a step away from its target: its hatched bar is measured by its outline.
    await page.getByRole("combobox", { name: "KPI" }).selectOption("K12");
    const dark = await browser.openPane({ width: 350, height: 1400 }, "dark");
    await analyze(dark);
    await openView(dark, "KPIs and bridge");
    await dark.getByRole("combobox", { name: "KPI" }).selectOption("K12");
    const themes = [await barColors(page), await barColors(dark)];
    expect(themes[0].background).not.toBe(themes[1].background);
    for (const { background, bars } of themes) {
      expect(bars.map((b) => b.kind)).toEqual(["value", "step", "projected"]);
      for (const bar of bars) expect({ ...bar, contrast: contrast(bar.color, background) >= 3 }).toEqual({ ...bar, contrast: true });
    }
    await dark.getByTestId("bridge-view").screenshot({ path: path.join(ARTIFACTS, "taskpane-bridge-dark.png") });
    expect(await violations(dark)).toEqual([]);
  });

  it("has no axe-core violation of any impact after the analysis, with the bridge's table open", async () => {
    expect(await page.getByRole("table", { name: /^K12 / }).count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });

  it("writes the report in the preview and reports it in plain words", async () => {
    await page.getByRole("button", { name: "Write to workbook" }).click();
    await page
      .getByText('Wrote the "CVM Gap Analysis" and "CVM History" sheets: review 1 in the workbook\'s history.', { exact: false })
      .waitFor();
  });

  it("compares the next analysis with the report written, and draws the score trend", async () => {
    await page.getByRole("button", { name: "Analyse" }).click();
    await openView(page, "Findings");
    const trend = page.getByRole("img", {
      name: /^Alignment score by review: \d{4}-\d\d-\d\d \d\d:\d\d 91\.7%, now 91\.7% \(not yet written\)$/,
    });
    await trend.waitFor();
    expect(await page.getByTestId("since-line").textContent()).toMatch(
      /^Since \d{4}-\d\d-\d\d \d\d:\d\d: score ±0\.0 points, 0 resolved, 0 new$/,
    );
    expect(await page.getByTestId("trend-summary").textContent()).toBe("Score 91.7% → 91.7%");
    await page.getByTestId("since-last-review").screenshot({ path: path.join(ARTIFACTS, "taskpane-since-last-review.png") });
  });

  const VIEWS = ["Overview", "KPIs and bridge", "Bets and budget", "Findings", "What if", "Plan sources and settings"];
  const panes = [320, 350, 500].flatMap((width) => (["light", "dark"] as const).map((scheme) => [width, scheme] as const));

  it.each(panes)(
    "at %i px in the %s theme, fits without scrolling sideways and has no axe-core violation, before and after Analyse",
    async (width, scheme) => {
      const pane = await browser.openPane({ width, height: 1000 }, scheme);
      await ready(pane);
      const fits = async () =>
        expect(await pageOverflow(pane)).toEqual({
          cutOff: [],
          scrollWidth: await pane.evaluate(() => document.documentElement.clientWidth),
        });
      await fits();
      expect(await violations(pane)).toEqual([]);
      await analyze(pane);
      // Every view, as the planner opens it.
      for (const view of VIEWS) {
        await openView(pane, view);
        await fits();
        expect({ view, violations: await violations(pane) }).toEqual({ view, violations: [] });
      }

      // The page around the pane's content is painted in the theme's background, not left white.
      await openView(pane, "Bets and budget");
      const chart = await budgetChart(pane);
      expect(chart.page).toBe(chart.background);
      // Every bar at 3:1 or more against the background; over- and under-funding said in words.
      expect(chart.bars).toHaveLength(10);
      for (const bar of chart.bars)
        expect({ ...bar, contrast: contrast(bar.color, chart.background) >= 3 }).toEqual({ ...bar, contrast: true });
      expect(chart.flags).toEqual(["B1: Over-funded: 11.1 points above its weight", "B3: Under-funded: 16.0 points below its weight"]);
      expect(chart.smallestFont).toBeGreaterThanOrEqual(11);

      // A second review: the card draws the score trend, which must fit, be legible and keep 3:1 too.
      await pane.getByRole("button", { name: "Write to workbook" }).click();
      await pane.getByText("review 1 in the workbook's history", { exact: false }).waitFor();
      await pane.getByRole("button", { name: "Analyse" }).click();
      await openView(pane, "Findings");
      await pane.getByTestId("score-trend").waitFor();
      const trend = await scoreTrend(pane);
      expect(trend.marks.map((m) => m.mark)).toEqual(["line", "point run", "point now"]);
      for (const mark of trend.marks)
        expect({ ...mark, contrast: contrast(mark.color, trend.background) >= 3 }).toEqual({ ...mark, contrast: true });
      expect(trend.smallestFont).toBeGreaterThanOrEqual(9);
      expect(trend.right).toBeLessThanOrEqual(width);
      await fits();
      expect(await violations(pane)).toEqual([]);
      await pane.close();
    },
  );

  it("is worked by keyboard alone: Analyse, a KPI, a finding and Write, each told in the live region", async () => {
    const pane = await browser.openPane({ width: 350, height: 1000 }, "light");
    await ready(pane);
    const analyzeButton = pane.getByRole("button", { name: "Analyse", exact: true });
    await tabUntil(pane, analyzeButton);
    await pane.keyboard.press("Enter");
    await pane.getByTestId("score").waitFor();
    await announced(
      pane,
      "Analysis done: aspect coverage 91.7%; KPIs 5 closed, 4 partly closed, 2 not addressed, 4 on track, 1 no data; 2 of 5 bets off their weight; 0 errors, 21 warnings, 2 info",
    );
    // Focus stayed on the button pressed rather than falling to the page while it was unavailable.
    expect(await analyzeButton.evaluate((button) => button === document.activeElement)).toBe(true);

    // The views are one tab list: Tab into it, then the arrow keys.
    await tabUntil(pane, pane.getByRole("tab", { name: "Overview" }));
    await pane.keyboard.press("ArrowRight");
    expect(await pane.getByRole("tab", { name: "KPIs and bridge" }).getAttribute("aria-selected")).toBe("true");
    const k2 = pane.locator('[data-kpi="K2"] button');
    await tabUntil(pane, k2);
    expect(await showsFocus(k2)).toBe(true);
    await pane.keyboard.press("Enter");
    // The preview has no Excel to select the cell in: it says so, as a note beside the KPI.
    await announced(
      pane,
      "There is no Excel here to select KPIs!J3 in: the preview shows the bundled sample in this browser. In Excel, this goes to the cell.",
    );

    // The first finding in the tab order is the first warning: B1's budget against its weight.
    await tabUntil(pane, pane.getByRole("tab", { name: "KPIs and bridge" }), { backwards: true });
    await pane.keyboard.press("ArrowRight");
    await pane.keyboard.press("ArrowRight");
    expect(await pane.getByRole("tab", { name: "Findings" }).getAttribute("aria-selected")).toBe("true");
    const findings = pane.locator("[data-finding]");
    await tabUntil(pane, findings);
    const focused = findings.first();
    expect(await focused.textContent()).toContain("Budget off the bet's weight — B1 Win the converged household");
    expect(await showsFocus(focused)).toBe(true);
    await pane.keyboard.press("Space");
    await announced(
      pane,
      "There is no Excel here to select Bets!F2 in: the preview shows the bundled sample in this browser. In Excel, this goes to the cell.",
    );

    const write = pane.getByRole("button", { name: "Write to workbook" });
    await tabUntil(pane, write, { backwards: true });
    expect(await showsFocus(write)).toBe(true);
    await pane.keyboard.press("Enter");
    await announced(pane, "Wrote the CVM Gap Analysis and CVM History sheets, review 1");
    expect(await write.evaluate((button) => button === document.activeElement)).toBe(true);
    await pane.close();
  });

  it("ran without a page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
