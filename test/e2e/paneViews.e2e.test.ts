/**
 * The pane's views in Chromium, outside Office on the bundled sample: the overview fits one
 * screen of a 350 × 800 pane; every view fits 320, 350 and 500 px without scrolling sideways and
 * has no axe-core violation and nothing axe-core leaves for review, in the light and the dark
 * theme and under forced colours (Windows high contrast); the findings view is a few key presses
 * from Analyse; each view keeps its state when the planner switches; notices come where the
 * planner acted; and Write to workbook on the sample downloads the sample with the report and
 * history sheets. Needs `npm run build` and /usr/bin/chromium.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { partsOf, sheetNamesOf } from "../../testkit/packageParts";
import { tempDir } from "../../testkit/xlsx";
import { axeVerdict } from "../../testkit/axeAudit";
import { analyze, ARTIFACTS, needsReview, openView, pageOverflow, PaneBrowser, ROOT, violations } from "../../testkit/paneBrowser";

const VIEWS = ["Overview", "KPIs and bridge", "Bets and budget", "Findings", "What if", "Plan sources and settings"];
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");

const browser = new PaneBrowser();
const { pageErrors } = browser;
const downloads = tempDir("cvm-gap-views-");

type Colors = "light" | "dark" | "forced";

/** A pane on the sample, analysed; `forced` emulates Windows high contrast (forced colours) on the light theme. */
async function analyzedPane(width: number, colors: Colors, height = 800): Promise<Page> {
  const pane = await browser.openPane({ width, height }, colors === "dark" ? "dark" : "light");
  if (colors === "forced") await pane.emulateMedia({ forcedColors: "active" });
  await analyze(pane);
  return pane;
}

/** The page's height beyond the window's, in CSS pixels: 0 when nothing scrolls. */
const verticalOverflow = (on: Page) => on.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);

const sidewaysFit = async (on: Page) =>
  expect(await pageOverflow(on)).toEqual({ cutOff: [], scrollWidth: await on.evaluate(() => document.documentElement.clientWidth) });

beforeAll(() => browser.start(), 180_000);

afterAll(async () => {
  await browser.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});

