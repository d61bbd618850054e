/**
 * @jest-environment jsdom
 */
/**
 * "Since last review" in the task pane, on the sample plan in memory: the first review, a write,
 * the plan a cycle later (K6's actual changed, the missing handshake added, a row inserted above
 * the Initiatives) analysed against the report that write left, a second write that extends the
 * history, and the refusals: a "CVM History" sheet the add-in did not write, and a workbook whose
 * earlier review cannot be read.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { analyzeButton, enabled, renderApp } from "../../testkit/paneRender";
import type { SheetData } from "../../src/domain/common/cells";
import { HISTORY_SHEET_NAME } from "../../src/domain/review/history";
import { CHANGES_TABLE } from "../../src/domain/review/reviewReport";
import { readTable } from "../../src/domain/sheets/tableSchema";
import { serialText } from "../../src/domain/common/cells";
import { sampleSheets } from "../../src/sample/sampleSheets";
import { LISTED } from "../../src/taskpane/components/review/reviewText";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import type { OwnedSheet } from "../../src/adapters/port";
import { readReviewState } from "../../src/useCases/reviewCycle";
import { nextCycle } from "../../testkit/nextCycle";

const FIRST_REVIEW = "First review in this workbook: there is no earlier report to compare with.";

const writeButton = () => screen.getByRole("button", { name: /Write to workbook/ });

/** Opens the pane on the workbook and presses Analyse; resolves once the results are shown, on the findings view that holds the card. */
async function analyzed(workbook: MemoryWorkbook) {
  const view = renderApp(workbook);
  await waitFor(() => expect(enabled(analyzeButton())).toBe(true));
  fireEvent.click(analyzeButton());
  await screen.findByTestId("score");
  fireEvent.click(screen.getByRole("tab", { name: "Findings" }));
  return view;
}

/** Presses Write to workbook and waits for it to finish. */
async function written() {
  fireEvent.click(writeButton());
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  await waitFor(() => expect(enabled(writeButton())).toBe(true));
}

const card = () => screen.getByRole("region", { name: "Since last review" });
const listed = (kind: string) =>
  [...(card().querySelector(`[data-changes="${kind}"] ul`)?.querySelectorAll("li") ?? [])].map((li) => li.textContent ?? "");

/** Every sheet of a workbook in memory, in its order: what a planner would save and reopen. */
const allSheets = (workbook: MemoryWorkbook): SheetData[] => workbook.sheetNames.flatMap((name) => workbook.sheet(name) ?? []);

/** The rows of the report's CVM_Changes table, by key. */
const changeRows = (sheet: SheetData | undefined) => (sheet && readTable(CHANGES_TABLE, sheet)) ?? [];

