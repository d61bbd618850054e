/**
 * The built task pane in headless Chromium for the browser tests: dist/ served over plain http,
 * office.js from the npm package instead of Microsoft's CDN, nothing else reachable. Outside
 * Office the pane opens its preview on the bundled sample plan. Needs `npm run build` and
 * /usr/bin/chromium (.ci/run installs it).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { AxeResults } from "axe-core";
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from "playwright-core";
import { runAxe } from "./axeAudit";

export const ROOT = path.join(__dirname, "..");
/** PANE_DIST points the tests at another build (a private one while iterating); dist/ by default. */
const DIST = process.env.PANE_DIST ? path.resolve(process.env.PANE_DIST) : path.join(ROOT, "dist");
const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
export const ARTIFACTS = path.join(ROOT, "test", "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The flags this environment needs (no sandbox in a container, no network, no first-run UI). */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

function serve(dir: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface PaneOptions {
  /** Sees every request the pane's context makes, from the first one (the page itself) on. */
  readonly onRequest?: (request: Request) => void;
}

/** One Chromium and one server for a test file; each pane opens in a context of its own. */
export class PaneBrowser {
  /** Errors thrown in any page: a test file ends by checking there were none. */
  readonly pageErrors: string[] = [];
  private server?: http.Server;
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];

  async start(): Promise<void> {
    if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first.");
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    this.server = await serve(DIST);
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }

  /** A new page on the built pane, with office.js served locally and nothing else reachable. */
  async openPane(
    viewport: { width: number; height: number },
    colorScheme: "light" | "dark" = "light",
    options: PaneOptions = {},
  ): Promise<Page> {
    if (!this.browser || !this.server) throw new Error("PaneBrowser.start() first");
    const context = await this.browser.newContext({ viewport, colorScheme });
    this.contexts.push(context);
    if (options.onRequest) context.on("request", options.onRequest);
    // office.js is loaded from Microsoft's CDN in production; here it comes from the npm package.
    await context.route(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1(\.1)?\/hosted\/(.*)$/, (route) => {
      const file = path.join(
        OFFICE_JS,
        route
          .request()
          .url()
          .replace(/^.*\/hosted\//, "")
          .split("?")[0],
      );
      return fs.existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.fulfill({ status: 404 });
    });
    await context.route(
      (url) => url.hostname !== "127.0.0.1" && !url.hostname.includes("appsforoffice"),
      (route) => route.abort(),
    );
    const opened = await context.newPage();
    opened.on("pageerror", (error) => this.pageErrors.push(error.message));
    const { port } = this.server.address() as AddressInfo;
    await opened.goto(`http://127.0.0.1:${port}/taskpane.html`);
    return opened;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser?.close();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** Waits for the preview, presses Analyse and waits for the score. */
export async function analyze(on: Page): Promise<void> {
  await on.getByText("Preview outside Excel").waitFor({ timeout: 60_000 });
  await on.getByRole("button", { name: "Analyse" }).click();
  await on.getByTestId("score").waitFor();
}

/** Opens a view of the pane by clicking its tab, and waits until its panel shows. */
export async function openView(on: Page, name: string): Promise<void> {
  const tab = on.getByRole("tab", { name, exact: true });
  await tab.click();
  const panel = await tab.getAttribute("aria-controls");
  await on.locator(`[id="${panel}"]`).waitFor();
}

/** WCAG's contrast ratio of two "rgb(…)" colours. */
export function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** What sticks out of the pane on the right: texts (which can spill out of a cell that keeps its width) and the page's scroll width. */
export async function pageOverflow(on: Page): Promise<{ cutOff: string[]; scrollWidth: number }> {
  return on.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cutOff: string[] = [];
    // Text for screen readers only sits in a 1 px box that clips it: it is never painted.
    const screenReaderOnly = (element: Element | null): boolean => {
      for (let e = element; e; e = e.parentElement) {
        const box = e.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1 && getComputedStyle(e).overflow !== "visible") return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (screenReaderOnly(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > width + 0.5) cutOff.push(`${node.parentElement?.tagName}: ${node.textContent}`);
    }
    return { cutOff, scrollWidth: Math.max(width, document.documentElement.scrollWidth) };
  });
}

/** The local server's origin, e.g. http://127.0.0.1:41234, once a pane is open on it. */
export function serverOrigin(on: Page): string {
  return new URL(on.url()).origin;
}

/** Every violation axe-core finds in the elements the selector picks, whatever its impact, one line each. */
export async function violationsIn(on: Page, selector: string): Promise<string[]> {
  await on.addScriptTag({ path: require.resolve("axe-core") });
  const results = await on.evaluate(
    (include) =>
      (window as unknown as { axe: { run: (context: { include: string[][] }) => Promise<AxeResults> } }).axe.run({ include: [[include]] }),
    selector,
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** What axe-core reports on the page: its violations and what it could not decide and leaves for review ("incomplete"). */
function axeResults(on: Page, exclude: readonly string[] = []): Promise<Pick<AxeResults, "violations" | "incomplete">> {
  return runAxe(on, { exclude });
}

/** Everything axe-core reports as a violation on the page, whatever its impact. */
async function axeViolations(on: Page): Promise<AxeResults["violations"]> {
  return (await axeResults(on)).violations;
}

/** What axe-core leaves for a person to review on the page ("needs review"), one line each; `exclude` leaves out what the selectors pick. */
export async function needsReview(on: Page, exclude: readonly string[] = []): Promise<string[]> {
  return (await axeResults(on, exclude)).incomplete.map(describeViolation);
}

const describeViolation = (v: AxeResults["violations"][number]) =>
  `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;

/** Every violation axe-core finds on the page, of any impact (minor ones included), one line each. */
export async function violations(on: Page): Promise<string[]> {
  return (await axeViolations(on)).map(describeViolation);
}

/** The violations of serious or critical impact axe-core finds on the page, one line each. */
export async function severeViolations(on: Page): Promise<string[]> {
  return (await axeViolations(on)).filter((v) => v.impact === "serious" || v.impact === "critical").map(describeViolation);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focus is on one of the elements `target`
 * matches, as a keyboard user would move through the pane; fails after `max` presses.
 */
export async function tabUntil(on: Page, target: Locator, { backwards = false, max = 200 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluateAll((elements) => elements.some((element) => element === document.activeElement))) return;
    await on.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${max} presses of Tab did not reach ${target.toString()}`);
}

/** Whether the focused element shows a focus indicator: an outline, or Fluent's ring (a border on ::after). */
export async function showsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    if (element !== document.activeElement) return false;
    const own = getComputedStyle(element);
    const ring = getComputedStyle(element, "::after");
    return (
      (own.outlineStyle !== "none" && parseFloat(own.outlineWidth) > 0) ||
      (ring.borderTopStyle !== "none" && parseFloat(ring.borderTopWidth) > 0)
    );
  });
}