describe("the pane's views", () => {
  it.each(["light", "dark", "forced"] as const)(
    "opens on an overview that fits one 350 × 800 screen after Analyse (%s colours): three answers and the findings that matter most",
    async (colors) => {
      const pane = await analyzedPane(350, colors);
      const overview = pane.getByTestId("overview");
      expect(await overview.isVisible()).toBe(true);
      expect(await pane.getByRole("tab", { name: "Overview" }).getAttribute("aria-selected")).toBe("true");
      expect(await overview.locator("[data-answer] h2").allTextContents()).toEqual([
        "Are the bets aligned?",
        "Does the plan close the KPI gaps?",
        "Does the money follow the priorities?",
      ]);
      expect(await pane.getByTestId("score").textContent()).toBe("91.7%");
      expect(await overview.locator("[data-tally]").allTextContents()).toEqual([
        "5 closed",
        "4 partly closed",
        "2 not addressed",
        "4 on track",
        "1 no data",
      ]);
      expect(await overview.locator("[data-top-finding]").count()).toBe(3);
      // The whole overview, its last line included, is on the screen without scrolling.
      expect(await verticalOverflow(pane)).toBeLessThanOrEqual(0);
      const last = await pane.getByRole("button", { name: /^All 23 findings/ }).boundingBox();
      expect((last?.y ?? Infinity) + (last?.height ?? 0)).toBeLessThanOrEqual(800);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await pane.screenshot({ path: path.join(ARTIFACTS, `pane-overview-350-${colors}.png`) });
      await pane.close();
    },
  );

  const panes = [320, 350, 500].flatMap((width) => (["light", "dark", "forced"] as const).map((colors) => [width, colors] as const));

  it.each(panes)(
    "at %i px in %s colours, every view fits without scrolling sideways, with no axe-core violation and nothing left for review",
    async (width, colors) => {
      const pane = await analyzedPane(width, colors);
      for (const view of VIEWS) {
        await openView(pane, view);
        await sidewaysFit(pane);
        const review = await needsReview(pane);
        expect({ view, violations: await violations(pane), review }).toEqual({ view, violations: [], review: [] });
        if (width === 350) {
          const name = view.split(" ")[0].toLowerCase();
          await pane.screenshot({ path: path.join(ARTIFACTS, `pane-${name}-${width}-${colors}.png`), fullPage: true });
        }
      }
      await pane.close();
    },
  );

  it.each(panes.filter(([width]) => width !== 350))(
    "at %i px in %s colours, leaves nothing of any KPI's waterfall for axe-core to review: its labels' contrast is measured",
    async (width, colors) => {
      const pane = await analyzedPane(width, colors);
      await openView(pane, "KPIs and bridge");
      const picker = pane.getByRole("combobox", { name: "KPI" });
      const ids = await picker.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      const charts: string[] = [];
      for (const id of ids) {
        await picker.selectOption(id);
        await pane.locator(`[data-bridge-kpi="${id}"]`).waitFor();
        if ((await pane.getByTestId("waterfall").count()) === 0) continue;
        charts.push(id);
        expect({ id, ...(await axeVerdict(pane, '[data-testid="waterfall"]')) }).toEqual({ id, violations: [], needsReview: [] });
      }
      expect(charts).toEqual(["K1", "K2", "K3", "K4", "K5", "K6", "K8", "K10", "K12", "K13", "K15"]);
      await pane.close();
    },
  );

  it("reaches the findings view from Analyse in at most 8 key presses", async () => {
    const pane = await analyzedPane(350, "light");
    const analyzeButton = pane.getByRole("button", { name: "Analyse", exact: true });
    await analyzeButton.focus();
    const findingsTab = pane.getByRole("tab", { name: "Findings" });
    const presses: string[] = [];
    const onTab = () => pane.evaluate(() => document.activeElement?.getAttribute("role") === "tab");
    while (!(await onTab()) && presses.length < 8) {
      await pane.keyboard.press("Tab");
      presses.push("Tab");
    }
    while ((await findingsTab.getAttribute("aria-selected")) !== "true" && presses.length < 8) {
      await pane.keyboard.press("ArrowRight");
      presses.push("ArrowRight");
    }
    expect(await findingsTab.getAttribute("aria-selected")).toBe("true");
    expect(await pane.locator("[data-finding]").first().isVisible()).toBe(true);
    expect(presses).toEqual(["Tab", "Tab", "ArrowRight", "ArrowRight", "ArrowRight"]);
    await pane.close();
  });

  it("keeps each view's state when switching: the KPI picked, the filters and the scroll", async () => {
    const pane = await analyzedPane(350, "light");
    await openView(pane, "KPIs and bridge");
    await pane.getByRole("combobox", { name: "KPI" }).selectOption("K12");
    await openView(pane, "Findings");
    await pane.getByRole("combobox", { name: "Severity" }).selectOption("info");
    expect(await pane.getByTestId("findings-shown").textContent()).toBe("2 of 23 findings shown.");
    await openView(pane, "Bets and budget");
    await pane.evaluate(() => window.scrollTo(0, 400));
    const scrolled = await pane.evaluate(() => window.scrollY);
    await openView(pane, "Overview");
    await openView(pane, "KPIs and bridge");
    expect(await pane.getByTestId("bridge-view").getAttribute("data-bridge-kpi")).toBe("K12");
    await openView(pane, "Findings");
    expect(await pane.getByRole("combobox", { name: "Severity" }).inputValue()).toBe("info");
    await openView(pane, "Bets and budget");
    expect(await pane.evaluate(() => window.scrollY)).toBe(scrolled);
    await pane.close();
  });

  it("leads from a finding on the overview to its place: a KPI's bridge, a bet's budget", async () => {
    const pane = await analyzedPane(350, "light");
    await pane.getByRole("button", { name: /^KPI gap not addressed — K9 / }).click();
    expect(await pane.getByRole("tab", { name: "KPIs and bridge" }).getAttribute("aria-selected")).toBe("true");
    expect(await pane.getByTestId("bridge-view").getAttribute("data-bridge-kpi")).toBe("K9");
    expect(await pane.evaluate(() => document.activeElement?.closest("[data-kpi]")?.getAttribute("data-kpi"))).toBe("K9");
    await openView(pane, "Overview");
    await pane.getByRole("button", { name: /^Budget off the bet's weight — B1 / }).click();
    expect(await pane.getByRole("tab", { name: "Bets and budget" }).getAttribute("aria-selected")).toBe("true");
    expect(await pane.evaluate(() => document.activeElement?.getAttribute("data-place"))).toBe("bet:B1");
    await pane.close();
  });

  it("says beside a finding that the preview has no Excel to select its cell in: a note, not an error, and dismissible", async () => {
    const pane = await analyzedPane(350, "light");
    await openView(pane, "Findings");
    const finding = pane
      .locator("[data-place]")
      .filter({ has: pane.getByRole("button", { name: /^Key Moment of Truth traces to no bet/ }) });
    await finding.getByRole("button").first().click();
    const notice = finding.getByTestId("action-notice");
    await notice.waitFor();
    expect(await notice.getAttribute("data-intent")).toBe("limit");
    expect(await notice.textContent()).toBe(
      "Not in the preview. There is no Excel here to select 'Moments of Truth'!F5 in: the preview shows the bundled sample in this browser. In Excel, this goes to the cell.",
    );
    expect(await pane.getByRole("alert").count()).toBe(0);
    expect(await pane.getByText("Something went wrong").count()).toBe(0);
    await notice.getByRole("button", { name: "Dismiss" }).click();
    expect(await pane.getByTestId("action-notice").count()).toBe(0);
    await pane.close();
  });

  it("does not offer Insert template in the preview, where it cannot work", async () => {
    const pane = await analyzedPane(350, "light");
    await openView(pane, "Plan sources and settings");
    expect(await pane.getByRole("button", { name: "Insert template" }).count()).toBe(0);
    await pane.close();
  });

  it("refuses an out-of-range setting with a message beside it, keeping what was typed and the figure in effect", async () => {
    const pane = await analyzedPane(350, "light");
    await openView(pane, "Plan sources and settings");
    const tolerance = pane.getByRole("spinbutton", { name: /At-risk tolerance/ });
    await tolerance.fill("150");
    await tolerance.press("Enter");
    await pane.getByText('"150" is out of range: type 0 to 99. The tolerance stays 10%.').waitFor();
    expect(await tolerance.inputValue()).toBe("150");
    expect(await pane.getByTestId("stale-results").count()).toBe(0);
    await pane.close();
  });

  it("keeps the budget and weight bars visible under forced colours", async () => {
    const pane = await analyzedPane(350, "forced");
    await openView(pane, "Bets and budget");
    const bars = await pane.evaluate(() =>
      [...document.querySelectorAll('[aria-label="Budget share and weight by bet"] [data-bar]')].map((bar) => {
        const style = getComputedStyle(bar);
        const painted =
          style.backgroundColor !== "rgba(0, 0, 0, 0)" && style.backgroundColor !== getComputedStyle(document.body).backgroundColor;
        const outlined = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none";
        return {
          bet: bar.closest("[data-bet]")?.getAttribute("data-bet"),
          kind: bar.getAttribute("data-bar"),
          width: bar.getBoundingClientRect().width,
          visible: painted || outlined || style.backgroundImage !== "none",
        };
      }),
    );
    expect(bars).toHaveLength(10);
    for (const bar of bars.filter((b) => b.width > 0)) expect(bar).toEqual({ ...bar, visible: true });
    await pane
      .locator('[aria-label="Budget share and weight by bet"]')
      .screenshot({ path: path.join(ARTIFACTS, "pane-budget-forced.png") });
    await pane.close();
  });

  it("downloads the sample with the report and history sheets when the report is written on it", async () => {
    const pane = await analyzedPane(350, "light");
    const [download] = await Promise.all([
      pane.waitForEvent("download", { timeout: 60_000 }),
      pane.getByRole("button", { name: "Write to workbook" }).click(),
    ]);
    await pane.getByText('Wrote the "CVM Gap Analysis" and "CVM History" sheets: review 1', { exact: false }).waitFor();
    expect(download.suggestedFilename()).toBe("cvm-sample-plan.cvm-gap.xlsx");
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const before = await partsOf(fs.readFileSync(SAMPLE));
    const after = await partsOf(fs.readFileSync(file));
    expect(sheetNamesOf(after)).toEqual([...sheetNamesOf(before), "CVM Gap Analysis", "CVM History"]);
    const written = await openXlsx(file);
    const owned = await written.readOwnedSheets(["CVM Gap Analysis", "CVM History"]);
    expect(owned.map((sheet) => sheet.state)).toEqual(["owned", "owned"]);
    // A second write downloads the copy again, with the history's second review.
    const [second] = await Promise.all([
      pane.waitForEvent("download", { timeout: 60_000 }),
      pane.getByRole("button", { name: "Write to workbook" }).click(),
    ]);
    await pane.getByText("review 2 in the workbook's history", { exact: false }).waitFor();
    expect(second.suggestedFilename()).toBe("cvm-sample-plan.cvm-gap.xlsx");
    await pane.close();
  });

  it("ran without a page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
