/**
 * The planners' header words (issue 19): a header's stem drops the year, period, unit or filler
 * attached to it, and the stem must be one of a column's phrases as a whole.
 */
import { SHEETS, type SheetKey } from "../../src/domain/plan/contract";
import { matchHeader } from "../../src/domain/plan/headerMatch";
import { columnWords, conceptOf, headerStem, isPeriodHeader } from "../../src/domain/plan/vocabulary";

const spec = (key: SheetKey) => SHEETS.find((s) => s.key === key) ?? SHEETS[0];

/** The contract column each header is taken for on a sheet of that part, by its header alone. */
function columnsFor(part: SheetKey, ...headers: string[]): Record<string, string> {
  const match = matchHeader(headers, 0, headers.length - 1, spec(part));
  return Object.fromEntries(Object.entries(match.columns).map(([key, col]) => [headers[col], key]));
}

describe("header stems", () => {
  it.each([
    ["Goal 2027", "goal"],
    ["Spend (k€)", "spend"],
    ["Spend k€", "spend"],
    ["Actual Q3", "actual"],
    ["Actual YTD", "actual ytd"],
    ["Start value", "start"],
    ["Budget FY2026 (EUR)", "budget"],
    ["KPI IDs", "kpi id"],
    ["Prog. ID", "prog id"],
    ["  Metrics ", "metric"],
    ["Pérsona", "persona"],
    ["2027", ""],
  ])("%p → %p", (header, stem) => {
    expect(headerStem(header)).toBe(stem);
  });

  it("tells the part and role of a header", () => {
    expect(conceptOf("metric code")).toEqual({ part: "kpis", suffix: "id" });
    expect(conceptOf("metric name")).toEqual({ part: "kpis", suffix: "name" });
    expect(conceptOf("prog id")).toEqual({ part: "initiatives", suffix: "id" });
    expect(conceptOf("strategic bet")).toEqual({ part: "bets", suffix: "" });
    expect(conceptOf("ref")).toEqual({ suffix: "id" });
    // An account number is no ID of the plan's: accounts are no part of it.
    expect(conceptOf("account no")).toBeUndefined();
  });

  it("knows a month or quarter column", () => {
    expect(["Jan", "Feb 2027", "Q3", "September"].map(isPeriodHeader)).toEqual([true, true, true, true]);
    expect(["Actual Q3", "Budget", "Month"].map(isPeriodHeader)).toEqual([false, false, false]);
  });
});

describe("the words planners write, by part", () => {
  it("reads the issue's words for KPI figures", () => {
    expect(columnsFor("kpis", "Metric code", "Metric name", "Goal 2027", "Current", "Last year", "Better when", "Outlook")).toEqual({
      "Metric code": "id",
      "Metric name": "name",
      "Goal 2027": "target",
      Current: "actual",
      "Last year": "baseline",
      "Better when": "direction",
      Outlook: "forecast",
    });
    expect(columnsFor("kpis", "Indicator ID", "Measure", "Ambition", "YTD", "Baseline", "Polarity")).toEqual({
      "Indicator ID": "id",
      Measure: "name",
      Ambition: "target",
      YTD: "actual",
      Baseline: "baseline",
      Polarity: "direction",
    });
  });

  it("reads the issue's words for initiatives, their links and budget", () => {
    expect(columnsFor("initiatives", "Campaign ID", "Campaign", "Strategic priority", "KPIs", "Investment (€)", "Workstream")).toEqual({
      "Campaign ID": "id",
      Campaign: "name",
      "Strategic priority": "betIds",
      KPIs: "kpiIds",
      "Investment (€)": "budget",
      Workstream: "program",
    });
    expect(columnsFor("initiatives", "Project no.", "Project", "Objective", "Measures", "Cost", "Personas", "Touchpoints")).toEqual({
      "Project no.": "id",
      Project: "name",
      Objective: "betIds",
      Measures: "kpiIds",
      Cost: "budget",
      Personas: "personaIds",
      Touchpoints: "motIds",
    });
  });

  it("reads the issue's words for bets and their weights", () => {
    expect(columnsFor("bets", "Bet no.", "Strategic bet", "Pillar", "Ambition 2027", "Priority weight", "Sponsor")).toEqual({
      "Bet no.": "id",
      "Strategic bet": "statement",
      Pillar: "strategy",
      "Ambition 2027": "objective",
      "Priority weight": "weight",
      Sponsor: "owner",
    });
    expect(columnsFor("bets", "ID", "Strategic priority", "Weighting")).toEqual({
      ID: "id",
      "Strategic priority": "statement",
      Weighting: "weight",
    });
  });

  it("keeps the contract's own names first, as ever", () => {
    expect(columnsFor("kpis", "KPI ID", "KPI", "Target", "Goal")).toEqual({ "KPI ID": "id", KPI: "name", Target: "target" });
    expect(columnsFor("moments", "MoT ID", "Moment", "Priority", "Strategic bet")).toEqual({
      "MoT ID": "id",
      Moment: "name",
      Priority: "priority",
      "Strategic bet": "betIds",
    });
  });

  it("names a column's words in a message", () => {
    expect(columnWords("kpis", "target")).toEqual(["Target", "Goal", "Ambition", "Plan"]);
    expect(columnWords("kpis", "id")).toEqual(["KPI ID", "Metric ID", "Measure ID", "ID", "Code"]);
  });
});
