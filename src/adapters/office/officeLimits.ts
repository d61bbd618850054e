/**
 * The limits the Office.js adapter works within, each with its source. Microsoft documents two:
 * - "Excel on the web has a payload size limit for requests and responses of 5MB", and "A range
 *   is limited to 5,000,000 cells for read operations": "Resource limits and performance
 *   optimization for Office Add-ins", section "Excel add-ins",
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *   (the same in "Payload size limit best practices" of
 *   https://learn.microsoft.com/office/dev/add-ins/excel/performance, which adds that "On all
 *   platforms, a range is limited to five million cells for get operations").
 * - The error codes of going past them, RequestPayloadSizeLimitExceeded and
 *   ResponsePayloadSizeLimitExceeded ("This error only occurs in Office on the web") and
 *   RangeExceedsLimit ("The cell count in the range has exceeded the maximum supported number"):
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling.
 * How a request's size is counted is not documented beyond "The payload size of a request
 * combines: The number of API calls, The number of objects, such as Range objects, The length of
 * the value to set or get" (the performance page), so the byte figures below are beliefs, marked
 * as such: none was measured against Excel on the web. Nor is it documented which of the codes a
 * read past the 5,000,000 cells gets, or whether Excel answers it with null values instead: that
 * it is refused with RangeExceedsLimit is an unsourced belief (read from the code's text), and the
 * reader guards against null too (usedRanges.ts). testkit/fakeExcel holds the same beliefs, marked
 * the same way, and test/excel/officeLimits.test.ts holds every figure here to a source or a belief.
 */

/**
 * Estimated bytes one request may carry: under the documented 5 MB (above). Unsourced belief:
 * the estimate counts only the JSON of values, formats and arguments, so a fifth is left for the
 * envelope Office wraps around each action, whose size Microsoft does not give.
 */
export const MAX_REQUEST_BYTES = 4_000_000;

/** What the estimate adds for each queued action (its ids, type and property name). Unsourced belief, not measured. */
export const OPERATION_BYTES = 256;

/**
 * Cells asked for in one request when a sheet was too large to read whole: far under the
 * documented 5,000,000 cells a read (above). Unsourced belief: at a few dozen bytes a cell this
 * keeps a response near 2–3 MB, under the 5 MB; it is halved each time Excel still refuses. (The
 * "large ranges" page, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-large,
 * advises row blocks, "Start with 5k–20k rows", and to "retry with a smaller block size" on a
 * limit error, which is what this does.)
 */
export const READ_CELLS_PER_REQUEST = 100_000;

/** The documented refusals of a request, a response or a read too large (see above): each makes the read go in blocks. */
const READ_LIMIT_CODES = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

export function isReadLimit(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && READ_LIMIT_CODES.has(code);
}
