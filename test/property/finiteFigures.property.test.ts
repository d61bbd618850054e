/**
 * Whatever the numbers of a plan (near ±1.8E+308, the smallest ones, typed or stored past the
 * limit), no figure of the result is ever Infinity or NaN (issue 17): not in the JSON the command
 * line prints, not in the report's cells, not in a what-if's comparison. A number or sum past the
 * limit is a finding with its cell and its figures are unknown instead.
 */
import fc from "fast-check";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { parsePlan } from "../../src/domain/plan/parse";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { buildScenarioLayout } from "../../src/domain/whatIf/scenarioReport";
import type { ReportLayout } from "../../src/domain/sheets/reportLayout";
import type { Scenario } from "../../src/domain/whatIf/scenario";
import { whatIf } from "../../src/domain/whatIf/whatIf";
import { formatScenario, formatSummary } from "../../src/cli/summary";
import { extremeNumber, genPlan, render, type GenPlan } from "./planArbitraries";

const RUN_AT = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

const sheetsOf = (plan: GenPlan): SheetData[] => [...plan.sheets.map((s) => render(s).data), ...plan.foreign];

/** Every number of a value and where it sits, as JSON.stringify would walk it (where Infinity silently becomes null). */
function nonFinite(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== "object") return [];
  if (value instanceof Map || value instanceof Set) return nonFinite([...value], path);
  return Object.entries(value).flatMap(([key, v]) => nonFinite(v, `${path}.${key}`));
}

function layoutValues(layout: ReportLayout): unknown[] {
  return [...layout.cells.map((c) => c.value), ...layout.tables.flatMap((t) => t.rows.flat())];
}

const INFINITE_WORDS = /Infinity|NaN|∞/;
const shownAsInfinite = (text: string) => INFINITE_WORDS.test(text);
/** Whether a plan's own text (a name, a note) holds such a word, which a finding may then quote. */
const quotesInfinite = (sheets: readonly SheetData[]) => INFINITE_WORDS.test(JSON.stringify(sheets));

/** Budgets and weights a scenario may set, at the ends of what a number holds. */
const hugeAmount = fc.constantFrom(0, 1, 1e308, Number.MAX_VALUE, 5e-324);
const scenarioOf: fc.Arbitrary<Scenario> = fc.record({
  version: fc.constant(1 as const),
  initiatives: fc.array(fc.record({ id: fc.integer({ min: 1, max: 6 }).map((n) => `I${n}`), budget: hugeAmount }), { maxLength: 6 }),
  bets: fc.array(fc.record({ id: fc.integer({ min: 1, max: 6 }).map((n) => `B${n}`), weight: hugeAmount }), { maxLength: 6 }),
  impacts: fc.constant([]),
});

describe("figures at the ends of what a number holds", () => {
  it("no figure in the JSON result, the report or the summary is ever Infinity or NaN, whatever the numbers typed", () => {
    fc.assert(
      fc.property(genPlan({ allRequired: true, maxRows: 10, numbers: extremeNumber }), (plan) => {
        const sheets = sheetsOf(plan);
        const result = analyzeSheets(sheets);
        expect(nonFinite(result)).toEqual([]);
        // What --json prints is the result itself: parsed back, it holds the same figures (no Infinity turned to null).
        expect(JSON.parse(JSON.stringify(result))).toEqual(
          JSON.parse(JSON.stringify(result, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? "NON-FINITE" : v))),
        );
        const values = layoutValues(buildReportLayout(result, { runAt: RUN_AT }));
        expect(nonFinite(values)).toEqual([]);
        if (quotesInfinite(sheets)) return;
        expect(values.filter((v) => typeof v === "string" && shownAsInfinite(v))).toEqual([]);
        expect(formatSummary(result, "plan.xlsx").split("\n").filter(shownAsInfinite)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a what-if with budgets and weights near the limit compares only finite figures", () => {
    fc.assert(
      fc.property(genPlan({ allRequired: true, maxRows: 8, numbers: extremeNumber }), scenarioOf, (plan, scenario) => {
        const sheets = sheetsOf(plan);
        const analysis = whatIf(parsePlan(sheets), scenario);
        expect(nonFinite(analysis.comparison)).toEqual([]);
        expect(nonFinite(analysis.scenario)).toEqual([]);
        expect(nonFinite(analysis.applied.lines)).toEqual([]);
        expect(nonFinite(layoutValues(buildScenarioLayout(analysis, { runAt: RUN_AT })))).toEqual([]);
        if (!quotesInfinite(sheets)) expect(formatScenario(analysis, "what-if.json").split("\n").filter(shownAsInfinite)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
