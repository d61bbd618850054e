/**
 * @jest-environment jsdom
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { analyzeButton, enabled, renderApp } from "../../testkit/paneRender";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import {
  NO_TARGET,
  PLANNER_PLAN,
  PLANNER_PLAN_MAPPING,
  plannerSheets,
  TWO_SCORECARDS,
  type PlannerWorkbook,
} from "../../testkit/plannerWorkbooks";

const useButton = () => screen.getByRole("button", { name: /Use this mapping/ });
/** A part's item in the mapping section: its heading button and its panel. */
const partItem = (part: string) => document.querySelector(`[data-part="${part}"]`) as HTMLElement;

const picker = (label: string | RegExp) => screen.getByRole("combobox", { name: label }) as HTMLSelectElement;
/** What a picker shows: its selected option's text. */
const shown = (label: string | RegExp) => picker(label).selectedOptions[0]?.textContent;
/** Picks an option of a picker by its text, as a planner does. */
function pick(label: string | RegExp, option: string) {
  const select = picker(label);
  const chosen = within(select).getByRole("option", { name: option }) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: chosen.value } });
}

async function opened(planner: PlannerWorkbook) {
  const workbook = new MemoryWorkbook(plannerSheets(planner));
  renderApp(workbook);
  await screen.findByRole("heading", { name: "Where the plan is read from" });
  return workbook;
}

const SCORECARD_COLUMNS = PLANNER_PLAN_MAPPING.parts.KPIs.columns;
const AGENDA_AND_PROGRAMMES = { Bets: PLANNER_PLAN_MAPPING.parts.Bets, Initiatives: PLANNER_PLAN_MAPPING.parts.Initiatives };

