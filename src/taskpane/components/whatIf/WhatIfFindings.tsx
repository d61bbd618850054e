import { memo } from "react";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../domain/plan/model";
import { wholeNumber } from "../shared/format";

/** At most this many findings per list: the "CVM Scenario" sheet has them all. */
export const FINDING_LIMIT = 20;

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  where: { display: "block", color: tokens.colorNeutralForeground2 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const SEVERITY: Readonly<Record<Finding["severity"], string>> = { error: "Error", warning: "Warning", info: "Note" };

function FindingGroup({ title, findings, testId }: { title: string; findings: readonly Finding[]; testId: string }) {
  const styles = useStyles();
  if (findings.length === 0) return null;
  const listed = findings.slice(0, FINDING_LIMIT);
  return (
    <div className={styles.group} data-testid={testId}>
      <h4 className={styles.heading}>{`${title} (${wholeNumber(findings.length)})`}</h4>
      <ul className={styles.list}>
        {listed.map((f, i) => (
          <li key={i} data-finding={f.rule} data-item={f.itemId}>
            <Caption1 className={styles.where}>{`${SEVERITY[f.severity]} · ${f.sheet}!${f.cell} · ${f.rule}`}</Caption1>
            <Caption1>{f.message}</Caption1>
          </li>
        ))}
      </ul>
      {findings.length > listed.length && (
        <Caption1>{`${wholeNumber(findings.length - listed.length)} more: Write scenario puts them all on the "CVM Scenario" sheet.`}</Caption1>
      )}
    </div>
  );
}

/** The findings the scenario adds to the plan's, and those of the plan it makes go away. */
export const WhatIfFindings = memo(function WhatIfFindings({
  appeared,
  resolved,
}: {
  appeared: readonly Finding[];
  resolved: readonly Finding[];
}) {
  if (appeared.length === 0 && resolved.length === 0)
    return <Caption1 data-testid="whatif-findings-none">The scenario changes no finding.</Caption1>;
  return (
    <>
      <FindingGroup title="Appear" findings={appeared} testId="whatif-appeared" />
      <FindingGroup title="Go away" findings={resolved} testId="whatif-resolved" />
    </>
  );
});
