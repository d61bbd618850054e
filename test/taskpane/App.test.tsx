/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { OWNER_MARKER } from "../../src/domain/ownership";
import type { SheetData } from "../../src/domain/cells";

// Fluent's MessageBar and overflow helpers observe sizes; jsdom has no ResizeObserver.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

function renderApp(workbook: MemoryWorkbook, preview = false) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App workbook={workbook} preview={preview} />
    </FluentProvider>,
  );
}

const analyseButton = () => screen.getByRole("button", { name: /Analyse/ });
const enabled = (element: HTMLElement) => !(element as HTMLButtonElement).disabled && element.getAttribute("aria-disabled") !== "true";

async function analysed(workbook: MemoryWorkbook) {
  renderApp(workbook);
  await waitFor(() => expect(enabled(analyseButton())).toBe(true));
  fireEvent.click(analyseButton());
  await screen.findByTestId("score");
}

describe("the task pane on the sample plan", () => {
  it("shows each plan sheet with its rows, then the score, KPI statuses and findings", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    renderApp(workbook, true);
    expect(screen.getByText(/Preview outside Excel/)).toBeTruthy();
    const overview = await screen.findByRole("table", { name: "Plan sheets" });
    await waitFor(() => expect(within(overview).getByText("18")).toBeTruthy());
    expect(within(overview).getByText("Initiatives")).toBeTruthy();

    await waitFor(() => expect(enabled(analyseButton())).toBe(true));
    fireEvent.click(analyseButton());
    expect((await screen.findByTestId("score")).textContent).toBe("91.7%");
    expect(screen.getByText("0 errors, 21 warnings, 2 info · tolerance 10%")).toBeTruthy();
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    const k2 = kpis.querySelector('[data-kpi="K2"]');
    expect(k2?.textContent).toContain("Off track");
    expect(kpis.querySelector('[data-kpi="K16"]')?.textContent).toContain("No data");
    expect(screen.getByText("Warnings (21)")).toBeTruthy();
    expect(screen.getByRole("img", { name: /B1: budget 41\.1%, weight 30\.0%/ })).toBeTruthy();
    const b5 = screen.getByRole("table", { name: "Alignment by bet" }).querySelector('[data-bet="B5"]');
    expect(b5?.textContent).toContain("16.7%");
  });

  it("selects a finding's cell in the workbook when it is clicked", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analysed(workbook);
    fireEvent.click(screen.getByText(/High-priority Moment of Truth M4/));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "Moments of Truth", cell: "F5" }));
  });

  it("writes the report sheet, and rewrites it on a second run", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analysed(workbook);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await screen.findByText(/Wrote the "CVM Gap Analysis" sheet/);
    expect(workbook.sheet("CVM Gap Analysis")?.values[1][0]).toBe(OWNER_MARKER);
    expect(workbook.lastReport?.tables.map((t) => t.name)).toEqual(["CVM_Alignment", "CVM_KPIGaps", "CVM_GapBridge", "CVM_Findings", "CVM_Handshakes"]);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await waitFor(() => expect(enabled(screen.getByRole("button", { name: /Write to workbook/ }))).toBe(true));
    expect(workbook.sheetNames.filter((n) => n === "CVM Gap Analysis")).toHaveLength(1);
  });

  it("says in plain words why it will not overwrite a sheet it did not write", async () => {
    const foreign: SheetData = { name: "CVM Gap Analysis", values: [["My own notes"]], origin: { row: 0, col: 0 } };
    const workbook = new MemoryWorkbook([...sampleSheets(), foreign]);
    await analysed(workbook);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain('A sheet named "CVM Gap Analysis" already exists and was not written by this add-in');
    expect(alert.textContent).not.toMatch(/at .*\(.*:\d+:\d+\)/);
    expect(workbook.sheet("CVM Gap Analysis")?.values).toEqual([["My own notes"]]);
  });

  it("keeps the settings with the workbook and uses them in the next analysis", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await workbook.saveSettings({ tolerance: 0.5, allocationThreshold: 0.1 });
    await analysed(workbook);
    expect(screen.getByText(/tolerance 50%/)).toBeTruthy();
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(kpis.querySelectorAll('[data-status="Off track"]')).toHaveLength(2);
    const threshold = screen.getByRole("spinbutton", { name: /Allocation threshold/ });
    fireEvent.change(threshold, { target: { value: "20" } });
    fireEvent.blur(threshold);
    await waitFor(async () => expect((await workbook.loadSettings()).allocationThreshold).toBeCloseTo(0.2));
  });
});

