import type { ReactNode } from "react";
import { Body1, Body1Strong, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { HISTORY_SHEET_NAME } from "../../../domain/review/history";
import type { AnalysisResult } from "../../../domain/analysis/result";
import { sinceLastLine } from "../../../domain/review/reviewReport";
import type { ReviewView } from "../../usePlan";
import { percent } from "../shared/format";
import { findingSubject, LISTED, moreText, statusChangeText, trendPoints } from "./reviewText";
import { ScoreTrend } from "./ScoreTrend";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  // Item IDs and bet statements are the planner's own text: a long one wraps instead of widening the pane.
  item: { overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground2 },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

/** One kind of change as a short list under its own heading: the first LISTED, then how many more. */
function ChangeList({ title, items, written, kind }: { title: string; items: readonly ReactNode[]; written: boolean; kind: string }) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <div className={styles.group} data-changes={kind}>
      <Body1Strong as="h3">
        {title} ({items.length})
      </Body1Strong>
      <ul className={styles.list}>
        {items.slice(0, LISTED).map((item, i) => (
          <li key={i} className={styles.item}>
            {item}
          </li>
        ))}
      </ul>
      {items.length > LISTED && <Caption1>{moreText(items.length - LISTED, written)}</Caption1>}
    </div>
  );
}

/**
 * What changed since the report the next write replaces: the line the report writes under its
 * header, the resolved and new findings, the KPIs whose status moved and the bets whose coverage
 * did, then the score review by review from the CVM History sheet.
 */
export function SinceLastReview({ review, result }: { review: ReviewView; result: AnalysisResult }) {
  const styles = useStyles();
  const { since, written } = review;
  const finding = (f: Parameters<typeof findingSubject>[0]) => (
    <>
      {findingSubject(f, result)}
      <Caption1 className={styles.detail}> · {f.message}</Caption1>
    </>
  );
  const points = trendPoints(review.runs, written ? undefined : { score: result.score });
  return (
    <section className={styles.section} aria-labelledby="since-heading" data-testid="since-last-review">
      <Subtitle2 as="h2" id="since-heading">
        Since last review
      </Subtitle2>
      <Body1 data-testid="since-line">{sinceLastLine(since)}</Body1>
      {since && (
        <>
          <ChangeList kind="resolved" title="Resolved findings" written={written} items={since.resolvedFindings.map(finding)} />
          <ChangeList kind="new" title="New findings" written={written} items={since.newFindings.map(finding)} />
          <ChangeList kind="status" title="KPI status changes" written={written} items={since.statusChanges.map(statusChangeText)} />
          <ChangeList
            kind="coverage"
            title="Bets whose coverage changed"
            written={written}
            items={since.coverageChanges.map((b) => `${b.betId} ${b.statement}: ${percent(b.before)} → ${percent(b.after)}`)}
          />
        </>
      )}
      {review.foreignHistory ? (
        <Caption1 data-testid="trend-none">
          A sheet named &quot;{review.foreignHistory}&quot; exists that the add-in did not write, so there is no history to follow the score
          in; Write to workbook stops until it is renamed.
        </Caption1>
      ) : points.length >= 2 ? (
        <ScoreTrend points={points} totalRuns={review.runs.length} />
      ) : (
        <Caption1 data-testid="trend-none">
          {review.runs.length === 0
            ? "The trend starts with the first report written."
            : `The ${HISTORY_SHEET_NAME} sheet holds one review so far; the trend starts with the next analysis.`}
        </Caption1>
      )}
    </section>
  );
}
