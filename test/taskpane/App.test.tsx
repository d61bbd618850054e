/**
 * @jest-environment jsdom
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { analyzeButton, enabled, renderApp } from "../../testkit/paneRender";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { OWNER_MARKER } from "../../src/domain/sheets/ownership";
import type { SheetData } from "../../src/domain/common/cells";
import { RULE_LABELS } from "../../src/domain/analysis/ruleLabels";

/** Opens a view of the pane by its tab, as a planner clicks it. */
const openView = (name: string) => fireEvent.click(screen.getByRole("tab", { name }));

async function analyzed(workbook: MemoryWorkbook) {
  renderApp(workbook);
  await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
  fireEvent.click(analyzeButton());
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

    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    fireEvent.click(analyzeButton());
    expect((await screen.findByTestId("score")).textContent).toBe("91.7%");
    // The count of findings is on the overview; the tolerance beside the KPI statuses it decides.
    expect(screen.getByRole("button", { name: "All 23 findings: 21 warnings, 2 info" })).toBeTruthy();
    openView("KPIs and bridge");
    expect(screen.getByTestId("tolerance-note").textContent).toContain("the 10% tolerance");
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    const k2 = kpis.querySelector('[data-kpi="K2"]');
    expect(k2?.textContent).toContain("Off track");
    expect(kpis.querySelector('[data-kpi="K16"]')?.textContent).toContain("No data");
    openView("Findings");
    expect(screen.getByText("Warnings (21)")).toBeTruthy();
    openView("Bets and budget");
    const budget = screen.getByRole("list", { name: "Budget share and weight by bet" });
    expect(budget.querySelector('[data-bet="B1"]')?.textContent).toBe(
      "B1 Win the converged householdBudget41.1%Weight30.0%Over-funded: 11.1 points above its weight",
    );
    const b5 = screen.getByRole("table", { name: "Alignment by bet" }).querySelector('[data-bet="B5"]');
    expect(b5?.textContent).toContain("16.7%");
  });

  it("selects a finding's cell in the workbook when it is clicked", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analyzed(workbook);
    openView("Findings");
    fireEvent.click(screen.getByRole("button", { description: /High-priority Moment of Truth M4/ }));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "Moments of Truth", cell: "F5" }));
  });

  it("writes the report sheet, and rewrites it on a second run", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analyzed(workbook);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await screen.findByText(/Wrote the "CVM Gap Analysis" and "CVM History" sheets: review 1 in the workbook's history\./);
    expect(workbook.sheet("CVM Gap Analysis")?.values[1][0]).toBe(OWNER_MARKER);
    expect(workbook.sheet("CVM Gap Analysis")?.tables?.map((t) => t.name)).toEqual([
      "CVM_Alignment",
      "CVM_KPIGaps",
      "CVM_GapBridge",
      "CVM_Findings",
      "CVM_Handshakes",
      "CVM_Changes",
    ]);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await waitFor(() => expect(enabled(screen.getByRole("button", { name: /Write to workbook/ }))).toBe(true));
    expect(workbook.sheetNames.filter((n) => n === "CVM Gap Analysis")).toHaveLength(1);
  });

  it("says in plain words why it will not overwrite a sheet it did not write", async () => {
    const foreign: SheetData = { name: "CVM Gap Analysis", values: [["My own notes"]], origin: { row: 0, col: 0 } };
    const workbook = new MemoryWorkbook([...sampleSheets(), foreign]);
    await analyzed(workbook);
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain('A sheet named "CVM Gap Analysis" already exists and was not written by this add-in');
    expect(alert.textContent).not.toMatch(/at .*\(.*:\d+:\d+\)/);
    expect(workbook.sheet("CVM Gap Analysis")?.values).toEqual([["My own notes"]]);
  });

  it("keeps the settings with the workbook and uses them in the next analysis", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await workbook.saveSettings({ tolerance: 0.5, allocationThreshold: 0.1 });
    await analyzed(workbook);
    openView("KPIs and bridge");
    expect(screen.getByTestId("tolerance-note").textContent).toContain("the 50% tolerance");
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(kpis.querySelectorAll('[data-status="Off track"]')).toHaveLength(2);
    openView("Plan sources and settings");
    const threshold = screen.getByRole("spinbutton", { name: /Allocation threshold/ });
    fireEvent.change(threshold, { target: { value: "20" } });
    fireEvent.blur(threshold);
    await waitFor(async () => expect((await workbook.loadSettings()).allocationThreshold).toBeCloseTo(0.2));
  });

  it("reads what is typed in a settings field by the one share rule, and refuses what that rule refuses with a message", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analyzed(workbook);
    openView("Plan sources and settings");
    const tolerance = screen.getByRole("spinbutton", { name: /At-risk tolerance/ });
    const typed = async (text: string, share: number) => {
      fireEvent.change(tolerance, { target: { value: text } });
      fireEvent.blur(tolerance);
      await waitFor(async () => expect((await workbook.loadSettings()).tolerance).toBeCloseTo(share, 12));
    };
    await typed("0.25", 0.25);
    await typed("60", 0.6);
    await typed("1", 0.01);
    await typed("15%", 0.15);
    // What is refused stays as typed, beside a message that says why and which figure is in effect.
    const refusals: [string, string][] = [
      ["100", '"100" is out of range: type 0 to 99. The tolerance stays 15%.'],
      ["-5", '"-5" is out of range: type 0 to 99. The tolerance stays 15%.'],
      ["lots", '"lots" is not a number. The tolerance stays 15%.'],
    ];
    for (const [refused, message] of refusals) {
      fireEvent.change(tolerance, { target: { value: refused } });
      fireEvent.blur(tolerance);
      await waitFor(() => expect((tolerance as HTMLInputElement).value).toBe(refused));
      expect(screen.getByText(message)).toBeTruthy();
      expect(tolerance.getAttribute("aria-invalid")).toBe("true");
      expect((await workbook.loadSettings()).tolerance).toBeCloseTo(0.15, 12);
    }
    // The next figure accepted clears the message.
    fireEvent.change(tolerance, { target: { value: "15" } });
    fireEvent.blur(tolerance);
    await waitFor(() => expect(screen.queryByText(/The tolerance stays/)).toBeNull());
    expect((tolerance as HTMLInputElement).value).toBe("15");
  });
});

