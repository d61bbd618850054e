/**
 * The what-if view in the built pane, in headless Chromium (see paneBrowser.ts): opened after
 * Analyse on the sample plan, edited with the keyboard alone, its figures, deltas and live region
 * read back; then audited with axe-core (any violation fails) and checked for sideways scroll at
 * the pane widths Excel offers, in the light and the dark theme.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { analyze, ARTIFACTS, openView, pageOverflow, PaneBrowser, tabUntil, violationsIn } from "../../testkit/paneBrowser";
import { axeVerdict } from "../../testkit/axeAudit";

const browser = new PaneBrowser();
const { pageErrors } = browser;
let page: Page;

const VIEW = '[data-testid="whatif-view"]';

/** A row of the figures table as shown: label, plan, scenario, change. */
const figure = (on: Page, key: string) => on.locator(`[data-testid="whatif-figures"] [data-figure="${key}"] > *`).allTextContents();

/** The accessible name of the element that has the focus, as a role and a name. */
async function focused(on: Page): Promise<string> {
  return on.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return "";
    const labeled = element.getAttribute("aria-labelledby");
    const byId = labeled
      ? labeled
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
      : "";
    const byLabel = element.id ? (document.querySelector(`label[for="${element.id}"]`)?.textContent ?? "") : "";
    const inputRoles: Record<string, string> = { text: "textbox", search: "search", checkbox: "checkbox", radio: "radio" };
    const role =
      element.getAttribute("role") ??
      (element.tagName === "INPUT" ? (inputRoles[element.getAttribute("type") ?? "text"] ?? "input") : element.tagName.toLowerCase());
    return `${role}: ${(byLabel || byId || element.getAttribute("aria-label") || element.textContent || "").trim()}`;
  });
}

async function press(on: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await on.keyboard.press(key);
}

/** Replaces the text of the focused field as a planner would: select all, then type. */
async function retype(on: Page, text: string): Promise<void> {
  await on.keyboard.press("ControlOrMeta+A");
  if (text) await on.keyboard.type(text);
  else await on.keyboard.press("Backspace");
}

async function openWhatIf(on: Page): Promise<void> {
  await analyze(on);
  await openView(on, "What if");
  await on.getByRole("button", { name: "Try a scenario" }).click();
  await on.getByTestId("whatif-figures").waitFor();
}

beforeAll(async () => {
  await browser.start();
  page = await browser.openPane({ width: 500, height: 1400 }, "light");
}, 180_000);

afterAll(() => browser.close());

