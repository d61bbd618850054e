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
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
export const ARTIFACTS = path.join(ROOT, "test", "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The flags this environment needs (no sandbox in a container, no network, no first-run UI). */
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

const TYPES: Readonly<Record<string, string>> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".xml": "application/xml" };

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
  async openPane(viewport: { width: number; height: number }, colorScheme: "light" | "dark" = "light"): Promise<Page> {
    if (!this.browser || !this.server) throw new Error("PaneBrowser.start() first");
    const context = await this.browser.newContext({ viewport, colorScheme });
    this.contexts.push(context);
    // office.js is loaded from Microsoft's CDN in production; here it comes from the npm package.
    await context.route(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1(\.1)?\/hosted\/(.*)$/, (route) => {
      const file = path.join(OFFICE_JS, route.request().url().replace(/^.*\/hosted\//, "").split("?")[0]);
      return fs.existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.fulfill({ status: 404 });
    });
    await context.route((url) => url.hostname !== "127.0.0.1" && !url.hostname.includes("appsforoffice"), (route) => route.abort());
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
export async function analyse(on: Page): Promise<void> {
  await on.getByText("Preview outside Excel").waitFor({ timeout: 20_000 });
  await on.getByRole("button", { name: "Analyse" }).click();
  await on.getByTestId("score").waitFor();
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
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > width + 0.5) cutOff.push(`${node.parentElement?.tagName}: ${node.textContent}`);
    }
    return { cutOff, scrollWidth: Math.max(width, document.documentElement.scrollWidth) };
  });
}

/** The violations of serious or critical impact axe-core finds on the page, one line each. */
export async function severeViolations(on: Page): Promise<string[]> {
  await on.addScriptTag({ path: require.resolve("axe-core") });
  const results = await on.evaluate(() => (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe.run(document));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
