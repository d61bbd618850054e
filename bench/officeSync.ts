/**
 * The Office.js adapter's figures, measured with the recording fake of Excel
 * (testkit/fakeExcel): the context.sync() round trips that reading and writing take, and
 * the largest request and response. Reads must take a constant number of syncs whatever the
 * plan's size; every request must stay under Excel on the web's 5 MB limit, which the fake enforces.
 */
import { analyzeSheets } from "../src/domain/analysis/analyze";
import { buildReportLayout } from "../src/domain/sheets/report";
import { OfficeWorkbook } from "../src/adapters/office/officeWorkbook";
import { FakeExcel, FakeSettings } from "../testkit/fakeExcel";
import type { SheetData } from "../src/domain/common/cells";

export interface OfficeSyncFigures {
  /** context.sync() calls made by readSheets(). */
  readonly readSyncs: number;
  /** context.sync() calls made by writeReport(). */
  readonly writeSyncs: number;
  /** Largest JSON size, in bytes, that one sync sent to Excel. */
  readonly largestRequestBytes: number;
  /** Largest JSON size, in bytes, that one sync brought back. */
  readonly largestResponseBytes: number;
  /** The per-request limit the fake enforced. */
  readonly limitBytes: number;
}

export async function measureOfficeSync(sheets: readonly SheetData[]): Promise<OfficeSyncFigures | undefined> {
  const fake = new FakeExcel().seed([...sheets]);
  const workbook = new OfficeWorkbook({ run: fake.run, settings: new FakeSettings() });
  const read = await workbook.readSheets();
  const readSyncs = fake.syncCount;
  const largestReadResponse = fake.largestResponseBytes;
  fake.resetCounters();
  await workbook.writeReport(buildReportLayout(analyzeSheets(read), { runAt: new Date() }));
  return {
    readSyncs,
    writeSyncs: fake.syncCount,
    largestRequestBytes: fake.largestRequestBytes,
    largestResponseBytes: Math.max(largestReadResponse, fake.largestResponseBytes),
    limitBytes: fake.requestLimitBytes,
  };
}