describe("since last review, on the sample plan a cycle apart", () => {
  it("says the first analysis is the workbook's first review, with no trend yet", async () => {
    await analyzed(new MemoryWorkbook(sampleSheets()));
    expect(within(card()).getByRole("heading", { level: 2 }).textContent).toBe("Since last review");
    expect(screen.getByTestId("since-line").textContent).toBe(FIRST_REVIEW);
    expect(card().querySelectorAll("[data-changes]")).toHaveLength(0);
    expect(screen.getByTestId("trend-none").textContent).toBe("The trend starts with the first report written.");
    expect(screen.queryByTestId("score-trend")).toBeNull();
    // The card comes before the findings.
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf("Since last review")).toBe(headings.indexOf("Findings") - 1);
  });

  it("names the fixed finding and K6's status change after a write and a cycle's edits, then keeps both runs in the history", async () => {
    const first = new MemoryWorkbook(sampleSheets());
    const view = await analyzed(first);
    await written();
    await screen.findByText(
      `Wrote the "CVM Gap Analysis" and "${HISTORY_SHEET_NAME}" sheets: review 1 in the workbook's history. Other sheets were not touched.`,
    );
    expect(screen.getByRole("status").textContent).toBe(`Wrote the CVM Gap Analysis and ${HISTORY_SHEET_NAME} sheets, review 1`);
    // Written, the analysis is the history's one run: no second point to draw yet.
    expect(screen.getByTestId("trend-none").textContent).toBe(
      `The ${HISTORY_SHEET_NAME} sheet holds one review so far; the trend starts with the next analysis.`,
    );
    const [firstRun] = (await readReviewState(first)).history.runs;
    view.unmount();

    // The planner edits the plan in the written workbook: its report and history stay.
    const next = new MemoryWorkbook(nextCycle(allSheets(first)));
    await analyzed(next);
    expect(screen.getByTestId("since-line").textContent).toBe(
      `Since ${serialText(firstRun.runAt as number)}: score ±0.0 points, 1 resolved, 0 new, 1 KPI status changed`,
    );
    expect(listed("resolved")).toEqual([
      'GM–CVM handshake missing — Customer insights · The Collaboration sheet has no "Customer insights" handshake (one of the four handshakes general management and CVM must have); add a row with the function that owns it.',
    ]);
    expect(within(card()).getByRole("heading", { name: "Resolved findings (1)" })).toBeTruthy();
    expect(listed("status")).toEqual(["K6 AMPU: Off track → At risk"]);
    expect(card().querySelector('[data-changes="new"]')).toBeNull();
    expect(card().querySelector('[data-changes="coverage"]')).toBeNull();
    // The written run, then this analysis, not yet written.
    const trend = screen.getByRole("img", { name: /^Alignment score by review/ });
    expect(trend.getAttribute("aria-label")).toBe(
      `Alignment score by review: ${serialText(firstRun.runAt as number)} 91.7%, now 91.7% (not yet written)`,
    );
    expect(screen.getByTestId("trend-summary").textContent).toBe("Score 91.7% → 91.7%");
    expect([...trend.querySelectorAll("[data-trend-point]")].map((p) => p.getAttribute("data-trend-point"))).toEqual(["run", "now"]);

    await written();
    await screen.findByText(/"CVM History" sheets: review 2 in the workbook's history\./);
    const { history } = await readReviewState(next);
    expect(history.runs).toHaveLength(2);
    expect(history.runs[0]).toEqual(firstRun);
    const [when1, when2] = history.runs.map((run) => serialText(run.runAt as number));
    expect(history.runs.map((run) => run.score)).toEqual([expect.closeTo(0.917, 3), expect.closeTo(0.917, 3)]);
    // Now both points are written runs: this analysis is the last of them, not an extra point.
    expect(screen.getByRole("img", { name: /^Alignment score by review/ }).getAttribute("aria-label")).toBe(
      `Alignment score by review: ${when1} 91.7%, ${when2} 91.7%`,
    );
    // The card still says what the report just written says: the change from the first review.
    expect(listed("status")).toEqual(["K6 AMPU: Off track → At risk"]);
    const report = next.sheet("CVM Gap Analysis");
    expect(changeRows(report).map((r) => [r.change, r.id])).toEqual([
      ["Resolved", "Customer insights"],
      ["Status changed", "K6"],
    ]);
  });

  it("bounds a long list and says where the rest is, before and after writing", async () => {
    const first = new MemoryWorkbook(sampleSheets());
    const view = await analyzed(first);
    await written();
    view.unmount();
    // Every initiative loses its bets and KPIs: each now traces to no bet.
    const untraced = allSheets(first).map((sheet): SheetData => {
      if (sheet.name !== "Initiatives") return sheet;
      const header = sheet.values.findIndex((row) => row[0] === "Initiative ID");
      const cleared = [sheet.values[header].indexOf("Bet IDs"), sheet.values[header].indexOf("KPI IDs")];
      return {
        ...sheet,
        values: sheet.values.map((row, r) =>
          r <= header || row.length === 0 ? row : row.map((value, c) => (cleared.includes(c) ? null : value)),
        ),
      };
    });
    const next = new MemoryWorkbook(untraced);
    await analyzed(next);
    const count = Number(/(\d+) new/.exec(screen.getByTestId("since-line").textContent ?? "")?.[1]);
    expect(count).toBeGreaterThan(LISTED);
    expect(listed("new")).toHaveLength(LISTED);
    const more = () => card().querySelector('[data-changes="new"]')?.lastElementChild?.textContent;
    expect(more()).toBe(`${count - LISTED} more: Write to workbook lists them all in the report's CVM_Changes table.`);
    await written();
    expect(more()).toBe(`${count - LISTED} more: the CVM_Changes table of the report lists them all.`);
    expect(changeRows(next.sheet("CVM Gap Analysis")).filter((r) => r.change === "New")).toHaveLength(count);
  });
});

describe("what stops the comparison or the write", () => {
  it("refuses to write over a CVM History sheet the add-in did not write, and changes nothing", async () => {
    const foreign: SheetData = { name: HISTORY_SHEET_NAME, values: [["My history"]], origin: { row: 0, col: 0 } };
    const workbook = new MemoryWorkbook([...sampleSheets(), foreign]);
    await analyzed(workbook);
    // Said as soon as the analysis is shown, before anyone presses Write.
    expect(screen.getByTestId("trend-none").textContent).toContain(
      `A sheet named "${HISTORY_SHEET_NAME}" exists that the add-in did not write`,
    );
    fireEvent.click(writeButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      `A sheet named "${HISTORY_SHEET_NAME}" already exists and was not written by this add-in, so it was left as it is. The add-in keeps each review's figures in a sheet of that name: rename yours, then write again. Nothing was written.`,
    );
    expect(workbook.sheet("CVM Gap Analysis")).toBeUndefined();
    expect(workbook.sheet(HISTORY_SHEET_NAME)?.values).toEqual([["My history"]]);
    expect(workbook.sheetNames).toEqual([...sampleSheets().map((s) => s.name), HISTORY_SHEET_NAME]);
  });

  it("still shows the analysis when the last review cannot be read, and says why in a warning", async () => {
    class Unreadable extends MemoryWorkbook {
      override async readOwnedSheets(): Promise<OwnedSheet[]> {
        throw new Error("The report sheet is locked by another user.\nat readOwnedSheets (memoryWorkbook.ts:1:1)");
      }
    }
    await analyzed(new Unreadable(sampleSheets()));
    expect(screen.getByTestId("score").textContent).toBe("91.7%");
    expect(screen.queryByRole("region", { name: "Since last review" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText(/could not be compared/).closest("[class*=MessageBar]")?.textContent).toBe(
      "Warning. The analysis is shown, but it could not be compared with the last review: The report sheet is locked by another user.",
    );
  });
});
