/**
 * A recording stand-in for the part of the Excel JavaScript API the add-in uses, over a workbook
 * held in memory, written from Microsoft's documentation rather than from the adapter, so that
 * the two cannot share a wrong belief. In three parts, each rule cited where it is kept (or
 * marked as a belief), in the style of excelRuntime.ts:
 * - model.ts: the workbook (sheets, cells, tables, formats, charts) and Excel's rules for changing it;
 * - requestQueue.ts: how requests go: queued until context.sync(), PropertyNotLoaded, the 5 MB
 *   request and response limit, the cells a read may return; every sync recorded;
 * - workbookProxies.ts, rangeProxies.ts, chartProxies.ts, customXmlProxies.ts: the proxies, typed against
 *   @types/office-js so that a member Excel does not have fails to compile; settings.ts: the
 *   document settings.
 * It does not calculate: a formula reads back as #NAME?.
 */
import { WorkbookModel } from "./model";
import { RequestQueue, WEB_PAYLOAD_LIMIT, type RequestLimits, type SyncRecord } from "./requestQueue";
import { FakeContext } from "./workbookProxies";

export { FakeOfficeError, type FakeSheet } from "./model";
export { WEB_PAYLOAD_LIMIT, type SyncRecord } from "./requestQueue";
export { FakeSettings } from "./settings";

export class FakeExcel extends WorkbookModel {
  readonly syncs: SyncRecord[] = [];
  /** Action labels and "sync", in the order the add-in issued them. */
  readonly log: string[] = [];
  runs = 0;
  requestLimitBytes: number;
  responseLimitBytes: number;
  overCellLimit: "refuse" | "null";

  constructor(options: Partial<RequestLimits> = {}) {
    super();
    this.requestLimitBytes = options.requestLimitBytes ?? WEB_PAYLOAD_LIMIT;
    this.responseLimitBytes = options.responseLimitBytes ?? WEB_PAYLOAD_LIMIT;
    this.overCellLimit = options.overCellLimit ?? "refuse";
  }

  /**
   * Stands in for Excel.run: a fresh request context, then a last sync of whatever the batch left
   * queued. "Excel.run checks to see if there are any unsynced commands in the queue just before
   * it ends. If there are, it quietly calls context.sync" (Microsoft's Rick Kirkham,
   * https://github.com/OfficeDev/office-js-snippets/pull/400); "There is an implicit sync call that
   * developers shouldn't rely on" (https://github.com/OfficeDev/office-js-docs-pr/pull/5743, which
   * documents it on the application-specific API model page).
   */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const queue = new RequestQueue(this, this);
    const result = await batch(new FakeContext(queue) as unknown as Excel.RequestContext);
    if (queue.pending > 0) await queue.sync();
    return result;
  };

  get syncCount(): number {
    return this.syncs.length;
  }

  get largestRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get largestResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  resetCounters(): void {
    this.syncs.length = 0;
    this.log.length = 0;
    this.runs = 0;
  }
}
