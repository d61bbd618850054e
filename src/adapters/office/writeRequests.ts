/**
 * The requests a write goes in: writes are queued until the next would take a request past its
 * byte budget (officeLimits.ts), and each request suspends calculation and screen updating.
 */
import { OPERATION_BYTES } from "./officeLimits";

/**
 * Queues writes into requests that stay under the byte budget, sending one when the next write
 * would not fit. Each request starts by suspending calculation and screen updating, which Excel
 * lifts again at the end of that sync.
 */
export class WriteRequests {
  private used = 0;
  private open = false;
  private writes = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly onSent: () => void = () => undefined,
  ) {}

  /** Bytes the current request can still take (a new one when none is open). */
  get room(): number {
    return this.budget - (this.open ? this.used : 2 * OPERATION_BYTES);
  }

  get hasWrites(): boolean {
    return this.writes > 0;
  }

  async reserve(bytes: number, operations = 1): Promise<void> {
    const cost = bytes + operations * OPERATION_BYTES;
    if (this.open && this.writes > 0 && this.used + cost > this.budget) await this.send();
    if (!this.open) {
      const application = this.context.workbook.application;
      application.suspendApiCalculationUntilNextSync();
      application.suspendScreenUpdatingUntilNextSync();
      this.open = true;
      this.used = 2 * OPERATION_BYTES;
    }
    this.used += cost;
    this.writes += operations;
  }

  async send(): Promise<void> {
    if (!this.open) return;
    await this.context.sync();
    this.open = false;
    this.used = 0;
    this.writes = 0;
    this.onSent();
  }
}
