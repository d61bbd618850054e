/**
 * The sample plan of "Northwind Telecom", a fictional mid-size operator (mobile and fixed
 * broadband, about four million subscribers, a cable company bought last year). It is realistic
 * enough to try the add-in on, and it carries a few deliberate gaps that the analysis must find.
 *
 * Headers come from the workbook contract rather than being typed here, so the sample cannot
 * drift from what the parser recognises; each row lists its cells in the contract's column order.
 */
import { sheetSpec, type SheetKey } from "../domain/plan/contract";

export type SampleCell = string | number | Date | null;

export interface SampleSheet {
  readonly name: string;
  /** Excel table name; a sheet without one is written as a plain range under a title. */
  readonly table?: string;
  readonly title?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly SampleCell[])[];
  /** Number formats by header label. */
  readonly formats?: Readonly<Record<string, string>>;
}

/** Midnight UTC, so the stored date serial does not depend on the machine's time zone. */
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The contract's sheet name and column labels, in the contract's order. The KPIs' Aggregation
 * column (issue 20) only means something beside a KPI Series, which the sample has none of: its
 * KPIs stay as the published workbook has them.
 */
function contractHeader(key: SheetKey): { name: string; header: readonly string[] } {
  const spec = sheetSpec(key);
  return { name: spec.label, header: spec.columns.filter((c) => c.key !== "aggregation").map((c) => c.label) };
}

const bets: SampleSheet = {
  ...contractHeader("bets"),
  table: "tblBets",
  formats: { Weight: "0%" },
  rows: [
    [
      "B1",
      "Win the converged household",
      "Convergence",
      "Converged households from 410k to 520k by end of 2026",
      "Cable merger cross-sell",
      0.3,
      "CEO",
    ],
    [
      "B2",
      "Grow the value of the mobile base",
      "Value growth",
      "Blended ARPU +4% and postpaid churn below 1.3%",
      "5G network roll-out",
      0.25,
      "CCO",
    ],
    ["B3", "Best-rated service in the market", "Customer experience", "NPS from 21 to 30", "Care transformation", 0.2, "COO"],
    ["B4", "Digital first, lower cost to serve", "Efficiency", "Cost to serve per subscriber -12%", "Digital stack renewal", 0.15, "CIO"],
    ["B5", "Enterprise IoT", "New growth", "", "", 0.1, "CEO"],
  ],
};

const personas: SampleSheet = {
  ...contractHeader("personas"),
  table: "tblPersonas",
  rows: [
    [
      "P1",
      "Connected family",
      "Households with 3+ lines",
      "Reliable home wifi, one bill, parental controls",
      "Cable-only provider; incumbent's triple play",
      "B1",
    ],
    ["P2", "Young digital native", "Postpaid 18-29", "Unlimited data, app-only service, fast 5G", "Digital MVNO at €12", "B2; B4"],
    ["P3", "Value seeker", "Prepaid", "Low monthly spend, no contract", "Discount MVNOs", "B2"],
    ["P4", "Small business owner", "SoHo", "Quick fault repair, a named contact", "Incumbent business line", "B3"],
    ["P5", "Senior", "65+", "Simple plans, help at setup", "", "B3"],
  ],
};

