import { parseMapping } from "../../src/domain/plan/mapping";
import { recognizePlan } from "../../src/domain/plan/recognizePlan";
import { headerRowOptions } from "../../src/taskpane/components/sources/sourcesText";
import { PLANNER_PLAN, plannerSheets, programmes, scorecard } from "../../testkit/plannerWorkbooks";

describe("the rows a part's header row picker offers", () => {
  it("offers the rows recognition looks in, and the row a mapping reads the part from below them", () => {
    // 24 rows of notes above the scorecard: its header, in row 26, is past the rows recognition looks in.
    const notes = Array.from({ length: 24 }, (_, i) => [`Note ${i + 1}`]);
    const heads = plannerSheets({ file: "", sheets: [{ name: "Scorecard", rows: [...notes, ...scorecard().rows] }, programmes()] });
    const source = recognizePlan(heads, parseMapping({ version: 1, parts: { KPIs: { sheet: "Scorecard", headerRow: 26 } } })).sources.parts
      .kpis;
    expect(source?.headerRow).toBe(25);
    const options = headerRowOptions(heads, source!);
    expect(options.map((o) => o.value)).toEqual([...Array.from({ length: 20 }, (_, i) => String(i + 1)), "26"]);
    expect(options[0].text).toBe("Row 1: Note 1");
    expect(options[20].text).toBe("Row 26: Metric code · Metric · Pillar · Polarity · Start va…");
  });

  it("offers none for a part read from an Excel table, whose header row is the table's", () => {
    const heads = plannerSheets(PLANNER_PLAN);
    const source = recognizePlan(heads).sources.parts.initiatives;
    expect(source?.table).toBe("tblProgrammes");
    expect(headerRowOptions(heads, source!)).toEqual([]);
  });
});
