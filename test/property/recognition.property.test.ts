/**
 * Recognition by content as a property (issue 19): the sample plan with its sheets renamed to
 * names that say nothing, its headers replaced by the words planners write (with years, periods
 * and units attached, in any case), titles above some headers, tables or plain ranges, and the
 * sheets in any order, is found part by part and column by column as the contract names it.
 */
import fc from "fast-check";
import { cellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { SHEETS, type SheetKey } from "../../src/domain/plan/contract";
import { recognizePlan } from "../../src/domain/plan/recognizePlan";
import { SAMPLE_SHEETS, type SampleCell, type SampleSheet } from "../../src/sample/samplePlan";

/**
 * The headers planners write for each contract column, the words among them. Within a
 * part each reads as its one column only; the contract's label is always one of the choices.
 */
const SYNONYMS: Readonly<Record<SheetKey, Readonly<Record<string, readonly string[]>>>> = {
  bets: {
    id: ["Ref", "Bet no.", "Priority code", "Strategic bet ID"],
    statement: ["Strategic priority", "Bet", "Strategic bet name"],
    strategy: ["Theme", "Pillar"],
    objective: ["Ambition", "Business objective", "Goal"],
    majorInitiative: ["Flagship", "Key initiative"],
    weight: ["Weighting", "Priority weight", "Weight (%)"],
    owner: ["Sponsor", "Accountable"],
  },
  personas: {
    id: ["Persona code", "Persona no."],
    name: ["Persona name", "Archetype"],
    segment: ["Customer segment"],
    needs: ["Pain points", "Customer needs"],
    alternatives: ["Competitors", "Competition"],
    betIds: ["Bets", "Strategic bets", "Pillars"],
  },
  kpis: {
    id: ["Metric code", "KPI no.", "Indicator ID"],
    name: ["Metric name", "Measure", "KPI title"],
    category: ["Perspective"],
    betIds: ["Pillar", "Strategic priorities", "Bets"],
    unit: ["UoM", "Unit of measure"],
    direction: ["Polarity", "Better when"],
    baseline: ["Start value", "Last year", "Baseline 2025"],
    target: ["Goal 2027", "Ambition", "Plan FY27"],
    actual: ["Current", "Actual Q3", "YTD", "Latest"],
    forecast: ["Outlook", "Forecast Q4", "Landing"],
    period: ["Timeframe", "Horizon"],
    owner: ["Accountable", "Lead"],
  },
  initiatives: {
    id: ["Prog. ID", "Campaign code", "Initiative no."],
    name: ["Campaign name", "Project", "Initiative title"],
    program: ["Workstream", "Programme"],
    betIds: ["Strategic bet", "Pillar", "Bets"],
    kpiIds: ["Metrics", "KPIs", "Measures"],
    personaIds: ["Personas", "Persona IDs"],
    motIds: ["Moments of truth", "Touchpoints"],
    ownerFunction: ["Function", "Department"],
    budget: ["Spend k€", "Investment (€)", "Cost 2027"],
    expectedImpact: ["Expected benefit", "Benefit"],
    start: ["Start date", "Launch"],
    end: ["End date", "Deadline"],
    status: ["RAG", "State"],
  },
  impacts: {
    initiativeId: ["Programme ID", "Campaign", "Initiative"],
    kpiId: ["Metric code", "KPI", "Measure"],
    impact: ["Expected change", "Uplift", "Delta"],
    confidence: ["Probability", "Likelihood"],
    note: ["Comment", "Remark"],
  },
  moments: {
    id: ["Touchpoint code", "Moment no."],
    name: ["Touchpoint", "Moment of truth"],
    stage: ["Stage", "Journey phase"],
    personaIds: ["Personas", "Persona IDs"],
    priority: ["Importance"],
    betIds: ["Strategic bet", "Bets"],
    kpiIds: ["Metrics", "KPI IDs"],
  },
  collaboration: {
    function: ["Department", "Team"],
    handshake: ["Interface"],
    cadence: ["Frequency", "Rhythm"],
    owner: ["Lead"],
    betIds: ["Pillars", "Bets"],
  },
};

/** The contract's parts as the sample has them, by key. */
const PARTS = SHEETS.map((spec) => ({ spec, sample: SAMPLE_SHEETS.find((s) => s.name === spec.label) as SampleSheet }));
const OTHER = SAMPLE_SHEETS.filter((s) => !SHEETS.some((spec) => spec.label === s.name));

/** Names that say nothing of a part. */
const NEUTRAL_NAMES = ["Tab A", "Tab B", "Tab C", "Tab D", "Tab E", "Tab F", "Tab G", "Tab H", "Data 1", "Data 2"];

const cased = (text: string) => fc.constantFrom(text, text.toUpperCase(), text.toLowerCase(), ` ${text} `);

function headerFor(part: SheetKey, key: string, label: string): fc.Arbitrary<string> {
  return fc.constantFrom(label, ...(SYNONYMS[part][key] ?? [])).chain(cased);
}

interface Shape {
  readonly headers: readonly string[];
  readonly titleRows: number;
  readonly asTable: boolean;
}

const shapeOf = (part: SheetKey, header: readonly string[]): fc.Arbitrary<Shape> =>
  fc.record({
    headers: fc.tuple(...header.map((label, i) => headerFor(part, SHEETS.find((s) => s.key === part)?.columns[i]?.key ?? "", label))),
    titleRows: fc.integer({ min: 0, max: 3 }),
    asTable: fc.boolean(),
  });

const cell = (value: SampleCell): CellValue => value;

function render(
  name: string,
  headers: readonly string[],
  rows: readonly (readonly SampleCell[])[],
  shape: Omit<Shape, "headers">,
): SheetData {
  const titles: CellValue[][] = Array.from({ length: shape.titleRows }, (_, i) => (i === 0 ? [`${name}: plan 2027`] : []));
  const values = [...titles, [...headers], ...rows.map((row) => row.map(cell))];
  const top = shape.titleRows;
  const tables = shape.asTable
    ? [{ name: `tbl${name.replace(/\W/g, "")}`, range: `${cellAddress(top, 0)}:${cellAddress(top + rows.length, headers.length - 1)}` }]
    : undefined;
  return { name, values, origin: { row: 0, col: 0 }, ...(tables && { tables }) };
}

const renamedPlan = fc
  .record({
    names: fc.shuffledSubarray(NEUTRAL_NAMES, { minLength: PARTS.length, maxLength: PARTS.length }),
    shapes: fc.tuple(...PARTS.map(({ spec, sample }) => shapeOf(spec.key, sample.header))),
    order: fc.shuffledSubarray(
      Array.from({ length: PARTS.length + OTHER.length }, (_, i) => i),
      { minLength: PARTS.length + OTHER.length, maxLength: PARTS.length + OTHER.length },
    ),
  })
  .map(({ names, shapes, order }) => {
    const sheets = PARTS.map(({ sample }, i) => render(names[i], shapes[i].headers, sample.rows, shapes[i]));
    const others = OTHER.map((s) => render(s.name, s.header, s.rows, { titleRows: 0, asTable: false }));
    const all = [...sheets, ...others];
    return { names, shapes, sheets: order.map((i) => all[i]) };
  });

describe("recognising the sample plan renamed and reworded", () => {
  it("finds every part on its sheet, with every column of the sample, and nothing to choose between", () => {
    fc.assert(
      fc.property(renamedPlan, ({ names, shapes, sheets }) => {
        const recognition = recognizePlan(sheets);
        expect(recognition.problems).toEqual([]);
        PARTS.forEach(({ spec, sample }, i) => {
          const source = recognition.sources.parts[spec.key];
          expect([spec.key, source?.sheet, source?.headerRow]).toEqual([spec.key, names[i], shapes[i].titleRows]);
          const found = Object.fromEntries((source?.columns ?? []).map((c) => [c.key, c.header]));
          const expected = Object.fromEntries(sample.header.map((_, c) => [spec.columns[c].key, shapes[i].headers[c].trim()]));
          expect([spec.key, found]).toEqual([spec.key, expected]);
        });
      }),
      { numRuns: 150 },
    );
  });
});
