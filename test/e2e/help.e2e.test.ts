/**
 * The planners' help page as the pane opens it (help.html beside the built pane), in headless
 * Chromium: one h1 and a main, the theme of the pane (?theme=) or else of the system, nothing
 * sideways at the pane widths Excel offers, and axe-core with no violation and nothing to review.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, pageOverflow, PaneBrowser, ROOT, serverOrigin } from "../../testkit/paneBrowser";
import { axeVerdict } from "../../testkit/axeAudit";

const browser = new PaneBrowser();
const { pageErrors } = browser;

beforeAll(() => browser.start(), 180_000);
afterAll(() => browser.close());

/** The help page in a new context: the system's colour scheme, and the pane's theme when given. */
async function openHelp(width: number, system: "light" | "dark", theme?: "light" | "dark"): Promise<Page> {
  const page = await browser.openPane({ width, height: 800 }, system);
  await page.goto(`${serverOrigin(page)}/help.html${theme ? `?theme=${theme}` : ""}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

interface FunctionHelp {
  readonly id: string;
  readonly helpUrl: string;
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("the help page", () => {
  it("has one h1 and a main, and says what each answer means, how the score is computed, the what-if and the sheets it writes", async () => {
    const page = await openHelp(500, "light");
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator("main").count()).toBe(1);
    expect(await page.locator("main h1").count()).toBe(1);
    const headings = await page.locator("h2").allTextContents();
    expect(headings).toEqual(
      expect.arrayContaining([
        "The three answers",
        "How the alignment score is computed",
        "The gap-to-target bridge and its closures",
        "What if",
        "The sheets the add-in writes",
        "Worksheet functions",
      ]),
    );
    const sheets = await page.locator("#sheets ~ table").first().locator("tbody tr td:first-child").allTextContents();
    expect(sheets).toEqual(["CVM Gap Analysis", "CVM History", "CVM Scenario"]);
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).not.toMatch(/repositor|test suite|examples\/|never changes any other sheet/i);
    await page.context().close();
  });

  it("takes each function's help link (functions.json) to that function's heading, and each contents link to one heading", async () => {
    const page = await openHelp(500, "light");
    const functions = (JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8")) as { functions: FunctionHelp[] })
      .functions;
    expect(functions.length).toBeGreaterThan(15);
    // A browser scrolls to the first element of an id: a second one (a section and a function both
    // "status") would take the link to the wrong place.
    const targets = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return {
        repeated: ids.filter((id, i) => ids.indexOf(id) !== i),
        contents: [...document.querySelectorAll("nav a")].map((a) => a.getAttribute("href")),
        headings: Object.fromEntries([...document.querySelectorAll("h2[id], h3[id]")].map((h) => [h.id, h.textContent ?? ""])),
      };
    });
    expect(targets.repeated).toEqual([]);
    for (const f of functions) {
      const anchor = new URL(f.helpUrl).hash.slice(1);
      expect([f.id, targets.headings[anchor]?.split("(")[0]]).toEqual([f.id, `CVM.${f.id}`]);
    }
    for (const href of targets.contents) expect([href, targets.headings[(href ?? "").slice(1)] !== undefined]).toEqual([href, true]);
    // The section the Plan sources view links to (MappingSection's HelpLink).
    expect(targets.headings.sources).toBe("Where the plan is read from");
    await page.context().close();
  });

  it.each([
    ["light", "light", undefined],
    ["dark", "dark", undefined],
    ["dark", "light", "dark"],
    ["light", "dark", "light"],
  ] as const)("is %s with a %s system and the pane's theme %s", async (shown, system, theme) => {
    const page = await openHelp(350, system, theme);
    expect(await background(page)).toBe(shown === "dark" ? "rgb(31, 31, 31)" : "rgb(255, 255, 255)");
    await page.context().close();
  });

  describe.each(["light", "dark"] as const)("in the %s theme", (theme) => {
    it.each([320, 350, 500])("has no axe-core violation, nothing to review and no sideways scroll at %i px", async (width) => {
      const page = await openHelp(width, theme, theme);
      expect(await axeVerdict(page)).toEqual({ violations: [], needsReview: [] });
      const clientWidth = await page.evaluate(() => document.documentElement.clientWidth);
      expect(await pageOverflow(page)).toEqual({ cutOff: [], scrollWidth: clientWidth });
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `help-${theme}-${width}.png`) });
      await page.context().close();
    });
  });

  it("ran without a page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
