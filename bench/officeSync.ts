/**
 * HOOK for the Office.js adapter's figures: the number of context.sync() round trips and the
 * largest single request, measured with the recording fake (test/helpers/fakeExcel.ts). Issue 5
 * wants the reads to take a constant number of syncs whatever the plan's size, and every write
 * request to stay under Excel's per-request payload limit (5 MB on the web, WEB_PAYLOAD_LIMIT in
 * the fake).
 *
 * To wire it in: build a FakeExcel holding `sheets`, run the adapter's readSheets() and
 * writeReport(layout) against it, and return the counts from the fake's sync records. run.ts
 * already calls this for every size in its own process and prints whatever it returns; while it
 * returns undefined the section says "not measured yet".
 */
import type { SheetData } from "../src/domain/cells";

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

export async function measureOfficeSync(_sheets: readonly SheetData[], _size: number): Promise<OfficeSyncFigures | undefined> {
  return undefined;
}
