/**
 * `npx tsx bench/paneFirstPaint.ts` (after `npm run build`): how soon the built pane is usable in
 * Chromium on the bundled sample, and how long Analyse takes there, measured in the page. First
 * paint: from the navigation's start to the first frame in which Analyse can be pressed (the
 * plan's sheets surveyed). Analyse: from the click to the first frame that shows the analysis.
 * PANE_DIST=<dir> measures another build (an earlier commit's, for a before and after).
 *
 *   --runs 9   pane openings measured (the median is reported)
 */
import * as os from "node:os";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { PaneBrowser } from "../testkit/paneBrowser";
import { median, ms } from "./stats";

const { values: flags } = parseArgs({ options: { runs: { type: "string", default: "9" } } });

// The page's code is given as text: tsx (esbuild) wraps named functions of this file in a
// __name() helper the page does not have, so a function passed to page.evaluate fails there.

/** Milliseconds since the navigation started to the first frame where Analyse is enabled. */
function firstPaint(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const ready = () => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "Analyse" && !b.disabled);
    const check = () => (ready() ? requestAnimationFrame(() => resolve(performance.now())) : setTimeout(check, 5));
    check();
  })`);
}

/** Milliseconds from a click on Analyse, made in the page, to the first frame that shows the analysis. */
function analyzeTime(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Analyse");
    if (!button) throw new Error("No Analyse button.");
    const start = performance.now();
    const check = () =>
      document.querySelector('[data-testid="score"]') ? requestAnimationFrame(() => resolve(performance.now() - start)) : setTimeout(check, 2);
    button.click();
    check();
  })`);
}

async function main(): Promise<void> {
  const runs = Number(flags.runs);
  const browser = new PaneBrowser();
  await browser.start();
  const paints: number[] = [];
  const analyzeTimes: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.openPane({ width: 350, height: 800 });
      paints.push(await firstPaint(page));
      analyzeTimes.push(await analyzeTime(page));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`Task pane on the sample, ${process.env.PANE_DIST ?? "dist/"}, median of ${runs} openings (${os.cpus().length} cores):`);
  console.log(
    `  first paint (navigation to Analyse enabled): ${ms(median(paints))} ms (${ms(Math.min(...paints))} / ${ms(Math.max(...paints))})`,
  );
  console.log(
    `  Analyse (click to the analysis shown): ${ms(median(analyzeTimes))} ms (${ms(Math.min(...analyzeTimes))} / ${ms(Math.max(...analyzeTimes))})`,
  );
}

void main();
