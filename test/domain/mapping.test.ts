/**
 * The mapping JSON (issue 19): read with the place of every mistake, applied so that a name that
 * is not in the workbook stops the run, and written back from what was recognised so that
 * `map --json` and `--map` give each other the same plan.
 */
import { MappingError } from "../../src/domain/common/stopErrors";
import {
  EMPTY_MAPPING,
  mappingJson,
  mappingOfSources,
  parseMapping,
  withColumnHeader,
  withHeaderRow,
  withPartPlace,
  withSeriesSheet,
} from "../../src/domain/plan/mapping";
import { recognizePlan, resolvePlanSources } from "../../src/domain/plan/recognizePlan";
import { parsePlan } from "../../src/domain/plan/parse";
import { PLANNER_PLAN, PLANNER_PLAN_MAPPING, plannerSheets, scorecard, TWO_SCORECARDS } from "../../testkit/plannerWorkbooks";
import type { SheetData } from "../../src/domain/common/cells";

const ISSUE_EXAMPLE = {
  version: 1,
  parts: {
    KPIs: { sheet: "Scorecard", columns: { "KPI ID": "Metric code", Target: "Goal 2027" } },
    Initiatives: { sheet: "Programmes", headerRow: 2 },
    Bets: { table: "tblPriorities" },
  },
};

const refusal = (json: unknown) => {
  try {
    parseMapping(json);
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    return (error as MappingError).message;
  }
  throw new Error("the mapping was taken");
};

describe("reading a mapping", () => {
  it("reads the issue's example into the contract's keys", () => {
    expect(parseMapping(ISSUE_EXAMPLE)).toEqual({
      version: 1,
      parts: {
        kpis: { sheet: "Scorecard", columns: { id: "Metric code", target: "Goal 2027" } },
        initiatives: { sheet: "Programmes", headerRow: 2 },
        bets: { table: "tblPriorities" },
      },
    });
    expect(mappingJson(parseMapping(ISSUE_EXAMPLE))).toEqual({
      version: 1,
      parts: {
        Bets: { table: "tblPriorities" },
        KPIs: { sheet: "Scorecard", columns: { "KPI ID": "Metric code", Target: "Goal 2027" } },
        Initiatives: { sheet: "Programmes", headerRow: 2 },
      },
    });
  });

  it("takes parts and columns in any case and spacing, and a column mapped to none", () => {
    expect(parseMapping({ version: 1, parts: { "moments of truth": { columns: { "journey stage": null } } } })).toEqual({
      version: 1,
      parts: { moments: { columns: { stage: null } } },
    });
  });

  it.each([
    [[], 'A mapping is a JSON object: { "version": 1, "parts": { "KPIs": { "sheet": "Scorecard" } } }.'],
    [{ version: 2, parts: {} }, 'The mapping\'s "version" must be 1 (found 2).'],
    [{ version: 1, part: {} }, 'The mapping has the unknown key "part" at its top; the keys there are "version" and "parts".'],
    [{ version: 1, parts: [] }, 'The mapping\'s "parts" must be an object of parts, e.g. { "KPIs": { "sheet": "Scorecard" } }.'],
    [
      { version: 1, parts: { Scorecard: {} } },
      'The mapping\'s "parts" → "Scorecard" is no part of the plan; the parts are Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth, Collaboration and KPI Series.',
    ],
    [{ version: 1, parts: { KPIs: {}, kpis: {} } }, 'The mapping\'s "parts" → "kpis" maps the KPIs a second time.'],
    [
      { version: 1, parts: { KPIs: { sheets: "Scorecard" } } },
      'The mapping has the unknown key "sheets" in the mapping\'s "parts" → "KPIs"; the keys there are "sheet", "table", "headerRow" and "columns".',
    ],
    [
      { version: 1, parts: { KPIs: { sheet: "" } } },
      'The mapping\'s "parts" → "KPIs" → "sheet" must be the sheet\'s name as text, not "".',
    ],
    [
      { version: 1, parts: { Initiatives: { sheet: "Programmes", headerRow: 0 } } },
      'The mapping\'s "parts" → "Initiatives" → "headerRow" is 0; it must be a row number from 1 to 1,048,576.',
    ],
    [
      { version: 1, parts: { Initiatives: { headerRow: "2" } } },
      'The mapping\'s "parts" → "Initiatives" → "headerRow" is "2"; it must be a row number from 1 to 1,048,576.',
    ],
    [
      { version: 1, parts: { KPIs: { columns: { Goal: "Goal 2027" } } } },
      'The mapping\'s "parts" → "KPIs" → "columns" → "Goal" is no column of the KPIs; its columns are KPI ID, KPI, Category, Bet IDs, Unit, Direction, Baseline, Target, Actual, Forecast, Period, Owner and Aggregation.',
    ],
    [
      { version: 1, parts: { KPIs: { columns: { Target: null } } } },
      'The mapping\'s "parts" → "KPIs" → "columns" → "Target" is null, but the KPIs cannot do without Target; map it to a header.',
    ],
    [
      { version: 1, parts: { KPIs: { columns: { Target: "Goal", Actual: " goal " } } } },
      'The mapping\'s "parts" → "KPIs" → "columns" → "Actual" maps "goal" again, which is Target already; each header can be one column.',
    ],
    [
      { version: 1, parts: { KPIs: { columns: { Target: 2027 } } } },
      'The mapping\'s "parts" → "KPIs" → "columns" → "Target" must be the header the column is read from as text, not 2027.',
    ],
  ])("refuses %j and says where", (json, message) => {
    expect(refusal(json)).toBe(message);
  });
});

