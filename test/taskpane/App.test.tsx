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
    expect(screen.getByText("0 errors, 13 warnings, 1 info · tolerance 10%")).toBeTruthy();
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    const k2 = kpis.querySelector('[data-kpi="K2"]');
    expect(k2?.textContent).toContain("Off track");
    expect(kpis.querySelector('[data-kpi="K16"]')?.textContent).toContain("No data");
    expect(screen.getByText("Warnings (13)")).toBeTruthy();
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
    expect(workbook.lastReport?.tables.map((t) => t.name)).toEqual(["CVM_Alignment", "CVM_KPIGaps", "CVM_Findings", "CVM_Handshakes"]);
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

describe("the task pane on an empty workbook", () => {
  it("offers the template, creates the contract's sheets and then finds them", async () => {
    const workbook = new MemoryWorkbook([{ name: "Sheet1", values: [], origin: { row: 0, col: 0 } }]);
    renderApp(workbook);
    await screen.findByText(/No plan sheets found/);
    expect(enabled(analyseButton())).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(/Created Bets, Personas, KPIs, Initiatives, Moments of Truth, Collaboration\./);
    expect(workbook.sheetNames).toEqual(["Sheet1", "Bets", "Personas", "KPIs", "Initiatives", "Moments of Truth", "Collaboration"]);
    await waitFor(() => expect(enabled(analyseButton())).toBe(true));
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(/No sheet was created\. Left Bets, Personas, KPIs, Initiatives, Moments of Truth, Collaboration as they were\./);
  });
});
