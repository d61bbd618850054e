import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { AnalysisResult } from "../../../domain/analysis/result";
import { budget, percent } from "../shared/format";
import { BUDGET_PLACE } from "../../paneViews";
import { AlignmentTable } from "./AlignmentTable";
import { BudgetChart } from "./BudgetChart";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  note: { color: tokens.colorNeutralForeground2 },
});

/** What the budget does not say by bar: the total, and what of it traces to no bet. */
function untracedText(result: AnalysisResult): string {
  const { totalBudget, untracedBudget } = result;
  if (totalBudget === undefined) return "The total budget is unknown: see the findings.";
  if (totalBudget === 0) return "The initiatives have no budget.";
  const share = untracedBudget === undefined ? undefined : untracedBudget / totalBudget;
  return `Budget of all initiatives: ${budget(totalBudget)}; traced to no bet: ${budget(untracedBudget)}${share === undefined ? "" : ` (${percent(share)})`}.`;
}

/** "Bets and budget": each bet's six aspects, then its budget share against its weight. */
export function BetsView({ result }: { result: AnalysisResult }) {
  const styles = useStyles();
  return (
    <>
      <section className={styles.section} aria-labelledby="aspects-heading">
        <Subtitle2 as="h2" id="aspects-heading">
          Six aspects per bet
        </Subtitle2>
        <AlignmentTable bets={result.bets} />
      </section>
      <section className={styles.section} aria-labelledby="budget-heading" data-place={BUDGET_PLACE} tabIndex={-1}>
        <Subtitle2 as="h2" id="budget-heading">
          Budget share against weight
        </Subtitle2>
        <Caption1 className={styles.note} data-testid="untraced-budget">
          {untracedText(result)}
        </Caption1>
        <BudgetChart bets={result.bets} threshold={result.options.allocationThreshold} />
      </section>
    </>
  );
}