describe("the gap-to-target bridge on the sample plan", () => {
  /** The sample analysed, on its KPIs view. */
  const analyzedOnKpis = async (workbook = new MemoryWorkbook(sampleSheets())) => {
    await analyzed(workbook);
    openView("KPIs and bridge");
  };
  const picker = () => screen.getByRole("combobox", { name: "KPI" }) as HTMLSelectElement;
  const pick = (kpiId: string) => fireEvent.change(picker(), { target: { value: kpiId } });
  const view = () => screen.getByTestId("bridge-view");

  it("shows each KPI's closure next to its status in the KPI list", async () => {
    await analyzedOnKpis();
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(within(kpis).getByRole("columnheader", { name: "Status, closure" })).toBeTruthy();
    const closure = (kpiId: string) => kpis.querySelector(`[data-kpi="${kpiId}"] [data-closure]`)?.textContent;
    const expected: Record<string, string> = {
      K1: "Partly closed",
      K2: "Partly closed",
      K3: "Closed",
      K4: "On track",
      K5: "Closed",
      K6: "Closed",
      K7: "On track",
      K8: "Partly closed",
      K9: "Not addressed",
      K10: "Closed",
      K11: "On track",
      K12: "Not addressed",
      K13: "Closed",
      K14: "On track",
      K15: "Partly closed",
      K16: "No data",
    };
    for (const [kpiId, text] of Object.entries(expected)) expect([kpiId, closure(kpiId)]).toEqual([kpiId, text]);
    expect(kpis.querySelector('[data-kpi="K2"] [data-status]')?.textContent).toBe("Off track");
  });

  it("opens on the first KPI behind its target with planned impacts, and shows K2's steps, coverage and what is still to find when picked", async () => {
    await analyzedOnKpis();
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
    await analyzedOnKpis();
    pick("K2");
    expect(within(view()).queryByRole("table")).toBeNull();
    const toggle = within(view()).getByRole("button", { name: "Show as table" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.getElementById(toggle.getAttribute("aria-controls") ?? "")).toBeTruthy();
    fireEvent.click(toggle);
    const table = within(view()).getByRole("table", {
      name: "K2 Converged net adds per month, in households: from now to the projected value, step by step",
    });
    expect(within(view()).getByRole("button", { name: "Hide table" }).getAttribute("aria-expanded")).toBe("true");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => [th.textContent, th.getAttribute("scope")]),
    ).toEqual([
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
    expect(
      within(churn)
        .getAllByRole("row")
        .slice(1)
        .map((row) => [...row.children].map((cell) => cell.textContent)),
    ).toEqual([
      ["Now", "", "1.38%", ""],
      ["I05", "−0.05 pp", "1.33%", "Towards the target"],
      ["I09", "−0.032 pp", "1.298%", "Towards the target"],
      ["Projected", "−0.082 pp", "1.298%", ""],
      ["Target", "", "1.3%", ""],
    ]);
  });

  it("marks a step away from the target in words, not by colour alone", async () => {
    await analyzedOnKpis();
    pick("K12");
    const chart = within(view()).getByRole("img", { name: /^K12 waterfall:/ });
    expect(chart.getAttribute("aria-label")).toContain("+2 calls from I13 (away from the target)");
    expect(chart.querySelector('[data-step="I13"]')?.getAttribute("data-favourable")).toBe("false");
    expect(within(view()).getByText("Away from the target (hatched)")).toBeTruthy();
    expect(within(view()).getByTestId("closure-sentence").textContent).toContain("move it 2 calls away from it: 10 calls is still to find");
  });

  it("says why there is no waterfall for a KPI without data or without planned impacts", async () => {
    await analyzedOnKpis();
    pick("K16");
    expect(within(view()).queryByRole("img")).toBeNull();
    expect(within(view()).getByTestId("closure-sentence").textContent).toBe(
      "K16 has no actual or forecast value, so its gap and bridge cannot be worked out: add one on the KPIs sheet.",
    );
    expect(within(view()).getByTestId("no-waterfall").textContent).toBe("There is no waterfall to draw.");
    expect(within(view()).getByText("No data")).toBeTruthy();
    pick("K9");
    expect(within(view()).queryByRole("img")).toBeNull();
    expect(within(view()).getByTestId("closure-sentence").textContent).toBe(
      "No planned impact moves K9 towards its target: the whole gap of 4 pts is still to find.",
    );
    expect(within(view()).getByTestId("no-waterfall").textContent).toBe(
      "No initiative on the Impacts sheet is expected to move K9, so there is no waterfall to draw.",
    );
  });

  it("is left out, and the KPI list shows only the status, for a plan without an Impacts sheet", async () => {
    await analyzedOnKpis(new MemoryWorkbook(sampleSheets().filter((sheet) => sheet.name !== "Impacts")));
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
    expect(enabled(analyzeButton())).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(/Created Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth, Collaboration\./);
    expect(workbook.sheetNames).toEqual([
      "Sheet1",
      "Bets",
      "Personas",
      "KPIs",
      "Initiatives",
      "Impacts",
      "Moments of Truth",
      "Collaboration",
    ]);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    fireEvent.click(screen.getByRole("button", { name: /Insert template/ }));
    await screen.findByText(
      /No sheet was created\. Left Bets, Personas, KPIs, Initiatives, Impacts, Moments of Truth, Collaboration as they were\./,
    );
  });
});

/** The sample plan, with reading held until the test lets it go, reporting half of it done first. */
class GatedWorkbook extends MemoryWorkbook {
  private release?: () => void;
  gated = false;

  override async readSheets(names?: readonly string[], onProgress?: (fraction: number) => void): Promise<SheetData[]> {
    if (this.gated) {
      onProgress?.(0.5);
      await new Promise<void>((resolve) => (this.release = resolve));
    }
    return super.readSheets(names, onProgress);
  }

  open(): void {
    this.gated = false;
    this.release?.();
  }
}

const liveRegion = () => screen.getByRole("status");

describe("what a new user met, fixed", () => {
  it("names each bet by its statement in the aspects table, the budget chart and the findings", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    openView("Bets and budget");
    const aspects = screen.getByRole("table", { name: "Alignment by bet" });
    expect(
      within(aspects)
        .getAllByRole("rowheader")
        .map((th) => th.textContent),
    ).toEqual([
      "B1 Win the converged household",
      "B2 Grow the value of the mobile base",
      "B3 Best-rated service in the market",
      "B4 Digital first, lower cost to serve",
      "B5 Enterprise IoT",
    ]);
    const budget = screen.getByRole("list", { name: "Budget share and weight by bet" });
    expect(
      within(budget)
        .getAllByRole("listitem")
        .map((li) => li.firstElementChild?.textContent),
    ).toEqual([
      "B1 Win the converged household",
      "B2 Grow the value of the mobile base",
      "B3 Best-rated service in the market",
      "B4 Digital first, lower cost to serve",
      "B5 Enterprise IoT",
    ]);
    openView("Findings");
    expect(screen.getByRole("button", { name: /^Bet without a KPI — B5 Enterprise IoT/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /^Budget off the bet's weight — B3 Best-rated service in the market/ })).toBeTruthy();
  });

  it("spells out the aspect letters in a visible legend and names each column for a screen reader", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    openView("Bets and budget");
    const aspects = screen.getByRole("table", { name: "Alignment by bet" });
    expect(
      within(aspects)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Bet", "PPersona", "NNeeds", "AAlternatives", "SStrategy", "OBusiness objective", "IMajor initiatives", "Coverage"]);
    // The letter is hidden from assistive technology, which reads the aspect's name instead.
    expect(within(aspects).getByRole("columnheader", { name: "Persona" }).querySelector("abbr")?.getAttribute("aria-hidden")).toBe("true");
    expect(within(aspects).getByRole("columnheader", { name: "Persona" }).querySelector("abbr")?.getAttribute("title")).toBe("Persona");
    const legend = screen.getByTestId("aspect-legend");
    expect(
      [...legend.querySelectorAll("dt")].map(
        (dt) => `${dt.textContent || dt.querySelector("svg")?.getAttribute("aria-label")} ${dt.nextElementSibling?.textContent}`,
      ),
    ).toEqual([
      "P Persona",
      "N Needs",
      "A Alternatives",
      "S Strategy",
      "O Business objective",
      "I Major initiatives",
      "Tick covered",
      "Cross missing",
    ]);
  });

  it("keeps focus on Analyse while it works, shows how far it is, and says what it did in a polite live region", async () => {
    const workbook = new GatedWorkbook(sampleSheets());
    renderApp(workbook);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    expect(liveRegion().getAttribute("aria-live")).toBe("polite");
    workbook.gated = true;
    analyzeButton().focus();
    fireEvent.click(analyzeButton());
    const progress = await screen.findByRole("progressbar");
    // Focusable and marked unavailable rather than disabled, so that focus does not fall to the page.
    expect(analyzeButton().getAttribute("aria-disabled")).toBe("true");
    expect((analyzeButton() as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(analyzeButton());
    expect(liveRegion().textContent).toBe("Reading the plan…");
    // Reading is the first 90% of the bar; the workbook said it was half done (once the sheets' first rows are read).
    await waitFor(() => expect(progress.getAttribute("aria-valuenow")).toBe("45"));
    expect(progress.getAttribute("aria-valuemax")).toBe("100");
    expect(screen.getByText("45% done")).toBeTruthy();
    expect(screen.getByText("Reading the plan…", { selector: "label" })).toBeTruthy();
    // A second press while busy is ignored.
    fireEvent.click(analyzeButton());
    workbook.open();
    await screen.findByTestId("score");
    expect(document.activeElement).toBe(analyzeButton());
    // The three answers and the findings, not the aspect coverage alone as "the score".
    expect(liveRegion().textContent).toBe(
      "Analysis done: aspect coverage 91.7%; KPIs 5 closed, 4 partly closed, 2 not addressed, 4 on track, 1 no data; 2 of 5 bets off their weight; 0 errors, 21 warnings, 2 info",
    );
    expect(screen.queryByRole("progressbar")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await waitFor(() => expect(liveRegion().textContent).toBe("Wrote the CVM Gap Analysis and CVM History sheets, review 1"));
  });

  it("makes each KPI and each finding a button that selects its cell and says so", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analyzed(workbook);
    openView("KPIs and bridge");
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    const k2 = within(kpis).getByRole("button", { name: "K2 Converged net adds per month" });
    // A native button: in the tab order and activated by Enter and Space (the browser test presses them).
    expect(k2.tagName).toBe("BUTTON");
    expect((k2 as HTMLButtonElement).disabled).toBe(false);
    expect(within(kpis).getAllByRole("button")).toHaveLength(16);
    fireEvent.click(k2);
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "KPIs", cell: "J3" }));
    expect(liveRegion().textContent).toBe("Selected cell J3 on KPIs");
    openView("Findings");
    fireEvent.click(screen.getByRole("button", { name: /^Key Moment of Truth traces to no bet/ }));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "Moments of Truth", cell: "F5" }));
    expect(liveRegion().textContent).toBe("Selected cell F5 on Moments of Truth");
  });

  it("gives each KPI's gap in its unit and says on which side of the target it is", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    openView("KPIs and bridge");
    const kpis = screen.getByRole("table", { name: "KPI gaps" });
    expect(within(kpis).getByRole("columnheader", { name: "Gap, progress" })).toBeTruthy();
    const gap = (kpiId: string) => [...(kpis.querySelector(`[data-kpi="${kpiId}"] td`)?.children ?? [])].map((span) => span.textContent);
    expect(gap("K2")).toEqual(["3,000 households", "below target", "40.0% progress"]);
    // Churn: lower is better, so behind the target is above it; a % KPI's gap is in points.
    expect(gap("K3")).toEqual(["0.08 pp", "above target", "73.3% progress"]);
    expect(gap("K4")).toEqual(["1 pp", "above target", "107.7% progress"]);
    expect(gap("K6")).toEqual(["€0.3", "below target", "50.0% progress"]);
    // Money per month is written as all money is, the currency sign first.
    expect(gap("K11")).toEqual(["€0.05/month", "below target", "120.0% progress"]);
    expect(gap("K16")).toEqual(["–"]);
  });

  it("labels each finding's rule in plain English and keeps its code beside the cell", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    openView("Findings");
    const finding = screen.getByRole("button", { name: /^Key Moment of Truth traces to no bet/ });
    // The button is named by the rule and its item; the message and the cell describe it.
    expect(finding.textContent).toMatch(/^Key Moment of Truth traces to no bet — M4 /);
    expect((finding.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent)).toEqual([
      "High-priority Moment of Truth M4 traces to no strategic bet; name a bet in Bet IDs or a KPI in KPI IDs.",
      "Moments of Truth!F5 · MOT_UNTRACED",
    ]);
    expect(screen.queryByText(/^ALLOCATION_GAP$/)).toBeNull();
  });

  it("explains what the aspect coverage measures, and what it does not", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    expect(screen.getByRole("region", { name: "Are the bets aligned?" })).toBeTruthy();
    expect(screen.getByTestId("score-explanation").textContent).toBe(
      "4 of 5 bets cover all six aspects; weighted by bet. It says nothing of KPIs or money.",
    );
  });

  it("says why the score is unknown when a weight is a number too large for Excel", async () => {
    const sheets = sampleSheets().map((sheet): SheetData => {
      if (sheet.name !== "Bets") return sheet;
      const header = sheet.values.findIndex((row) => row.includes("Weight"));
      const weight = sheet.values[header].indexOf("Weight");
      return {
        ...sheet,
        values: sheet.values.map((row, r) => (r === header + 1 ? row.map((value, c) => (c === weight ? "1e309" : value)) : row)),
      };
    });
    await analyzed(new MemoryWorkbook(sheets));
    expect(screen.getByTestId("score").textContent).toBe("Unknown");
    expect(screen.getByTestId("score-explanation").textContent).toBe(
      "The aspect coverage cannot be weighted, as a number is too large for Excel or is the error #NUM!: see the findings.",
    );
  });

  it("names every message bar by a title it shows: no aria-labelledby points at a missing id", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    renderApp(workbook, true);
    await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
    fireEvent.click(analyzeButton());
    await screen.findByTestId("score");
    fireEvent.click(screen.getByRole("button", { name: /Write to workbook/ }));
    await screen.findByText(/Wrote the "CVM Gap Analysis" and "CVM History" sheets/);
    const labeled = [...document.querySelectorAll("[aria-labelledby]")];
    expect(labeled.length).toBeGreaterThan(0);
    for (const element of labeled) {
      for (const id of (element.getAttribute("aria-labelledby") ?? "").split(/\s+/))
        expect([id, document.getElementById(id)?.textContent]).toEqual([id, expect.any(String)]);
    }
    expect(screen.getByText("Preview outside Excel:").id).toBeTruthy();
    expect(screen.getByText("Done.").id).toBeTruthy();
  });

  it("says the results are stale after a change of the settings, and analyses again from the hint", async () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    await analyzed(workbook);
    expect(screen.queryByTestId("stale-results")).toBeNull();
    openView("Plan sources and settings");
    const tolerance = screen.getByRole("spinbutton", { name: /At-risk tolerance/ });
    fireEvent.change(tolerance, { target: { value: "20" } });
    fireEvent.blur(tolerance);
    const hint = await screen.findByTestId("stale-results");
    expect(hint.textContent).toContain("Settings changed. Results use a 10% tolerance; analyse again to apply 20%.");
    expect(liveRegion().textContent).toBe("Results use a 10% tolerance; analyse again to apply 20%.");
    const threshold = screen.getByRole("spinbutton", { name: /Allocation threshold/ });
    fireEvent.change(threshold, { target: { value: "15" } });
    fireEvent.blur(threshold);
    await waitFor(() =>
      expect(screen.getByTestId("stale-results").textContent).toContain(
        "Results use a 10% tolerance and a 10-point allocation threshold; analyse again to apply 20% and 15 points.",
      ),
    );
    fireEvent.click(within(hint).getByRole("button", { name: "Analyse again" }));
    await waitFor(() => expect(screen.queryByTestId("stale-results")).toBeNull());
    openView("KPIs and bridge");
    expect(screen.getByTestId("tolerance-note").textContent).toContain("the 20% tolerance");
    openView("Bets and budget");
    expect(screen.getByText(/more than 15 points off the bet's weight/)).toBeTruthy();
  });
});

describe("rule labels", () => {
  it("give every rule a plain label of its own, not its code", () => {
    const entries = Object.entries(RULE_LABELS);
    expect(entries.length).toBe(39);
    for (const [code, label] of entries) expect([code, label === code || label.trim() === "" || /_/.test(label)]).toEqual([code, false]);
    expect(new Set(entries.map(([, label]) => label)).size).toBe(entries.length);
  });
});
