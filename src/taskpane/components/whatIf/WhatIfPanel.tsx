import { useEffect, useId, useMemo, useRef, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { ArrowReset20Regular, ArrowUndo20Regular, DocumentTableArrowRight20Regular } from "@fluentui/react-icons";
import type { AnalysisResult } from "../../../domain/analysis/result";
import type { ParsedPlan } from "../../../domain/plan/parse";
import type { ScenarioLine } from "../../../domain/whatIf/scenario";
import type { Change, WhatIf } from "../../../domain/whatIf/whatIf";
import { useScenarioResult, type WhatIfHook } from "../../useWhatIf";
import { WhatIfEditor } from "./WhatIfEditor";
import { WhatIfEffect } from "./WhatIfEffect";
import { WhatIfBets, WhatIfSummary } from "./WhatIfFigures";
import { WhatIfFindings } from "./WhatIfFindings";
import { WhatIfKpis } from "./WhatIfKpis";
import { betKey } from "./whatIfEdits";
import { announcement, changesCount, changeText, type NormalizedWeight } from "./whatIfText";

/** Time to let the typing pause before the live region speaks, so that it says the figures once, not on every key. */
export const ANNOUNCE_DELAY_MS = 600;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // A control the keyboard reaches is scrolled into view below the summary kept at the top, not under it.
    "& input, & button": { scrollMarginTop: "6rem" },
  },
  part: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  status: { fontWeight: tokens.fontWeightSemibold },
});

/** The sentence the live region says after an edit; empty until the first, so that opening the view says nothing. */
function useAnnouncement(result: WhatIf): string {
  const [said, setSaid] = useState("");
  const opened = useRef(result);
  useEffect(() => {
    if (result === opened.current) return;
    const timer = setTimeout(() => setSaid(announcement(result.comparison)), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [result]);
  return said;
}

/** Each bet's weight as the analysis counts it, over all the weights, in the plan and the scenario; by betKey. */
function normalizedWeights(result: WhatIf): ReadonlyMap<string, NormalizedWeight> {
  let total: number | undefined = 0;
  for (const bet of result.scenario.bets) if (bet.weight !== undefined && total !== undefined) total += bet.weight;
  const weights = new Map<string, NormalizedWeight>();
  for (const bet of result.comparison.bets) weights.set(betKey(bet.betId), { share: bet.weight, total });
  return weights;
}

function Changes({
  lines,
  problems,
  weightsAsShares,
  weights,
}: {
  lines: readonly ScenarioLine[];
  problems: readonly string[];
  weightsAsShares: boolean;
  weights: ReadonlyMap<string, NormalizedWeight>;
}) {
  const styles = useStyles();
  const problemsId = useId();
  return (
    <div className={styles.part} data-testid="whatif-changes">
      <Body1>{changesCount(lines.length)}</Body1>
      {lines.length > 0 && (
        <ul className={styles.changes}>
          {lines.map((line) => (
            <li key={`${line.kind}:${line.id}:${line.what}`}>
              <Caption1>{changeText(line, weightsAsShares, shareOf(weights, line))}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        // Named by its text: Fluent names a message bar by its title, which this one has not.
        <MessageBar intent="warning" layout="multiline" aria-labelledby={problemsId}>
          <MessageBarBody id={problemsId}>
            <ul className={styles.changes}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

const shareOf = (weights: ReadonlyMap<string, NormalizedWeight>, line: ScenarioLine): Change<number> | undefined =>
  line.kind === "Bet" ? weights.get(betKey(line.id))?.share : undefined;

export interface WhatIfPanelProps {
  readonly hook: WhatIfHook;
  readonly parsed: ParsedPlan;
  readonly plan: AnalysisResult;
}

/** The open what-if view: the figures side by side, the changes, the controls to make more, and what they do to bets, KPIs and findings. */
export function WhatIfPanel({ hook, parsed, plan }: WhatIfPanelProps) {
  const styles = useStyles();
  const result = useScenarioResult(parsed, plan, hook.scenario);
  const said = useAnnouncement(result);
  const { actions, notice } = hook;
  const noticeId = useId();
  const hasImpacts = plan.sheets.some((s) => s.key === "impacts" && s.found);
  const weights = useMemo(() => normalizedWeights(result), [result]);
  return (
    <div className={styles.root}>
      <WhatIfEffect comparison={result.comparison} withBridge={hasImpacts} />
      <WhatIfSummary whatIf={result} />
      <Body1 className={styles.status} role="status" aria-atomic="true" data-testid="whatif-status">
        {said}
      </Body1>
      <Changes
        lines={result.applied.lines}
        problems={result.applied.problems}
        weightsAsShares={hook.index.weightsAsShares}
        weights={weights}
      />
      <div className={styles.actions}>
        <Button icon={<DocumentTableArrowRight20Regular />} onClick={() => void actions.write()} disabled={hook.writing}>
          Write scenario
        </Button>
        <Button appearance="subtle" icon={<ArrowReset20Regular />} onClick={() => void actions.reset()}>
          Reset
        </Button>
      </div>
      {notice && (
        <MessageBar
          intent={notice.intent}
          layout="multiline"
          role={notice.intent === "error" ? "alert" : "status"}
          aria-labelledby={noticeId}
          data-testid="whatif-notice"
        >
          <MessageBarBody id={noticeId}>{notice.text}</MessageBarBody>
          {notice.undo && (
            <MessageBarActions>
              <Button size="small" icon={<ArrowUndo20Regular />} onClick={() => void actions.undoReset()}>
                Undo the reset
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <div className={styles.part}>
        <Subtitle2 as="h3">Change the plan</Subtitle2>
        <WhatIfEditor key={hook.revision} index={hook.index} scenario={hook.scenario} actions={actions} normalizedWeights={weights} />
      </div>
      <div className={styles.part}>
        <Subtitle2 as="h3">Bets</Subtitle2>
        <WhatIfBets whatIf={result} />
      </div>
      {hasImpacts && (
        <div className={styles.part}>
          <Subtitle2 as="h3">Gap-to-target bridge</Subtitle2>
          <WhatIfKpis kpis={result.comparison.kpis} />
        </div>
      )}
      <div className={styles.part}>
        <Subtitle2 as="h3">Findings that appear or go away</Subtitle2>
        <WhatIfFindings appeared={result.comparison.appeared} resolved={result.comparison.resolved} />
      </div>
    </div>
  );
}
