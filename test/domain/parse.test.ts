import { parsePlan } from "../../src/domain/plan/parse";
import { BET_HEADER, KPI_HEADER, sheet, smallPlan } from "../../testkit/sheets";

const rulesOf = (sheets: ReturnType<typeof smallPlan>) => parsePlan(sheets).findings.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell}`);

describe("parsePlan: finding the sheets and columns", () => {
  it("reads the small plan without findings", () => {
    const { plan, findings } = parsePlan(smallPlan());
    expect(findings.findings).toEqual([]);
    expect(plan.bets.map((b) => b.id)).toEqual(["B1", "B2"]);
    expect(plan.kpis).toHaveLength(2);
    expect(plan.initiatives).toHaveLength(3);
    expect(plan.present).toEqual({
      bets: true,
      personas: true,
      kpis: true,
      initiatives: true,
      impacts: false,
      moments: true,
      collaboration: true,
    });
  });

  it("matches sheet and column names by alias, ignoring case, spaces, underscores, dashes and dots", () => {
    const sheets = [
      sheet("strategic_bets", [
        ["id", "STATEMENT", "Pillar", "objective", "priority-weight"],
        ["b1", "Win homes", "Convergence", "Grow", "30%"],
      ]),
      sheet("k.p.i.s", [
        ["ID", "Name", "bets", "target", "actual"],
        ["K1", "NPS", "B1", "40", 35],
      ]),
      sheet("MoT", [
        ["ID", "Name", "Stage", "Priority", "Bets"],
        ["M1", "Bill", "Pay", "high", "B1"],
      ]),
    ];
    const { plan, findings } = parsePlan(sheets);
    expect(findings.findings).toEqual([]);
    expect(plan.bets[0]).toMatchObject({ id: "b1", statement: "Win homes", strategy: "Convergence", objective: "Grow", weight: 0.3 });
    expect(plan.kpis[0]).toMatchObject({ id: "K1", betIds: ["B1"], target: 40, actual: 35, direction: "higher" });
    expect(plan.moments[0]).toMatchObject({ priority: "High", stage: "Pay" });
    expect(plan.sheets.find((s) => s.key === "moments")?.sheetName).toBe("MoT");
  });

  it("finds a header row below a title and records sheet positions of the cells", () => {
    const sheets = smallPlan({
      kpis: [["KPI sheet FY26"], [], KPI_HEADER, ["K1", "NPS", "Customer experience", "B1", "pts", "", 20, 30, "x", null, "", ""]],
    });
    const shifted = sheets.map((s) => (s.name === "KPIs" ? { ...s, origin: { row: 4, col: 1 } } : s));
    const { plan, findings } = parsePlan(shifted);
    expect(plan.sheets.find((s) => s.key === "kpis")?.headerRange).toBe("B7:M7");
    expect(findings.findings).toEqual([
      expect.objectContaining({ rule: "BAD_NUMBER", sheet: "KPIs", cell: "J8", itemId: "K1", severity: "error" }),
    ]);
    expect(findings.findings[0].message).toContain('"x"');
  });

  it("prefers an Excel table on the sheet", () => {
    const values = [
      ["Notes"],
      ["Bet ID", "Strategic Bet"],
      ["B9", "Ignored: outside the table"],
      [],
      ["Bet ID", "Strategic Bet"],
      ["B1", "In the table"],
    ];
    const sheets = smallPlan({ bets: null });
    sheets.push(sheet("Bets", values, { row: 0, col: 0 }, [{ name: "tblBets", range: "A5:B6" }]));
    const { plan } = parsePlan(sheets);
    expect(plan.bets.map((b) => b.id)).toEqual(["B1"]);
    expect(plan.sheets.find((s) => s.key === "bets")?.tableName).toBe("tblBets");
  });

  it("skips blank rows in the middle", () => {
    const sheets = smallPlan({ bets: [BET_HEADER, ["B1", "One"], [], [null, "  "], ["B2", "Two"]] });
    expect(parsePlan(sheets).plan.bets.map((b) => b.id)).toEqual(["B1", "B2"]);
  });
});

describe("parsePlan: bad input", () => {
  it("reports a missing required sheet as an error and optional ones not at all", () => {
    const findings = rulesOf(smallPlan({ bets: null, personas: null }));
    expect(findings).toContain("MISSING_SHEET@Bets!A1");
    expect(findings.filter((f) => f.startsWith("MISSING_SHEET"))).toHaveLength(1);
  });

  it("reports a missing required column in the first free header cell", () => {
    const sheets = smallPlan({
      kpis: [
        ["KPI ID", "KPI", "Actual"],
        ["K1", "NPS", 30],
      ],
    });
    const { plan, findings } = parsePlan(sheets);
    expect(findings.findings).toEqual([expect.objectContaining({ rule: "MISSING_COLUMN", sheet: "KPIs", cell: "D1" })]);
    expect(findings.findings[0].message).toContain('"Target"');
    expect(plan.kpis[0].target).toBeUndefined();
  });

  it("keeps the first of two rows with the same ID and reports the second", () => {
    const sheets = smallPlan({ bets: [BET_HEADER, ["B1", "First"], [" b1", "Second"]] });
    const { plan, findings } = parsePlan(sheets);
    expect(plan.bets.map((b) => b.statement)).toEqual(["First"]);
    expect(findings.findings).toEqual([expect.objectContaining({ rule: "DUPLICATE_ID", cell: "A3", severity: "warning" })]);
    expect(findings.findings[0].message).toContain("A2");
  });

  it("reports blank required values, error values and unknown words", () => {
    const sheets = smallPlan({
      kpis: [
        KPI_HEADER,
        ["K1", "", "Revenue", "B1", "€", "", 1, 2, 1, null, "", ""],
        ["K2", "ARPU", "Money", "B1", "€", "sideways", 1, null, { error: "#N/A" }, null, "", ""],
      ],
    });
    const { findings } = parsePlan(sheets);
    expect(findings.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual([
      "MISSING_VALUE@B2",
      "BAD_VALUE@C3",
      "BAD_VALUE@F3",
      "MISSING_VALUE@H3",
      "BAD_NUMBER@I3",
    ]);
  });

  it("reports a negative budget or weight and leaves it out", () => {
    const sheets = smallPlan({ bets: [BET_HEADER, ["B1", "One", "", "", "", -0.2, ""]] });
    const { plan, findings } = parsePlan(sheets);
    expect(plan.bets[0].weight).toBeUndefined();
    expect(findings.findings[0]).toMatchObject({ rule: "BAD_VALUE", cell: "F2" });
  });

  it("reports a sheet with a header and no rows", () => {
    const findings = rulesOf(smallPlan({ bets: [BET_HEADER] }));
    expect(findings).toContain("EMPTY_SHEET@Bets!A2");
  });
});