describe("applying a mapping", () => {
  const sheets = plannerSheets(PLANNER_PLAN);

  it("takes the sheet and headers it names, marks them as mapped, and recognises the rest", () => {
    const mapping = parseMapping({
      version: 1,
      parts: { KPIs: { sheet: "Scorecard", columns: { "KPI ID": "Metric code", Target: "Goal 2027" } } },
    });
    const kpis = recognizePlan(sheets, mapping).parts.find((p) => p.part === "kpis");
    expect(kpis?.certainty).toBe("sure");
    expect(kpis?.source?.how).toBe("mapped by the user");
    expect(kpis?.source?.columns.map((c) => [c.label, c.header, c.how])).toEqual([
      ["KPI ID", "Metric code", "mapped by the user"],
      ["KPI", "Metric", "recognised"],
      ["Bet IDs", "Pillar", "recognised"],
      ["Unit", "Unit", "by name"],
      ["Direction", "Polarity", "recognised"],
      ["Baseline", "Start value", "recognised"],
      ["Target", "Goal 2027", "mapped by the user"],
      ["Actual", "Current", "recognised"],
    ]);
  });

  it("chooses between two scorecards as the planner says", () => {
    const sources = resolvePlanSources(
      plannerSheets(TWO_SCORECARDS),
      parseMapping({ version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } }),
    );
    expect(sources.parts.kpis?.sheet).toBe("Scorecard (old)");
  });

  it("reads a target under a header no vocabulary knows once it is mapped, finding the sheet by it", () => {
    const french: SheetData[] = sheets.map((s) =>
      s.name === "Scorecard"
        ? { ...s, values: s.values.map((row, i) => (i === 1 ? row.map((h) => (h === "Goal 2027" ? "Objectif 2027" : h)) : row)) }
        : s,
    );
    expect(recognizePlan(french).problems).toEqual([
      expect.stringContaining('"Scorecard" looks like the plan\'s KPIs but has no Target column'),
    ]);
    const mapped = recognizePlan(french, parseMapping({ version: 1, parts: { KPIs: { columns: { Target: "Objectif 2027" } } } }));
    expect(mapped.problems).toEqual([]);
    expect(mapped.sources.parts.kpis).toMatchObject({ sheet: "Scorecard", how: "recognised" });
    expect(mapped.sources.parts.kpis?.columns.find((c) => c.key === "target")).toMatchObject({
      header: "Objectif 2027",
      how: "mapped by the user",
    });
  });

  it("reads a sheet's header row as mapped, and a table whose header it is as the table", () => {
    const mapping = parseMapping({
      version: 1,
      parts: { Initiatives: { sheet: "Programmes", headerRow: 1 }, Bets: { sheet: "Strategic agenda 2027", headerRow: 4 } },
    });
    const { parts } = resolvePlanSources(sheets, mapping);
    expect([parts.initiatives?.table, parts.initiatives?.headerRow, parts.initiatives?.how]).toEqual([
      "tblProgrammes",
      0,
      "mapped by the user",
    ]);
    expect([parts.bets?.sheet, parts.bets?.headerRow, parts.bets?.columns.length]).toEqual(["Strategic agenda 2027", 3, 5]);
  });

  it("reads a part from the table it names", () => {
    const withTable = sheets.map((s) =>
      s.name === "Strategic agenda 2027" ? { ...s, tables: [{ name: "tblPriorities", range: "A4:E8" }] } : s,
    );
    const { parts } = resolvePlanSources(withTable, parseMapping({ version: 1, parts: { Bets: { table: "TBLPRIORITIES" } } }));
    expect(parts.bets).toMatchObject({ sheet: "Strategic agenda 2027", table: "tblPriorities", headerRow: 3, how: "mapped by the user" });
  });

  it("reads a column mapped to none from no header", () => {
    const mapping = parseMapping({ version: 1, parts: { KPIs: { columns: { Actual: null } } } });
    const source = resolvePlanSources(sheets, mapping).parts.kpis;
    expect(source?.columns.map((c) => c.label)).not.toContain("Actual");
    expect(source?.mappedToNone).toEqual(["actual"]);
    const kpi = parsePlan(sheets, { sources: { parts: { ...resolvePlanSources(sheets).parts, kpis: source } } }).plan.kpis[0];
    expect([kpi.id, kpi.actual, kpi.target]).toEqual(["M01", undefined, 520]);
  });

  it.each([
    [
      { KPIs: { sheet: "Scorecrd" } },
      'The mapping takes the KPIs from the sheet "Scorecrd", and the workbook has no such sheet (its sheets: "Read me", "Strategic agenda 2027", "Scorecard", "Programmes", "Budget 2027 by month", "GL extract").',
    ],
    [
      { Bets: { table: "tblPriorities" } },
      'The mapping takes the Bets from the table "tblPriorities", and the workbook has no such table (its tables: "tblProgrammes").',
    ],
    [
      { KPIs: { sheet: "Scorecard", columns: { Target: "Goal 2028" } } },
      'The mapping reads the KPIs from the header "Goal 2028" (for Target), which any header row of "Scorecard" does not hold together.',
    ],
    [
      { Initiatives: { sheet: "Programmes", headerRow: 9 } },
      'The mapping gives the Initiatives the header row 9 of "Programmes", and that row is blank.',
    ],
    [
      { Initiatives: { table: "tblProgrammes", headerRow: 2 } },
      'The mapping gives the Initiatives the header row 2, but the table "tblProgrammes" has its header in row 1; leave "headerRow" out for a table.',
    ],
    [
      { KPIs: { sheet: "Scorecard" }, Bets: { sheet: "Scorecard" } },
      'The mapping takes both the Bets and the KPIs from the sheet "Scorecard"; give each part its own.',
    ],
    [
      { KPIs: { columns: { Target: "Goal 2028" } } },
      'The mapping reads the KPIs from the header "Goal 2028", and no sheet of the workbook has such a header row for them; name the sheet too ("sheet": "…").',
    ],
  ])("stops on %j, naming what is not there", (parts, message) => {
    expect(() => recognizePlan(sheets, parseMapping({ version: 1, parts }))).toThrow(new MappingError(message));
  });
});

