/**
 * `npx tsx bench/recognition.ts` (after `npm run build:cli`): what recognising the plan by its
 * content costs (issue 19), on the first SHEET_HEAD_ROWS rows of a workbook of 50 sheets: the
 * planner's plan (testkit/plannerWorkbooks.ts) or the sample plan named as the contract says,
 * beside a ledger and monthly budget sheets of 50 rows each. Each run gets fresh copies of the
 * sheets, as an adapter hands them over, so that no cache of an earlier run helps.
 *
 *   --runs 200     timed runs (after 20 for warm-up); the median is reported
 *   --budgets 44   monthly budget sheets beside the plan and the ledger
 */
import { parseArgs } from "node:util";
import type { CellValue, SheetData } from "../src/domain/common/cells";
import { loadCompiled } from "./compiled";
import { PLANNER_PLAN, plannerSheets } from "../testkit/plannerWorkbooks";
// Data only: the sample's sheets, not timed.
import { sampleSheets } from "../src/sample/sampleSheets";
import { median, ms, timed } from "./stats";

const { recognizePlan } = loadCompiled<typeof import("../src/domain/plan/recognizePlan")>("domain/plan/recognizePlan");
const { parsePlan } = loadCompiled<typeof import("../src/domain/plan/parse")>("domain/plan/parse");
const { SHEET_HEAD_ROWS } = loadCompiled<typeof import("../src/domain/plan/planSources")>("domain/plan/planSources");

const { values: flags } = parseArgs({ options: { runs: { type: "string", default: "200" }, budgets: { type: "string", default: "44" } } });
const runs = Math.max(1, Number(flags.runs));
const budgets = Math.max(0, Number(flags.budgets));

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function budgetSheet(i: number): SheetData {
  const values: CellValue[][] = [[`Cost centre ${i}`, ...MONTHS, "Total"]];
  for (let r = 1; r < SHEET_HEAD_ROWS; r++) values.push([`CC${1000 + r}`, ...MONTHS.map((_, m) => 1000 * r + 10 * m), 12_000 * r + 660]);
  return { name: `Budget ${i + 1} by month`, values, origin: { row: 0, col: 0 } };
}

function ledgerSheet(): SheetData {
  const values: CellValue[][] = [["Posting date", "Account no.", "Account", "Description", "Cost centre", "Debit", "Credit"]];
  for (let r = 1; r < SHEET_HEAD_ROWS; r++)
    values.push([
      `2026-10-${String((r % 28) + 1).padStart(2, "0")}`,
      `${6000 + r}`,
      "Media",
      `Posting ${r} of the autumn campaign`,
      `CC${1000 + r}`,
      100 * r,
      null,
    ]);
  return { name: "GL extract 2026", values, origin: { row: 0, col: 0 } };
}

const heads = (sheets: readonly SheetData[]) => sheets.map((s) => ({ ...s, values: s.values.slice(0, SHEET_HEAD_ROWS) }));

function measure(label: string, plan: readonly SheetData[], run: (sheets: SheetData[]) => unknown): void {
  const workbook = heads([...plan, ledgerSheet(), ...Array.from({ length: budgets }, (_, i) => budgetSheet(i))]);
  const json = JSON.stringify(workbook);
  const fresh = () => JSON.parse(json) as SheetData[];
  for (let i = 0; i < 20; i++) run(fresh());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sheets = fresh();
    times.push(timed(() => run(sheets)).ms);
  }
  process.stdout.write(
    `${label}: ${workbook.length} sheets of up to ${SHEET_HEAD_ROWS} rows, median ${ms(median(times))} ms over ${runs} runs\n`,
  );
}

measure("recognising the planner's plan", plannerSheets(PLANNER_PLAN), (sheets) => recognizePlan(sheets));
measure("recognising the sample plan, named as the contract says", sampleSheets(), (sheets) => recognizePlan(sheets));
// For scale: the sample plan's parse (sources found by name, rows read), as the analysis does it.
measure("parsing the sample plan among them", sampleSheets(), (sheets) => parsePlan(sheets));