const kpis: SampleSheet = {
  ...contractHeader("kpis"),
  table: "tblKPIs",
  rows: [
    ["K1", "Mobile subscriber base", "Customer base", "B2", "k subs", "Higher is better", 2850, 2950, 2905, 2940, "FY2026", "CVM"],
    [
      "K2",
      "Converged net adds per month",
      "Customer base",
      "B1",
      "households",
      "Higher is better",
      4000,
      9000,
      5200,
      6000,
      "FY2026",
      "CVM",
    ],
    ["K3", "Postpaid monthly churn", "Customer base", "B2", "%", "Lower is better", 0.016, 0.013, 0.0145, 0.0138, "FY2026", "CVM"],
    ["K4", "Onboarding completion", "Customer base", "B3", "%", "Higher is better", 0.62, 0.75, 0.71, 0.76, "FY2026", "Care"],
    ["K5", "Blended ARPU", "Revenue", "B2", "€", "Higher is better", 17.4, 18.2, 17.95, 18.15, "FY2026", "Finance"],
    ["K6", "AMPU", "Revenue", "B2", "€", "Higher is better", 11.2, 11.8, 11.5, null, "FY2026", "Finance"],
    ["K7", "Converged revenue share", "Revenue", "B1", "%", "Higher is better", 0.18, 0.24, 0.235, 0.245, "FY2026", "Finance"],
    ["K8", "Postpaid CLV", "Revenue", "B1; B2", "€", "Higher is better", 610, 660, 640, 655, "FY2026", "CVM"],
    ["K9", "Net Promoter Score", "Customer experience", "B3", "pts", "Higher is better", 21, 30, 24, 26, "FY2026", "CX"],
    ["K10", "CSAT after a care contact", "Customer experience", "B3", "%", "Higher is better", 0.78, 0.85, 0.84, 0.845, "FY2026", "Care"],
    ["K11", "Cost to serve per subscriber", "Costs", "B4", "€/month", "Lower is better", 2.1, 1.85, 1.8, null, "FY2026", "Finance"],
    ["K12", "Care calls per 1,000 subscribers", "Costs", "B4", "calls", "Lower is better", 95, 80, 88, null, "FY2026", "Care"],
    ["K13", "Collections rate", "Costs", "B4", "%", "Higher is better", 0.962, 0.97, 0.9695, null, "FY2026", "Finance"],
    ["K14", "Days to launch a campaign", "Internal processes", "B4", "days", "Lower is better", 21, 10, 9, null, "FY2026", "CVM"],
    [
      "K15",
      "Campaign operating cost per contact",
      "Internal processes",
      "",
      "€",
      "Lower is better",
      0.12,
      0.1,
      0.11,
      null,
      "FY2026",
      "CVM",
    ],
    ["K16", "5G handset penetration", "Customer base", "B2", "%", "Higher is better", 0.31, 0.45, null, null, "FY2026", "Product"],
  ],
};

