/**
 * The words of the "Since last review" card and the points of its score trend, kept apart from
 * React so that what the lists say, what the chart draws and what its accessible name reads come
 * from the same figures (and can be tested without rendering).
 */
import type { HistoryRows } from "../../../domain/review/history";
import type { AnalysisResult } from "../../../domain/analysis/result";
import type { ReviewFinding, StatusChange } from "../../../domain/review/review";
import { serialText } from "../../../domain/common/cells";
import { ruleLabel } from "../../../domain/analysis/ruleLabels";
import { percent } from "../shared/format";
import { largest, smallest } from "../../../domain/common/extremes";

/** How many items each list shows; the report's CVM_Changes table has them all. */
export const LISTED = 10;

/** At most this many points are drawn: the history's latest runs, then this analysis. */
export const TREND_POINTS = 12;

/** "Budget off the bet's weight — B1 Win the converged household": the rule in words and what it is about. */
export function findingSubject(finding: ReviewFinding, result: Pick<AnalysisResult, "bets" | "sheets">): string {
  // A report read back may hold a rule this version does not know: its code is then all there is to show.
  const label = ruleLabel(finding.rule) ?? finding.rule;
  if (!finding.itemId) return label;
  // A finding on the Bets sheet is about the bet in its item: named by its statement, as everywhere in the pane.
  const betsSheet = result.sheets.find((s) => s.key === "bets")?.sheetName;
  const bet = finding.sheet === betsSheet ? result.bets.find((b) => b.betId.toLowerCase() === finding.itemId.toLowerCase()) : undefined;
  return `${label} — ${finding.itemId}${bet ? ` ${bet.statement}` : ""}`;
}

/**
 * "K6 AMPU: Off track → At risk". The closure is added beside each status only when it changed
 * too: then it may be the only change ("Off track (Partly closed) → Off track (Closed)").
 */
export function statusChangeText(change: StatusChange): string {
  const { before, after } = change;
  const closureMoved = before.closure !== undefined && after.closure !== undefined && before.closure !== after.closure;
  const side = (s: StatusChange["before"]) => (closureMoved ? `${s.status} (${s.closure})` : s.status);
  return `${change.kpiId} ${change.name}: ${side(before)} → ${side(after)}`;
}

/** What a bounded list leaves out, and where the rest is. */
export function moreText(hidden: number, written: boolean): string {
  const where = written
    ? "the CVM_Changes table of the report lists them all"
    : "Write to workbook lists them all in the report's CVM_Changes table";
  return `${hidden} more: ${where}.`;
}

export interface TrendPoint {
  /** "2026-11-20 09:30" for a run of the history, "now" for the analysis not yet written. */
  readonly label: string;
  readonly score?: number;
  readonly now: boolean;
}

/** A cell of the history's Score column: a share, or unknown (blank). */
const scoreOf = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * The runs kept in the history, oldest first, then this analysis when it is not yet written (once
 * written it is the history's last run). Only the latest TREND_POINTS are kept.
 */
export function trendPoints(runs: HistoryRows["runs"], current?: { score?: number }): TrendPoint[] {
  const points: TrendPoint[] = runs.map((run) => ({
    label: typeof run.runAt === "number" ? serialText(run.runAt) : "unknown date",
    score: scoreOf(run.score),
    now: false,
  }));
  if (current) points.push({ label: "now", score: current.score, now: true });
  return points.slice(-TREND_POINTS);
}

const pointText = (point: TrendPoint) =>
  `${point.label} ${point.score === undefined ? "unknown" : percent(point.score)}${point.now ? " (not yet written)" : ""}`;

/** "Alignment score by review: 2026-10-01 09:30 88.0%, 2026-11-20 09:30 91.7%, now 91.7% (not yet written)". */
export function trendName(points: readonly TrendPoint[], totalRuns: number): string {
  const shown = points.filter((p) => !p.now).length;
  const earlier = totalRuns > shown ? ` (the latest ${shown} of ${totalRuns} reviews)` : "";
  return `Alignment score by review${earlier}: ${points.map(pointText).join(", ")}`;
}

/** "88.0% → 91.7%": the first and the last known score; undefined when fewer than two are known. */
export function trendSummary(points: readonly TrendPoint[]): string | undefined {
  const known = points.filter((p) => p.score !== undefined);
  if (known.length < 2) return undefined;
  return `${percent(known[0].score)} → ${percent(known[known.length - 1].score)}`;
}

/**
 * The vertical scale: whole tens of percent around the scores, at least ten points tall, so that a
 * change of a tenth of a point is not drawn as a cliff and the caption can say what the scale is.
 */
export function trendScale(points: readonly TrendPoint[]): { low: number; high: number } {
  const scores = points.flatMap((p) => (p.score === undefined ? [] : [p.score]));
  if (scores.length === 0) return { low: 0, high: 1 };
  let low = Math.floor(smallest(scores) * 10 + 1e-9) / 10;
  let high = Math.ceil(largest(scores) * 10 - 1e-9) / 10;
  if (high - low < 0.1) {
    if (high < 1) high = low + 0.1;
    else low = high - 0.1;
  }
  return { low: Math.max(0, low), high: Math.min(1, high) };
}
