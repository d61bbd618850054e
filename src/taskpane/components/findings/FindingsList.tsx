import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Regular, Warning16Filled } from "@fluentui/react-icons";
import { SEVERITIES, type Finding, type RuleCode, type Severity } from "../../../domain/plan/model";
import { type BetAlignment } from "../../../domain/analysis/result";
import { ruleLabel } from "../../../domain/analysis/ruleLabels";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    textAlign: "left",
    height: "auto",
    width: "100%",
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXS,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    fontWeight: tokens.fontWeightRegular,
  },
  rule: { fontWeight: tokens.fontWeightSemibold },
  // The cell to go to and the rule's code, for a planner who reports or searches it.
  where: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
});

const LABELS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Notes" };

/** Rules whose item is a strategic bet: the finding names it by its statement too, not by its ID alone. */
const BET_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  "BET_NO_KPI",
  "BET_NO_INITIATIVE",
  "BET_ASPECTS_MISSING",
  "BET_NO_WEIGHT",
  "ALLOCATION_GAP",
]);

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  if (severity === "error") return <ErrorCircle16Filled className={styles.error} />;
  if (severity === "warning") return <Warning16Filled className={styles.warning} />;
  return <Info16Regular className={styles.info} />;
}

/** Findings grouped by severity; each is a button that selects its cell in the workbook. */
export function FindingsList({
  findings,
  bets = [],
  onSelect,
}: {
  findings: readonly Finding[];
  bets?: readonly BetAlignment[];
  onSelect: (sheet: string, cell: string) => void;
}) {
  const styles = useStyles();
  const statements = new Map(bets.map((bet) => [bet.betId.toLowerCase(), bet.statement]));
  const subject = (finding: Finding) => {
    const statement = BET_RULES.has(finding.rule) ? statements.get(finding.itemId.toLowerCase()) : undefined;
    return statement ? ` — ${finding.itemId} ${statement}` : "";
  };
  const groups = SEVERITIES.map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) })).filter(
    (g) => g.items.length > 0,
  );
  if (groups.length === 0) return <Caption1>No findings: the plan traces cleanly.</Caption1>;
  return (
    <Accordion multiple collapsible defaultOpenItems={groups.filter((g) => g.severity !== "info").map((g) => g.severity)}>
      {groups.map((group) => (
        <AccordionItem key={group.severity} value={group.severity} data-severity={group.severity}>
          <AccordionHeader icon={<SeverityIcon severity={group.severity} />}>
            {LABELS[group.severity]} ({group.items.length})
          </AccordionHeader>
          <AccordionPanel>
            {group.items.map((finding, i) => (
              <Button
                key={i}
                appearance="subtle"
                className={styles.item}
                onClick={() => onSelect(finding.sheet, finding.cell)}
                data-finding={finding.rule}
              >
                <span className={styles.rule}>
                  {ruleLabel(finding.rule)}
                  {subject(finding)}
                </span>
                <span>{finding.message}</span>
                <Caption1 className={styles.where}>
                  {finding.sheet}!{finding.cell} · {finding.rule}
                </Caption1>
              </Button>
            ))}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
