/**
 * Workbooks as planners keep them (issue 19): their own sheet names, titles above the header,
 * their own header words, link columns holding the IDs of other sheets, and sheets that are no
 * part of the plan beside them (notes, a budget by month, a ledger). Defined once here: the tests
 * read them as SheetData, and scripts/fixtures/dump-planner.ts hands them to planner_fixtures.py,
 * which writes them as test/fixtures/xlsx/planner-*.xlsx.
 */
import type { CellValue, SheetData, SheetTable } from "../src/domain/common/cells";

/** A cell as the fixture writer can write it: text, a number, or blank. */
export type PlannerCell = string | number | null;

export interface PlannerSheet {
  readonly name: string;
  /** Row by row from A1; a title row is a row like any other. */
  readonly rows: readonly (readonly PlannerCell[])[];
  /** An Excel table over some of the rows, by its A1 range (header row included). */
  readonly table?: { readonly name: string; readonly range: string };
}

export interface PlannerWorkbook {
  /** The file the fixture script writes: test/fixtures/xlsx/<file>. */
  readonly file: string;
  readonly sheets: readonly PlannerSheet[];
}

const readMe: PlannerSheet = {
  name: "Read me",
  rows: [
    ["Northwind Telecom: CVM plan 2027"],
    [],
    ["This workbook holds the 2027 strategic agenda, the scorecard and the programmes."],
    ["Owner: Strategy office. Last updated 2026-11-02."],
  ],
};

/** The strategic bets, under a title and a note, with the IDs P1 to P4. */
const agenda: PlannerSheet = {
  name: "Strategic agenda 2027",
  rows: [
    ["Northwind Telecom: strategic agenda 2027"],
    ["Approved by the board on 2026-10-14"],
    [],
    ["Ref", "Strategic priority", "Objective", "Weighting", "Sponsor"],
    ["P1", "Win the converged household", "Converged households from 410k to 520k", 0.4, "CEO"],
    ["P2", "Grow the value of the mobile base", "Blended ARPU +4%", 0.3, "CCO"],
    ["P3", "Best-rated service in the market", "NPS from 21 to 30", 0.2, "COO"],
    ["P4", "Enterprise IoT", null, 0.1, "CEO"],
  ],
};

export const SCORECARD_HEADER = ["Metric code", "Metric", "Pillar", "Polarity", "Start value", "Goal 2027", "Current", "Unit"] as const;

const scorecardRows: readonly (readonly PlannerCell[])[] = [
  ["M01", "Converged households (k)", "P1", "Higher is better", 410, 520, 470, "k"],
  ["M02", "Blended ARPU (€)", "P2", "Higher is better", 17.4, 18.1, 18.05, "€"],
  ["M03", "Postpaid monthly churn", "P2", "Lower is better", 0.016, 0.013, 0.0142, "%"],
  ["M04", "Net promoter score", "P3", "Higher is better", 21, 30, 31, "pts"],
  ["M05", "Care cost per contact (€)", null, "Lower is better", 6.5, 5.5, 6.1, "€"],
];

/** The KPIs, under one title row, with the IDs M01 to M05. */
export function scorecard(name = "Scorecard", header: readonly string[] = SCORECARD_HEADER): PlannerSheet {
  const keep = header.map((h) => SCORECARD_HEADER.indexOf(h as (typeof SCORECARD_HEADER)[number]));
  return {
    name,
    rows: [["Scorecard 2027 (monthly review)"], header, ...scorecardRows.map((row) => keep.map((i) => (i < 0 ? null : row[i])))],
  };
}