// A plain range under a title, not a table: planners' own lists look like this, and the
// parser has to find the header on row 3 by itself.
const initiatives: SampleSheet = {
  ...contractHeader("initiatives"),
  title: "Northwind Telecom – CVM initiatives FY2026",
  formats: { Budget: "#,##0", Start: "yyyy-mm-dd", End: "yyyy-mm-dd" },
  rows: [
    [
      "I01",
      "Fixed-mobile bundle offer to the cable base",
      "Cross-sell",
      "B1",
      "K2; K7",
      "P1",
      "M2; M3",
      "CVM",
      1200000,
      "+38k converged households",
      day("2026-01-15"),
      day("2026-12-31"),
      "Running",
    ],
    [
      "I02",
      "Onboarding journey for merged customers",
      "Onboarding",
      "B1",
      "K2",
      "P1",
      "M3",
      "CVM",
      650000,
      "Early churn of new households -20%",
      day("2026-02-01"),
      day("2026-09-30"),
      "Running",
    ],
    [
      "I03",
      "Household loyalty points",
      "Loyalty",
      "B1",
      "K8",
      "P1",
      "M7",
      "Marketing",
      "€250,000",
      "CLV +€15",
      day("2026-04-01"),
      day("2026-12-31"),
      "Planned",
    ],
    [
      "I04",
      "Broadband speed upgrade upsell",
      "Upsell",
      "",
      "K7",
      "P1",
      "",
      "Product",
      480000,
      "+9k upgrades",
      day("2026-03-01"),
      day("2026-08-31"),
      "Running",
    ],
    [
      "I05",
      "Postpaid churn prediction and save offers",
      "Retention",
      "B2",
      "K3",
      "P2; P3",
      "M8",
      "CVM",
      520000,
      "Churn -0.2 pp",
      day("2026-01-01"),
      day("2026-12-31"),
      "Running",
    ],
    [
      "I06",
      "5G handset upgrade campaign",
      "Upsell",
      "B2",
      "K5; K16",
      "P2",
      "M7",
      "Sales",
      410000,
      "ARPU +€0.30 on upgraders",
      day("2026-05-01"),
      day("2026-10-31"),
      "Planned",
    ],
    [
      "I07",
      "Prepaid to postpaid migration",
      "Upsell",
      "",
      "K5; K6",
      "P3",
      "M1",
      "CVM",
      300000,
      "+25k migrations",
      day("2026-02-15"),
      day("2026-11-30"),
      "Running",
    ],
    [
      "I08",
      "Data bundle usage stimulation",
      "Usage stimulation",
      "B2",
      "K6",
      "P3",
      "M5",
      "CVM",
      180000,
      "Data revenue +3%",
      day("2026-03-01"),
      day("2026-06-30"),
      "Done",
    ],
    [
      "I09",
      "Win-back of recent churners",
      "Win-back",
      "B2",
      "K3",
      "P2",
      "M8",
      "CVM",
      240000,
      "12k customers won back",
      day("2026-06-01"),
      day("2026-12-31"),
      "Planned",
    ],
    [
      "I10",
      "First-contact resolution in care",
      "Care",
      "B3",
      "K10",
      "P4; P5",
      "M6",
      "Care",
      150000,
      "CSAT +4 pts",
      day("2026-01-01"),
      day("2026-12-31"),
      "Running",
    ],
    [
      "I11",
      "Welcome calls for small businesses",
      "Onboarding",
      "B3",
      "K4",
      "P4",
      "M3",
      "Sales",
      90000,
      "Onboarding completion +5 pts",
      day("2026-04-01"),
      day("2026-12-31"),
      "Planned",
    ],
    [
      "I12",
      "Assisted setup for seniors",
      "Onboarding",
      "",
      "K99",
      "P5",
      "M3",
      "Care",
      60000,
      "Fewer early care calls",
      day("2026-05-01"),
      day("2026-12-31"),
      "Planned",
    ],
    [
      "I13",
      "Bill explanations in the app",
      "Digital",
      "B4",
      "K11; K12",
      "P2",
      "M4; M5",
      "IT/BI",
      350000,
      "Bill calls -15%",
      day("2026-02-01"),
      day("2026-07-31"),
      "Running",
    ],
    [
      "I14",
      "Digital collections reminders",
      "Digital",
      "B4",
      "K13",
      "",
      "M4",
      "IT/BI",
      120000,
      "Collections +0.5 pp",
      day("2026-03-01"),
      day("2026-12-31"),
      "Running",
    ],
    [
      "I15",
      "Campaign automation platform",
      "Platform",
      "",
      "K14",
      "",
      "",
      "IT/BI",
      400000,
      "Launch in 10 days",
      day("2026-01-01"),
      day("2026-06-30"),
      "Done",
    ],
    [
      "I16",
      "City marathon sponsorship",
      "Brand",
      "",
      "",
      "",
      "",
      "Marketing",
      300000,
      "Brand awareness",
      day("2026-04-15"),
      day("2026-04-30"),
      "Done",
    ],
    [
      "I17",
      "Campaign cost benchmarking",
      "Process",
      "",
      "K15",
      "",
      "",
      "CVM",
      80000,
      "Cost per contact -10%",
      day("2026-07-01"),
      day("2026-09-30"),
      "Planned",
    ],
    [
      "I18",
      "Roaming bundle for frequent travellers",
      "Usage stimulation",
      "B2",
      "K5",
      "P2",
      "",
      "Product",
      200000,
      "Roaming revenue +8%",
      day("2026-05-15"),
      day("2026-09-15"),
      "Planned",
    ],
  ],
};

/**
 * What each initiative is expected to change in a KPI by the end of FY2026, with its owner's
 * confidence: the gap-to-target bridge. The rows show every closure state: K3, K5, K6, K10 and
 * K13 are closed (K6 only to within rounding: 11.5 + 0.18 + 0.12 against 11.8), K1, K2, K8 and
 * K15 partly closed, K9 and K12 not addressed (I13 would even raise K12's care calls), K16 has no
 * data, and K4 is on track already (I11's budget could be released). I05 → K1 is a row whose
 * initiative does not name the KPI.
 */
