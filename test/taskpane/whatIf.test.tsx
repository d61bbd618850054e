/**
 * @jest-environment jsdom
 */
/**
 * The what-if view on the sample plan, in memory: edits recompute the figures beside the plan's,
 * typed numbers are read as the sheets read them, the scenario is kept in the workbook's
 * settings and written as a what-if (the report marked as one, and the "CVM Scenario" sheet). The
 * plan's sheets are never changed.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { SheetData } from "../../src/domain/common/cells";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import { parsePlan } from "../../src/domain/plan/parse";
import { EMPTY_SCENARIO, type Scenario } from "../../src/domain/whatIf/scenario";
import { analyzeParsed, compareResults } from "../../src/domain/whatIf/whatIf";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { WhatIfView } from "../../src/taskpane/components/whatIf/WhatIfView";
import { editBet, editImpact, editInitiative, planIndex } from "../../src/taskpane/components/whatIf/whatIfEdits";
import { announcement, typedBudget, typedConfidence, typedWeight } from "../../src/taskpane/components/whatIf/whatIfText";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { planSheets } from "../../testkit/planSheets";
import { syntheticPlan } from "../../testkit/syntheticPlan";

/** The view as the pane mounts it after Analyse: on the plan read from the workbook and its analysis. */
async function renderView(workbook: MemoryWorkbook) {
  const parsed = parsePlan(await workbook.readSheets());
  const plan = analyzeParsed(parsed);
  // The saved scenario is read as the view mounts: the render waits for it, as the pane would.
  const view = await act(async () =>
    render(
      <FluentProvider theme={webLightTheme}>
        <WhatIfView workbook={workbook} parsed={parsed} plan={plan} />
      </FluentProvider>,
    ),
  );
  return { ...view, plan };
}

async function openView(workbook: MemoryWorkbook) {
  const view = await renderView(workbook);
  fireEvent.click(screen.getByRole("button", { name: "Try a scenario" }));
  await screen.findByTestId("whatif-figures");
  return view;
}

/** A row of the figures table: label, plan, scenario, change. */
function figure(key: string): string[] {
  const row = screen.getByTestId("whatif-figures").querySelector(`[data-figure="${key}"]`);
  return [...(row?.children ?? [])].map((cell) => cell.textContent ?? "");
}

const field = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, text: string) => fireEvent.change(field(name), { target: { value: text } });
const toggle = (name: string) => fireEvent.click(screen.getByRole("switch", { name }));
const show = (name: string) => fireEvent.click(screen.getByRole("radio", { name }));
const status = () => screen.getByTestId("whatif-status");

