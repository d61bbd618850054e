/**
 * axe-core's whole verdict on a page or a part of it, for the browser tests that hold a view to
 * "no violation and no item that needs review": axe's `incomplete` results are the checks it could
 * not decide (a colour it cannot measure, text over an image), which a person would have to look at.
 */
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

export interface AxeVerdict {
  readonly violations: readonly string[];
  readonly needsReview: readonly string[];
}

/** One line per result, each element with axe's reason when it gives one (why a check could not be decided). */
const describe = (r: Result) =>
  `${r.id} (${r.impact ?? "no impact"}): ${r.help} at ${r.nodes
    .map((n) => {
      const why = [...n.any, ...n.all, ...n.none].map((c) => c.message).find(Boolean);
      return why ? `${n.target.join(" ")} (${why})` : n.target.join(" ");
    })
    .join(", ")}`;

/** Runs axe-core on the elements the selector picks (the whole document without one), after Fluent's transitions end. */
export async function axeVerdict(on: Page, selector?: string): Promise<AxeVerdict> {
  // A colour measured mid-transition is neither the old one nor the new one; endless animations are not waited for.
  await on.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
    null,
    { timeout: 30_000 },
  );
  if (!(await on.evaluate(() => "axe" in window))) await on.addScriptTag({ path: require.resolve("axe-core") });
  const results = await on.evaluate(
    (include) =>
      (window as unknown as { axe: { run: (context: Document | { include: string[][] }) => Promise<AxeResults> } }).axe.run(
        include ? { include: [[include]] } : document,
      ),
    selector ?? null,
  );
  return { violations: results.violations.map(describe), needsReview: results.incomplete.map(describe) };
}
