/**
 * The workbook contract: which sheets a plan has, which columns each accepts and under which
 * other names. Everything that recognises a plan (parser, template, custom functions) reads it.
 */

export type SheetKey = "bets" | "personas" | "kpis" | "initiatives" | "impacts" | "moments" | "collaboration";

export type ColumnKind = "id" | "text" | "idList" | "number" | "date";

export interface ColumnSpec {
  readonly key: string;
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly kind: ColumnKind;
}

export interface SheetSpec {
  readonly key: SheetKey;
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
}

/** What reading a part's rows needs of its spec: its label and columns (rowReader.ts). */
export type ColumnsSpec = Pick<SheetSpec, "label" | "columns">;

function col(key: string, label: string, kind: ColumnKind, aliases: string[] = [], required = false): ColumnSpec {
  return { key, label, aliases, required, kind };
}

export const SHEETS: readonly SheetSpec[] = [
  {
    key: "bets",
    label: "Bets",
    aliases: ["Strategic Bets", "Strategy"],
    required: true,
    columns: [
      col("id", "Bet ID", "id", ["ID"], true),
      col("statement", "Strategic Bet", "text", ["Bet", "Name", "Statement"], true),
      col("strategy", "Strategy", "text", ["Pillar", "Theme"]),
      col("objective", "Business Objective", "text", ["Objective"]),
      col("majorInitiative", "Major Initiative", "text"),
      col("weight", "Weight", "number", ["Priority Weight"]),
      col("owner", "Owner", "text"),
    ],
  },
  {
    key: "personas",
    label: "Personas",
    aliases: [],
    required: false,
    columns: [
      col("id", "Persona ID", "id", ["ID"], true),
      col("name", "Persona", "text", ["Name"], true),
      col("segment", "Segment", "text"),
      col("needs", "Needs", "text"),
      col("alternatives", "Alternatives", "text", ["Competitors"]),
      col("betIds", "Bet IDs", "idList", ["Bets"]),
    ],
  },
  {
    key: "kpis",
    label: "KPIs",
    aliases: [],
    required: true,
    columns: [
      col("id", "KPI ID", "id", ["ID"], true),
      col("name", "KPI", "text", ["Name"], true),
      col("category", "Category", "text"),
      col("betIds", "Bet IDs", "idList", ["Bets"]),
      col("unit", "Unit", "text"),
      col("direction", "Direction", "text"),
      col("baseline", "Baseline", "number"),
      col("target", "Target", "number", [], true),
      col("actual", "Actual", "number"),
      col("forecast", "Forecast", "number"),
      col("period", "Period", "text"),
      col("owner", "Owner", "text"),
      // Last, so that every plan and the sample written before it keep their columns in place.
      col("aggregation", "Aggregation", "text", ["Aggregate", "Roll-up"]),
    ],
  },
  {
    key: "initiatives",
    label: "Initiatives",
    aliases: [],
    required: false,
    columns: [
      col("id", "Initiative ID", "id", ["ID"], true),
      col("name", "Initiative", "text", ["Name"], true),
      col("program", "Program", "text"),
      col("betIds", "Bet IDs", "idList", ["Bets"]),
      col("kpiIds", "KPI IDs", "idList", ["KPIs"]),
      col("personaIds", "Persona IDs", "idList", ["Personas"]),
      col("motIds", "MoT IDs", "idList", ["Moments of Truth"]),
      col("ownerFunction", "Owner Function", "text", ["Function", "Owner"]),
      col("budget", "Budget", "number"),
      col("expectedImpact", "Expected Impact", "text"),
      col("start", "Start", "date"),
      col("end", "End", "date"),
      col("status", "Status", "text"),
    ],
  },
  {
    // What each initiative is expected to change in a KPI: the gap-to-target bridge.
    key: "impacts",
    label: "Impacts",
    aliases: ["Initiative Impacts", "KPI Impacts"],
    required: false,
    columns: [
      col("initiativeId", "Initiative ID", "id", ["Initiative"], true),
      col("kpiId", "KPI ID", "id", ["KPI"], true),
      col("impact", "Impact", "number", ["Expected Change", "Delta"], true),
      col("confidence", "Confidence", "number", ["Probability", "Likelihood"]),
      col("note", "Note", "text"),
    ],
  },
  {
    key: "moments",
    label: "Moments of Truth",
    aliases: ["MoT", "Moments"],
    required: false,
    columns: [
      col("id", "MoT ID", "id", ["ID"], true),
      col("name", "Moment", "text", ["Name"], true),
      col("stage", "Journey Stage", "text", ["Stage"]),
      col("personaIds", "Persona IDs", "idList", ["Personas"]),
      col("priority", "Priority", "text"),
      col("betIds", "Bet IDs", "idList", ["Bets"]),
      col("kpiIds", "KPI IDs", "idList", ["KPIs"]),
    ],
  },
  {
    key: "collaboration",
    label: "Collaboration",
    aliases: ["Handshakes"],
    required: false,
    columns: [
      col("function", "Function", "text", [], true),
      col("handshake", "Handshake", "text", [], true),
      col("cadence", "Cadence", "text"),
      col("owner", "Owner", "text"),
      col("betIds", "Bet IDs", "idList", ["Bets"]),
    ],
  },
];

