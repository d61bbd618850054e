/**
 * The preview in Chromium working on a workbook of the user's own: picked with the file input or
 * dropped onto the pane, read in the page by the command line's package code, analysed, and
 * written into an edited copy the browser downloads, with every part the add-in does not own kept
 * byte for byte. A file that is no workbook gets a plain message and the pane keeps what it had.
 * Every request the page makes is recorded: none may go anywhere but the local server (and
 * office.js, which the page loads from Microsoft's CDN in production), so the file never leaves
 * the machine. Needs `npm run build` and /usr/bin/chromium.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Download, Page } from "playwright-core";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import { changedParts, partsOf, sheetNamesOf } from "../../testkit/packageParts";
import { tempDir } from "../../testkit/xlsx";
import { ARTIFACTS, openView, PaneBrowser, ROOT, serverOrigin, severeViolations, violationsIn } from "../../testkit/paneBrowser";

const DIST = process.env.PANE_DIST ? path.resolve(process.env.PANE_DIST) : path.join(ROOT, "dist");
const FIXTURES = path.join(ROOT, "test", "fixtures", "xlsx");
const PLAN = path.join(FIXTURES, "xlsxwriter.xlsx");
const MACRO_PLAN = path.join(FIXTURES, "macro.xlsm");
/** Its budgets and targets are formulas saved without results, which the page computes. */
const FORMULA_PLAN = path.join(FIXTURES, "openpyxl.xlsx");
/** office.js and what it fetches by itself as it starts (outside Office, its telemetry frame): no part of the pane's work. */
const OFFICE_JS = /^https:\/\/(appsforoffice\.microsoft\.com\/lib\/1(\.1)?\/hosted\/|telemetryservice\.firstpartyapps\.oaspapps\.com\/)/;

const browser = new PaneBrowser();
const { pageErrors } = browser;
const requests: { method: string; url: string; hasBody: boolean }[] = [];
const downloads = tempDir("cvm-gap-open-");
let page: Page;
/** Every download the page started: one per Write, whatever sheets it writes. */
let downloadCount = 0;
/** How many requests the page had made when the first file was picked. */
let beforeFirstFile = -1;

const openName = () => page.getByTestId("open-workbook-name");
const fileInput = () => page.getByTestId("open-workbook-input");
const overview = () => page.getByRole("table", { name: "Plan sheets" });
const requested = (file: string) => requests.some((r) => new URL(r.url).pathname === `/${file}`);

async function waitForName(name: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('[data-testid="open-workbook-name"]')?.textContent === expected, name, {
    timeout: 60_000,
  });
}

async function analyzeOpen(): Promise<string | null> {
  // click waits until the button is enabled, that is until the pane has read the plan's sheets.
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.getByTestId("score").waitFor();
  return page.getByTestId("score").textContent();
}

/** Presses Write to workbook and saves what the browser downloads; returns it and its name. */
async function writeAndDownload(): Promise<{ file: string; name: string; download: Download }> {
  const before = downloadCount;
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByRole("button", { name: "Write to workbook" }).click(),
  ]);
  await page.getByText("Other sheets were not touched.", { exact: false }).waitFor();
  expect(downloadCount - before).toBe(1);
  const name = download.suggestedFilename();
  const file = path.join(downloads, name);
  await download.saveAs(file);
  return { file, name, download };
}

/** Drops the file onto the pane as a user dragging it from the desktop would: dragenter, dragover, drop. */
async function dropFile(file: string, mimeType: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      return transfer;
    },
    { base64: fs.readFileSync(file).toString("base64"), name: path.basename(file), type: mimeType },
  );
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await page.dispatchEvent("main", "dragover", { dataTransfer });
  // While a file is over the pane, it says what a drop will do.
  await page.getByText("Drop the workbook to open it").waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, "open-workbook-drop.png") });
  await page.dispatchEvent("main", "drop", { dataTransfer });
  await dataTransfer.dispose();
}

beforeAll(async () => {
  await browser.start();
  page = await browser.openPane({ width: 420, height: 1400 }, "light", {
    onRequest: (request) => requests.push({ method: request.method(), url: request.url(), hasBody: request.postDataBuffer() !== null }),
  });
  page.on("download", () => downloadCount++);
}, 180_000);

afterAll(async () => {
  await browser.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});

describe("the built bundle", () => {
  it("loads the shared engine once, and the .xlsx reader only when a file is opened", () => {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)"?/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
    expect(scripts).toEqual(["runtime.js", "react.js", "shared.js", "taskpane.js", "functions.js"]);
    expect(fs.existsSync(path.join(DIST, "xlsx.js"))).toBe(true);
  });

  it("holds no Node-only module", () => {
    const bundle = fs.readdirSync(DIST).filter((file) => file.endsWith(".js"));
    const nodeOnly = bundle.filter((file) =>
      /["'`]node:(fs|zlib|crypto|path|os)["'`]|inflateRawSync|deflateRawSync|saveAtomically/.test(
        fs.readFileSync(path.join(DIST, file), "utf8"),
      ),
    );
    expect(nodeOnly).toEqual([]);
  });
});

