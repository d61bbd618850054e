import {
  Button,
  Caption1,
  Divider,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { ArrowSync20Regular, DocumentTableArrowRight20Regular, TableAdd20Regular } from "@fluentui/react-icons";
import { findingCounts } from "../domain/report";
import type { PlanWorkbook } from "../workbook/planWorkbook";
import { AlignmentTable } from "./components/AlignmentTable";
import { BridgeView } from "./components/BridgeView";
import { hasBridge } from "./components/bridgeText";
import { BudgetChart } from "./components/BudgetChart";
import { FindingsList } from "./components/FindingsList";
import { percent } from "./components/format";
import { KpiGapTable } from "./components/KpiGapTable";
import { PlanOverview } from "./components/PlanOverview";
import { SettingsPanel } from "./components/SettingsPanel";
import { usePlan } from "./usePlan";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minHeight: "100vh", boxSizing: "border-box", backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  score: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

const PHASE_TEXT = { starting: "Looking for the plan's sheets…", reading: "Reading the plan…", analysing: "Analysing…", writing: "Writing to the workbook…" } as const;

export interface AppProps {
  readonly workbook: PlanWorkbook;
  /** True outside Excel, where the pane works on the bundled sample plan. */
  readonly preview?: boolean;
}

export function App({ workbook, preview = false }: AppProps) {
  const styles = useStyles();
  const { state, analyse, write, insertTemplate, changeOptions, select } = usePlan(workbook);
  const { result, busy, notice } = state;
  const hasPlan = state.sheets.some((s) => s.found);
  return (
    <main className={styles.root}>
      <Title3 as="h1">CVM Gap Analysis</Title3>
      {preview && (
        <MessageBar intent="info">
          <MessageBarBody>Preview outside Excel: the pane works on the bundled sample plan of Northwind Telecom.</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" icon={<ArrowSync20Regular />} onClick={analyse} disabled={busy !== undefined || !hasPlan}>
          Analyse
        </Button>
        <Button icon={<DocumentTableArrowRight20Regular />} onClick={write} disabled={busy !== undefined || !result}>
          Write to workbook
        </Button>
        <Button appearance="subtle" icon={<TableAdd20Regular />} onClick={insertTemplate} disabled={busy !== undefined}>
          Insert template
        </Button>
      </div>
      {busy && (
        <Field validationMessage={PHASE_TEXT[busy]} validationState="none">
          <ProgressBar />
        </Field>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {result ? (
        <>
          <section className={styles.section} aria-label="Score">
            <Subtitle2 as="h2">Alignment score</Subtitle2>
            <span className={styles.score} data-testid="score">
              {percent(result.score)}
            </span>
            <Caption1>
              {findingCounts(result.findings)} · tolerance {Math.round(result.options.tolerance * 100)}%
            </Caption1>
          </section>
          <Divider />
          <section className={styles.section}>
            <Subtitle2 as="h2">Six aspects per bet</Subtitle2>
            <AlignmentTable bets={result.bets} />
          </section>
          <section className={styles.section}>
            <Subtitle2 as="h2">Budget share against weight</Subtitle2>
            <BudgetChart bets={result.bets} />
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
          <section className={styles.section}>
            <Subtitle2 as="h2">Findings</Subtitle2>
            <FindingsList findings={result.findings} onSelect={select} />
          </section>
        </>
      ) : (
        !busy && (
          <Caption1>
            {hasPlan ? "Press Analyse to check the plan against the strategic bets." : "No plan sheets found. Insert the template to start a plan, or rename your sheets to Bets, KPIs, Initiatives…"}
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
