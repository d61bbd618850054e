import { Button, Caption1, makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import { ChevronRight16Regular, ErrorCircle16Filled, Info16Regular, Warning16Filled } from "@fluentui/react-icons";
import type { AnalysisResult } from "../../../domain/analysis/result";
import { planAnswers, topFindings } from "../../../domain/analysis/answers";
import type { Severity } from "../../../domain/plan/model";
import { findingName, type ItemNames } from "../findings/findingText";
import { count, percent } from "../shared/format";
import { alignedText, allFindingsText, gapsTally, moneyHeadline, moneyLines, placeOf, statusLine, type FindingPlace } from "./overviewText";

/** How many findings the overview lists: the rest are one step away. */
export const TOP_FINDINGS = 3;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  // Each answer stands apart by a rule on its left, not a box: the three fit one screen with the findings.
  answer: {
    display: "flex",
    flexDirection: "column",
    gap: 0,
    // Griffel flips left to right in a right-to-left page.
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  question: { margin: 0, ...typographyStyles.body1Strong },
  figure: { display: "flex", alignItems: "baseline", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  number: { ...typographyStyles.subtitle1, fontVariantNumeric: "tabular-nums" },
  unit: { color: tokens.colorNeutralForeground2 },
  tally: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: 0,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  tallyItem: { display: "inline-flex", alignItems: "baseline", columnGap: tokens.spacingHorizontalXS },
  detail: { color: tokens.colorNeutralForeground2 },
  findings: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  finding: {
    justifyContent: "flex-start",
    textAlign: "left",
    height: "auto",
    width: "100%",
    minWidth: 0,
    paddingInline: 0,
    paddingBlock: tokens.spacingVerticalXXS,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
    gap: tokens.spacingHorizontalXS,
    alignItems: "flex-start",
  },
  icon: { flexShrink: 0, marginTop: "2px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: "flex-start", paddingInline: 0, minWidth: 0 },
});

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  const Icon = severity === "error" ? ErrorCircle16Filled : severity === "warning" ? Warning16Filled : Info16Regular;
  return <Icon className={mergeClasses(styles.icon, styles[severity])} aria-hidden="true" />;
}

export interface OverviewProps {
  readonly result: AnalysisResult;
  readonly names: ItemNames;
  /** Opens the place a finding leads to. */
  readonly onGo: (place: FindingPlace) => void;
  /** Opens the findings view. */
  readonly onAllFindings: () => void;
}

/**
 * The three answers a GM asks, each with its own number, never one composite: are the bets
 * aligned, does the plan close the gaps, does the money follow the priorities. Then the findings
 * that matter most, each leading to its place. It fits one screen of a 350 × 800 pane.
 */
export function Overview({ result, names, onGo, onAllFindings }: OverviewProps) {
  const styles = useStyles();
  const answers = planAnswers(result);
  const top = topFindings(result.findings, TOP_FINDINGS);
  const keyOf = new Map(result.findings.map((f, i) => [f, i]));
  return (
    <div className={styles.root} data-testid="overview">
      <section className={styles.answer} aria-labelledby="aligned-heading" data-answer="aligned">
        <h2 className={styles.question} id="aligned-heading">
          Are the bets aligned?
        </h2>
        <span className={styles.figure}>
          <span className={styles.number} data-testid="score">
            {answers.aligned.coverage === undefined ? "Unknown" : percent(answers.aligned.coverage)}
          </span>
          <span className={styles.unit}>aspect coverage</span>
        </span>
        <Caption1 className={styles.detail} data-testid="score-explanation">
          {alignedText(answers, result)}
        </Caption1>
      </section>
      <section className={styles.answer} aria-labelledby="gaps-heading" data-answer="gaps">
        <h2 className={styles.question} id="gaps-heading">
          Does the plan close the KPI gaps?
        </h2>
        <ul className={styles.tally} aria-label={answers.gaps.closures ? "KPIs by closure" : "KPIs by status"}>
          {gapsTally(answers).map((t) => (
            <li key={t.key} className={styles.tallyItem} data-tally={t.key}>
              <span className={styles.number}>{t.n}</span> <span className={styles.unit}>{t.label}</span>
            </li>
          ))}
        </ul>
        <Caption1 className={styles.detail} data-testid="status-line">
          {answers.gaps.closures
            ? `${count(answers.gaps.kpis, "KPI", "KPIs")} by what the planned impacts close. ${statusLine(answers)}`
            : `${count(answers.gaps.kpis, "KPI", "KPIs")} by status; an Impacts sheet would tell what the plan closes.`}
        </Caption1>
      </section>
      <section className={styles.answer} aria-labelledby="money-heading" data-answer="money">
        <h2 className={styles.question} id="money-heading">
          Does the money follow the priorities?
        </h2>
        <span className={styles.figure}>
          <span className={styles.number}>{answers.money.overFunded.length + answers.money.underFunded.length}</span>
          <span className={styles.unit}>{moneyHeadline(answers).replace(/^\d+ /, "")}</span>
        </span>
        <Caption1 className={styles.detail} data-testid="money-lines">
          {moneyLines(answers).join(" ")}
        </Caption1>
      </section>
      <section aria-labelledby="top-findings-heading">
        <h2 className={styles.question} id="top-findings-heading">
          What matters most
        </h2>
        {top.length === 0 ? (
          <Caption1>No findings: the plan traces cleanly.</Caption1>
        ) : (
          <ul className={styles.findings}>
            {top.map((finding) => {
              const key = keyOf.get(finding) ?? 0;
              return (
                <li key={key}>
                  <Button
                    appearance="transparent"
                    className={styles.finding}
                    onClick={() => onGo(placeOf(finding, key, result))}
                    data-top-finding={finding.rule}
                  >
                    <SeverityIcon severity={finding.severity} />
                    {findingName(finding, names)}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        {result.findings.length > 0 && (
          <Button
            appearance="transparent"
            className={styles.more}
            icon={<ChevronRight16Regular />}
            iconPosition="after"
            onClick={onAllFindings}
          >
            {allFindingsText(result.findings)}
          </Button>
        )}
      </section>
    </div>
  );
}