describe("a workbook of the user's own in the preview", () => {
  it("starts on the sample without downloading the .xlsx reader", async () => {
    await page.getByText("Preview outside Excel").waitFor({ timeout: 60_000 });
    expect(await openName().textContent()).toBe("Northwind Telecom");
    await overview().getByText("Moments of Truth").waitFor();
    expect(requested("shared.js")).toBe(true);
    expect(requested("xlsx.js")).toBe(false);
  });

  it("opens a workbook picked with the file input and lists its plan sheets", async () => {
    beforeFirstFile = requests.length;
    await fileInput().setInputFiles(PLAN);
    await waitForName("xlsxwriter.xlsx");
    expect(requested("xlsx.js")).toBe(true);
    await overview().getByText("Moments of Truth").waitFor();
    expect(await overview().locator('[data-sheet="initiatives"]').textContent()).toContain("18");
    expect(await overview().locator('[data-sheet="bets"]').textContent()).toContain("Bets");
  });

  it("analyses it to the sample's score", async () => {
    expect(await analyzeOpen()).toBe("91.7%");
    await openView(page, "Findings");
    await page.getByText("Initiative I16 traces to no strategic bet.", { exact: false }).waitFor();
  });

  it("writes the report into a copy the browser downloads, keeping every other part byte for byte", async () => {
    const { file, name } = await writeAndDownload();
    expect(name).toBe("xlsxwriter.cvm-gap.xlsx");
    await page.getByRole("link", { name: "Download xlsxwriter.cvm-gap.xlsx" }).waitFor();
    const reopened = await openXlsx(file);
    expect(reopened.sheetNames.slice(-2)).toEqual(["CVM Gap Analysis", "CVM History"]);
    const before = await partsOf(fs.readFileSync(PLAN));
    const after = await partsOf(fs.readFileSync(file));
    expect(changedParts(before, after)).toEqual([]);
    expect(sheetNamesOf(after)).toEqual([...sheetNamesOf(before), "CVM Gap Analysis", "CVM History"]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('section[aria-label="Workbook"]').screenshot({ path: path.join(ARTIFACTS, "open-workbook-written.png") });
  });

  it("refuses a file that is no workbook in plain words and stays on the workbook it had", async () => {
    await fileInput().setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Bet ID,Strategic Bet\nB1,Converge\n"),
    });
    const alert = page.getByRole("alert").filter({ hasText: "notes.txt" });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      '"notes.txt" is not an .xlsx workbook (it looks like text/CSV). Open it in Excel and save it as Excel Workbook (.xlsx).',
    );
    expect(await openName().textContent()).toBe("xlsxwriter.xlsx");
    expect(await page.getByTestId("score").textContent()).toBe("91.7%");
  });

  it("has no accessibility violation in the picker, nor a serious one on the page", async () => {
    expect(await violationsIn(page, 'section[aria-label="Workbook"]')).toEqual([]);
    expect(await severeViolations(page)).toEqual([]);
  });

  it("opens a workbook dropped onto the pane, and keeps a macro workbook an .xlsm", async () => {
    await dropFile(MACRO_PLAN, "application/vnd.ms-excel.sheet.macroEnabled.12");
    await waitForName("macro.xlsm");
    // The pane starts afresh on the new workbook: the message and the earlier analysis are gone.
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByTestId("score").count()).toBe(0);
    expect(await analyzeOpen()).toBe("91.7%");
    const { file, name } = await writeAndDownload();
    expect(name).toBe("macro.cvm-gap.xlsm");
    const before = await partsOf(fs.readFileSync(MACRO_PLAN));
    const after = await partsOf(fs.readFileSync(file));
    expect(changedParts(before, after)).toEqual([]);
    expect(after.has("xl/vbaProject.bin")).toBe(true);
    expect(sheetNamesOf(after).slice(-2)).toEqual(["CVM Gap Analysis", "CVM History"]);
  });

  it("computes in the page the formulas a workbook holds without results", async () => {
    await fileInput().setInputFiles(FORMULA_PLAN);
    await waitForName("openpyxl.xlsx");
    expect(await analyzeOpen()).toBe("91.7%");
    expect(requested("formulas.js")).toBe(true);
  });

  it("sent nothing anywhere: once a file was picked every request went to the local server, and none carried data", () => {
    const local = serverOrigin(page);
    const isLocal = (url: string) => new URL(url).origin === local;
    expect(beforeFirstFile).toBeGreaterThan(0);
    // office.js opens its telemetry frame on a timer of its own, whenever that fires: a plain GET
    // of a page (blocked here), which no code of the pane can reach.
    const ours = requests.slice(beforeFirstFile).filter((r) => !OFFICE_JS.test(r.url));
    // The .xlsx reader and the formula evaluator came from the add-in's own server, and nothing else was asked for.
    expect(ours.map((r) => r.url)).toEqual([`${local}/xlsx.js`, `${local}/formulas.js`]);
    expect(requests.filter((r) => !isLocal(r.url) && !OFFICE_JS.test(r.url))).toEqual([]);
    expect(requests.filter((r) => r.method !== "GET" || r.hasBody)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
