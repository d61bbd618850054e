/**
 * How the fake Excel takes requests, with the rule each follows and its source (or the mark of a
 * belief):
 * - Nothing happens until context.sync(): methods called and properties set or loaded on proxies
 *   are queued and run in order at the sync.
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#proxy-objects:
 *   "Any methods that you invoke or properties that you set or load on proxy objects are simply
 *   added to a queue of pending commands. When you call the sync() method … the queued commands
 *   are dispatched to the Office application and run."
 * - A property can be read only once loaded and brought back by a sync, else PropertyNotLoaded.
 *   Same page, "load()": "Before you can read the properties of a proxy object, you must
 *   explicitly load the properties … and then call context.sync()"; the code is
 *   OfficeExtension.ErrorCodes.propertyNotLoaded
 *   (https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes). The message is
 *   the fake's own wording. The fake is stricter than Excel in one place: Office loads isNullObject
 *   by itself at a sync (same page, "*OrNullObject methods and properties"), the fake only when
 *   asked.
 * - Requests and responses over 5 MB are refused with RequestPayloadSizeLimitExceeded and
 *   ResponsePayloadSizeLimitExceeded: "Excel on the web has a payload size limit for requests and
 *   responses of 5MB" (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 *   codes from https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling.
 *   How the fake sizes a request (the JSON of property values, method arguments and load
 *   selections) is a belief: Microsoft says only that the size "combines" the number of calls,
 *   of objects and the length of the values (https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices).
 * - A read of more than 5,000,000 cells: "A range is limited to 5,000,000 cells for read
 *   operations" (resource limits page, above). What Excel does past it is not documented: that
 *   it refuses the read with RangeExceedsLimit ("The cell count in the range has exceeded the
 *   maximum supported number", error page above) is an unsourced belief, read from that code's
 *   text, and the option `overCellLimit: "null"` gives the other possible behaviour (null
 *   values), which the adapter guards against as well (src/adapters/office/officeLimits.ts says
 *   the same).
 * - A failing action stops the request there; what ran before it stays done. Unsourced belief:
 *   Microsoft does not document what a batch that fails part-way leaves.
 * Every sync is recorded with what it carried and brought back, so tests can count round trips
 * and check payloads.
 */
import { FakeOfficeError, invalid, type WorkbookModel } from "./model";

/** Excel on the web's 5 MB, read as 5,000,000 bytes (the page says "5MB"; 5 × 2^20 would be 5,242,880: the lower is the safer belief). */
export const WEB_PAYLOAD_LIMIT = 5_000_000;
/** Cells one read may return (resource limits page, see the top of this file). */
const READ_CELL_LIMIT = 5_000_000;

export interface SyncRecord {
  /** JSON bytes of the property values, method arguments and load selections sent. */
  requestBytes: number;
  /** JSON bytes of the loaded data sent back. */
  responseBytes: number;
  /** Actions that change the workbook. */
  writes: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Labels of the actions, in order. */
  readonly actions: string[];
}

export interface RequestLimits {
  readonly requestLimitBytes: number;
  readonly responseLimitBytes: number;
  /** What a read past READ_CELL_LIMIT cells gets: refused with RangeExceedsLimit (the default) or null values (both unsourced, see above). */
  readonly overCellLimit: "refuse" | "null";
}

/** Where the syncs are recorded, with the limits they are held to. */
interface SyncLog extends RequestLimits {
  readonly syncs: SyncRecord[];
  /** Action labels and "sync", in the order the add-in issued them. */
  readonly log: string[];
}

/** One sync being run: its record, the response so far, and the loaded values handed to proxies once the whole request succeeded. */
interface Staging {
  readonly record: SyncRecord;
  readonly commits: (() => void)[];
  responseBytes: number;
}

interface Action {
  readonly label: string;
  readonly bytes: number;
  readonly write: boolean;
  run(staging: Staging): void;
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");

/** The queue of one request context, and the workbook its actions run on. */
export class RequestQueue {
  private actions: Action[] = [];

  constructor(
    private readonly syncLog: SyncLog,
    readonly workbook: WorkbookModel,
  ) {}

  get pending(): number {
    return this.actions.length;
  }

  enqueue(action: Action): void {
    this.actions.push(action);
    this.syncLog.log.push(action.label);
  }

