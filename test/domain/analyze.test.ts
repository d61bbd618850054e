import { analyzeSheets, missingRequiredSheets } from "../../src/domain/analysis/analyze";
import { parsePlan } from "../../src/domain/plan/parse";
import { TraceIndex } from "../../src/domain/analysis/trace";
import { BET_HEADER, COLLAB_HEADER, INITIATIVE_HEADER, KPI_HEADER, MOT_HEADER, PERSONA_HEADER, smallPlan } from "../../testkit/sheets";

const where = (result: ReturnType<typeof analyzeSheets>) =>
  result.findings.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell} ${f.itemId}`);

describe("analysis of the small plan", () => {
  const result = analyzeSheets(smallPlan());
  const [b1, b2] = result.bets;

  it("covers all six aspects of B1 and only Strategy of B2", () => {
    expect(b1.aspects).toEqual({
      Persona: true,
      Needs: true,
      Alternatives: true,
      Strategy: true,
      "Business objective": true,
      "Major initiatives": true,
    });
    expect(b1.coverage).toBe(1);
    expect(
      Object.entries(b2.aspects)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(["Strategy"]);
    expect(b2.coverage).toBeCloseTo(1 / 6);
  });

  it("scores the weighted mean of coverage", () => {
    expect(result.score).toBeCloseTo(0.6 * 1 + 0.4 / 6, 10);
  });

  it("follows the budget through direct bets and through KPIs, and counts untraced money", () => {
    expect(result.totalBudget).toBe(1000);
    expect(result.untracedBudget).toBe(100);
    expect(b1.budget).toBe(900);
    expect(b1.initiativeIds).toEqual(["I1", "I2"]);
    expect(b1.budgetShare).toBeCloseTo(0.9);
    expect(b1.allocationGapPoints).toBeCloseTo(30);
    expect(b2.allocationGapPoints).toBeCloseTo(-40);
    expect(b1.allocationFlag && b2.allocationFlag).toBe(true);
  });

  it("evaluates each KPI with its direction", () => {
    expect(result.kpis.map((k) => [k.kpiId, k.status, k.cell])).toEqual([
      ["K1", "Off track", "I2"],
      ["K2", "On track", "I3"],
    ]);
    expect(result.kpis[0]).toMatchObject({ gap: 50, attainment: 0.75, progress: 0.5 });
  });

  it("reports every gap with the cell to fix, errors first, then by sheet and position", () => {
    expect(where(result)).toEqual([
      "warning ALLOCATION_GAP Bets!F2 B1",
      "warning BET_NO_KPI Bets!A3 B2",
      "warning BET_NO_INITIATIVE Bets!A3 B2",
      "warning ALLOCATION_GAP Bets!F3 B2",
      "warning INITIATIVE_UNTRACED Initiatives!D4 I3",
      "warning UNTRACED_BUDGET Initiatives!I4 ",
      "info BET_ASPECTS_MISSING Bets!A3 B2",
      "info HANDSHAKE_RECOMMENDED Collaboration!B6 Strategic initiatives",
    ]);
    const allocation = result.findings.find((f) => f.rule === "ALLOCATION_GAP" && f.itemId === "B1");
    expect(allocation?.message).toContain("90.0% of the budget against a weight of 60.0%");
    expect(result.findings.find((f) => f.rule === "UNTRACED_BUDGET")?.message).toContain("100 (10.0% of the initiatives' budget)");
  });

  it("lists the handshakes with the functions that hold them", () => {
    expect(result.handshakes?.map((h) => [h.handshake, h.present, h.functions.join()])).toEqual([
      ["Strategic direction", true, "CEO office"],
      ["KPIs", true, "BI"],
      ["Resource allocation", true, "Finance"],
      ["Customer insights", true, "Insights"],
      ["Strategic initiatives", false, ""],
    ]);
  });

  it("gives the same result, order included, on every run", () => {
    expect(JSON.stringify(analyzeSheets(smallPlan()))).toBe(JSON.stringify(result));
  });
});

describe("rules", () => {
  it("reports unknown references only when the referenced sheet exists", () => {
    const initiatives = [INITIATIVE_HEADER, ["I1", "Bundle", "", "B1, B7", "K9", "P1", "M4;M5", "CVM", 10]];
    const withMoments = analyzeSheets(smallPlan({ initiatives }));
    expect(withMoments.findings.filter((f) => f.rule === "UNKNOWN_REFERENCE").map((f) => `${f.cell} ${f.message}`)).toEqual([
      "D2 B7 is not an ID on the Bets sheet; correct the ID or add it to Bets.",
      "E2 K9 is not an ID on the KPIs sheet; correct the ID or add it to KPIs.",
      "G2 M4, M5 are not IDs on the Moments of Truth sheet; correct the IDs or add them to Moments of Truth.",
    ]);
    const withoutMoments = analyzeSheets(smallPlan({ initiatives, moments: null }));
    expect(withoutMoments.findings.filter((f) => f.rule === "UNKNOWN_REFERENCE").map((f) => f.cell)).toEqual(["D2", "E2"]);
  });

  it("reports KPIs that name no bet, KPIs without data and untraced high-priority moments", () => {
    const sheets = smallPlan({
      kpis: [
        KPI_HEADER,
        ["K1", "NPS", "Customer experience", "", "pts", "", 20, 30, null, null],
        ["K2", "ARPU", "Revenue", "B1", "€", "", 17, 18, 17.5],
      ],
      moments: [
        MOT_HEADER,
        ["M1", "Bill", "Pay", "", "High", "", "K1"],
        ["M2", "Move", "Use", "", "Low", "", ""],
        ["M3", "Join", "Join", "", "High", "", "K2"],
      ],
    });
    expect(where(analyzeSheets(sheets)).filter((f) => /KPI_NO|MOT_/.test(f))).toEqual([
      "warning KPI_NO_BET KPIs!D2 K1",
      "warning KPI_NO_DATA KPIs!I2 K1",
      "warning MOT_UNTRACED Moments of Truth!F2 M1",
    ]);
  });

  it("reports each missing GM handshake at the first free row of the Collaboration sheet", () => {
    const sheets = smallPlan({ collaboration: [COLLAB_HEADER, ["CEO office", "Strategic direction"], ["Finance", "budget allocation"]] });
    const found = analyzeSheets(sheets).findings.filter((f) => f.rule.startsWith("HANDSHAKE"));
    expect(found.map((f) => `${f.severity} ${f.itemId} ${f.cell}`)).toEqual([
      "warning KPIs B4",
      "warning Customer insights B4",
      "info Strategic initiatives B4",
    ]);
  });

  it("does not check handshakes without a Collaboration sheet", () => {
    const result = analyzeSheets(smallPlan({ collaboration: null }));
    expect(result.handshakes).toBeUndefined();
    expect(result.findings.some((f) => f.rule.startsWith("HANDSHAKE"))).toBe(false);
  });

  it("splits a budget equally among the bets an initiative traces to", () => {
    const sheets = smallPlan({
      initiatives: [
        INITIATIVE_HEADER,
        ["I1", "Shared", "", "B1;B2", "", "", "", "", 1000],
        ["I2", "Via KPI", "", "B2", "K1", "", "", "", "€500"],
      ],
    });
    const [b1, b2] = analyzeSheets(sheets).bets;
    expect(b1.budget).toBe(500 + 250);
    expect(b2.budget).toBe(500 + 250);
    expect(b1.budgetShare).toBeCloseTo(0.5);
  });

  it("uses equal weights when no bet has one, and flags only gaps above the threshold", () => {
    const bets = [BET_HEADER, ["B1", "One"], ["B2", "Two"]];
    const initiatives = [INITIATIVE_HEADER, ["I1", "A", "", "B1", "", "", "", "", 600], ["I2", "B", "", "B2", "", "", "", "", 400]];
    const result = analyzeSheets(smallPlan({ bets, initiatives }));
    expect(result.bets.map((b) => b.normalizedWeight)).toEqual([0.5, 0.5]);
    expect(result.bets.map((b) => b.allocationFlag)).toEqual([false, false]);
    expect(result.bets[0].allocationGapPoints).toBeCloseTo(10);
    const stricter = analyzeSheets(smallPlan({ bets, initiatives }), { tolerance: 0.1, allocationThreshold: 0.05 });
    expect(stricter.bets.map((b) => b.allocationFlag)).toEqual([true, true]);
  });

  it("normalises weights over the bets that have one and asks for the missing weight", () => {
    const bets = [BET_HEADER, ["B1", "One", "", "", "", 3], ["B2", "Two", "", "", "", 1], ["B3", "Three"]];
    const result = analyzeSheets(smallPlan({ bets }));
    expect(result.bets.map((b) => b.normalizedWeight)).toEqual([0.75, 0.25, undefined]);
    expect(where(result)).toContain("info BET_NO_WEIGHT Bets!F4 B3");
  });

  it("notes a plan whose initiatives carry no budget", () => {
    const initiatives = [INITIATIVE_HEADER, ["I1", "A", "", "B1"]];
    const result = analyzeSheets(smallPlan({ initiatives }));
    expect(where(result)).toContain("info NO_BUDGET Initiatives!I2 ");
    expect(result.bets[0].budgetShare).toBeUndefined();
  });

  it("counts Needs and Alternatives only from personas that name the bet", () => {
    const personas = [PERSONA_HEADER, ["P1", "Family", "", "", "", "B1"], ["P2", "Student", "", "Cheap data", "MVNO", "B2"]];
    const [b1, b2] = analyzeSheets(smallPlan({ personas })).bets;
    expect([b1.aspects.Persona, b1.aspects.Needs, b1.aspects.Alternatives]).toEqual([true, false, false]);
    expect([b2.aspects.Persona, b2.aspects.Needs, b2.aspects.Alternatives]).toEqual([true, true, true]);
  });

  it("tells which required sheets are missing", () => {
    expect(missingRequiredSheets(analyzeSheets(smallPlan({ kpis: null })))).toEqual(["KPIs"]);
  });
});

describe("TraceIndex", () => {
  const { plan } = parsePlan(smallPlan());
  const index = new TraceIndex(plan);

  it("gives direct paths first, then paths through KPIs", () => {
    const paths = index.pathsFor("i1");
    expect(paths?.map((p) => p.map((n) => `${n.id}: ${n.name}`))).toEqual([
      ["I1: Bundle offer", "B1: Win converged homes"],
      ["I1: Bundle offer", "K1: Converged households", "B1: Win converged homes"],
    ]);
  });

  it("traces moments, personas, KPIs and bets, and nothing for unknown or untraced IDs", () => {
    expect(index.pathsFor("M1")?.length).toBe(1);
    expect(index.pathsFor("P1")?.[0].map((n) => n.kind)).toEqual(["persona", "bet"]);
    expect(index.pathsFor("K2")?.[0].map((n) => n.id)).toEqual(["K2", "B1"]);
    expect(index.pathsFor("B2")).toEqual([[{ kind: "bet", id: "B2", name: "Lead in 5G" }]]);
    expect(index.pathsFor("I3")).toEqual([]);
    expect(index.pathsFor("nope")).toBeUndefined();
  });
});