/** The initiatives as an Excel table from A1; "Strategic bet" holds bet IDs, "Metrics" KPI IDs, spend in k€. */
export function programmes(spend: readonly PlannerCell[] = [900, 600, 500, 200, 300]): PlannerSheet {
  return {
    name: "Programmes",
    table: { name: "tblProgrammes", range: "A1:G6" },
    rows: [
      ["Prog. ID", "Programme", "Strategic bet", "Metrics", "Owner", "Spend k€", "Status"],
      ["PR01", "Converged bundle relaunch", "P1", "M01", "CVM", spend[0], "Running"],
      ["PR02", "Cable base cross-sell", "P1", "M01; M02", "CVM", spend[1], "Running"],
      ["PR03", "Postpaid retention offers", null, "M03", "CVM", spend[2], "Planned"],
      ["PR04", "Care journey redesign", "P3", "M04; M05", "Care", spend[3], "Planned"],
      ["PR05", "Stadium sponsorship", null, null, "Brand", spend[4], "Planned"],
    ],
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A budget by month: a line per cost and the months across. No part of the plan. */
const budgetByMonth: PlannerSheet = {
  name: "Budget 2027 by month",
  rows: [
    ["Line", ...MONTHS, "Total"],
    ...["Marketing", "Care", "IT"].map((line, i) => [line, ...MONTHS.map((_, m) => 100 + 10 * i + m), 12 * (100 + 10 * i) + 66]),
  ],
};

/** A ledger extract: postings with debit and credit. No part of the plan. */
const ledger: PlannerSheet = {
  name: "GL extract",
  rows: [
    ["Posting date", "Account no.", "Account", "Description", "Debit", "Credit"],
    ["2026-10-01", "6100", "Media", "TV campaign, October", 120000, null],
    ["2026-10-03", "6200", "Agencies", "Creative fees", 35000, null],
    ["2026-10-05", "7000", "Revenue", "Partner rebate", null, 8000],
  ],
};

/** The plan as a planner keeps it: every part recognised, none named as the contract says. */
export const PLANNER_PLAN: PlannerWorkbook = {
  file: "planner-northwind.xlsx",
  sheets: [readMe, agenda, scorecard(), programmes(), budgetByMonth, ledger],
};

/** Refused: last year's scorecard kept beside this year's, the same headers and IDs: which are the KPIs? */
export const TWO_SCORECARDS: PlannerWorkbook = {
  file: "planner-two-scorecards.xlsx",
  sheets: [readMe, agenda, scorecard(), scorecard("Scorecard (old)"), programmes(), budgetByMonth],
};

/** Refused: the scorecard has no target column at all. */
export const NO_TARGET: PlannerWorkbook = {
  file: "planner-no-target.xlsx",
  sheets: [
    readMe,
    agenda,
    scorecard(
      "Scorecard",
      SCORECARD_HEADER.filter((h) => h !== "Goal 2027"),
    ),
    programmes(),
  ],
};

/**
 * Numbers typed as text the German way: weights "17,5 %", spend "1.250,50 €" and "1.250". Read
 * right with de-DE; with en-US the first two are no numbers and "1.250" is 1.25, with a warning.
 */
export const GERMAN_NUMBERS: PlannerWorkbook = {
  file: "planner-german-numbers.xlsx",
  sheets: [
    {
      ...agenda,
      rows: agenda.rows.map((row, i) =>
        i < 4 ? row : row.map((cell, c) => (c === 3 ? ["40 %", "30 %", "17,5 %", "12,5 %"][i - 4] : cell)),
      ),
    },
    scorecard(),
    programmes(["1.250,50 €", "1.250", "500", "200", "300"]),
  ],
};

export const PLANNER_WORKBOOKS: readonly PlannerWorkbook[] = [PLANNER_PLAN, TWO_SCORECARDS, NO_TARGET, GERMAN_NUMBERS];

/** A workbook's sheets as every adapter hands them over: the used range from A1, tables by range. */
export function plannerSheets(workbook: PlannerWorkbook): SheetData[] {
  return workbook.sheets.map((sheet) => {
    const tables: SheetTable[] | undefined = sheet.table ? [{ ...sheet.table }] : undefined;
    const values: CellValue[][] = sheet.rows.map((row) => [...row]);
    return { name: sheet.name, values, origin: { row: 0, col: 0 }, ...(tables && { tables }) };
  });
}

/**
 * The mapping recognition gives the planner's plan, as `map --json` prints it: worked out from the
 * sheets above (header rows as Excel numbers them), not from the code under test.
 */
export const PLANNER_PLAN_MAPPING = {
  version: 1,
  parts: {
    Bets: {
      sheet: "Strategic agenda 2027",
      headerRow: 4,
      columns: {
        "Bet ID": "Ref",
        "Strategic Bet": "Strategic priority",
        "Business Objective": "Objective",
        Weight: "Weighting",
        Owner: "Sponsor",
      },
    },
    KPIs: {
      sheet: "Scorecard",
      headerRow: 2,
      columns: {
        "KPI ID": "Metric code",
        KPI: "Metric",
        "Bet IDs": "Pillar",
        Unit: "Unit",
        Direction: "Polarity",
        Baseline: "Start value",
        Target: "Goal 2027",
        Actual: "Current",
      },
    },
    Initiatives: {
      table: "tblProgrammes",
      columns: {
        "Initiative ID": "Prog. ID",
        Initiative: "Programme",
        "Bet IDs": "Strategic bet",
        "KPI IDs": "Metrics",
        "Owner Function": "Owner",
        Budget: "Spend k€",
        Status: "Status",
      },
    },
  },
} as const;