  /**
   * Whether a read of `cells` cells is answered: true under the limit; past it, null values
   * (false) or RangeExceedsLimit, as the options say.
   */
  canRead(cells: number): boolean {
    if (cells <= READ_CELL_LIMIT) return true;
    if (this.syncLog.overCellLimit === "null") return false;
    throw new FakeOfficeError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
  }

  async sync(): Promise<void> {
    const actions = this.actions;
    this.actions = [];
    const record: SyncRecord = {
      requestBytes: actions.reduce((sum, a) => sum + a.bytes, 0),
      responseBytes: 0,
      writes: actions.filter((a) => a.write).length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
      actions: actions.map((a) => a.label),
    };
    this.syncLog.syncs.push(record);
    this.syncLog.log.push("sync");
    await Promise.resolve();
    if (record.requestBytes > this.syncLog.requestLimitBytes) {
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`,
      );
    }
    const staging: Staging = { record, commits: [], responseBytes: 0 };
    for (const action of actions) action.run(staging);
    record.responseBytes = staging.responseBytes;
    if (staging.responseBytes > this.syncLog.responseLimitBytes) {
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${staging.responseBytes} bytes) has exceeded the limit.`,
      );
    }
    for (const commit of staging.commits) commit();
  }
}

/** What a load brings back: the data that travels, and what to do with it once the sync succeeded (by default, mark it loaded). */
export interface Loaded {
  readonly data: Record<string, unknown>;
  readonly commit?: () => void;
}

/**
 * The part of Excel's interface `Real` that a proxy offers, as the fake declares it in `Face`,
 * for a proxy class `Proxy` to implement. Compiles only if Excel's type can stand wherever the
 * face is used (every member the face names is Excel's, under that name, with Excel's type or a
 * part of it) and the proxy has no public member beyond the face's and ClientProxy's: a member
 * Excel does not have, or a misspelt one, fails to compile.
 */
export type PartOf<Real extends Face, Face, Proxy = Face> = Real extends Face
  ? Face & { [K in Exclude<keyof Proxy, keyof Face | keyof ClientProxy<unknown>>]: "is not a member of Excel's type" }
  : never;

/**
 * A proxy of Excel's object model: it queues what is set, called and loaded, and reads only what
 * a sync loaded. `find` gives the object in the workbook when an action runs: null when it is
 * gone or was never there.
 */
export abstract class ClientProxy<T> {
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly queue: RequestQueue,
    readonly path: string,
    private readonly find: () => T | null,
  ) {}

  /** The object behind the proxy, as it is when an action runs; ItemNotFound when it is gone. */
  resolve(): T {
    const target = this.find();
    if (target === null) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}.`);
    return target;
  }

  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as V;
  }

  markLoaded(data: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(data)) this.loaded.set(key, value);
  }

  protected queueSet(prop: string, value: unknown, apply: (target: T) => void): void {
    this.queue.enqueue({
      label: `${this.path}.${prop}=`,
      bytes: bytesOf(value) + prop.length,
      write: true,
      run: () => apply(this.resolve()),
    });
  }

  protected queueCall(method: string, args: readonly unknown[], apply: (target: T, staging: Staging) => void, write = true): void {
    this.queue.enqueue({
      label: `${this.path}.${method}()`,
      bytes: bytesOf(args) + method.length,
      write,
      run: (staging) => apply(this.resolve(), staging),
    });
  }

  load(select?: string | string[]): this {
    const props = (Array.isArray(select) ? select : (select ?? "").split(",")).map((p) => p.trim().replace(/^items\//, "")).filter(Boolean);
    this.queue.enqueue({
      label: `${this.path}.load(${props.join(",")})`,
      bytes: bytesOf(props),
      write: false,
      run: (staging) => {
        const loaded = this.snapshot(props, this.find());
        staging.responseBytes += bytesOf(loaded.data);
        staging.commits.push(loaded.commit ?? (() => this.markLoaded(loaded.data)));
      },
    });
    return this;
  }

  /** The properties asked for, read from the workbook at this point of the queue. */
  protected snapshot(_props: readonly string[], _target: T | null): Loaded {
    throw invalid(`The fake does not load ${this.path}.`);
  }

  /** A proxy passed as an argument travels as a reference, not as its contents. */
  toJSON(): string {
    return "ref";
  }
}

/** The values of the properties asked for, or an error for one the fake cannot load. */
export function pick(props: readonly string[], values: Record<string, () => unknown>, what: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const prop of props) {
    const get = values[prop];
    if (!get) throw invalid(`The fake ${what} cannot load "${prop}".`);
    data[prop] = get();
  }
  return data;
}
