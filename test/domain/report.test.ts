import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { excelSerial } from "../../src/domain/sheets/layoutParts";
import { buildReportLayout, REPORT_TABLE_NAMES } from "../../src/domain/sheets/report";
import { ALIGNMENT_TABLE, BRIDGE_TABLE, HANDSHAKES_TABLE, KPI_GAPS_TABLE } from "../../src/domain/sheets/reportTables";
import { columnIndex, type ColumnKey } from "../../src/domain/sheets/tableSchema";
import { ASPECTS } from "../../src/domain/plan/contract";
import { isOwnedSheet as isReportSheet, OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { BET_HEADER, IMPACT_HEADER, sheet, smallPlan } from "../../testkit/sheets";

const runAt = new Date(2026, 10, 23, 9, 30, 0);

describe("buildReportLayout", () => {
  const result = analyzeSheets(smallPlan());
  const layout = buildReportLayout(result, { runAt });
  const table = (name: string) => {
    const found = layout.tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  };

  it("puts the title, owner marker, score and run time at the top", () => {
    const at = (row: number, col: number) => layout.cells.find((c) => c.row === row && c.col === col);
    expect(layout.sheetName).toBe("CVM Gap Analysis");
    expect(at(0, 0)?.value).toBe("CVM Gap Analysis");
    expect(at(1, 0)?.value).toBe(OWNER_MARKER);
    expect(at(2, 1)).toMatchObject({ value: result.score, format: "percent" });
    expect(at(3, 1)).toMatchObject({ value: excelSerial(runAt), format: "datetime" });
    expect(at(4, 1)?.value).toBe("0 errors, 6 warnings, 2 info");
  });

  it("lays the five sections out as tables, one below the other without overlap", () => {
    expect(layout.tables.map((t) => t.name)).toEqual([
      REPORT_TABLE_NAMES.alignment,
      REPORT_TABLE_NAMES.kpis,
      REPORT_TABLE_NAMES.bridge,
      REPORT_TABLE_NAMES.findings,
      REPORT_TABLE_NAMES.handshakes,
    ]);
    for (let i = 1; i < layout.tables.length; i++) {
      const before = layout.tables[i - 1];
      expect(layout.tables[i].row).toBeGreaterThan(before.row + before.rows.length + 1);
    }
    const titles = layout.cells.filter((c) => c.style === "section").map((c) => [c.value, c.row]);
    expect(titles).toEqual(
      layout.tables.map((t, i) => [["Alignment by bet", "KPI gaps", "Gap-to-target bridge", "Findings", "Handshakes"][i], t.row - 1]),
    );
    for (const t of layout.tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it("writes the alignment of each bet with money, percent and point formats", () => {
    const t = table(REPORT_TABLE_NAMES.alignment);
    expect(t.columns.map((c) => c.header)).toEqual([
      "Bet ID",
      "Strategic bet",
      "Persona",
      "Needs",
      "Alternatives",
      "Strategy",
      "Business objective",
      "Major initiatives",
      "Coverage",
      "Weight",
      "Budget",
      "Budget share",
      "Allocation gap",
      "Allocation",
    ]);
    expect(t.rows[0]).toEqual([
      "B1",
      "Win converged homes",
      "Yes",
      "Yes",
      "Yes",
      "Yes",
      "Yes",
      "Yes",
      1,
      0.6,
      900,
      0.9,
      expect.closeTo(30, 9),
      "Over-funded",
    ]);
    const col = (key: ColumnKey<typeof ALIGNMENT_TABLE>) => columnIndex(ALIGNMENT_TABLE, key);
    expect(t.rows[1][col("allocation")]).toBe("Under-funded");
    expect(t.columns[col("budget")].format).toBe("money");
    expect(t.columns[col("allocationGap")].format).toBe("points");
    expect(t.statusColumns).toEqual([...ASPECTS.map(col), col("allocation")]);
  });

  it("shows KPI figures as percentages when the unit is %", () => {
    const t = table(REPORT_TABLE_NAMES.kpis);
    const col = (key: ColumnKey<typeof KPI_GAPS_TABLE>) => columnIndex(KPI_GAPS_TABLE, key);
    expect(t.rows[1].slice(0, col("unit") + 1)).toEqual(["K2", "Monthly churn", "Customer base", "B1", "Lower is better", "%"]);
    expect(t.cellFormats?.[1][col("target")]).toBe("percent");
    expect(t.cellFormats?.[0][col("target")]).toBeUndefined();
    expect(t.rows[0][col("status")]).toBe("Off track");
  });

  it("without an Impacts sheet, gives the bridge one row that says how to get it", () => {
    const t = table(REPORT_TABLE_NAMES.bridge);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0][0]).toMatch(/^No Impacts sheet in the plan/);
    expect(t.rows[0].slice(1).every((v) => v === null)).toBe(true);
  });

  it("writes the bridge of every KPI in its unit, with coverage as data bars and closure coloured", () => {
    const impacts = [IMPACT_HEADER, ["I1", "K1", 30, 0.5, ""], ["I1", "K1", 20, null, ""], ["I2", "K2", -0.001, 1, ""]];
    const bridged = buildReportLayout(analyzeSheets(smallPlan({ impacts })), { runAt });
    const t = bridged.tables.find((x) => x.name === REPORT_TABLE_NAMES.bridge);
    if (!t) throw new Error("no bridge table");
    expect(t.columns.map((c) => c.header)).toEqual([
      "KPI ID",
      "KPI",
      "Unit",
      "Direction",
      "Value",
      "Target",
      "Gap",
      "Planned",
      "Residual",
      "Coverage",
      "Closure",
      "Projected",
      "Projected status",
      "Initiatives",
    ]);
    expect(t.rows[0]).toEqual([
      "K1",
      "Converged households",
      "k",
      "Higher is better",
      150,
      200,
      50,
      35,
      15,
      0.7,
      "Partly closed",
      185,
      "Off track",
      "I1",
    ]);
    const col = (key: ColumnKey<typeof BRIDGE_TABLE>) => columnIndex(BRIDGE_TABLE, key);
    expect(t.rows[1].slice(0, col("direction") + 1)).toEqual(["K2", "Monthly churn", "%", "Lower is better"]);
    expect(t.rows[1].slice(col("coverage"))).toEqual([null, "On track", expect.closeTo(0.013, 12), "On track", "I2"]);
    // Figures of a % KPI show as percentages; coverage is a share in every row.
    expect(t.cellFormats?.[1].map((f, i) => (f ? i : -1)).filter((i) => i >= 0)).toEqual(
      (["value", "target", "gap", "planned", "residual", "projected"] as const).map(col),
    );
    expect(t.cellFormats?.[0].every((f) => f === undefined)).toBe(true);
    expect(t.columns[col("coverage")].format).toBe("percent");
    expect(t.dataBarColumns).toEqual([col("coverage")]);
    expect(t.statusColumns).toEqual([col("closure"), col("projectedStatus")]);
    for (const status of ["Closed", "Partly closed", "Not addressed"]) expect(bridged.statusRules.map((r) => r.text)).toContain(status);
    expect(bridged.dataBar).toEqual({ min: 0, max: 1, color: expect.stringMatching(/^[0-9A-F]{6}$/) });
  });

  it("lists every finding and every handshake", () => {
    expect(table(REPORT_TABLE_NAMES.findings).rows).toHaveLength(result.findings.length);
    const status = columnIndex(HANDSHAKES_TABLE, "status");
    expect(table(REPORT_TABLE_NAMES.handshakes).rows.map((r) => r[status])).toEqual([
      "Present",
      "Present",
      "Present",
      "Present",
      "Missing",
    ]);
  });

  it("gives an empty section one row that says why and marks unchecked handshakes", () => {
    const empty = buildReportLayout(analyzeSheets([sheet("Bets", [BET_HEADER]), sheet("KPIs", [["KPI ID", "KPI", "Target"]])]), { runAt });
    expect(empty.tables[0].rows).toEqual([["No strategic bets", ...Array(13).fill(null)]]);
    expect(empty.tables[4].rows.map((r) => r[columnIndex(HANDSHAKES_TABLE, "status")])).toEqual(Array(5).fill("Not checked"));
  });

  it("keeps user text as it is, formula-like or not: writers must store it as text", () => {
    const bets = [BET_HEADER, ["=B1", '=HYPERLINK("http://x")', "", "", "", 1], ["+B2", "@risk", "", "", "", 1]];
    const out = buildReportLayout(analyzeSheets(smallPlan({ bets })), { runAt });
    expect(out.tables[0].rows.map((r) => r.slice(0, 2))).toEqual([
      ["=B1", '=HYPERLINK("http://x")'],
      ["+B2", "@risk"],
    ]);
  });

  it("uses the sheet name asked for", () => {
    expect(buildReportLayout(result, { runAt, sheetName: "Gaps Q4" }).sheetName).toBe("Gaps Q4");
  });
});

describe("isReportSheet", () => {
  it("recognises the owner marker in column A near the top", () => {
    expect(isReportSheet(sheet("CVM Gap Analysis", [["CVM Gap Analysis"], [OWNER_MARKER]]))).toBe(true);
    expect(isReportSheet(sheet("CVM Gap Analysis", [[OWNER_MARKER]], { row: 1, col: 0 }))).toBe(true);
  });
  it("does not take a sheet without it, or with it in another column or far down", () => {
    expect(isReportSheet(sheet("CVM Gap Analysis", [["My own notes"]]))).toBe(false);
    expect(isReportSheet(sheet("CVM Gap Analysis", [[OWNER_MARKER]], { row: 0, col: 1 }))).toBe(false);
    expect(isReportSheet(sheet("CVM Gap Analysis", [[OWNER_MARKER]], { row: 20, col: 0 }))).toBe(false);
  });
});

describe("excelSerial", () => {
  it("gives Excel's serial number of the local wall-clock time", () => {
    expect(excelSerial(new Date(2026, 0, 1, 12, 0, 0))).toBeCloseTo(46023.5, 9);
  });
});
