/**
 * The Plan sources view in Chromium, on workbooks as planners keep them opened in the preview
 * through its file input: a workbook where two scorecards fit the KPIs opens on the view with
 * the choice to make; the sheet is picked by keyboard, the rows it will read are previewed, and
 * Use this mapping analyses. The optional KPI Series is listed as not found, and opened. At 320
 * and 500 px, in the light and dark themes and under forced colours, nothing scrolls sideways and
 * axe-core finds no violation and nothing to review. Needs `npm run build` and /usr/bin/chromium.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { axeVerdict } from "../../testkit/axeAudit";
import { ARTIFACTS, pageOverflow, PaneBrowser, ROOT } from "../../testkit/paneBrowser";

const FIXTURES = path.join(ROOT, "test", "fixtures", "xlsx");

const browser = new PaneBrowser();
const { pageErrors } = browser;

beforeAll(() => browser.start(), 180_000);
afterAll(() => browser.close());

/** The preview with the fixture opened through its file input, once its parts are shown. */
async function openedOn(width: number, colors: "light" | "dark" | "forced", file: string): Promise<Page> {
  const pane = await browser.openPane({ width, height: 800 }, colors === "dark" ? "dark" : "light");
  if (colors === "forced") await pane.emulateMedia({ forcedColors: "active" });
  await pane.getByText("Northwind Telecom").first().waitFor({ timeout: 60_000 });
  await pane.getByTestId("open-workbook-input").setInputFiles(path.join(FIXTURES, file));
  await pane.waitForFunction((name) => document.querySelector('[data-testid="open-workbook-name"]')?.textContent === name, file, {
    timeout: 60_000,
  });
  await pane.getByRole("heading", { name: "Where the plan is read from" }).waitFor();
  return pane;
}

const fits = async (on: Page) =>
  expect(await pageOverflow(on)).toEqual({ cutOff: [], scrollWidth: await on.evaluate(() => document.documentElement.clientWidth) });

describe("the Plan sources view on a planner's workbook", () => {
  it.each([
    [320, "light"],
    [500, "light"],
    [500, "dark"],
    [320, "forced"],
  ] as const)(
    "asks which scorecard holds the KPIs, previews it and analyses with it, by keyboard (%i px, %s colours)",
    async (width, colors) => {
      const pane = await openedOn(width, colors, "planner-two-scorecards.xlsx");
      expect(await pane.getByRole("tab", { name: "Plan sources and settings" }).getAttribute("aria-selected")).toBe("true");
      const kpis = pane.locator('[data-part="kpis"]');
      await kpis.getByText(/could be "Scorecard" \(header row 2\) or "Scorecard \(old\)"/).waitFor();
      await fits(pane);
      expect(await axeVerdict(pane)).toEqual({ violations: [], needsReview: [] });

      // The optional KPI Series is listed with the parts; opened, it says why none was found (audited below, open).
      const series = pane.locator('[data-part="series"]').getByRole("button", { name: /^KPI Series/ });
      expect(await series.textContent()).toBe("KPI SeriesNot found; optional");
      await series.click();
      await pane
        .locator('[data-part="series"]')
        .getByText(/the analysis runs without them/)
        .waitFor();

      // Picked as a keyboard user does: Tab to the picker, then the arrow keys until it shows the sheet.
      const picker = pane.getByRole("combobox", { name: "Sheet or table of the KPIs" });
      await picker.focus();
      const shown = () => picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent);
      for (let i = 0; i < 12 && (await shown()) !== "Scorecard"; i++) await pane.keyboard.press("ArrowDown");
      expect(await shown()).toBe("Scorecard");
      const preview = pane.getByRole("table", { name: 'The first 3 rows read from "Scorecard" (header row 2)' });
      await preview.waitFor();
      expect(
        await preview
          .getByRole("row", { name: /^KPI ID/ })
          .locator("td")
          .allTextContents(),
      ).toEqual(["M01", "M02", "M03"]);
      // Its header row, shown with its first values, cut to the pane's width with the picker.
      expect(
        await pane
          .getByRole("combobox", { name: "Header row of the KPIs" })
          .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent),
      ).toMatch(/^Row 2: Metric code · Metric · /);
      await fits(pane);
      // Measured from the top of the page: what has scrolled under the sticky navigation has no
      // background axe-core can determine, and would be left for review whatever its colours.
      await pane.evaluate(() => window.scrollTo(0, 0));
      expect(await axeVerdict(pane)).toEqual({ violations: [], needsReview: [] });
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await pane.screenshot({ path: path.join(ARTIFACTS, `pane-sources-${width}-${colors}.png`), fullPage: true });

      await pane.getByRole("button", { name: "Use this mapping" }).click();
      await pane.getByTestId("score").waitFor({ timeout: 60_000 });
      await pane.getByText(/Kept the mapping in the workbook/).waitFor();
      expect(pageErrors).toEqual([]);
    },
  );
});
