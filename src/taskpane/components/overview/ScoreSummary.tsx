import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { AnalysisResult } from "../../../domain/analysis/result";
import { findingCounts } from "../../../domain/analysis/findingCounts";
import { whyUnknown } from "../../../domain/analysis/unknownReason";
import { percent } from "../shared/format";
import { percentOf } from "../../../domain/common/units";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  score: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  explanation: { color: tokens.colorNeutralForeground2 },
});

/** The alignment score, what it measures, and the count of findings behind it. */
export function ScoreSummary({ result }: { result: AnalysisResult }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="score-heading">
      <Subtitle2 as="h2" id="score-heading">
        Alignment score
      </Subtitle2>
      <span className={styles.score} data-testid="score">
        {result.score === undefined ? "Unknown" : percent(result.score)}
      </span>
      <Caption1 className={styles.explanation} data-testid="score-explanation">
        {result.score === undefined
          ? `The score cannot be weighted, as ${whyUnknown(result, "a bet's weight")}: see the findings.`
          : "How well the bets are aligned: each bet's coverage of the six alignment aspects below, averaged with the bets' weights."}
      </Caption1>
      <Caption1>
        {findingCounts(result.findings)} · tolerance {percentOf(result.options.tolerance)}
      </Caption1>
    </section>
  );
}
