/**
 * What changed since the last review, on the sample plan and on the same plan a cycle later with
 * one KPI's actual changed, one finding fixed and a row inserted above the Initiatives table:
 * the comparison names exactly the fixed finding and the KPI's status change, nothing else.
 */
import { reviewSection } from "../../src/domain/review/reviewReport";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { SheetData } from "../../src/domain/common/cells";
import { buildReportLayout, REPORT_TABLE_NAMES } from "../../src/domain/sheets/report";
import { baselineFromReport, baselineOf, sinceLast } from "../../src/domain/review/review";
import { CHANGES_TABLE_NAME, pointsText, sinceLastLine } from "../../src/domain/review/reviewReport";
import { excelSerial } from "../../src/domain/sheets/layoutParts";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { nextCycle } from "../../testkit/nextCycle";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";

const RUN_AT = new Date(2026, 10, 20, 9, 30, 0);

const before = analyzeSheets(sampleSheets());
const after = analyzeSheets(nextCycle());

describe("sinceLast", () => {
  const since = sinceLast(baselineOf(before, excelSerial(RUN_AT)), after);

  it("names exactly the fixed finding as resolved and the KPI's status change, nothing else", () => {
    expect(since.resolvedFindings.map((f) => [f.rule, f.sheet, f.itemId])).toEqual([
      ["HANDSHAKE_MISSING", "Collaboration", "Customer insights"],
    ]);
    expect(since.newFindings).toEqual([]);
    expect(since.statusChanges).toEqual([
      { kpiId: "K6", name: "AMPU", before: { status: "Off track", closure: "Closed" }, after: { status: "At risk", closure: "Closed" } },
    ]);
    expect(since.coverageChanges).toEqual([]);
    expect(since.scoreDeltaPoints).toBe(0);
  });

  it("matches findings by rule and item, not by cell: the inserted row moved every Initiatives finding", () => {
    const cells = (result: typeof before) => result.findings.filter((f) => f.sheet === "Initiatives").map((f) => f.cell);
    expect(cells(after)).not.toEqual(cells(before));
    expect(cells(after)).toHaveLength(cells(before).length);
  });

  it("counts a finding repeated on the same item once per occurrence", () => {
    const twice = {
      ...after,
      findings: [...after.findings, ...after.findings.filter((f) => f.rule === "INITIATIVE_UNTRACED" && f.itemId === "I16")],
    };
    expect(sinceLast(baselineOf(after), twice).newFindings.map((f) => [f.rule, f.itemId])).toEqual([["INITIATIVE_UNTRACED", "I16"]]);
  });

  it("says what changed in one line, and that a first review has nothing to compare with", () => {
    expect(sinceLastLine(since)).toBe("Since 2026-11-20 09:30: score ±0.0 points, 1 resolved, 0 new, 1 KPI status changed");
    expect(sinceLastLine(undefined)).toBe("First review in this workbook: there is no earlier report to compare with.");
    expect(pointsText(2.06)).toBe("+2.1 points");
    expect(pointsText(-0.94)).toBe("−0.9 points");
  });
});

describe("the last report as the baseline", () => {
  /** The report as an adapter reads it back: written by the in-memory workbook, read as a sheet. */
  async function writtenReport(result: typeof before): Promise<SheetData> {
    const workbook = new MemoryWorkbook(sampleSheets());
    const layout = buildReportLayout(result, { runAt: RUN_AT });
    await workbook.writeReport(layout);
    return workbook.sheet(layout.sheetName) as SheetData;
  }

  it("is read from the report's header and tables to what the run itself left", async () => {
    const read = baselineFromReport(await writtenReport(before));
    const expected = baselineOf(before, excelSerial(RUN_AT));
    expect(read?.runAt).toBeCloseTo(expected.runAt ?? 0, 8);
    expect({ ...read, runAt: undefined }).toEqual({ ...expected, runAt: undefined });
  });

  it("is nothing when the sheet does not hold the report's tables", () => {
    expect(baselineFromReport({ name: "CVM Gap Analysis", values: [["CVM Gap Analysis"]], origin: { row: 0, col: 0 } })).toBeUndefined();
  });

  it("is nothing for a what-if's report an earlier version wrote (its note under the header): a what-if is no review", async () => {
    const report = await writtenReport(before);
    // Earlier versions' --scenario put this note on the row under the header block.
    const values = report.values.map((row) => [...row]);
    values[8] = ["What-if: the figures below are the plan with the scenario plan.json applied."];
    expect(baselineFromReport({ ...report, values })).toBeUndefined();
  });

  it("gives the report its Since last review line and the CVM_Changes table", async () => {
    const since = sinceLast(baselineFromReport(await writtenReport(before)) ?? baselineOf(before), after);
    const layout = buildReportLayout(after, { runAt: new Date(2026, 11, 20, 9, 0, 0), review: reviewSection(since) });
    expect(layout.cells.filter((c) => c.row === 8).map((c) => c.value)).toEqual([
      "Since last review",
      "Since 2026-11-20 09:30: score ±0.0 points, 1 resolved, 0 new, 1 KPI status changed",
    ]);
    expect(layout.tables.map((t) => t.name)).toEqual([
      REPORT_TABLE_NAMES.alignment,
      REPORT_TABLE_NAMES.kpis,
      REPORT_TABLE_NAMES.bridge,
      REPORT_TABLE_NAMES.findings,
      REPORT_TABLE_NAMES.handshakes,
      CHANGES_TABLE_NAME,
    ]);
    const changes = layout.tables.at(-1);
    expect(changes?.rows.map((r) => r.slice(0, 6))).toEqual([
      ["Resolved", "Finding", "Customer insights", "HANDSHAKE_MISSING", "warning", ""],
      ["Status changed", "KPI", "K6", "AMPU", "Off track (Closed)", "At risk (Closed)"],
    ]);
    expect(layout.tables[0].row).toBe(11);
  });

  it("says in the table that a first review has nothing to compare with", () => {
    const layout = buildReportLayout(before, { runAt: RUN_AT, review: reviewSection(undefined) });
    expect(layout.tables.at(-1)?.rows).toEqual([
      ["First review in this workbook: nothing to compare with yet", null, null, null, null, null, null],
    ]);
  });
});