describe("the gap-to-target bridge on the sample plan", () => {
  const picker = () => screen.getByRole("combobox", { name: "KPI" }) as HTMLSelectElement;
  const pick = (kpiId: string) => fireEvent.change(picker(), { target: { value: kpiId } });
  const view = () => screen.getByTestId("bridge-view");

  it("shows each KPI's closure next to its status in the KPI list", async () => {
    await analysed(new MemoryWorkbook(sampleSheets()));
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(within(kpis).getByRole("columnheader", { name: "Status, closure" })).toBeTruthy();
    const closure = (kpiId: string) => kpis.querySelector(`[data-kpi="${kpiId}"] [data-closure]`)?.textContent;
    const expected: Record<string, string> = {
      K1: "Partly closed", K2: "Partly closed", K3: "Closed", K4: "On track", K5: "Closed", K6: "Closed", K7: "On track", K8: "Partly closed",
      K9: "Not addressed", K10: "Closed", K11: "On track", K12: "Not addressed", K13: "Closed", K14: "On track", K15: "Partly closed", K16: "No data",
    };
    for (const [kpiId, text] of Object.entries(expected)) expect([kpiId, closure(kpiId)]).toEqual([kpiId, text]);
    expect(kpis.querySelector('[data-kpi="K2"] [data-status]')?.textContent).toBe("Off track");
  });

  it("opens on the first KPI behind its target with planned impacts, and shows K2's steps, coverage and what is still to find when picked", async () => {
    await analysed(new MemoryWorkbook(sampleSheets()));
    expect(screen.getByRole("heading", { name: "Gap-to-target bridge" })).toBeTruthy();
    expect(picker().value).toBe("K1");
    expect(within(picker()).getAllByRole("option")).toHaveLength(16);
    pick("K2");
    expect(view().getAttribute("data-bridge-kpi")).toBe("K2");
    const chart = within(view()).getByRole("img", { name: /^K2 waterfall:/ });
    expect(chart.getAttribute("aria-label")).toBe(
      "K2 waterfall: 6,000 households now, +1,200 households from I01, +400 households from I02, projected 7,600 households against a target of 9,000 households.",
    );
    expect([...chart.querySelectorAll("[data-step]")].map((bar) => bar.getAttribute("data-step"))).toEqual(["I01", "I02"]);
    expect(chart.querySelectorAll('[data-bar="value"]')).toHaveLength(1);
    expect(chart.querySelectorAll('[data-bar="projected"]')).toHaveLength(1);
    expect(chart.querySelector("[data-target-line] text")?.textContent).toBe("Target 9,000");
    expect(within(view()).getByTestId("closure-sentence").textContent).toBe(
      "The planned impacts close 53% of the gap of 3,000 households: 1,600 households planned, so 1,400 households is still to find.",
    );
    expect(within(view()).getByText("Partly closed")).toBeTruthy();
    const facts = within(view()).getByTestId("bridge-facts");
    const pairs = [...facts.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(pairs).toEqual([
      ["Gap", "3,000 households"],
      ["Planned", "1,600 households"],
      ["Coverage", "53%"],
      ["Still to find", "1,400 households"],
      ["Projected", "7,600 households (Off track)"],
    ]);
  });

  it("gives the waterfall's figures as a table behind a button", async () => {
    await analysed(new MemoryWorkbook(sampleSheets()));
    pick("K2");
    expect(within(view()).queryByRole("table")).toBeNull();
    const toggle = within(view()).getByRole("button", { name: "Show as table" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.getElementById(toggle.getAttribute("aria-controls") ?? "")).toBeTruthy();
    fireEvent.click(toggle);
    const table = within(view()).getByRole("table", { name: "K2 Converged net adds per month, in households: from now to the projected value, step by step" });
    expect(within(view()).getByRole("button", { name: "Hide table" }).getAttribute("aria-expanded")).toBe("true");
    expect(within(table).getAllByRole("columnheader").map((th) => [th.textContent, th.getAttribute("scope")])).toEqual([
      ["Step", "col"],
      ["Change", "col"],
      ["Level", "col"],
      ["Effect", "col"],
    ]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ["Now", "", "6,000", ""],
      ["I01", "+1,200", "7,200", "Towards the target"],
      ["I02", "+400", "7,600", "Towards the target"],
      ["Projected", "+1,600", "7,600", ""],
      ["Target", "", "9,000", ""],
    ]);
    expect(rows.map((row) => row.children[0].getAttribute("scope"))).toEqual(["row", "row", "row", "row", "row"]);
    // A percent KPI's table keeps % and pp in its cells.
    pick("K3");
    const churn = within(view()).getByRole("table", { name: /^K3 Postpaid monthly churn: / });
    expect(within(churn).getAllByRole("row").slice(1).map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ["Now", "", "1.38%", ""],
      ["I05", "−0.05 pp", "1.33%", "Towards the target"],
      ["I09", "−0.032 pp", "1.298%", "Towards the target"],
      ["Projected", "−0.082 pp", "1.298%", ""],
      ["Target", "", "1.3%", ""],
    ]);
  });

  it("marks a step away from the target in words, not by colour alone", async () => {
    await analysed(new MemoryWorkbook(sampleSheets()));
    pick("K12");
    const chart = within(view()).getByRole("img", { name: /^K12 waterfall:/ });
    expect(chart.getAttribute("aria-label")).toContain("+2 calls from I13 (away from the target)");
    expect(chart.querySelector('[data-step="I13"]')?.getAttribute("data-favourable")).toBe("false");
    expect(within(view()).getByText("Away from the target (hatched)")).toBeTruthy();
    expect(within(view()).getByTestId("closure-sentence").textContent).toContain("move it 2 calls away from it: 10 calls is still to find");
  });

  it("says why there is no waterfall for a KPI without data or without planned impacts", async () => {
    await analysed(new MemoryWorkbook(sampleSheets()));
    pick("K16");
    expect(within(view()).queryByRole("img")).toBeNull();
    expect(within(view()).getByTestId("closure-sentence").textContent).toBe("K16 has no actual or forecast value, so its gap and bridge cannot be worked out: add one on the KPIs sheet.");
    expect(within(view()).getByTestId("no-waterfall").textContent).toBe("There is no waterfall to draw.");
    expect(within(view()).getByText("No data")).toBeTruthy();
    pick("K9");
    expect(within(view()).queryByRole("img")).toBeNull();
    expect(within(view()).getByTestId("closure-sentence").textContent).toBe("No planned impact moves K9 towards its target: the whole gap of 4 pts is still to find.");
    expect(within(view()).getByTestId("no-waterfall").textContent).toBe("No initiative on the Impacts sheet is expected to move K9, so there is no waterfall to draw.");
  });

  it("is left out, and the KPI list shows only the status, for a plan without an Impacts sheet", async () => {
    await analysed(new MemoryWorkbook(sampleSheets().filter((sheet) => sheet.name !== "Impacts")));
    expect(screen.queryByTestId("bridge-view")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Gap-to-target bridge" })).toBeNull();
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(within(kpis).getByRole("columnheader", { name: "Status" })).toBeTruthy();
    expect(kpis.querySelectorAll("[data-closure]")).toHaveLength(0);
  });
});

describe("the task pane on an empty workbook", () => {
  it("offers the template, creates the contract's sheets and then finds them", async () => {
    const workbook = new MemoryWorkbook([{ name: "Sheet1", values: [], origin: { row: 0, col: 0 } }]);
    renderApp(workbook);
    await screen.findByText(/No plan sheets found/);
    expect(enabled(analyseButton())).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(/Created Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth, Collaboration\./);
    expect(workbook.sheetNames).toEqual(["Sheet1", "Bets", "Personas", "KPIs", "Initiatives", "Impacts", "Moments of Truth", "Collaboration"]);
    await waitFor(() => expect(enabled(analyseButton())).toBe(true));
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(/No sheet was created\. Left Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth, Collaboration as they were\./);
  });
});
