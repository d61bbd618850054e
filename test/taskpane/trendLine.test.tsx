/**
 * @jest-environment jsdom
 */
/**
 * The pane's small trend line per KPI (issue 20), on the series fixture's KPIs as the engine gives
 * them: the line is one image named by its points, the values are a table too, and a KPI without
 * a series has no line.
 */
import { render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import type { CellValue, SheetData } from "../../src/domain/common/cells";
import { BridgeView } from "../../src/taskpane/components/kpis/BridgeView";
import { KpiGapTable } from "../../src/taskpane/components/kpis/KpiGapTable";
import { trendLineShape } from "../../src/taskpane/components/kpis/trendLine";
import { BET_HEADER } from "../../testkit/sheets";

const sheet = (name: string, values: CellValue[][]): SheetData => ({ name, values, origin: { row: 0, col: 0 } });

const result = analyzeSheets([
  sheet("Bets", [BET_HEADER, ["B1", "Grow", "", "", "", 1, "CEO"]]),
  sheet("KPIs", [
    ["KPI ID", "KPI", "Bet IDs", "Unit", "Direction", "Baseline", "Target", "Actual", "Period", "Aggregation"],
    ["K3", "NPS", "B1", "points", "Higher is better", 21, 30, null, "Dec 2026", null],
    ["K4", "Revenue", "B1", "€ m", "Higher is better", 1200, 1260, null, "FY2026", "Sum"],
    ["K9", "No series", "B1", "", "Higher is better", 1, 2, 1, "FY2026", null],
  ]),
  sheet("KPI Series", [
    ["KPI ID", "2026-07", "2026-08", "2026-09", "2026-10"],
    ["K3", 34, 33, null, 31],
    ["K4", 100, 102, 104, 106],
  ]),
]);
const kpi = (id: string) => result.kpis.find((k) => k.kpiId === id)!;

describe("a KPI's trend line", () => {
  it("breaks where a month has no value, dashes the trend to the due month and marks the target", () => {
    // Jul to Oct with Sep missing: two runs. The trend ends in Dec, two months after Oct: through
    // 34, 33, 31 at x = 0, 1, 3 the slope is −4.67 / 4.67 = −1, and December (x = 5) is 32.67 − 3.67 = 29.
    const shape = trendLineShape(kpi("K3"));
    expect(shape?.values.match(/M/g)).toHaveLength(2);
    expect(shape?.trend?.x2).toBe(117);
    expect(shape?.target?.x).toBe(117);
    expect(shape?.label).toBe(
      "K3 by month: 2026-07 34 points, 2026-08 33 points, 2026-10 31 points; on trend 29 points by 2026-12; target 30 points",
    );
  });

  it("shows a Sum KPI's months only: its target is a yearly total", () => {
    const shape = trendLineShape(kpi("K4"));
    expect([shape?.trend, shape?.target]).toEqual([undefined, undefined]);
    expect(shape?.label).toBe("K4 by month: 2026-07 100 € m, 2026-08 102 € m, 2026-09 104 € m, 2026-10 106 € m");
  });

  it("is an image named by its points in the KPI list, with the values as a table, and absent without a series", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <KpiGapTable kpis={result.kpis} onSelect={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByRole("img", { name: /^K3 by month: 2026-07 34 points/ })).toBeTruthy();
    const values = screen.getByRole("table", { name: "K3 by month" });
    expect(
      within(values)
        .getAllByRole("row")
        .map((row) => row.textContent),
    ).toEqual(["2026-0734 points", "2026-0833 points", "2026-1031 points"]);
    expect(screen.getAllByTestId("kpi-trend")).toHaveLength(2);
  });
});

describe("the bridge view of a KPI with a series", () => {
  it("shows the months before today's value and puts the trend beside the plan's projection", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <BridgeView kpis={result.kpis} kpiId="K3" />
      </FluentProvider>,
    );
    const view = screen.getByTestId("bridge-view");
    expect(within(view).getByRole("img", { name: /^K3 by month: 2026-07 34 points/ })).toBeTruthy();
    // The trend of the test above: 29 points by 2026-12; progress (29 − 21) / (30 − 21) = 0.89 is under 1 − 10%: Off track.
    const facts = within(view).getByTestId("bridge-facts");
    expect(within(facts).getByText("On trend").nextElementSibling?.textContent).toBe(
      `29 points (${kpi("K3").trend?.status}, as of 2026-10)`,
    );
  });
});
