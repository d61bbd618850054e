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

/**
 * Runs axe-core on the page, or on the elements `include` picks, leaving out what `exclude` picks,
 * once Fluent's transitions end: Fluent fades colours in on a change of state (a button enabled
 * again, a panel opening), and a colour measured mid-transition is neither the old one nor the new
 * one. Endless animations (an indeterminate progress bar) are not waited for.
 */
export async function runAxe(
  on: Page,
  scope: { readonly include?: string; readonly exclude?: readonly string[] } = {},
): Promise<Pick<AxeResults, "violations" | "incomplete">> {
  await on.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
    null,
    { timeout: 30_000 },
  );
  // Injected once per page: a second copy would only replace the first.
  if (!(await on.evaluate(() => "axe" in window))) await on.addScriptTag({ path: require.resolve("axe-core") });
  const results = await on.evaluate(
    ({ include, exclude }) =>
      (
        window as unknown as { axe: { run: (context: Document | { include?: string[][]; exclude?: string[][] }) => Promise<AxeResults> } }
      ).axe.run(
        include || exclude.length
          ? { ...(include && { include: [[include]] }), ...(exclude.length && { exclude: exclude.map((selector) => [selector]) }) }
          : document,
      ),
    { include: scope.include ?? null, exclude: [...(scope.exclude ?? [])] },
  );
  return { violations: results.violations, incomplete: results.incomplete };
}

/** axe-core's verdict on the elements the selector picks (the whole document without one). */
export async function axeVerdict(on: Page, selector?: string): Promise<AxeVerdict> {
  const results = await runAxe(on, selector === undefined ? {} : { include: selector });
  return { violations: results.violations.map(describe), needsReview: results.incomplete.map(describe) };
}