describe("the what-if view in Chromium", () => {
  it("opens from the keyboard after Analyse, with the plan's own figures", async () => {
    await analyze(page);
    await openView(page, "What if");
    const toggle = page.getByRole("button", { name: "Try a scenario" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("whatif-figures").waitFor();
    expect(await page.getByRole("button", { name: "Hide the scenario" }).getAttribute("aria-expanded")).toBe("true");
    expect(await figure(page, "score")).toEqual(["Alignment score", "91.7%", "91.7%", "–"]);
    expect(await figure(page, "untraced")).toEqual(["Untraced budget", "440,000", "440,000", "–"]);
    expect(await page.getByTestId("whatif-status").textContent()).toBe("");
  });

  it("switches I16 off with Tab and Space, found by the search", async () => {
    // From the toggle: Write scenario, Reset, then the search.
    await press(page, "Tab", 3);
    expect(await focused(page)).toBe("search: Find by ID or name");
    await page.keyboard.type("I16");
    await page.getByTestId("whatif-list-caption").getByText('1 initiative matches "I16".', { exact: false }).waitFor();
    // The radios that pick the kind of item are one stop; the next is the first control of the list.
    await press(page, "Tab", 2);
    expect(await focused(page)).toBe("switch: Include I16");
    await page.keyboard.press("Space");
    expect(await page.getByRole("switch", { name: "Include I16" }).isChecked()).toBe(false);
    await page.locator('[data-figure="untraced"]').getByText("140,000").waitFor();
    expect(await figure(page, "untraced")).toEqual(["Untraced budget", "440,000", "140,000", "−300,000"]);
    expect(await figure(page, "budget")).toEqual(["Budget", "5,980,000", "5,680,000", "−300,000"]);
    await page.getByTestId("whatif-status").getByText("Scenario: score 91.7% (unchanged), no finding appears, 1 goes away").waitFor();
    expect(await page.getByTestId("whatif-resolved").locator("li").getAttribute("data-item")).toBe("I16");
  });

  it("types a budget as the sheet shows it, and refuses one it cannot read with a message", async () => {
    // Back to the search (the switch, the radios, the search), and on to I03's budget.
    await press(page, "Shift+Tab", 2);
    expect(await focused(page)).toBe("search: Find by ID or name");
    await retype(page, "I03");
    await page.getByTestId("whatif-list-caption").getByText('1 initiative matches "I03".', { exact: false }).waitFor();
    // I16, changed, stays listed after I03, in the plan's order.
    expect(await page.locator("[data-whatif-item]").evaluateAll((items) => items.map((i) => i.getAttribute("data-whatif-item")))).toEqual([
      "initiative:I03",
      "initiative:I16",
    ]);
    await press(page, "Tab", 3);
    expect(await focused(page)).toBe("textbox: Budget of I03");
    await retype(page, "lots");
    const budget = page.getByRole("textbox", { name: "Budget of I03" });
    await page.getByText('"lots" is not an amount', { exact: false }).waitFor();
    expect(await budget.getAttribute("aria-invalid")).toBe("true");
    expect(await figure(page, "budget")).toEqual(["Budget", "5,980,000", "5,680,000", "−300,000"]);
    await retype(page, "€1,500,000");
    await page.locator('[data-figure="budget"]').getByText("6,930,000").waitFor();
    expect(await figure(page, "budget")).toEqual(["Budget", "5,980,000", "6,930,000", "+950,000"]);
    expect(await budget.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByTestId("whatif-changes").locator("li").allTextContents()).toEqual([
      "I03 Household loyalty points: budget 250,000 → 1,500,000",
      "I16 City marathon sponsorship: switched off",
    ]);
    await page.getByTestId("whatif-status").getByText("Scenario: score 91.7% (unchanged), 1 finding appears, 1 goes away").waitFor();
  });

  it("changes a bet's weight, picking Bets with the arrow keys, and the score and shares follow", async () => {
    // Budget, switch, radios, search: clear the search so that every bet is listed.
    await press(page, "Shift+Tab", 3);
    expect(await focused(page)).toBe("search: Find by ID or name");
    await retype(page, "");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("radio: Initiatives");
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("radio", { name: "Bets" }).isChecked()).toBe(true);
    await page.getByTestId("whatif-list-caption").getByText("5 bets.").waitFor();
    await press(page, "Tab", 3);
    expect(await focused(page)).toBe("textbox: Weight of B3");
    await retype(page, "40%");
    await page.locator('[data-figure="score"]').getByText("93.1%").waitFor();
    expect(await figure(page, "score")).toEqual(["Alignment score", "91.7%", "93.1%", "+1.4 points"]);
    // B3's normalised weight: 0.4 of 1.2 is 33.3%, up from 20.0%.
    expect(await page.locator('[data-testid="whatif-bets"] [data-bet="B3"] td').nth(1).textContent()).toBe("33.3%+13.3 pp, was 20.0%");
    expect(await page.locator('[data-testid="whatif-bets"] [data-bet="B2"] th').textContent()).toBe("B2Over-funded, was Balanced");
    await page.getByTestId("whatif-status").getByText("Scenario: score 93.1% (+1.4 points), 1 finding appears, 1 goes away").waitFor();
    expect(await page.getByTestId("whatif-status").getAttribute("role")).toBe("status");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator(VIEW).screenshot({ path: path.join(ARTIFACTS, "whatif-view.png") });
  });

  it("says beside B3's field that 40% counts as 33.3%, the weights adding up to 120%", async () => {
    const b3 = page.locator('[data-whatif-item="bet:B3"] [data-testid="whatif-normalized-weight"]');
    expect(await b3.textContent()).toBe("Counted as 33.3% (plan: 20.0%): the weights add up to 120%, scaled to 100%.");
    expect(await page.getByRole("textbox", { name: "Weight of B3" }).inputValue()).toBe("40%");
    expect(await page.getByTestId("whatif-changes").locator("li").allTextContents()).toContain(
      "B3 Best-rated service in the market: weight 20% → 40%, counted as 20.0% → 33.3% of all the weights",
    );
  });

  it("writes the CVM Scenario sheet and resets the scenario", async () => {
    await page.getByRole("button", { name: "Write scenario" }).click();
    await page.getByText('Wrote the "CVM Scenario" sheet', { exact: false }).waitFor();
    await page.getByRole("button", { name: "Reset" }).click();
    await page.getByText("The scenario was reset", { exact: false }).waitFor();
    expect(await figure(page, "score")).toEqual(["Alignment score", "91.7%", "91.7%", "–"]);
  });

  it("undoes the reset from the keyboard: the next Tab stop after Reset", async () => {
    expect(await focused(page)).toBe("button: Reset");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("button: Undo the reset");
    await page.keyboard.press("Enter");
    await page.getByText("The scenario was brought back, and the workbook keeps it again.").waitFor();
    await page.locator('[data-figure="score"]').getByText("93.1%").waitFor();
    expect(await figure(page, "budget")).toEqual(["Budget", "5,980,000", "6,930,000", "+950,000"]);
    expect(await page.getByRole("button", { name: "Undo the reset" }).count()).toBe(0);
  });

  it("keeps the effect in view while a field far down the list is edited, and says which figure a refused entry leaves in effect", async () => {
    const pane = await browser.openPane({ width: 350, height: 800 }, "light");
    await openWhatIf(pane);
    const effect = pane.getByRole("group", { name: "The scenario's effect" });
    const budget = pane.getByRole("textbox", { name: "Budget of I16" });
    await tabUntil(pane, budget);
    await retype(pane, "0");
    await effect.locator('[data-effect="budget"]').getByText("5,680,000 (−300,000)").waitFor();
    const view = { top: 0, bottom: 800 };
    const bar = await effect.boundingBox();
    const field = await budget.boundingBox();
    const table = await pane.getByTestId("whatif-figures").boundingBox();
    // The table of figures has scrolled out of view; the summary has not, and it covers no part of the field.
    expect(table && table.y + table.height).toBeLessThan(view.top);
    expect(bar && [bar.y >= view.top, bar.y + bar.height <= view.bottom]).toEqual([true, true]);
    expect(bar && field && field.y >= bar.y + bar.height).toBe(true);
    await retype(pane, "-1");
    const inEffect = pane.getByTestId("whatif-in-effect");
    expect(await inEffect.textContent()).toBe("In effect: 0, the last figure that could be used.");
    expect(await effect.locator('[data-effect="budget"] dd').textContent()).toBe("5,680,000 (−300,000)");
    const shown = await inEffect.boundingBox();
    expect(shown && bar && [shown.y >= bar.y + bar.height, shown.y + shown.height <= view.bottom]).toEqual([true, true]);
    await pane.screenshot({ path: path.join(ARTIFACTS, "whatif-effect-350.png") });
    await pane.context().close();
  });

  describe.each(["light", "dark"] as const)("in the %s theme", (scheme) => {
    it.each([320, 350, 500])("has no axe-core violation and no sideways scroll at %i px", async (width) => {
      const pane = await browser.openPane({ width, height: 1400 }, scheme);
      await openWhatIf(pane);
      // Figures with deltas, findings that appear and go away, a field in error: all of the view is audited.
      await pane.getByRole("switch", { name: "Include I16" }).click();
      await pane.getByRole("textbox", { name: "Budget of I03" }).fill("€1,500,000");
      await pane.getByRole("textbox", { name: "Budget of I05" }).fill("lots");
      await pane.getByTestId("whatif-appeared").waitFor();
      await pane.getByTestId("whatif-status").getByText("Scenario:", { exact: false }).waitFor();
      const width0 = await pane.evaluate(() => document.documentElement.clientWidth);
      for (const kind of ["Initiatives", "Bets", "Impacts"]) {
        await pane.getByRole("radio", { name: kind }).check();
        // From the top: scrolled, the summary kept in view covers the items under it, whose
        // background axe-core then cannot measure (it reports them to review, rightly).
        await pane.evaluate(() => window.scrollTo(0, 0));
        expect({ kind, violations: await violationsIn(pane, VIEW) }).toEqual({ kind, violations: [] });
        expect({ kind, ...(await axeVerdict(pane, VIEW)) }).toEqual({ kind, violations: [], needsReview: [] });
        expect({ kind, ...(await pageOverflow(pane)) }).toEqual({ kind, cutOff: [], scrollWidth: width0 });
      }
      await pane.locator(VIEW).screenshot({ path: path.join(ARTIFACTS, `whatif-${scheme}-${width}.png`) });
      // The reset's notice with its Undo button, and the summary with the plan's figures.
      await pane.getByRole("button", { name: "Reset" }).click();
      await pane.getByRole("button", { name: "Undo the reset" }).waitFor();
      await pane.evaluate(() => window.scrollTo(0, 0));
      expect({ reset: true, ...(await axeVerdict(pane, VIEW)) }).toEqual({ reset: true, violations: [], needsReview: [] });
      expect({ reset: true, ...(await pageOverflow(pane)) }).toEqual({ reset: true, cutOff: [], scrollWidth: width0 });
      await pane.context().close();
    });
  });

  it("ran without a page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