const impacts: SampleSheet = {
  ...contractHeader("impacts"),
  table: "tblImpacts",
  formats: { Confidence: "0%" },
  rows: [
    ["I01", "K2", 1500, 0.8, "Cable-base households converging each month"],
    ["I02", "K2", 800, 0.5, "Merged customers completing onboarding"],
    ["I05", "K3", "-0.05%", 1, "Save offers to predicted churners"],
    ["I09", "K3", -0.0004, "80%", "Win-back reduces net churn"],
    ["I05", "K1", 8, 0.75, "Saved customers keep the base up"],
    ["I06", "K5", 0.03, 0.8, "Upgraders move to higher plans"],
    ["I18", "K5", 0.04, 0.7, "Roaming bundles"],
    ["I07", "K6", 0.2, 0.9, "Postpaid margin on migrated customers"],
    ["I08", "K6", 0.15, 0.8, "Data bundles"],
    ["I03", "K8", 4, 0.75, "Loyal households stay longer"],
    ["I10", "K10", 0.01, 0.9, "Faults fixed at the first call"],
    ["I14", "K13", 0.001, 0.8, "Reminders before the due date"],
    ["I17", "K15", -0.005, 0.8, "Cheaper contact channels"],
    ["I13", "K12", 2, 1, "Bill questions move from the app to the phone at first"],
    ["I11", "K4", 0.03, 0.8, "Welcome calls"],
    ["I06", "K16", 0.05, 0.7, "5G handsets sold with the upgrades"],
  ],
};

const moments: SampleSheet = {
  ...contractHeader("moments"),
  table: "tblMoments",
  rows: [
    ["M1", "Sees a better offer in a store", "Discover", "P3", "Medium", "B2", "K5"],
    ["M2", "Compares bundle prices online", "Discover", "P1", "High", "B1", "K7"],
    ["M3", "Installation day", "Join", "P1; P4; P5", "High", "B1; B3", "K4"],
    ["M4", "First bill arrives", "Pay", "P2; P3", "High", "", ""],
    ["M5", "Checks usage in the app", "Use", "P2", "Medium", "B4", "K11"],
    ["M6", "Calls care about a fault", "Get help", "P4; P5", "High", "B3", "K10"],
    ["M7", "Contract renewal offer", "Renew", "P1; P2", "High", "", "K8"],
    ["M8", "Asks to cancel", "Leave", "P2; P3", "High", "B2", "K3"],
    ["M9", "Moves house", "Use", "P1", "Low", "", ""],
  ],
};