/**
 * The optional KPI Series part: each KPI's monthly values (issue 20). It is no list of items as the
 * parts above are, so it stands apart from SHEETS: in its wide layout every column after the KPI ID
 * is a month, named by its header (a date or period text), which no fixed list of columns can
 * describe. In its long layout it has the three columns below. series.ts reads both.
 */
export const SERIES_PART = {
  key: "series",
  label: "KPI Series",
  aliases: ["KPI Actuals", "KPI History", "Monthly KPIs"],
  columns: [
    col("kpiId", "KPI ID", "id", ["KPI", "ID"], true),
    col("period", "Period", "date", ["Month", "Date"]),
    col("value", "Value", "number", ["Actual", "Amount"]),
  ],
} as const satisfies Omit<SheetSpec, "key" | "required"> & { readonly key: "series" };

/** How a KPI's monthly values make its figure (the KPIs' Aggregation column): Level unless it says Sum. */
export const AGGREGATIONS = ["Level", "Sum"] as const;

export function sheetSpec(key: SheetKey): SheetSpec {
  const spec = SHEETS.find((s) => s.key === key);
  if (!spec) throw new Error(`No sheet spec for ${key}`);
  return spec;
}

/** Names compare without case, spaces, underscores, dashes and dots. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, "");
}

export const KPI_CATEGORIES = ["Customer base", "Revenue", "Customer experience", "Costs", "Internal processes"] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];

export type Direction = "higher" | "lower";
export type Priority = "High" | "Medium" | "Low";

/**
 * The handshakes between general management (GM) and CVM, in the order the report lists them:
 * the four they must have, and the recommended fifth.
 */
export const HANDSHAKES = [
  { handshake: "Strategic direction", required: true },
  { handshake: "KPIs", required: true },
  { handshake: "Resource allocation", required: true },
  { handshake: "Customer insights", required: true },
  { handshake: "Strategic initiatives", required: false },
] as const;
export type Handshake = (typeof HANDSHAKES)[number]["handshake"];
export const REQUIRED_HANDSHAKES: readonly Handshake[] = HANDSHAKES.filter((h) => h.required).map((h) => h.handshake);
export const RECOMMENDED_HANDSHAKES: readonly Handshake[] = HANDSHAKES.filter((h) => !h.required).map((h) => h.handshake);

export const ASPECTS = ["Persona", "Needs", "Alternatives", "Strategy", "Business objective", "Major initiatives"] as const;
export type Aspect = (typeof ASPECTS)[number];

export const KPI_STATUSES = ["On track", "At risk", "Off track", "No data"] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];
