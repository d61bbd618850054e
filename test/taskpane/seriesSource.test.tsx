/**
 * @jest-environment jsdom
 */
/**
 * The KPI Series in the Plan sources view as the pane opens, before any Analyse (issue 20): found
 * by name, seen in a month grid named otherwise, or named by the kept mapping, each saying how;
 * "Not found; optional" without one. The workbooks are the committed fixtures, served by the fake
 * of Excel through the Office adapter, as the pane reads them inside Excel.
 */
import * as path from "node:path";
// Before the xlsx adapter: zip.js needs the web streams jsdom leaves out.
import "../../testkit/webStreams";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { OfficeWorkbook } from "../../src/adapters/office/officeWorkbook";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import type { SheetData } from "../../src/domain/common/cells";
import { FakeExcel, FakeSettings } from "../../testkit/fakeExcel";
import { everySheet } from "../../testkit/xlsx";
import { analyzeButton, renderApp } from "../../testkit/paneRender";

const FIXTURES = path.join(__dirname, "..", "fixtures");

async function fixtureSheets(...at: string[]): Promise<SheetData[]> {
  return everySheet(await openXlsx(path.join(FIXTURES, ...at)));
}

const renamed = (sheets: readonly SheetData[], from: string, to: string) => sheets.map((s) => (s.name === from ? { ...s, name: to } : s));

/** The pane opened in "Excel" on these sheets, once it shows where the plan is read from. */
async function opened(sheets: readonly SheetData[], mapping?: object): Promise<OfficeWorkbook> {
  const workbook = new OfficeWorkbook({ run: new FakeExcel().seed(sheets).run, settings: new FakeSettings() });
  if (mapping) await workbook.writeMapping(JSON.stringify(mapping));
  renderApp(workbook);
  await screen.findByRole("heading", { name: "Where the plan is read from" });
  return workbook;
}

const seriesPicker = () => screen.getByRole("combobox", { name: "Sheet of the KPI Series" }) as HTMLSelectElement;
/** Picks an option of the series' picker by its text, as a planner does. */
function pickSeries(option: string) {
  const chosen = within(seriesPicker()).getByRole("option", { name: option }) as HTMLOptionElement;
  fireEvent.change(seriesPicker(), { target: { value: chosen.value } });
}

/** The KPI Series' item: its heading button says the part, its sheet and how it was found. */
const seriesItem = () => document.querySelector('[data-part="series"]') as HTMLElement;
const seriesHeading = () => within(seriesItem()).getByRole("button");

describe("the KPI Series in the Plan sources view, as the pane opens", () => {
  it('lists a sheet named "KPI Series" as found by name', async () => {
    await opened(await fixtureSheets("series", "series-wide.xlsx"));
    expect(screen.getByRole("heading", { name: /^KPI Series/, level: 3 })).toBeTruthy();
    expect(seriesHeading().textContent).toBe('KPI Series"KPI Series" · Found by name');
    expect(seriesHeading().getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(seriesHeading());
    expect(within(seriesItem()).getByText(/read from "KPI Series" when the plan is analysed/)).toBeTruthy();
  });

  it('lists a sheet named by one of the part\'s other names ("KPI History", long layout) as found by name', async () => {
    await opened(await fixtureSheets("series", "series-long.xlsx"));
    expect(seriesHeading().textContent).toBe('KPI Series"KPI History" · Found by name');
  });

  it("lists a month grid named otherwise as a sheet that may hold it, which Analyse then reads for the KPIs' trends", async () => {
    await opened(renamed(await fixtureSheets("series", "series-wide.xlsx"), "KPI Series", "Monthly tracker"));
    expect(seriesHeading().textContent).toBe('KPI Series"Monthly tracker" · May hold it, from its first rows');
    fireEvent.click(seriesHeading());
    expect(
      within(seriesItem()).getByText(/Analyse reads it for each KPI's values by month if most of its KPI IDs are the plan's/),
    ).toBeTruthy();

    await waitFor(() => expect(analyzeButton().getAttribute("aria-disabled")).not.toBe("true"));
    fireEvent.click(analyzeButton());
    await screen.findByTestId("score", undefined, { timeout: 5000 });
    fireEvent.click(screen.getByRole("tab", { name: "KPIs and bridge" }));
    // The trend lines come from that sheet's months: what the view said Analyse would read, it read.
    expect(screen.getAllByTestId("kpi-trend").length).toBeGreaterThan(0);
  });

  it("lists every month grid that may hold it when two do, without taking either", async () => {
    const sheets = await fixtureSheets("series", "series-wide.xlsx");
    const grid = sheets.find((s) => s.name === "KPI Series") as SheetData;
    await opened([...renamed(sheets, "KPI Series", "Monthly tracker"), { ...grid, name: "Tracker (old)" }]);
    expect(seriesHeading().textContent).toBe('KPI Series"Monthly tracker" or "Tracker (old)" · Each may hold it, from their first rows');
    fireEvent.click(seriesHeading());
    expect(
      within(seriesItem()).getByText(/and none if more than one are: pick the one meant below \(or name it "KPI Series"\)/),
    ).toBeTruthy();
  });

  it("takes the month grid the planner picks when two may hold it, keeps it in the workbook, and finds it again when unpicked", async () => {
    const sheets = await fixtureSheets("series", "series-wide.xlsx");
    const grid = sheets.find((s) => s.name === "KPI Series") as SheetData;
    const workbook = await opened([...renamed(sheets, "KPI Series", "Monthly tracker"), { ...grid, name: "Tracker (old)" }]);
    fireEvent.click(seriesHeading());
    expect(seriesPicker().selectedOptions[0].textContent).toBe("Found by its name or first rows");
    // The sheets the plan's parts are read from are not offered: a sheet is never both.
    expect(
      within(seriesPicker())
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Found by its name or first rows", "Monthly tracker", "Tracker (old)"]);

    pickSeries("Tracker (old)");
    expect(seriesHeading().textContent).toBe('KPI Series"Tracker (old)" · Mapped by you');
    fireEvent.click(screen.getByRole("button", { name: /Use this mapping/ }));
    await screen.findByTestId("score", undefined, { timeout: 5000 });
    expect(JSON.parse((await workbook.readMapping()) as string).parts["KPI Series"]).toEqual({ sheet: "Tracker (old)" });

    fireEvent.click(screen.getByRole("tab", { name: "Plan sources and settings" }));
    if (seriesHeading().getAttribute("aria-expanded") === "false") fireEvent.click(seriesHeading());
    pickSeries("Found by its name or first rows");
    expect(seriesHeading().textContent).toBe('KPI Series"Monthly tracker" or "Tracker (old)" · Each may hold it, from their first rows');
  });

  it("lists the sheet the kept mapping names as mapped by you", async () => {
    await opened(renamed(await fixtureSheets("series", "series-wide.xlsx"), "KPI Series", "Tracker"), {
      version: 1,
      parts: { "KPI Series": { sheet: "Tracker" } },
    });
    expect(seriesHeading().textContent).toBe('KPI Series"Tracker" · Mapped by you');
  });

  it('says "Not found; optional" on a planner\'s plan that has none, its budget by month and ledger not taken for it', async () => {
    await opened(await fixtureSheets("xlsx", "planner-northwind.xlsx"));
    expect(seriesHeading().textContent).toBe("KPI SeriesNot found; optional");
    fireEvent.click(seriesHeading());
    expect(within(seriesItem()).getByText(/the analysis runs without them/)).toBeTruthy();
  });
});
