import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Regular, Warning16Filled } from "@fluentui/react-icons";
import type { Finding, Severity } from "../../domain/model";

const useStyles = makeStyles({
  item: { display: "flex", flexDirection: "column", alignItems: "flex-start", textAlign: "left", height: "auto", paddingBlock: tokens.spacingVerticalXS, whiteSpace: "normal", fontWeight: tokens.fontWeightRegular },
  where: { color: tokens.colorBrandForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
});

const LABELS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Notes" };

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  if (severity === "error") return <ErrorCircle16Filled className={styles.error} />;
  if (severity === "warning") return <Warning16Filled className={styles.warning} />;
  return <Info16Regular className={styles.info} />;
}

/** Findings grouped by severity; each one selects its cell in the workbook when clicked. */
export function FindingsList({ findings, onSelect }: { findings: readonly Finding[]; onSelect: (sheet: string, cell: string) => void }) {
  const styles = useStyles();
  const groups = (["error", "warning", "info"] as const).map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) })).filter((g) => g.items.length > 0);
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
              <Button key={i} appearance="subtle" className={styles.item} onClick={() => onSelect(finding.sheet, finding.cell)} data-finding={finding.rule}>
                <Caption1 className={styles.where}>
                  {finding.sheet}!{finding.cell} · {finding.rule}
                </Caption1>
                <span>{finding.message}</span>
              </Button>
            ))}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
