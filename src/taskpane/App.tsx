import {
  Button,
  Caption1,
  Divider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { ArrowSync20Regular, DocumentTableArrowRight20Regular, TableAdd20Regular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import type { PlanWorkbook } from "../adapters/planWorkbook";
import { AlignmentTable } from "./components/bets/AlignmentTable";
import { BridgeView } from "./components/kpis/BridgeView";
import { hasBridge } from "./components/kpis/bridgeText";
import { BudgetChart } from "./components/bets/BudgetChart";
import { BusyProgress } from "./components/shared/BusyProgress";
import { FindingsList } from "./components/findings/FindingsList";
import { KpiGapTable } from "./components/kpis/KpiGapTable";
import { LiveStatus } from "./components/shared/LiveStatus";
import { PlanOverview } from "./components/overview/PlanOverview";
import { ScoreSummary } from "./components/overview/ScoreSummary";
import { SettingsPanel } from "./components/settings/SettingsPanel";
import { SinceLastReview } from "./components/review/SinceLastReview";
import { StaleResults } from "./components/overview/StaleResults";
import { WhatIfView } from "./components/whatIf/WhatIfView";
import { usePageBackground } from "./usePageBackground";
import { usePlan } from "./usePlan";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** A notice's title, so that its message bar is named by text it shows. */
const NOTICE_TITLE = { success: "Done.", info: "Note.", warning: "Warning.", error: "Something went wrong." } as const;

export interface AppProps {
  readonly workbook: PlanWorkbook;
  /** True outside Excel, where the pane works on the bundled sample plan. */
  readonly preview?: boolean;
  /** Outside Excel: what names the open workbook and opens another; it replaces the preview note. */
  readonly workbookPicker?: ReactNode;
}

export function App({ workbook, preview = false, workbookPicker }: AppProps) {
  const styles = useStyles();
  usePageBackground();
  const { state, analyze, write, insertTemplate, changeOptions, select } = usePlan(workbook);
  const { result, busy, notice } = state;
  const hasPlan = state.sheets.some((s) => s.found);
  // While busy the buttons stay focusable (aria-disabled, clicks ignored), so that focus stays on
  // the button pressed instead of falling to the page.
  const working = busy !== undefined;
  return (
    <main className={styles.root}>
      <LiveStatus text={state.announcement} />
      <Title3 as="h1">CVM Gap Analysis</Title3>
      {preview && workbookPicker}
      {preview && !workbookPicker && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Preview outside Excel:</MessageBarTitle> the pane works on the bundled sample plan of Northwind Telecom.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" icon={<ArrowSync20Regular />} onClick={analyze} disabled={!hasPlan} disabledFocusable={working}>
          Analyse
        </Button>
        <Button icon={<DocumentTableArrowRight20Regular />} onClick={write} disabled={!result} disabledFocusable={working}>
          Write to workbook
        </Button>
        <Button appearance="subtle" icon={<TableAdd20Regular />} onClick={insertTemplate} disabledFocusable={working}>
          Insert template
        </Button>
      </div>
      {busy && <BusyProgress phase={busy} progress={state.progress} />}
      {notice && (
        // Only an error interrupts; the rest is said politely by the live region.
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : undefined}>
          <MessageBarBody>
            <MessageBarTitle>{NOTICE_TITLE[notice.intent]}</MessageBarTitle> {notice.text}
          </MessageBarBody>
        </MessageBar>
      )}
      {result ? (
        <>
          <StaleResults used={result.options} wanted={state.options} busy={working} onAnalyze={analyze} />
          <ScoreSummary result={result} />
          <Divider />
          <section className={styles.section}>
            <Subtitle2 as="h2">Six aspects per bet</Subtitle2>
            <AlignmentTable bets={result.bets} />
          </section>
          <section className={styles.section}>
            <Subtitle2 as="h2">Budget share against weight</Subtitle2>
            <BudgetChart bets={result.bets} threshold={result.options.allocationThreshold} />
          </section>
          <section className={styles.section}>
            <Subtitle2 as="h2">KPI gaps</Subtitle2>
            <KpiGapTable kpis={result.kpis} onSelect={select} />
          </section>
          {hasBridge(result.kpis) && (
            <section className={styles.section} aria-labelledby="bridge-heading">
              <Subtitle2 as="h2" id="bridge-heading">
                Gap-to-target bridge
              </Subtitle2>
              <BridgeView kpis={result.kpis} />
            </section>
          )}
          {state.review && <SinceLastReview review={state.review} result={result} />}
          <section className={styles.section}>
            <Subtitle2 as="h2">Findings</Subtitle2>
            <FindingsList findings={result.findings} bets={result.bets} onSelect={select} />
          </section>
          {state.parsed && <WhatIfView workbook={workbook} parsed={state.parsed} plan={result} />}
        </>
      ) : (
        !busy && (
          <Caption1>
            {hasPlan
              ? "Press Analyse to check the plan against the strategic bets."
              : "No plan sheets found. Insert the template to start a plan, or rename your sheets to Bets, KPIs, Initiatives…"}
          </Caption1>
        )
      )}
      <Divider />
      <section className={styles.section}>
        <Subtitle2 as="h2">Plan sheets</Subtitle2>
        <PlanOverview sheets={state.sheets} />
      </section>
      <section className={styles.section}>
        <Subtitle2 as="h2">Settings</Subtitle2>
        <SettingsPanel options={state.options} onChange={changeOptions} />
      </section>
    </main>
  );
}
