import { useEffect, useId, useState } from "react";
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { BranchFork20Regular } from "@fluentui/react-icons";
import type { AnalysisResult } from "../../../domain/analysis/result";
import type { ParsedPlan } from "../../../domain/plan/parse";
import type { PlanWorkbook } from "../../../adapters/planWorkbook";
import { useWhatIf } from "../../useWhatIf";
import { WhatIfPanel } from "./WhatIfPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  toggle: { alignSelf: "flex-start" },
});

export interface WhatIfViewProps {
  readonly workbook: PlanWorkbook;
  /** The plan the analysis was computed from, and its analysis: only the scenario is analysed again. */
  readonly parsed: ParsedPlan;
  readonly plan: AnalysisResult;
}

/**
 * The "What if" section under the analysis. Closed, it costs nothing; it opens by itself when
 * the workbook keeps a scenario, so that a scenario tried earlier is seen again.
 */
export function WhatIfView({ workbook, parsed, plan }: WhatIfViewProps) {
  const styles = useStyles();
  const hook = useWhatIf(workbook, parsed, plan);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const panelId = useId();
  const unusableId = useId();
  const { load } = hook;

  useEffect(() => {
    if (load.kind === "unusable" || (load.kind === "ready" && load.restored)) setOpen(true);
  }, [load]);

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="whatif-view">
      <Subtitle2 as="h2" id={headingId}>
        What if
      </Subtitle2>
      <Caption1>
        Try a scenario: switch initiatives off, change budgets, bet weights and confidences, and see what it does to the figures. The
        plan&apos;s sheets are never changed.
      </Caption1>
      {load.kind === "ready" && load.restored && (
        <Caption1 data-testid="whatif-restored">The scenario saved with this workbook was restored.</Caption1>
      )}
      {load.kind === "unusable" && (
        <MessageBar intent="warning" layout="multiline" aria-labelledby={unusableId} data-testid="whatif-unusable">
          <MessageBarBody id={unusableId}>{load.message}</MessageBarBody>
        </MessageBar>
      )}
      <Button
        className={styles.toggle}
        icon={<BranchFork20Regular />}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((shown) => !shown)}
      >
        {open ? "Hide the scenario" : "Try a scenario"}
      </Button>
      <div id={panelId} hidden={!open}>
        {open &&
          (load.kind === "loading" ? (
            <Spinner size="tiny" label="Looking for a scenario saved with the workbook…" />
          ) : (
            <WhatIfPanel hook={hook} parsed={parsed} plan={plan} />
          ))}
      </div>
    </section>
  );
}