describe("writing the resolved mapping back", () => {
  const sheets = plannerSheets(PLANNER_PLAN);

  it("writes each part's sheet and header row, or its table, and every column's header", () => {
    expect(mappingJson(mappingOfSources(resolvePlanSources(sheets)))).toEqual(PLANNER_PLAN_MAPPING);
  });

  it("gives the same plan when taken back, every part and column then mapped by the user", () => {
    const sources = resolvePlanSources(sheets);
    const json = JSON.parse(JSON.stringify(mappingJson(mappingOfSources(sources)))) as unknown;
    const again = resolvePlanSources(sheets, parseMapping(json));
    const mapped = (how: string) => (how === "by name" || how === "recognised" ? "mapped by the user" : how);
    for (const [key, source] of Object.entries(sources.parts)) {
      expect(again.parts[key as keyof typeof again.parts]).toEqual({
        ...source,
        how: "mapped by the user",
        columns: source?.columns.map((c) => ({ ...c, how: mapped(c.how) })),
      });
    }
    expect(JSON.stringify(parsePlan(sheets, { sources: again }).plan.kpis)).toBe(JSON.stringify(parsePlan(sheets).plan.kpis));
  });

  it("maps nothing when nothing is mapped", () => {
    expect(recognizePlan(sheets, EMPTY_MAPPING)).toEqual(recognizePlan(sheets));
    expect(
      recognizePlan([...sheets, ...plannerSheets({ file: "", sheets: [scorecard("KPIs")] })], EMPTY_MAPPING).sources.parts.kpis?.how,
    ).toBe("by name");
  });
});

describe("the mapping of a sheet that holds nothing", () => {
  const withEmptyPersonas = (): SheetData[] => [
    ...plannerSheets(PLANNER_PLAN),
    { name: "Personas", values: [], origin: { row: 0, col: 0 } },
  ];

  it("gives back the empty sheet found by name: map --json, then --map, reads it as holding nothing", () => {
    const sheets = withEmptyPersonas();
    const sources = resolvePlanSources(sheets);
    expect(sources.parts.personas).toMatchObject({ sheet: "Personas", how: "by name" });
    expect(sources.parts.personas?.headerRow).toBeUndefined();
    const again = resolvePlanSources(sheets, parseMapping(JSON.parse(JSON.stringify(mappingJson(mappingOfSources(sources))))));
    expect(again.parts.personas).toEqual({ ...sources.parts.personas, how: "mapped by the user" });
  });
});

