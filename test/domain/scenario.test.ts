/**
 * What-if on the sample plan: reading a scenario as the pane saves it, applying it to the plan
 * (never to the sheets), and the comparison the pane, the "CVM Scenario" sheet and the command
 * line show. A scenario that changes nothing must give the plan's figures exactly.
 */
import fc from "fast-check";
import { parsePlan } from "../../src/domain/plan/parse";
import { applyScenario, EMPTY_SCENARIO, parseScenario, type Scenario } from "../../src/domain/whatIf/scenario";
import {
  buildScenarioLayout,
  SCENARIO_CHANGES_TABLE,
  SCENARIO_FINDINGS_TABLE,
  SCENARIO_KPIS_TABLE,
  SCENARIO_TABLE_NAMES,
} from "../../src/domain/whatIf/scenarioReport";
import { columnIndex, type ColumnKey } from "../../src/domain/sheets/tableSchema";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { ScenarioError } from "../../src/domain/common/stopErrors";
import { analyzeParsed, whatIf } from "../../src/domain/whatIf/whatIf";
import { sampleSheets } from "../../src/sample/sampleSheets";

const parsed = parsePlan(sampleSheets());
const plan = analyzeParsed(parsed);
const scenario = (changes: Partial<Omit<Scenario, "version">>): Scenario => ({ ...EMPTY_SCENARIO, ...changes });

describe("parseScenario", () => {
  it("reads the JSON the pane saves, numbers typed as on the sheets", () => {
    const read = parseScenario({
      version: 1,
      initiatives: [
        { id: " I16 ", active: false },
        { id: "I03", budget: "€300,000" },
      ],
      bets: [{ id: "B3", weight: 0.25 }],
      impacts: [{ initiative: "I01", kpi: "K2", confidence: "90%" }],
    });
    expect(read).toEqual({
      version: 1,
      initiatives: [
        { id: "I16", active: false },
        { id: "I03", budget: 300000 },
      ],
      bets: [{ id: "B3", weight: 0.25 }],
      impacts: [{ initiative: "I01", kpi: "K2", confidence: 0.9 }],
    });
    expect(parseScenario({ version: 1 })).toEqual(EMPTY_SCENARIO);
  });

  it.each([
    [[], /JSON object/],
    [{ version: 2 }, /"version" must be 1 \(found 2\)/],
    [{ version: 1, bets: {} }, /"bets" must be a list/],
    [{ version: 1, bets: [3] }, /bets\[0\] must be an object/],
    [{ version: 1, initiatives: [{ budget: 5 }] }, /initiatives\[0\] needs "id"/],
    [{ version: 1, initiatives: [{ id: "I1", budget: "lots" }] }, /initiatives\[0\]: "budget" is "lots", not a number/],
    [{ version: 1, initiatives: [{ id: "I1", budget: -5 }] }, /"budget" is -5; it must be 0 or more/],
    [{ version: 1, initiatives: [{ id: "I1", active: "no" }] }, /"active" must be true or false/],
    [
      { version: 1, impacts: [{ initiative: "I1", kpi: "K1", confidence: "150%" }] },
      /impacts\[0\]: "confidence" is 1.5; it must be a share from 0% to 100%/,
    ],
    [{ version: 1, impacts: [{ initiative: "I1", kpi: "K1" }] }, /impacts\[0\] needs "confidence"/],
  ])("refuses %j, saying where", (json, message) => {
    expect(() => parseScenario(json)).toThrow(ScenarioError);
    expect(() => parseScenario(json)).toThrow(message);
  });
});

