/**
 * Recognising the plan in workbooks as planners keep them (issue 19): their own sheet names,
 * titles above the header, their own header words and link columns, beside sheets that are no
 * part of the plan; and the two refusals, never a guess.
 */
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { OWNER_MARKER } from "../../src/domain/common/ownerMarker";
import { StopError, UnclearPlanError } from "../../src/domain/common/stopErrors";
import type { SheetKey } from "../../src/domain/plan/contract";
import { parsePlan } from "../../src/domain/plan/parse";
import { SHEET_HEAD_ROWS } from "../../src/domain/plan/planSources";
import { recognizePlan, resolvePlanSources, type PlanRecognition } from "../../src/domain/plan/recognizePlan";
import { SAMPLE_SHEETS } from "../../src/sample/samplePlan";
import { NO_TARGET, PLANNER_PLAN, plannerSheets, programmes, scorecard, TWO_SCORECARDS } from "../../testkit/plannerWorkbooks";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { sheet } from "../../testkit/sheets";

/** Each part's sheet, header row as Excel numbers it, and how it was found. */
function sourcesOf(recognition: PlanRecognition): Partial<Record<SheetKey, string>> {
  const found: Partial<Record<SheetKey, string>> = {};
  for (const part of recognition.parts) {
    const s = part.source;
    if (s && !part.problem) found[part.part] = `${s.table ?? s.sheet}, header row ${(s.headerRow ?? -1) + 1}, ${s.how}`;
  }
  return found;
}

function columnsOf(recognition: PlanRecognition, part: SheetKey): Record<string, string> {
  const source = recognition.parts.find((p) => p.part === part)?.source;
  return Object.fromEntries((source?.columns ?? []).map((c) => [c.label, `${c.header} (${c.how})`]));
}