describe("a header row picked in the pane", () => {
  const sheets = plannerSheets(PLANNER_PLAN);
  const kept = parseMapping({
    ...PLANNER_PLAN_MAPPING,
    parts: { ...PLANNER_PLAN_MAPPING.parts, "KPI Series": { sheet: "Budget 2027 by month" } },
  });

  it("reads the part from that row of its sheet, the headers mapped on the row before dropped, the other parts and the series kept", () => {
    const onTitle = withHeaderRow(kept, "kpis", "Scorecard", 1);
    expect(onTitle.parts.kpis).toEqual({ sheet: "Scorecard", headerRow: 1 });
    expect(onTitle.parts.bets).toEqual(kept.parts.bets);
    expect(onTitle.series).toEqual({ sheet: "Budget 2027 by month" });
    // The title row names no column of the KPIs: the part is read from there, its columns missing, for the planner to map.
    const titled = recognizePlan(sheets, onTitle).sources.parts.kpis;
    expect(titled?.headerRow).toBe(0);
    expect(titled?.columns).toEqual([]);
    expect(titled?.missing).toEqual(["KPI ID", "KPI", "Target"]);

    const back = recognizePlan(sheets, withHeaderRow(onTitle, "kpis", "Scorecard", 2)).sources.parts.kpis;
    expect(back?.headerRow).toBe(1);
    expect(back?.missing).toEqual([]);
    expect(back?.columns.find((c) => c.key === "target")?.header).toBe("Goal 2027");
  });
});

describe("the KPI Series in the mapping", () => {
  it("is read by its sheet alone, under its name or an alias, and written back as it was read", () => {
    const mapping = parseMapping({ version: 1, parts: { "Monthly KPIs": { sheet: "Tracker" }, KPIs: { sheet: "Scorecard" } } });
    expect(mapping.series).toEqual({ sheet: "Tracker" });
    expect(mappingJson(mapping).parts["KPI Series"]).toEqual({ sheet: "Tracker" });
    expect(parseMapping(mappingJson(mapping))).toEqual(mapping);
  });

  it("refuses columns or a header row for the series, whose layout is read from its sheet, and a series without its sheet", () => {
    expect(refusal({ version: 1, parts: { "KPI Series": { sheet: "Tracker", headerRow: 2 } } })).toMatch(
      /unknown key "headerRow" in the mapping's "parts" → "KPI Series"; the keys there are "sheet"/,
    );
    expect(refusal({ version: 1, parts: { "KPI Series": {} } })).toMatch(/"KPI Series" must name its sheet/);
  });

  it("keeps the series when the pane changes a part's sheet or a column's header", () => {
    const mapping = parseMapping({ version: 1, parts: { "KPI Series": { sheet: "Tracker" }, KPIs: { sheet: "Scorecard" } } });
    const placed = withPartPlace(mapping, "initiatives", { sheet: "Programmes" });
    expect(placed.series).toEqual({ sheet: "Tracker" });
    expect(placed.parts.initiatives).toEqual({ sheet: "Programmes" });
    const headed = withColumnHeader(placed, "kpis", { sheet: "Scorecard", headerRow: 2 }, "target", "Goal");
    expect(headed.series).toEqual({ sheet: "Tracker" });
    expect(headed.parts.kpis).toEqual({ sheet: "Scorecard", headerRow: 3, columns: { target: "Goal" } });
    expect(mappingJson(headed).parts["KPI Series"]).toEqual({ sheet: "Tracker" });
  });

  it("takes the series from the sheet the pane picks, or from none, the parts as mapped", () => {
    const mapping = parseMapping({ version: 1, parts: { KPIs: { sheet: "Scorecard" } } });
    const picked = withSeriesSheet(mapping, "Tracker");
    expect(picked).toEqual({ version: 1, parts: mapping.parts, series: { sheet: "Tracker" } });
    expect(parseMapping(mappingJson(picked))).toEqual(picked);
    expect(withSeriesSheet(picked, undefined)).toEqual(mapping);
  });

  it("stops naming the sheet when the series' sheet is not in the workbook", () => {
    const mapping = parseMapping({ version: 1, parts: { "KPI Series": { sheet: "Tracker" } } });
    expect(() => recognizePlan(plannerSheets(PLANNER_PLAN), mapping)).toThrow(
      /The mapping takes the KPI Series from the sheet "Tracker", and the workbook has no such sheet/,
    );
  });
});