describe("the Plan sources view on a workbook as a planner keeps it", () => {
  it("proposes each part with its sheet and how it was found, and analyses a plan it recognises without asking", async () => {
    await opened(PLANNER_PLAN);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    expect(within(partItem("bets")).getByRole("button").textContent).toBe(
      'Bets"Strategic agenda 2027" (header row 4) · Recognised from its headers and contents',
    );
    expect(within(partItem("kpis")).getByRole("button").textContent).toContain('"Scorecard" (header row 2)');
    expect(within(partItem("initiatives")).getByRole("button").textContent).toContain('table "tblProgrammes" on "Programmes"');
    expect(within(partItem("personas")).getByRole("button").textContent).toContain("Not in this workbook (optional)");
    // Nothing to choose: every part is closed, and nothing says otherwise.
    expect(within(partItem("kpis")).getByRole("button").getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText(/could not be told apart/)).toBeNull();
    const help = screen.getByRole("link", { name: "How the plan is found (opens in a new window)" }) as HTMLAnchorElement;
    expect(new URL(help.href).hash).toBe("#sources");

    fireEvent.click(analyzeButton());
    await screen.findByTestId("score");
    fireEvent.click(screen.getByRole("tab", { name: "KPIs and bridge" }));
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect([...kpis.querySelectorAll("[data-kpi]")].map((row) => row.getAttribute("data-kpi")).sort()).toEqual([
      "M01",
      "M02",
      "M03",
      "M04",
      "M05",
    ]);
  });

  it("opens on Plan sources when two scorecards fit, and keeps the one picked in the workbook for the next analysis", async () => {
    const workbook = await opened(TWO_SCORECARDS);
    expect(screen.getByRole("tab", { name: "Plan sources and settings" }).getAttribute("aria-selected")).toBe("true");
    await screen.findByText(/could not be told apart for sure/);
    const kpis = partItem("kpis");
    // The part to choose is open, says both candidates and offers no sheet as chosen.
    expect(within(kpis).getByRole("button", { expanded: true }).textContent).toContain("Two sheets fit: choose one");
    expect(within(kpis).getByText(/could be "Scorecard" \(header row 2\) or "Scorecard \(old\)" \(header row 2\)/)).toBeTruthy();
    expect(shown("Sheet or table of the KPIs")).toBe("Choose a sheet or table");
    expect(enabled(useButton())).toBe(false);
    expect(screen.getByText("Still to choose: KPIs.")).toBeTruthy();
    const planSheets = screen.getByRole("table", { name: "Plan sheets" });
    expect(planSheets.querySelector('[data-sheet="kpis"]')?.textContent).toContain("To choose: see Where the plan is read from");

    pick("Sheet or table of the KPIs", "Scorecard");
    expect(within(kpis).getAllByRole("button")[0].textContent).toBe('KPIs"Scorecard" (header row 2) · Mapped by you');
    // Only the scorecard's own headers are offered for a column.
    expect(
      within(picker("Target"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual([...Object.values(SCORECARD_COLUMNS)].sort(byColumn));
    expect(shown("Target")).toBe("Goal 2027");
    // The rows it will read: three, by contract column.
    const preview = screen.getByRole("table", { name: 'The first 3 rows read from "Scorecard" (header row 2)' });
    const target = within(preview).getByRole("row", { name: /^Target/ });
    expect([...target.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["520", "18.1", "0.013"]);

    expect(enabled(useButton())).toBe(true);
    fireEvent.click(useButton());
    await screen.findByTestId("score");
    expect(JSON.parse((await workbook.readMapping()) as string)).toEqual({
      version: 1,
      parts: {
        Bets: AGENDA_AND_PROGRAMMES.Bets,
        KPIs: { sheet: "Scorecard", headerRow: 2, columns: SCORECARD_COLUMNS },
        Initiatives: AGENDA_AND_PROGRAMMES.Initiatives,
      },
    });
    expect(screen.getByText(/Kept the mapping in the workbook/)).toBeTruthy();
  });

  it("reads the plan from the kept mapping when the workbook is opened again", async () => {
    const workbook = new MemoryWorkbook(plannerSheets(TWO_SCORECARDS));
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { KPIs: { sheet: "Scorecard (old)" } } }));
    renderApp(workbook);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    expect(within(partItem("kpis")).getByRole("button").textContent).toBe('KPIs"Scorecard (old)" (header row 2) · Mapped by you');
    expect(screen.queryByText(/could not be told apart/)).toBeNull();
    fireEvent.click(analyzeButton());
    await screen.findByTestId("score");
    expect(screen.queryByTestId("action-notice")).toBeNull();
  });

  it("says why a kept mapping cannot be used, proposes what it finds without it, and replaces it on Use this mapping", async () => {
    const workbook = new MemoryWorkbook(plannerSheets(PLANNER_PLAN));
    await workbook.writeMapping(JSON.stringify({ version: 1, parts: { KPIs: { sheet: "Scorecard 2026" } } }));
    renderApp(workbook);
    await screen.findByText("The kept mapping cannot be used.");
    expect(screen.getByText(/the workbook has no such sheet/).textContent).toContain('from the sheet "Scorecard 2026"');
    expect(within(partItem("kpis")).getAllByRole("button")[0].textContent).toBe(
      'KPIs"Scorecard" (header row 2) · Recognised from its headers and contents',
    );
    // Analyse stops on it, saying so, rather than passing over it.
    fireEvent.click(analyzeButton());
    expect((await screen.findByRole("alert")).textContent).toContain('"Scorecard 2026"');
    fireEvent.click(useButton());
    await screen.findByTestId("score");
    const kept = JSON.parse((await workbook.readMapping()) as string) as { parts: { KPIs: { sheet: string } } };
    expect(kept.parts.KPIs.sheet).toBe("Scorecard");
    expect(screen.queryByText("The kept mapping cannot be used.")).toBeNull();
  });

  it("maps a required column the sheet lacks to a header picked from its own header row", async () => {
    const workbook = await opened(NO_TARGET);
    const kpis = partItem("kpis");
    expect(within(kpis).getByRole("button", { expanded: true }).textContent).toContain("Needs a column");
    expect(within(kpis).getByText(/looks like the plan's KPIs but has no Target column/)).toBeTruthy();
    expect(shown("Target")).toBe("Not found");

    pick("Target", "Current");
    expect(shown("Target")).toBe("Current");
    const preview = screen.getByRole("table", { name: /read from "Scorecard"/ });
    expect(
      [
        ...within(preview)
          .getByRole("row", { name: /^Target/ })
          .querySelectorAll("td"),
      ].map((td) => td.textContent),
    ).toEqual(["470", "18.05", "0.0142"]);
    fireEvent.click(useButton());
    await screen.findByTestId("score");
    const kept = JSON.parse((await workbook.readMapping()) as string) as { parts: { KPIs: { columns: Record<string, string> } } };
    expect(kept.parts.KPIs.columns.Target).toBe("Current");
  });

  it("refuses a header picked for a second column beside its picker, and keeps nothing until it is settled", async () => {
    const workbook = await opened(NO_TARGET);
    pick("Target", "Current");
    pick(/^Baseline/, "Current");
    // The pick stays in view with why it was refused; the mapping is still the one before it.
    expect(shown(/^Baseline/)).toBe("Current");
    expect(
      screen.getByText('"Current" is read for Target already: pick another header for Baseline, or change Target first.'),
    ).toBeTruthy();
    expect(enabled(useButton())).toBe(false);
    pick(/^Baseline/, "Start value");
    expect(screen.queryByText(/is read for Target already/)).toBeNull();
    expect(enabled(useButton())).toBe(true);
    fireEvent.click(useButton());
    await screen.findByTestId("score");
    const kept = JSON.parse((await workbook.readMapping()) as string) as { parts: { KPIs: { columns: Record<string, string> } } };
    expect([kept.parts.KPIs.columns.Baseline, kept.parts.KPIs.columns.Target]).toEqual(["Start value", "Current"]);
  });

  it("reads a part from the header row the planner picks, its columns recognised again on that row", async () => {
    const workbook = await opened(PLANNER_PLAN);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    fireEvent.click(within(partItem("kpis")).getByRole("button"));
    // The rows a header may be on, as recognition looks for one (every row that holds anything, from the top), each with its first values.
    expect(
      within(picker("Header row of the KPIs"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual([
      "Row 1: Scorecard 2027 (monthly review)",
      "Row 2: Metric code · Metric · Pillar · Polarity · Start val…",
      "Row 3: M01 · Converged households (k) · P1 · Higher is bett…",
      "Row 4: M02 · Blended ARPU (€) · P2 · Higher is better · 17.…",
      "Row 5: M03 · Postpaid monthly churn · P2 · Lower is better …",
      "Row 6: M04 · Net promoter score · P3 · Higher is better · 2…",
      "Row 7: M05 · Care cost per contact (€) · Lower is better · …",
    ]);
    expect(shown("Header row of the KPIs")).toMatch(/^Row 2: Metric code/);
    // The title row names no column: the part is read from there, its columns to map from that row's text.
    pick("Header row of the KPIs", "Row 1: Scorecard 2027 (monthly review)");
    expect(within(partItem("kpis")).getAllByRole("button")[0].textContent).toContain('"Scorecard" (header row 1) · Mapped by you');
    expect(shown("Target")).toBe("Not found");
    expect(
      within(picker("Target"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Not found", "Scorecard 2027 (monthly review)"]);
    expect(within(partItem("kpis")).getAllByText("Required: pick the header it is read from.")).toHaveLength(3);

    pick("Header row of the KPIs", "Row 2: Metric code · Metric · Pillar · Polarity · Start val…");
    expect(shown("Target")).toBe("Goal 2027");
    expect(enabled(useButton())).toBe(true);
    fireEvent.click(useButton());
    await screen.findByTestId("score");
    const kept = JSON.parse((await workbook.readMapping()) as string) as { parts: { KPIs: unknown } };
    expect(kept.parts.KPIs).toEqual({ sheet: "Scorecard", headerRow: 2, columns: SCORECARD_COLUMNS });
  });
});

/** The scorecard's headers in the order of its header row. */
function byColumn(a: string, b: string): number {
  const order = ["Metric code", "Metric", "Pillar", "Polarity", "Start value", "Goal 2027", "Current", "Unit"];
  return order.indexOf(a) - order.indexOf(b);
}