// "Customer insights" is left out on purpose: see DELIBERATE_GAPS.
const collaboration: SampleSheet = {
  ...contractHeader("collaboration"),
  table: "tblCollaboration",
  rows: [
    ["CEO office", "Strategic direction", "Quarterly", "CEO", "B1; B2; B3; B4; B5"],
    ["Finance", "Resource allocation", "Quarterly", "CFO", "B1; B2; B3; B4"],
    ["BI & Analytics", "KPIs", "Monthly", "Head of BI", "B2; B3"],
    ["Transformation office", "Strategic initiatives", "Monthly", "CTO", "B1"],
  ],
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const BUDGET_HEADER = [
  "Month",
  "Service revenue €",
  "Margin €",
  "Subscribers (average)",
  "Gross adds",
  "Lost customers",
  "Opening base",
  "Closing base",
] as const;

/**
 * A monthly budgeting block: the kind of sheet the CVM functions are used in. The figures are
 * computed, not random, so the file is the same on every run: churn eases from 1.48% a month,
 * ARPU climbs from €17.40 and margin is 64% of revenue. The base rolls forward month by month,
 * so ARPU, churn and net adds worked out from the sheet agree with each other.
 */
function budgetSheet(): SampleSheet {
  const rows: SampleCell[][] = [];
  let opening = 4_020_000;
  MONTHS.forEach((month, i) => {
    const grossAdds = 61_000 + 500 * i;
    const lost = Math.round(opening * (0.0148 - 0.0001 * i));
    const closing = opening + grossAdds - lost;
    const average = Math.round((opening + closing) / 2);
    const revenue = Math.round(average * (17.4 + 0.045 * i));
    rows.push([`${month} 2026`, revenue, Math.round(revenue * 0.64), average, grossAdds, lost, opening, closing]);
    opening = closing;
  });
  const wholeNumbers = Object.fromEntries(BUDGET_HEADER.slice(1).map((label) => [label, "#,##0"]));
  return { name: "Budget FY2026", table: "tblBudget", header: BUDGET_HEADER, formats: wholeNumbers, rows };
}

/** The six contract sheets by key, for code that wants one sheet of the sample. */
export const SAMPLE_PLAN: Readonly<Record<SheetKey, SampleSheet>> = { bets, personas, kpis, initiatives, impacts, moments, collaboration };

/** Every sheet of the sample workbook, in the order it is written. */
export const SAMPLE_SHEETS: readonly SampleSheet[] = [bets, personas, kpis, initiatives, impacts, moments, collaboration, budgetSheet()];

export type GapRule =
  | "INITIATIVE_UNTRACED"
  | "UNKNOWN_REFERENCE"
  | "KPI_NO_BET"
  | "KPI_NO_DATA"
  | "MOT_UNTRACED"
  | "HANDSHAKE_MISSING"
  | "BET_NO_KPI"
  | "BET_NO_INITIATIVE"
  | "ALLOCATION_GAP"
  | "UNTRACED_BUDGET"
  | "BRIDGE_NOT_ADDRESSED"
  | "BRIDGE_PARTLY_CLOSED"
  | "IMPACT_WRONG_DIRECTION"
  | "IMPACT_ON_TRACK_KPI"
  | "IMPACT_NOT_LINKED";

/**
 * A gap built in on purpose. `item` is the ID (or handshake) the finding is about; it is empty
 * when the finding concerns the plan as a whole.
 */
export interface DeliberateGap {
  readonly rule: GapRule;
  readonly item: string;
  readonly why: string;
}

/** The gaps built into the sample on purpose; the tests check that the analysis finds each. */
export const DELIBERATE_GAPS: readonly DeliberateGap[] = [
  { rule: "INITIATIVE_UNTRACED", item: "I16", why: "the marathon sponsorship names no bet and no KPI" },
  { rule: "INITIATIVE_UNTRACED", item: "I17", why: "its only KPI, K15, names no bet" },
  { rule: "INITIATIVE_UNTRACED", item: "I12", why: "its only KPI, K99, does not exist" },
  { rule: "UNKNOWN_REFERENCE", item: "I12", why: "K99 is not on the KPIs sheet" },
  { rule: "KPI_NO_BET", item: "K15", why: "campaign operating cost names no bet" },
  { rule: "KPI_NO_DATA", item: "K16", why: "5G handset penetration has no actual and no forecast" },
  { rule: "MOT_UNTRACED", item: "M4", why: "the first bill is a high-priority moment with no bet and no KPI" },
  { rule: "HANDSHAKE_MISSING", item: "Customer insights", why: "no function shares customer insights with general management" },
  { rule: "BET_NO_KPI", item: "B5", why: "Enterprise IoT has no KPI" },
  { rule: "BET_NO_INITIATIVE", item: "B5", why: "no initiative names Enterprise IoT, directly or through a KPI" },
  { rule: "ALLOCATION_GAP", item: "B1", why: "the converged household gets 41% of the budget against a 30% weight" },
  { rule: "ALLOCATION_GAP", item: "B3", why: "the service bet gets 4% of the budget against a 20% weight" },
  { rule: "UNTRACED_BUDGET", item: "", why: "440,000 goes to I12, I16 and I17, which serve no bet" },
  { rule: "BRIDGE_NOT_ADDRESSED", item: "K9", why: "no initiative is expected to raise NPS" },
  { rule: "BRIDGE_NOT_ADDRESSED", item: "K12", why: "the only impact on care calls raises them" },
  { rule: "BRIDGE_PARTLY_CLOSED", item: "K1", why: "I05's saved customers close 60% of the base's gap" },
  { rule: "BRIDGE_PARTLY_CLOSED", item: "K2", why: "I01 and I02 close 53% of the net adds' gap" },
  { rule: "BRIDGE_PARTLY_CLOSED", item: "K8", why: "I03 closes 60% of the CLV gap" },
  { rule: "BRIDGE_PARTLY_CLOSED", item: "K15", why: "I17 closes 40% of the cost per contact gap" },
  { rule: "IMPACT_WRONG_DIRECTION", item: "I13", why: "I13 would raise care calls, a lower-is-better KPI" },
  { rule: "IMPACT_ON_TRACK_KPI", item: "I11", why: "onboarding completion (K4) is already on track" },
  { rule: "IMPACT_NOT_LINKED", item: "I05", why: "I05 is expected to move K1 but names only K3" },
];
