/**
 * Recognising a table passed to TRACE, ALIGNMENT or BRIDGE by its header row alone; the Impacts
 * and Initiatives tables both start with "Initiative ID" and must not be taken for each other.
 */
import { recognizeTable } from "../../src/domain/plan/recognize";
import { SAMPLE_SHEETS } from "../../src/sample/samplePlan";

const kindOf = (...header: string[]) => recognizeTable([header])?.spec.key;

describe("recogniseTable", () => {
  it("recognises every table of the sample plan by its header", () => {
    const kinds = SAMPLE_SHEETS.filter((s) => s.name !== "Budget FY2026").map((s) => [s.name, recognizeTable([[...s.header]])?.spec.label]);
    expect(kinds).toEqual(kinds.map(([name]) => [name, name]));
  });

  it("recognises an Impacts table by its headers or their aliases", () => {
    expect(kindOf("Initiative ID", "KPI ID", "Impact", "Confidence", "Note")).toBe("impacts");
    expect(kindOf("Initiative ID", "KPI ID", "Impact")).toBe("impacts");
    expect(kindOf("Initiative", "KPI", "Expected Change", "Probability")).toBe("impacts");
    expect(kindOf("initiative_id", "kpi-id", "Delta", "Likelihood")).toBe("impacts");
  });

  it("takes an Impacts table that also names the initiative and the KPI for an Impacts table", () => {
    expect(kindOf("Initiative ID", "Initiative", "KPI ID", "KPI", "Impact", "Confidence")).toBe("impacts");
    expect(kindOf("Initiative ID", "Initiative", "KPI ID", "Impact")).toBe("impacts");
  });

  it("takes an Initiatives table, even a short one or one with an Expected Impact column, for an Initiatives table", () => {
    expect(kindOf("Initiative ID", "Initiative", "KPI IDs")).toBe("initiatives");
    expect(kindOf("Initiative ID", "Initiative", "KPI IDs", "Budget", "Expected Impact")).toBe("initiatives");
  });

  it("recognises no table without the columns an Impacts table requires", () => {
    expect(kindOf("Initiative ID", "KPI ID", "Confidence")).toBeUndefined();
    expect(kindOf("Initiative ID", "Impact", "Confidence")).toBeUndefined();
  });
});