describe("the what-if view on the sample plan", () => {
  it("gives the plan's figures exactly for a scenario that changes nothing", async () => {
    const { plan } = await openView(new MemoryWorkbook(sampleSheets()));
    expect(figure("score")).toEqual(["Alignment score", "91.7%", "91.7%", "–"]);
    expect(figure("budget")).toEqual(["Budget", "5,980,000", "5,980,000", "–"]);
    expect(figure("untraced")).toEqual(["Untraced budget", "440,000", "440,000", "–"]);
    expect(figure("findings")).toEqual(["Findings", "0 errors, 21 warnings, 2 info", "0 errors, 21 warnings, 2 info", "–"]);
    expect(screen.getByTestId("whatif-changes").textContent).toContain("No change yet: the scenario is the plan as it stands.");
    expect(screen.getByTestId("whatif-findings-none").textContent).toBe("The scenario changes no finding.");
    expect(screen.getByTestId("whatif-kpis").textContent).toBe("The scenario moves no KPI's bridge.");
    // Every bet's figures are the plan's, with nothing marked as changed.
    const bets = screen.getByTestId("whatif-bets");
    expect(bets.querySelectorAll("tbody tr")).toHaveLength(plan.bets.length);
    expect(bets.textContent).not.toMatch(/was/);
    expect(bets.querySelector('[data-bet="B1"]')?.textContent).toBe("B1Over-funded41.1%30.0%100.0%");
    // Nothing was said yet: the live region speaks after an edit.
    expect(status().textContent).toBe("");
  });

  it("switching I16 off takes its 300,000 out of the untraced budget and says which findings go away", async () => {
    await openView(new MemoryWorkbook(sampleSheets()));
    const i16 = screen.getByRole("switch", { name: "Include I16" }) as HTMLInputElement;
    expect(i16.checked).toBe(true);
    toggle("Include I16");
    await waitFor(() => expect(figure("untraced")).toEqual(["Untraced budget", "440,000", "140,000", "−300,000"]));
    expect(figure("budget")).toEqual(["Budget", "5,980,000", "5,680,000", "−300,000"]);
    expect(i16.checked).toBe(false);
    expect(screen.getByTestId("whatif-changes").textContent).toContain("1 change to the plan:I16 City marathon sponsorship: switched off");
    const resolved = screen.getByTestId("whatif-resolved");
    expect(within(resolved).getByRole("heading", { name: "Go away (1)" })).toBeTruthy();
    expect([...resolved.querySelectorAll("li")].map((li) => [li.getAttribute("data-finding"), li.getAttribute("data-item")])).toEqual([
      ["INITIATIVE_UNTRACED", "I16"],
    ]);
    expect(resolved.textContent).toContain("Initiative I16 traces to no strategic bet.");
    expect(screen.queryByTestId("whatif-appeared")).toBeNull();
    expect(figure("findings")[3]).toBe("−1 go away");
    expect(document.querySelector('[data-whatif-item="initiative:I16"]')?.getAttribute("data-changed")).toBe("true");
    await waitFor(() => expect(status().textContent).toBe("Scenario: score 91.7% (unchanged), no finding appears, 1 goes away"));
    expect(status().getAttribute("role")).toBe("status");
  });

  it("applies a budget typed as on the sheet, and saves the scenario with the workbook once the typing pauses", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    type("Budget of I03", "€1,500,000");
    await waitFor(() => expect(figure("budget")).toEqual(["Budget", "5,980,000", "7,230,000", "+1,250,000"]));
    expect(screen.getByTestId("whatif-changes").textContent).toContain("I03 Household loyalty points: budget 250,000 → 1,500,000");
    // B2's share grows past its weight: an allocation finding appears; the score counts aspects, not money.
    expect(screen.getByTestId("whatif-appeared").querySelector('[data-finding="ALLOCATION_GAP"]')?.getAttribute("data-item")).toBe("B2");
    expect(figure("score")).toEqual(["Alignment score", "91.7%", "91.7%", "–"]);
    expect(screen.getByTestId("whatif-bets").querySelector('[data-bet="B2"]')?.textContent).toContain("Over-funded, was Balanced");
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({ version: 1, initiatives: [{ id: "I03", budget: 1_500_000 }], bets: [], impacts: [] }),
    );
    await waitFor(() => expect(status().textContent).toBe("Scenario: score 91.7% (unchanged), 1 finding appears, none goes away"));
  });

  it("changes a bet's weight and an impact's confidence, typed as shares", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    show("Bets");
    expect(field("Weight of B3").value).toBe("20%");
    type("Weight of B3", "40%");
    await waitFor(() =>
      expect(screen.getByTestId("whatif-changes").textContent).toContain("B3 Best-rated service in the market: weight 20% → 40%"),
    );
    show("Impacts");
    expect(field("Confidence of I02 on K2").value).toBe("50%");
    type("Confidence of I02 on K2", "1");
    await waitFor(() =>
      expect(screen.getByTestId("whatif-changes").textContent).toContain(
        "I02 → K2 Merged customers completing onboarding: confidence 50% → 100%",
      ),
    );
    // K2's bridge: I02's 800 now counts in full, 2,000 of the 3,000 gap.
    const k2 = screen.getByTestId("whatif-kpis").querySelector('[data-kpi="K2"]');
    expect([...(k2?.children ?? [])].map((c) => c.textContent)).toEqual([
      "K2 Converged net adds per month",
      "67%was 53%",
      "8,000 households+400 households, was 7,600 households",
      "Partly closed",
    ]);
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({
        version: 1,
        initiatives: [],
        bets: [{ id: "B3", weight: 0.4 }],
        impacts: [{ initiative: "I02", kpi: "K2", confidence: 1 }],
      }),
    );
    // Typing the plan's own figure back removes the change: the scenario lists only real differences.
    type("Confidence of I02 on K2", "50%");
    await waitFor(() => expect(screen.getByTestId("whatif-changes").textContent).not.toContain("I02 → K2"));
    expect(screen.getByRole("textbox", { name: "Confidence of I02 on K2" })).toBeTruthy();
  });

  it("leaves the scenario unchanged, with a message by the field, when the entry is not a number it can use", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    type("Budget of I03", "€1,500,000");
    await waitFor(() => expect(figure("budget")[2]).toBe("7,230,000"));
    type("Budget of I03", "lots");
    const message = await screen.findByText(
      /"lots" is not an amount: type one as on the sheet, e\.g\. 300,000 or €300,000\. The scenario was not changed\./,
    );
    expect(field("Budget of I03").getAttribute("aria-invalid")).toBe("true");
    expect(field("Budget of I03").getAttribute("aria-describedby")).toContain(message.closest("[id]")?.id ?? "missing");
    expect(field("Budget of I03").value).toBe("lots");
    expect(figure("budget")[2]).toBe("7,230,000");
    type("Budget of I03", "-5");
    await screen.findByText("A budget cannot be below 0. The scenario was not changed.");
    expect(figure("budget")[2]).toBe("7,230,000");
    show("Impacts");
    type("Confidence of I01 on K2", "150%");
    await screen.findByText("A confidence is a share from 0% to 100%, e.g. 80% or 0.8. The scenario was not changed.");
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({ version: 1, initiatives: [{ id: "I03", budget: 1_500_000 }], bets: [], impacts: [] }),
    );
  });

  it("restores the scenario kept in the workbook's settings when the pane opens again", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const first = await openView(workbook);
    toggle("Include I16");
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({ version: 1, initiatives: [{ id: "I16", active: false }], bets: [], impacts: [] }),
    );
    first.unmount();

    // Opened again: the view opens by itself on the saved scenario.
    await renderView(workbook);
    await screen.findByTestId("whatif-restored");
    expect(screen.getByRole("button", { name: "Hide the scenario" }).getAttribute("aria-expanded")).toBe("true");
    await waitFor(() => expect(figure("untraced")).toEqual(["Untraced budget", "440,000", "140,000", "−300,000"]));
    expect((screen.getByRole("switch", { name: "Include I16" }) as HTMLInputElement).checked).toBe(false);
  });

  it("saves the last edit when the view closes before the typing pauses", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const view = await openView(workbook);
    toggle("Include I12");
    view.unmount();
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({ version: 1, initiatives: [{ id: "I12", active: false }], bets: [], impacts: [] }),
    );
  });

  it("says plainly when the saved scenario cannot be used, and Reset removes it", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await workbook.saveScenario({ version: 2, initiatives: [] } as unknown as Scenario);
    await renderView(workbook);
    const warning = await screen.findByTestId("whatif-unusable");
    expect(warning.textContent).toBe(
      'The scenario saved with this workbook cannot be used: "version" must be 1 (found 2). Reset removes it; an edit replaces it.',
    );
    await screen.findByTestId("whatif-figures");
    expect(figure("score")).toEqual(["Alignment score", "91.7%", "91.7%", "–"]);
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await waitFor(() => expect(screen.queryByTestId("whatif-unusable")).toBeNull());
    expect(await workbook.loadScenario()).toBeUndefined();
  });

  it("Reset brings back the plan's figures and fields, and removes the scenario from the workbook", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    toggle("Include I16");
    type("Budget of I03", "300000");
    await waitFor(async () =>
      expect((await workbook.loadScenario()) as Scenario).toMatchObject({
        initiatives: [
          { id: "I16", active: false },
          { id: "I03", budget: 300_000 },
        ],
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByText("The scenario was reset: it is the plan as it stands, and the workbook no longer keeps one.");
    expect(await workbook.loadScenario()).toBeUndefined();
    await waitFor(() => expect(figure("untraced")).toEqual(["Untraced budget", "440,000", "440,000", "–"]));
    expect((screen.getByRole("switch", { name: "Include I16" }) as HTMLInputElement).checked).toBe(true);
    expect(field("Budget of I03").value).toBe("250,000");
    expect(document.querySelectorAll("[data-changed]")).toHaveLength(0);
    // No save was left pending to bring the scenario back.
    await act(() => new Promise((resolve) => setTimeout(resolve, 800)));
    expect(await workbook.loadScenario()).toBeUndefined();
  });

  it("writes the CVM Scenario sheet with the plan's figures beside the scenario's, and no other sheet", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const before = workbook.sheetNames.map((name) => workbook.sheet(name)?.values);
    await openView(workbook);
    toggle("Include I16");
    fireEvent.click(screen.getByRole("button", { name: "Write scenario" }));
    await screen.findByText(
      `Wrote the "CVM Scenario" sheet: the plan's figures beside the scenario's. The plan's sheets were not touched.`,
    );
    expect(workbook.sheet("CVM Gap Analysis")).toBeUndefined();
    const sheet = workbook.sheet("CVM Scenario");
    expect(sheet?.values[0][0]).toBe("CVM Scenario");
    expect(sheet?.values[1][0]).toBe(OWNER_MARKER);
    expect(sheet?.values.flat()).toContain("I16");
    expect(workbook.lastReport?.tables.map((t) => t.name)).toEqual([
      "CVM_ScenarioChanges",
      "CVM_ScenarioBets",
      "CVM_ScenarioKPIs",
      "CVM_ScenarioFindings",
    ]);
    expect(workbook.sheetNames.slice(0, before.length).map((name) => workbook.sheet(name)?.values)).toEqual(before);
    // A second write replaces the add-in's own sheet.
    fireEvent.click(screen.getByRole("button", { name: "Write scenario" }));
    await waitFor(() => expect((screen.getByRole("button", { name: "Write scenario" }) as HTMLButtonElement).disabled).toBe(false));
    expect(workbook.sheetNames.filter((n) => n === "CVM Scenario")).toHaveLength(1);
  });

  it("says in plain words why it will not overwrite a CVM Scenario sheet it did not write", async () => {
    const foreign: SheetData = { name: "CVM Scenario", values: [["My own scenario notes"]], origin: { row: 0, col: 0 } };
    const workbook = new MemoryWorkbook([...sampleSheets(), foreign]);
    await openView(workbook);
    fireEvent.click(screen.getByRole("button", { name: "Write scenario" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      'A sheet named "CVM Scenario" already exists and was not written by this add-in, so it was left as it is.',
    );
    expect(workbook.sheet("CVM Scenario")?.values).toEqual([["My own scenario notes"]]);
  });
});

describe("the what-if view on a large plan", () => {
  const workbook = () => new MemoryWorkbook(planSheets(syntheticPlan(1000)));
  const listed = () =>
    [...screen.getByTestId("whatif-list").querySelectorAll("[data-whatif-item]")].map((item) => item.getAttribute("data-whatif-item"));
  const search = (text: string) =>
    fireEvent.change(screen.getByRole("searchbox", { name: "Find by ID or name" }), { target: { value: text } });

  it("lists a bounded number of items, finds others by ID or name, and always lists the changed ones", async () => {
    await openView(workbook());
    expect(listed()).toHaveLength(20);
    expect(listed()[0]).toBe("initiative:I1");
    expect(screen.getByTestId("whatif-list-caption").textContent).toBe(
      "The first 20 of 1,000 initiatives; search by ID or name to find others. Changed ones are always listed.",
    );
    search("I777");
    expect(listed()).toEqual(["initiative:I777"]);
    expect(screen.getByTestId("whatif-list-caption").textContent).toBe('1 initiative matches "I777". Changed ones are always listed.');
    toggle("Include I777");
    search("Initiative 5");
    // 271 of the numbers 1 to 1,000 hold a 5; the changed I777 stays in the list beside the first 20.
    expect(screen.getByTestId("whatif-list-caption").textContent).toBe(
      '271 initiatives match "Initiative 5"; the first 20 are listed: type more to narrow them. Changed ones are always listed.',
    );
    expect(listed()).toHaveLength(21);
    expect(listed()).toContain("initiative:I777");
    expect(document.querySelector('[data-whatif-item="initiative:I777"]')?.getAttribute("data-changed")).toBe("true");
    search("nothing like this");
    expect(listed()).toEqual(["initiative:I777"]);
  });
});

describe("the what-if view's edits and words", () => {
  const index = planIndex(parsePlan(sampleSheets()).plan);

  it("keeps in the scenario only what differs from the plan", () => {
    let scenario = editInitiative(EMPTY_SCENARIO, index, "i16", { active: false });
    scenario = editInitiative(scenario, index, "I16", { budget: 100_000 });
    expect(scenario.initiatives).toEqual([{ id: "I16", active: false, budget: 100_000 }]);
    // Switched on again and its plan's budget typed back: no change is left.
    scenario = editInitiative(scenario, index, "I16", { active: true });
    scenario = editInitiative(scenario, index, "I16", { budget: 300_000 });
    expect(scenario.initiatives).toEqual([]);
    // A blank field means the plan's figure.
    expect(editBet(editBet(EMPTY_SCENARIO, index, "B3", 0.4), index, "B3", null).bets).toEqual([]);
    expect(editImpact(EMPTY_SCENARIO, index, "I01", "K2", 0.8).impacts).toEqual([]);
    expect(editImpact(EMPTY_SCENARIO, index, "i01", "k2", 0.9).impacts).toEqual([{ initiative: "I01", kpi: "K2", confidence: 0.9 }]);
  });

  it("merges a hand-written scenario's repeats of one item where the first stood", () => {
    const written = {
      ...EMPTY_SCENARIO,
      initiatives: [
        { id: "I03", budget: 1 },
        { id: "I05", active: false },
        { id: "i03", active: false },
      ],
    };
    expect(editInitiative(written, index, "I03", { budget: 2 }).initiatives).toEqual([
      { id: "I03", active: false, budget: 2 },
      { id: "I05", active: false },
    ]);
  });

  it("reads numbers as the sheets do, and says what is wrong with the others", () => {
    expect(typedBudget("€1,500,000")).toEqual({ ok: true, value: 1_500_000 });
    expect(typedBudget(" ")).toEqual({ ok: true, value: null });
    expect(typedWeight("25%")).toEqual({ ok: true, value: 0.25 });
    expect(typedWeight("3")).toEqual({ ok: true, value: 3 });
    expect(typedConfidence("80%")).toEqual({ ok: true, value: 0.8 });
    expect(typedConfidence("80")).toEqual({
      ok: false,
      message: "A confidence is a share from 0% to 100%, e.g. 80% or 0.8. The scenario was not changed.",
    });
    expect(typedWeight("heavy")).toEqual({
      ok: false,
      message: '"heavy" is not a weight: type one as on the sheet, e.g. 25% or 0.25. The scenario was not changed.',
    });
  });

  it("announces the score with its change in points and counts the findings that appear and go away", () => {
    const parsed = parsePlan(sampleSheets());
    const plan = analyzeParsed(parsed);
    const finding = plan.findings[0];
    const lower = { ...plan, score: (plan.score ?? 0) - 0.01, findings: [...plan.findings.slice(2), { ...finding, itemId: "X1" }] };
    expect(announcement(compareResults(plan, lower))).toBe("Scenario: score 90.7% (−1.0 points), 1 finding appears, 2 go away");
    expect(announcement(compareResults(plan, { ...plan, score: undefined }))).toBe(
      "Scenario: score unknown, no finding appears, none goes away",
    );
  });
});

describe("the what-if view while editing", () => {
  /** The summary kept in view: each figure as "label: value". */
  const effect = () =>
    [...screen.getByTestId("whatif-effect").querySelectorAll("[data-effect]")].map(
      (item) => `${item.querySelector("dt")?.textContent}: ${item.querySelector("dd")?.textContent}`,
    );

  it("keeps the score, the budget, the bridge's closures and the findings in one summary at the top of the view", async () => {
    await openView(new MemoryWorkbook(sampleSheets()));
    const summary = screen.getByRole("group", { name: "The scenario's effect" });
    expect(summary.closest('[data-testid="whatif-view"]')).toBeTruthy();
    expect(effect()).toEqual([
      "Alignment score: 91.7%",
      "Budget: 5,980,000",
      "Bridge: no closure changes",
      "Findings: none appears or goes away",
    ]);
    // I07 off: AMPU (K6) keeps only I08's 0.12 of its 0.30 gap, and is no longer closed.
    show("Initiatives");
    toggle("Include I07");
    await waitFor(() => expect(effect()[2]).toBe("Bridge: Closed 5 → 4, Partly closed 4 → 5"));
    expect(effect()[1]).toMatch(/^Budget: [\d,]+ \(−[\d,]+\)$/);
    toggle("Include I16");
    await waitFor(() => expect(effect()[3]).toBe("Findings: 1 appears, 1 goes away"));
  });

  it("shows a bet's weight as typed and as the analysis counts it, scaled with the others to 100%", async () => {
    await openView(new MemoryWorkbook(sampleSheets()));
    show("Bets");
    const b3 = () => document.querySelector('[data-whatif-item="bet:B3"] [data-testid="whatif-normalized-weight"]')?.textContent;
    expect(b3()).toBe("Counted as 20.0%: the weights add up to 100%.");
    type("Weight of B3", "40%");
    await waitFor(() => expect(b3()).toBe("Counted as 33.3% (plan: 20.0%): the weights add up to 120%, scaled to 100%."));
    // B1's 30% is now 25.0% of all the weights, though it was not touched.
    expect(document.querySelector('[data-whatif-item="bet:B1"] [data-testid="whatif-normalized-weight"]')?.textContent).toBe(
      "Counted as 25.0% (plan: 30.0%): the weights add up to 120%, scaled to 100%.",
    );
    expect(field("Weight of B3").value).toBe("40%");
    expect(screen.getByTestId("whatif-changes").textContent).toContain(
      "B3 Best-rated service in the market: weight 20% → 40%, counted as 20.0% → 33.3% of all the weights",
    );
  });

  it("says beside a refused entry which figure is in effect: the last one that could be used, or the plan's", async () => {
    await openView(new MemoryWorkbook(sampleSheets()));
    type("Budget of I05", "-5");
    await screen.findByText("A budget cannot be below 0. The scenario was not changed.");
    const inEffect = () => screen.getAllByTestId("whatif-in-effect").map((e) => e.textContent);
    expect(inEffect()).toEqual(["In effect: 520,000, the plan's figure."]);
    type("Budget of I03", "€1,500,000");
    type("Budget of I03", "lots");
    await waitFor(() => expect(inEffect()).toContain("In effect: 1,500,000, the last figure that could be used."));
    // The message and the figure in effect are one description of the field.
    const described = field("Budget of I03").getAttribute("aria-describedby") ?? "";
    const inEffectNode = screen.getAllByTestId("whatif-in-effect").find((e) => e.textContent?.includes("1,500,000"));
    expect(described.split(" ")).toContain(inEffectNode?.closest("[id]")?.id);
    show("Impacts");
    type("Confidence of I02 on K2", "2");
    await waitFor(() => expect(inEffect()).toContain("In effect: 50%, the plan's figure."));
  });

  it("undoes a reset: the scenario comes back, in the fields and the figures, and is kept with the workbook again", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    toggle("Include I16");
    type("Budget of I03", "€1,500,000");
    const kept = {
      version: 1,
      initiatives: [
        { id: "I16", active: false },
        { id: "I03", budget: 1_500_000 },
      ],
      bets: [],
      impacts: [],
    };
    await waitFor(async () => expect(await workbook.loadScenario()).toEqual(kept));
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByText("The scenario was reset: it is the plan as it stands, and the workbook no longer keeps one.");
    expect(await workbook.loadScenario()).toBeUndefined();
    fireEvent.click(screen.getByRole("button", { name: "Undo the reset" }));
    await screen.findByText("The scenario was brought back, and the workbook keeps it again.");
    expect(await workbook.loadScenario()).toEqual(kept);
    expect((screen.getByRole("switch", { name: "Include I16" }) as HTMLInputElement).checked).toBe(false);
    expect(field("Budget of I03").value).toBe("1,500,000");
    await waitFor(() => expect(figure("budget")).toEqual(["Budget", "5,980,000", "6,930,000", "+950,000"]));
    expect(screen.queryByRole("button", { name: "Undo the reset" })).toBeNull();
  });

  it("offers no undo once the scenario is edited after the reset, nor for a scenario that changed nothing", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await openView(workbook);
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByText(/The scenario was reset/);
    expect(screen.queryByRole("button", { name: "Undo the reset" })).toBeNull();
    toggle("Include I16");
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByRole("button", { name: "Undo the reset" });
    toggle("Include I12");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Undo the reset" })).toBeNull());
    await waitFor(async () =>
      expect(await workbook.loadScenario()).toEqual({ version: 1, initiatives: [{ id: "I12", active: false }], bets: [], impacts: [] }),
    );
  });
});