describe("applyScenario", () => {
  it("switches an initiative off: its budget, links and impacts no longer count, and nothing is reported missing", () => {
    // I01 brings 1,500 × 80% of K2's planned 1,600; B1 gets its 1,200,000.
    const analysis = whatIf(parsed, scenario({ initiatives: [{ id: "i01", active: false }] }));
    expect(analysis.applied.plan.initiatives.map((i) => i.id)).not.toContain("I01");
    expect(analysis.applied.lines).toEqual([
      { kind: "Initiative", id: "I01", name: "Fixed-mobile bundle offer to the cable base", what: "Active", plan: true, scenario: false },
    ]);
    expect(analysis.comparison.totalBudget).toEqual({ plan: 5_980_000, scenario: 4_780_000 });
    const k2 = analysis.comparison.kpis.find((k) => k.kpiId === "K2");
    expect(k2?.planned).toEqual({ plan: 1600, scenario: 400 });
    expect(analysis.scenario.findings.filter((f) => f.rule === "UNKNOWN_REFERENCE" && f.sheet === "Impacts")).toEqual([]);
  });

  it("changes budgets, weights and confidences, and lists each change with the plan's value", () => {
    const applied = applyScenario(
      parsed.plan,
      scenario({
        initiatives: [{ id: "I16", budget: 0 }],
        bets: [{ id: "B3", weight: 0.4 }],
        impacts: [{ initiative: "I02", kpi: "K2", confidence: 1 }],
      }),
    );
    expect(applied.lines.map((l) => [l.kind, l.id, l.what, l.plan, l.scenario])).toEqual([
      ["Initiative", "I16", "Budget", 300000, 0],
      ["Bet", "B3", "Weight", 0.2, 0.4],
      ["Impact", "I02 → K2", "Confidence", 0.5, 1],
    ]);
    expect(applied.plan.initiatives.find((i) => i.id === "I16")?.budget).toBe(0);
    expect(applied.plan.bets.find((b) => b.id === "B3")?.weight).toBe(0.4);
    const row = parsed.plan.impacts.findIndex((i) => i.initiativeId === "I02" && i.kpiId === "K2");
    expect(applied.bridgeInputs.confidence).toEqual(new Map([[row, 1]]));
  });

  it("says which changes name nothing in the plan, and leaves them out", () => {
    const applied = applyScenario(
      parsed.plan,
      scenario({
        initiatives: [{ id: "I99", active: false }],
        bets: [{ id: "B9", weight: 1 }],
        impacts: [{ initiative: "I01", kpi: "K9", confidence: 1 }],
      }),
    );
    expect(applied.problems).toEqual([
      "Initiative I99 is not on the Initiatives sheet; its change in the scenario was left out.",
      "Bet B9 is not on the Bets sheet; its change in the scenario was left out.",
      "No Impacts row has initiative I01 and KPI K9; the confidence in the scenario was left out.",
    ]);
    expect(applied.lines).toEqual([]);
    expect(applied.plan.initiatives).toEqual(parsed.plan.initiatives);
  });

  it("lets the last change of an item win, as the last edit does in the pane", () => {
    const applied = applyScenario(
      parsed.plan,
      scenario({
        bets: [
          { id: "B3", weight: 0.4 },
          { id: "b3", weight: 0.3 },
        ],
      }),
    );
    expect(applied.plan.bets.find((b) => b.id === "B3")?.weight).toBe(0.3);
  });
});

