/**
 * The command line's summary lists a bounded number of lines of each list and counts the rest
 * (issue 17): a plan of thousands of findings, or a review where thousands changed, gives a
 * summary a person can read, and the report and --json still hold every one.
 */
import { formatSinceLast, formatSummary, LISTED_FINDINGS, LISTED_LINES } from "../../src/cli/summary";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { CellValue } from "../../src/domain/common/cells";
import { baselineOf, sinceLast } from "../../src/domain/review/review";
import { KPI_HEADER, smallPlan } from "../../testkit/sheets";

/** The small plan with `count` more KPIs that name no bet: a warning each. */
function planWithKpis(count: number) {
  const kpis: CellValue[][] = [KPI_HEADER];
  for (let i = 1; i <= count; i++)
    kpis.push([`K${i}`, `KPI ${i}`, "Customer base", "", "k", "Higher is better", 100, 200, 150, null, "FY26", "CVM"]);
  return smallPlan({ kpis });
}

const findingLines = (summary: string) => summary.split("\n").filter((line) => /^ {2}(error|warning|info) /.test(line));

describe("the summary's lists", () => {
  it("lists every finding of a plan with a few, under All findings", () => {
    const result = analyzeSheets(planWithKpis(3));
    const summary = formatSummary(result, "plan.xlsx");
    expect(summary).toContain("All findings:");
    expect(findingLines(summary)).toHaveLength(result.findings.length);
  });

  it("lists the first findings of a plan with thousands and counts the rest", () => {
    const result = analyzeSheets(planWithKpis(3000));
    expect(result.findings.length).toBeGreaterThan(LISTED_FINDINGS);
    const summary = formatSummary(result, "plan.xlsx");
    expect(summary).toContain(`Findings, the first ${LISTED_FINDINGS}:`);
    expect(findingLines(summary)).toHaveLength(LISTED_FINDINGS);
    expect(summary).toContain(
      `  … and ${(result.findings.length - LISTED_FINDINGS).toLocaleString("en-US")} more findings: the report sheet and --json list every one.`,
    );
  });

  it("lists a bounded number of the findings new since the last review and counts the rest", () => {
    const since = sinceLast(baselineOf(analyzeSheets(smallPlan())), analyzeSheets(planWithKpis(500)));
    expect(since.newFindings.length).toBeGreaterThan(LISTED_LINES);
    const text = formatSinceLast(since);
    expect(text.split("\n").filter((line) => line.startsWith("  new "))).toHaveLength(LISTED_LINES);
    expect(text).toContain(
      `  … and ${(since.newFindings.length - LISTED_LINES).toLocaleString("en-US")} more new findings (--json lists every one).`,
    );
  });
});
