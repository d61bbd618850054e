/**
 * A budgeting workbook as planners keep them: the sample plan beside a ledger of 100,000 booked
 * lines, about 7 MB. Nothing obliges the command line to read the ledger, so its run should cost
 * little more than inflating the file (BENCHMARKS.md).
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

export async function writeLedgerWorkbook(file: string, lines = 100_000): Promise<void> {
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
  await workbook.commit();
}