describe("whatIf", () => {
  it("gives the plan's figures exactly for an empty scenario", () => {
    const analysis = whatIf(parsed, EMPTY_SCENARIO);
    expect(analysis.scenario).toEqual(plan);
    expect(analysis.comparison.appeared).toEqual([]);
    expect(analysis.comparison.resolved).toEqual([]);
  });

  it("gives the plan's figures exactly for any scenario that restates the plan's own values", () => {
    const initiatives = parsed.plan.initiatives.filter((i) => i.budget !== undefined);
    const restated = fc.record({
      initiatives: fc.subarray(initiatives.map((i) => ({ id: i.id.toLowerCase(), active: true, budget: i.budget }))),
      bets: fc.subarray(parsed.plan.bets.filter((b) => b.weight !== undefined).map((b) => ({ id: b.id, weight: b.weight }))),
      impacts: fc.subarray(parsed.plan.impacts.map((i) => ({ initiative: i.initiativeId, kpi: i.kpiId, confidence: i.confidence }))),
    });
    fc.assert(
      fc.property(restated, (changes) => {
        // Each impact pair is unique on the sample, so restating its confidence restates every row's.
        const analysis = whatIf(parsed, scenario(changes), undefined, plan);
        expect(analysis.scenario).toEqual(plan);
        expect(analysis.applied.lines).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows which findings appear and which go away", () => {
    // Without I12, I16 and I17 no money is untraced; without I06, B2 loses budget.
    const analysis = whatIf(parsed, scenario({ initiatives: ["I12", "I16", "I17"].map((id) => ({ id, active: false })) }));
    const resolved = analysis.comparison.resolved.map((f) => [f.rule, f.itemId]);
    expect(resolved).toEqual(
      expect.arrayContaining([
        ["INITIATIVE_UNTRACED", "I16"],
        ["INITIATIVE_UNTRACED", "I17"],
        ["INITIATIVE_UNTRACED", "I12"],
      ]),
    );
    expect(resolved.map(([rule]) => rule)).toContain("UNTRACED_BUDGET");
    expect(analysis.comparison.untracedBudget).toEqual({ plan: 440_000, scenario: 0 });
    // I17 was the only initiative on K15: its gap is no longer partly closed but not addressed.
    expect(analysis.comparison.kpis.find((k) => k.kpiId === "K15")?.closure).toEqual({ plan: "Partly closed", scenario: "Not addressed" });
    expect(analysis.comparison.appeared.map((f) => [f.rule, f.itemId])).toContainEqual(["BRIDGE_NOT_ADDRESSED", "K15"]);
  });
});

describe("the CVM Scenario sheet", () => {
  const analysis = whatIf(
    parsed,
    scenario({
      initiatives: [{ id: "I16", active: false }],
      bets: [{ id: "B3", weight: 0.3 }],
      impacts: [
        { initiative: "I02", kpi: "K2", confidence: 1 },
        { initiative: "X", kpi: "K2", confidence: 1 },
      ],
    }),
  );
  const layout = buildScenarioLayout(analysis, { runAt: new Date(2026, 10, 24, 9, 0, 0) });
  const table = (name: string) => layout.tables.find((t) => t.name === name);

  it("is owned like the report and puts the plan's figures beside the scenario's", () => {
    expect(layout.sheetName).toBe("CVM Scenario");
    expect(layout.cells.find((c) => c.row === 1 && c.col === 0)?.value).toBe(OWNER_MARKER);
    const score = layout.cells.filter((c) => c.row === 3).map((c) => c.value);
    expect(score).toEqual(["Alignment score", plan.score, analysis.scenario.score]);
    expect(layout.cells.map((c) => c.value)).toContain(
      "No Impacts row has initiative X and KPI K2; the confidence in the scenario was left out.",
    );
  });

  it("lists the changes with the formats of what changed", () => {
    const changes = table(SCENARIO_TABLE_NAMES.changes);
    expect(changes?.rows).toEqual([
      ["Initiative", "I16", "City marathon sponsorship", "Active", "On", "Off"],
      ["Bet", "B3", "Best-rated service in the market", "Weight", 0.2, 0.3],
      ["Impact", "I02 → K2", "Merged customers completing onboarding", "Confidence", 0.5, 1],
    ]);
    expect(changes?.cellFormats?.map((f) => f[columnIndex(SCENARIO_CHANGES_TABLE, "plan")])).toEqual(["text", "percent", "percent"]);
  });

  it("compares every bet and every KPI, and lists the findings that change", () => {
    expect(table(SCENARIO_TABLE_NAMES.bets)?.rows).toHaveLength(plan.bets.length);
    const kpi = (key: ColumnKey<typeof SCENARIO_KPIS_TABLE>) => columnIndex(SCENARIO_KPIS_TABLE, key);
    const k2 = table(SCENARIO_TABLE_NAMES.kpis)?.rows.find((r) => r[kpi("kpiId")] === "K2");
    expect(k2?.slice(kpi("plannedPlan"), kpi("closureScenario") + 1)).toEqual([
      1600,
      2000,
      1600 / 3000,
      2000 / 3000,
      "Partly closed",
      "Partly closed",
    ]);
    const findings = table(SCENARIO_TABLE_NAMES.findings)?.rows ?? [];
    expect(findings.length).toBe(analysis.comparison.appeared.length + analysis.comparison.resolved.length);
    const finding = (key: ColumnKey<typeof SCENARIO_FINDINGS_TABLE>) => columnIndex(SCENARIO_FINDINGS_TABLE, key);
    expect(findings.map((r) => [r[finding("change")], r[finding("rule")], r[finding("itemId")]])).toContainEqual([
      "Goes away",
      "INITIATIVE_UNTRACED",
      "I16",
    ]);
  });
});
