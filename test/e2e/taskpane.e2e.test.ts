/**
 * The built task pane in headless Chromium (Debian's, driven by playwright-core), served from
 * dist/ over plain http with office.js from the npm package: outside Office it opens the preview
 * on the bundled sample plan. Needs `npm run build` and /usr/bin/chromium (.ci/run installs it).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
const ARTIFACTS = path.join(ROOT, "test", "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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

let server: http.Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first.");
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
  server = await serve(DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 420, height: 1400 } });
  // office.js is loaded from Microsoft's CDN in production; here it comes from the npm package.
  await context.route(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1(\.1)?\/hosted\/(.*)$/, (route) => {
    const file = path.join(OFFICE_JS, route.request().url().replace(/^.*\/hosted\//, "").split("?")[0]);
    return fs.existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.fulfill({ status: 404 });
  });
  await context.route((url) => url.hostname !== "127.0.0.1" && !url.hostname.includes("appsforoffice"), (route) => route.abort());
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("the task pane in Chromium, outside Office", () => {
  it("opens the preview and lists the sample plan's sheets", async () => {
    await page.getByText("Preview outside Excel").waitFor({ timeout: 20_000 });
    const overview = page.getByRole("table", { name: "Plan sheets" });
    await overview.getByText("Moments of Truth").waitFor();
    expect(await overview.locator('[data-sheet="initiatives"]').textContent()).toContain("18");
  });

  it("analyses the plan and shows the score, a KPI status and a finding", async () => {
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByTestId("score").waitFor();
    expect(await page.getByTestId("score").textContent()).toBe("91.7%");
    expect(await page.locator('[data-kpi="K3"]').textContent()).toContain("Off track");
    await page.getByText("Initiative I16 traces to no strategic bet.", { exact: false }).waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-preview.png"), fullPage: true });
  });

  it("writes the report in the preview and reports it in plain words", async () => {
    await page.getByRole("button", { name: "Write to workbook" }).click();
    await page.getByText('Wrote the "CVM Gap Analysis" sheet.', { exact: false }).waitFor();
  });

  it("ran without a page error", () => {
    expect(pageErrors).toEqual([]);
  });
});
