/**
 * The order KPI statuses are shown in, wherever KPIs are listed by status (the pane's KPI table,
 * the command line's worst KPIs): what needs attention first. "No data" comes before "On track":
 * a KPI without figures may be off track and nobody can tell.
 */
import type { KpiStatus } from "../plan/contract";

export const STATUSES_WORST_FIRST = ["Off track", "At risk", "No data", "On track"] as const satisfies readonly KpiStatus[];

const RANK: ReadonlyMap<KpiStatus, number> = new Map(STATUSES_WORST_FIRST.map((status, i) => [status, i]));

/** A sort comparator: the worse status first. */
export function byStatusWorstFirst(a: KpiStatus, b: KpiStatus): number {
  return (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0);
}
