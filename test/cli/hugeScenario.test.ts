/**
 * A scenario file of 500,000 changes that name nothing in the plan (issue 17) used to end in
 * "Maximum call stack size exceeded": the summary spread the list into one push(). It is read,
 * applied and reported: the summary and the scenario sheet list a bounded number of such changes
 * and count the rest, and --json keeps every one. The file is generated here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LISTED_LINES, formatScenario } from "../../src/cli/summary";
import { main, type Output } from "../../src/cli/main";
import { LISTED_ITEMS } from "../../src/domain/common/boundedText";
import { parsePlan } from "../../src/domain/plan/parse";
import { parseScenario } from "../../src/domain/whatIf/scenario";
import { buildScenarioLayout } from "../../src/domain/whatIf/scenarioReport";
import { whatIf } from "../../src/domain/whatIf/whatIf";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { tempDir } from "../../testkit/xlsx";

const CHANGES = 500_000;
const SAMPLE = path.join(__dirname, "..", "..", "examples", "cvm-sample-plan.xlsx");
const dir = tempDir("cvm-gap-huge-scenario-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 500,000 budget changes of initiatives the plan does not have, as a script might write them. */
function hugeScenario(): { version: 1; initiatives: { id: string; budget: number }[] } {
  return { version: 1, initiatives: Array.from({ length: CHANGES }, (_, i) => ({ id: `NOPE-${i + 1}`, budget: 1000 })) };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const leftOutLines = (text: string) => text.split("\n").filter((line) => line.startsWith("  left out: "));

describe("a scenario of 500,000 changes that name nothing in the plan", () => {
  it("is read and applied, each change left out and said, without overflowing the stack", () => {
    const analysis = whatIf(parsePlan(sampleSheets()), parseScenario(hugeScenario()));
    expect(analysis.applied.problems).toHaveLength(CHANGES);
    expect(analysis.applied.lines).toEqual([]);
    const summary = formatScenario(analysis, "what-if.json");
    expect(leftOutLines(summary)).toHaveLength(LISTED_LINES);
    expect(summary).toContain(
      `  … and ${(CHANGES - LISTED_LINES).toLocaleString("en-US")} more changes left out: --json lists every one under scenario.problems.`,
    );
  });

  it("lists a bounded number of them on the scenario sheet, with a count of the rest", () => {
    const analysis = whatIf(parsePlan(sampleSheets()), parseScenario(hugeScenario()));
    const layout = buildScenarioLayout(analysis, { runAt: new Date(2026, 10, 23, 9, 0, 0) });
    const notes = layout.cells.filter((c) => c.style === "note" && c.row >= 8 && c.col === 0).map((c) => String(c.value));
    expect(notes).toHaveLength(LISTED_ITEMS + 1);
    expect(notes[0]).toBe("Initiative NOPE-1 is not on the Initiatives sheet; its change in the scenario was left out.");
    expect(notes[LISTED_ITEMS]).toBe(
      `… and ${(CHANGES - LISTED_ITEMS).toLocaleString("en-US")} more changes that name nothing in the plan were left out.`,
    );
    // The sections follow right under the notes, not half a million rows down.
    expect(Math.min(...layout.tables.map((t) => t.row))).toBeLessThan(40);
  });

  it("runs through the command line's main(): exit 0, the summary bounded, --json with every change left out, the sheets written", async () => {
    const scenario = path.join(dir, "huge-what-if.json");
    fs.writeFileSync(scenario, JSON.stringify(hugeScenario()));
    const plan = path.join(dir, "plan.xlsx");
    fs.copyFileSync(SAMPLE, plan);

    const json = await run("analyze", plan, "--scenario", scenario, "--json", "--no-write");
    expect(json.err).not.toContain("Maximum call stack");
    expect(json.code).toBe(0);
    expect(leftOutLines(json.err)).toHaveLength(LISTED_LINES);
    expect(json.err).toContain(`  … and ${(CHANGES - LISTED_LINES).toLocaleString("en-US")} more changes left out`);
    const parsed = JSON.parse(json.out) as { scenario: { problems: string[] } };
    expect(parsed.scenario.problems).toHaveLength(CHANGES);

    const output = path.join(dir, "plan.cvm-gap.xlsx");
    const written = await run("analyze", plan, "--scenario", scenario, "--out", output);
    expect(written.err).toBe("");
    expect(written.code).toBe(0);
    expect(written.out).toContain(`Wrote the "CVM Scenario" sheet (the plan's figures beside the scenario's) to ${output}`);
  });
});