describe("recognising a plan kept under the planner's own names", () => {
  const recognition = recognizePlan(plannerSheets(PLANNER_PLAN));

  it("finds the bets under a title, the KPIs on the scorecard and the initiatives in a table, by their headers and contents", () => {
    expect(sourcesOf(recognition)).toEqual({
      bets: "Strategic agenda 2027, header row 4, recognised",
      kpis: "Scorecard, header row 2, recognised",
      initiatives: "tblProgrammes, header row 1, recognised",
    });
    expect(recognition.problems).toEqual([]);
    expect(recognition.parts.filter((p) => p.source).map((p) => p.certainty)).toEqual(["likely", "likely", "likely"]);
  });

  it("reads each contract column from the planner's header, and says which were the contract's own names", () => {
    expect(columnsOf(recognition, "bets")).toEqual({
      "Bet ID": "Ref (recognised)",
      "Strategic Bet": "Strategic priority (recognised)",
      "Business Objective": "Objective (by name)",
      Weight: "Weighting (recognised)",
      Owner: "Sponsor (recognised)",
    });
    expect(columnsOf(recognition, "kpis")).toEqual({
      "KPI ID": "Metric code (recognised)",
      KPI: "Metric (recognised)",
      "Bet IDs": "Pillar (recognised)",
      Unit: "Unit (by name)",
      Direction: "Polarity (recognised)",
      Baseline: "Start value (recognised)",
      Target: "Goal 2027 (recognised)",
      Actual: "Current (recognised)",
    });
    expect(columnsOf(recognition, "initiatives")).toEqual({
      "Initiative ID": "Prog. ID (recognised)",
      Initiative: "Programme (recognised)",
      "Bet IDs": "Strategic bet (recognised)",
      "KPI IDs": "Metrics (recognised)",
      "Owner Function": "Owner (by name)",
      Budget: "Spend k€ (recognised)",
      Status: "Status (by name)",
    });
  });

  it("takes no note, budget by month or ledger for a part, and says why", () => {
    expect(recognition.ignored).toEqual([
      { sheet: "Read me", why: `none of its first ${SHEET_HEAD_ROWS} rows is a header of the plan's columns` },
      { sheet: "Budget 2027 by month", why: "is laid out by month or quarter across its header row, not as a list of the plan's items" },
      { sheet: "GL extract", why: "looks like a ledger (Debit and Credit columns), not a list of the plan's items" },
    ]);
  });

  it("lists the candidates it turned down with why", () => {
    const bets = recognition.parts.find((p) => p.part === "bets");
    expect(bets?.turnedDown).toContainEqual({ sheet: "Scorecard", headerRow: 1, why: "taken for the KPIs" });
    expect(bets?.turnedDown).toContainEqual({
      sheet: "Programmes",
      table: "tblProgrammes",
      headerRow: 0,
      why: "taken for the Initiatives",
    });
    const kpis = recognition.parts.find((p) => p.part === "kpis");
    expect(kpis?.turnedDown).toEqual([{ sheet: "Programmes", table: "tblProgrammes", headerRow: 0, why: "taken for the Initiatives" }]);
  });

  it("analyses the plan so recognised: the figures worked by hand", () => {
    const result = analyzeSheets(plannerSheets(PLANNER_PLAN));
    // Budget (k€) by bet: PR01 900 to P1; PR02 600 names P1 and, through M02, P2: 300 each; PR03
    // 500 reaches P2 through M03; PR04 200 to P3 (M05 names no bet); PR05 300 traces to nothing.
    // Total 2,500: P1 1,200 (48%), P2 800 (32%), P3 200 (8%), P4 0, untraced 300.
    expect(result.totalBudget).toBe(2500);
    expect(result.untracedBudget).toBe(300);
    const bets = result.bets.map((b) => [b.betId, b.budget, Number(((b.budgetShare ?? 0) * 100).toFixed(6))]);
    expect(bets).toEqual([
      ["P1", 1200, 48],
      ["P2", 800, 32],
      ["P3", 200, 8],
      ["P4", 0, 0],
    ]);
    // Against the weights 40/30/20/10: +8, +2, -12 and -10 points; only P3 is past 10 points
    // (P4 at exactly 10 is not).
    expect(result.bets.map((b) => [b.betId, Number(b.allocationGapPoints?.toFixed(6)), b.allocationFlag])).toEqual([
      ["P1", 8, false],
      ["P2", 2, false],
      ["P3", -12, true],
      ["P4", -10, false],
    ]);
    // No personas: P1-P3 cover Strategy, Business objective (a KPI with a target) and Major
    // initiatives, 3 of 6; P4 only Strategy, 1 of 6. Score 0.4*0.5 + 0.3*0.5 + 0.2*0.5 + 0.1/6 = 46.67%.
    expect(result.bets.map((b) => b.coverage)).toEqual([0.5, 0.5, 0.5, 1 / 6]);
    expect(result.score).toBeCloseTo(0.45 + 0.1 / 6, 12);
    // M01 470 of 410→520: progress 60/110 = 55% (off track); M02 18.05 of 17.4→18.1: 0.65/0.7 = 93%,
    // within the 10% tolerance (at risk); M03 churn 1.42% of 1.6%→1.3%: 0.18/0.3 = 60% (off track);
    // M04 NPS 31 against 30 (on track); M05 6.1 of 6.5→5.5, lower is better: 0.4/1 = 40% (off track).
    expect(result.kpis.map((k) => [k.kpiId, k.status])).toEqual([
      ["M01", "Off track"],
      ["M02", "At risk"],
      ["M03", "Off track"],
      ["M04", "On track"],
      ["M05", "Off track"],
    ]);
    expect(result.kpis[0].gap).toBe(50);
    const rules = result.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.itemId} ${f.sheet}!${f.cell}`);
    expect(rules).toEqual([
      "ALLOCATION_GAP P3 Strategic agenda 2027!D7",
      "BET_NO_KPI P4 Strategic agenda 2027!A8",
      "BET_NO_INITIATIVE P4 Strategic agenda 2027!A8",
      "KPI_NO_BET M05 Scorecard!C7",
      "INITIATIVE_UNTRACED PR05 Programmes!C6",
      "UNTRACED_BUDGET  Programmes!F6",
    ]);
  });

  it("reports each part's sheet, header and columns with how they were found", () => {
    const kpis = parsePlan(plannerSheets(PLANNER_PLAN)).plan.sheets.find((s) => s.key === "kpis");
    expect(kpis).toMatchObject({
      found: true,
      sheetName: "Scorecard",
      headerRange: "A2:H2",
      rowsRead: 5,
      how: "recognised",
      columns: { "KPI ID": "Metric code", Target: "Goal 2027", Actual: "Current" },
    });
  });

  it("gives the same answer from the sheets' first rows as from the whole sheets", () => {
    const long = plannerSheets(PLANNER_PLAN).map((s) =>
      s.name === "GL extract"
        ? { ...s, values: [...s.values, ...Array.from({ length: 500 }, () => ["2026-10-09", "6100", "Media", "x", 1, null])] }
        : s,
    );
    const heads = long.map((s) => ({ ...s, values: s.values.slice(0, SHEET_HEAD_ROWS) }));
    expect(recognizePlan(heads)).toEqual(recognizePlan(long));
  });
});

describe("never a silent guess", () => {
  it("stops when two sheets fit the KPIs about equally, naming both and how to choose", () => {
    const recognition = recognizePlan(plannerSheets(TWO_SCORECARDS));
    const message =
      'The plan\'s KPIs could be "Scorecard" (header row 2) or "Scorecard (old)" (header row 2): they fit about equally, so none was taken. ' +
      "Choose one with --map FILE.json on the command line, or in the task pane's Plan sources view, " +
      'e.g. { "version": 1, "parts": { "KPIs": { "sheet": "Scorecard" } } }.';
    expect(recognition.problems).toEqual([message]);
    expect(recognition.sources.parts.kpis).toBeUndefined();
    // The pane still shows what was proposed, marked unsure.
    expect(recognition.parts.find((p) => p.part === "kpis")).toMatchObject({ certainty: "unsure", source: { sheet: "Scorecard" } });
    expect(() => resolvePlanSources(plannerSheets(TWO_SCORECARDS))).toThrow(new UnclearPlanError([message]));
    try {
      resolvePlanSources(plannerSheets(TWO_SCORECARDS));
    } catch (error) {
      expect(error).toBeInstanceOf(StopError);
      expect((error as StopError).kind).toBe("unclear-plan-part");
      expect((error as StopError).exitCode).toBe(1);
    }
  });

  it("stops when the sheet that fits the KPIs lacks a target, naming the sheet, the column and how to map it", () => {
    expect(() => resolvePlanSources(plannerSheets(NO_TARGET))).toThrow(
      new UnclearPlanError([
        'The sheet "Scorecard" looks like the plan\'s KPIs but has no Target column (a header such as Target, Goal, Ambition or Plan) in its header row A2:G2. ' +
          "Add the column, or map one of its headers to Target with --map FILE.json on the command line, or in the task pane's Plan sources view, " +
          'e.g. { "version": 1, "parts": { "KPIs": { "sheet": "Scorecard", "columns": { "Target": "…" } } } }.',
      ]),
    );
  });

  it("does not stop the analysis of sheets handed over without sources: the part is left out with the message as a finding", () => {
    const result = analyzeSheets(plannerSheets(TWO_SCORECARDS));
    expect(result.sheets.find((s) => s.key === "kpis")?.found).toBe(false);
    expect(result.findings.filter((f) => f.rule === "UNCLEAR_SHEET").map((f) => [f.severity, f.sheet, f.cell])).toEqual([
      ["error", "Scorecard", "A2"],
    ]);
  });

  it("takes the scorecard whose IDs the programmes name, not last year's with other IDs", () => {
    const old = scorecard("Scorecard (old)");
    const oldIds: SheetData = {
      ...plannerSheets({ file: "", sheets: [old] })[0],
      values: old.rows.map((row, i) => (i < 2 ? [...row] : [`K${i}`, ...row.slice(1)])),
    };
    const sheets = [...plannerSheets(PLANNER_PLAN), oldIds];
    const kpis = recognizePlan(sheets).parts.find((p) => p.part === "kpis");
    expect(kpis).toMatchObject({ certainty: "likely", source: { sheet: "Scorecard" } });
    expect(kpis?.turnedDown).toContainEqual({
      sheet: "Scorecard (old)",
      headerRow: 1,
      why: expect.stringContaining('fits less well than "Scorecard"'),
    });
  });
});

describe("the contents decide between headers", () => {
  const withScorecard = (header: string[], rows: (string | number | null)[][]) => [
    ...plannerSheets({ file: "", sheets: [PLANNER_PLAN.sheets[1], programmes()] }),
    sheet("Scorecard", [header, ...rows]),
  ];

  it('takes "Metric" holding M01, M02 for the ID and "Metric name" holding prose for the name', () => {
    const sheets = withScorecard(
      ["Metric", "Metric name", "Goal"],
      [
        ["M01", "Converged households", 520],
        ["M02", "Blended ARPU", 18.1],
      ],
    );
    expect(columnsOf(recognizePlan(sheets), "kpis")).toEqual({
      "KPI ID": "Metric (recognised)",
      KPI: "Metric name (recognised)",
      Target: "Goal (recognised)",
    });
  });

  it('takes "Metric" holding prose for the name beside a "Code" column', () => {
    const sheets = withScorecard(
      ["Code", "Metric", "Plan"],
      [
        ["M01", "Converged households", 520],
        ["M02", "Blended ARPU", 18.1],
      ],
    );
    expect(columnsOf(recognizePlan(sheets), "kpis")).toEqual({
      "KPI ID": "Code (recognised)",
      KPI: "Metric (recognised)",
      Target: "Plan (recognised)",
    });
  });

  it('reads "Priority" as the bets only when it holds the bets\' IDs', () => {
    const rows = (priority: string[]) => [
      ["M01", "Converged households", priority[0], 520],
      ["M02", "Blended ARPU", priority[1], 18.1],
    ];
    const header = ["Metric code", "Metric", "Priority", "Target"];
    expect(columnsOf(recognizePlan(withScorecard(header, rows(["P1", "P2"]))), "kpis")["Bet IDs"]).toBe("Priority (recognised)");
    expect(columnsOf(recognizePlan(withScorecard(header, rows(["High", "Low"]))), "kpis")["Bet IDs"]).toBeUndefined();
    // Codes, but none of them a bet's.
    expect(columnsOf(recognizePlan(withScorecard(header, rows(["H1", "L2"]))), "kpis")["Bet IDs"]).toBeUndefined();
  });

  it('reads a "Plan" column of prose as no target, and says the scorecard lacks one', () => {
    const sheets = withScorecard(["Metric code", "Metric", "Plan"], [["M01", "Converged households", "Relaunch the bundle in Q2"]]);
    const recognition = recognizePlan(sheets);
    expect(recognition.sources.parts.kpis).toBeUndefined();
    expect(recognition.problems).toEqual([
      expect.stringMatching(/^The sheet "Scorecard" looks like the plan's KPIs but has no Target column/),
    ]);
  });
});

describe("a sheet named as the contract says keeps winning", () => {
  it("takes the sample plan's sheets by name even beside a scorecard that fits the KPIs", () => {
    const sheets = [...sampleSheets(), ...plannerSheets({ file: "", sheets: [scorecard()] })];
    const recognition = recognizePlan(sheets);
    expect(recognition.parts.map((p) => [p.part, p.source?.sheet, p.source?.how])).toEqual([
      ["bets", "Bets", "by name"],
      ["personas", "Personas", "by name"],
      ["kpis", "KPIs", "by name"],
      ["initiatives", "Initiatives", "by name"],
      ["impacts", "Impacts", "by name"],
      ["moments", "Moments of Truth", "by name"],
      ["collaboration", "Collaboration", "by name"],
    ]);
    const plain = (result: ReturnType<typeof analyzeSheets>) => JSON.stringify({ ...result, sheets: undefined });
    expect(plain(analyzeSheets(sheets))).toBe(plain(analyzeSheets(sampleSheets())));
  });

  it("reads every column of the sample by the contract's own names", () => {
    const recognition = recognizePlan(sampleSheets());
    for (const part of recognition.parts) {
      const sample = SAMPLE_SHEETS.find((s) => s.name === part.label);
      expect([part.label, part.source?.columns.map((c) => c.header)]).toEqual([part.label, sample?.header]);
      expect(part.source?.columns.every((c) => c.how === "by name")).toBe(true);
    }
  });

  it("never takes a sheet the add-in wrote for a part", () => {
    const report = sheet("Scorecard copy", [
      ["CVM Gap Analysis"],
      [OWNER_MARKER],
      [...scorecard().rows[1]],
      ...scorecard()
        .rows.slice(2)
        .map((r) => [...r]),
    ]);
    const recognition = recognizePlan([...plannerSheets({ file: "", sheets: [PLANNER_PLAN.sheets[1]] }), report]);
    expect(recognition.parts.find((p) => p.part === "kpis")?.source).toBeUndefined();
    expect(recognition.ignored).toEqual([{ sheet: "Scorecard copy", why: "written by the add-in (a report, the history or a scenario)" }]);
  });
});
