/**
 * A budgeting workbook as planners keep them: the sample plan beside a ledger of 100,000 booked
 * lines, about 7 MB. Nothing obliges the command line to read the ledger, so its run should cost
 * little more than inflating the file (BENCHMARKS.md). With `monthlyBudgets`, that many monthly
 * budget sheets follow (a title, a header and a line per account and cost centre) and a notes
 * sheet ends it: the 50-sheet workbook on which the plan is recognised by its content.
 */
import ExcelJS from "exceljs";
import { SAMPLE_SHEETS, type SampleCell } from "../src/sample/samplePlan";

const ACCOUNTS = [
  "6100 Marketing",
  "6110 Campaigns",
  "6200 Care",
  "6300 IT services",
  "6400 Devices",
  "6500 Loyalty",
  "7100 Revenue share",
  "7200 Sponsorship",
];
const CENTRES = ["CVM", "Care", "Sales", "Product", "IT/BI", "Finance", "Marketing"];
const VENDORS = [
  "Contoso Media",
  "Fabrikam Print",
  "Northwind Devices",
  "Tailspin Analytics",
  "Adatum Cloud",
  "Litware Events",
  "Proseware Call Centre",
  "Woodgrove Loyalty",
];

const cell = (value: SampleCell) => (value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value);

export interface LedgerOptions {
  /** Monthly budget sheets after the ledger, "Budget Jan 2024" onwards, and a "Notes" sheet last. */
  readonly monthlyBudgets?: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A month's budget: each account by cost centre, budget and actual (whole euros) and the variance. */
function writeMonthlyBudget(workbook: ExcelJS.stream.xlsx.WorkbookWriter, month: number): void {
  const name = `${MONTHS[month % 12]} ${2024 + Math.floor(month / 12)}`;
  const sheet = workbook.addWorksheet(`Budget ${name}`);
  sheet.addRow([`Budget and actuals, ${name}`]).commit();
  sheet.addRow([]).commit();
  sheet.addRow(["Account", "Cost centre", "Budget €", "Actual €", "Variance €", "Comment"]).commit();
  ACCOUNTS.forEach((account, a) =>
    CENTRES.forEach((costCenter, c) => {
      const budget = 10_000 + ((month * 37 + a * 11 + c * 7) % 50) * 1_000;
      const actual = budget + (((month + a + c) % 9) - 4) * 750;
      sheet.addRow([account, costCenter, budget, actual, actual - budget, actual > budget ? "Over" : null]).commit();
    }),
  );
  sheet.commit();
}

export async function writeLedgerWorkbook(file: string, lines = 100_000, options: LedgerOptions = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  for (const sheet of SAMPLE_SHEETS) {
    const worksheet = workbook.addWorksheet(sheet.name);
    if (sheet.title) {
      worksheet.addRow([sheet.title]).commit();
      worksheet.addRow([]).commit();
    }
    worksheet.addRow([...sheet.header]).commit();
    for (const row of sheet.rows) worksheet.addRow(row.map(cell)).commit();
    worksheet.commit();
  }
  const ledger = workbook.addWorksheet("Ledger");
  ledger.addRow(["Entry", "Booked", "Account", "Cost centre", "Initiative ID", "Vendor", "Description", "Net", "VAT", "Status"]).commit();
  let state = 7;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 1; i <= lines; i++) {
    const net = Math.round(next() * 2_000_000) / 100;
    const vendor = VENDORS[i % VENDORS.length];
    ledger
      .addRow([
        `JE-${String(i).padStart(7, "0")}`,
        46023 + (i % 365),
        ACCOUNTS[i % ACCOUNTS.length],
        CENTRES[i % CENTRES.length],
        `I${String((i % 18) + 1).padStart(2, "0")}`,
        vendor,
        `${vendor} invoice ${20_000 + ((i * 7919) % 30_000)}, week ${(i % 52) + 1}`,
        net,
        Math.round(net * 20) / 100,
        i % 11 === 0 ? "Open" : "Paid",
      ])
      .commit();
  }
  ledger.commit();
  if (options.monthlyBudgets) {
    for (let month = 0; month < options.monthlyBudgets; month++) writeMonthlyBudget(workbook, month);
    const notes = workbook.addWorksheet("Notes");
    notes.addRow(["Notes"]).commit();
    notes.addRow(["Budgets are kept per month; the ledger is exported from the finance system every Monday."]).commit();
    notes.commit();
  }
  await workbook.commit();
}
