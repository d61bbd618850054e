import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { ArrowSync20Regular, DocumentTableArrowRight20Regular } from "@fluentui/react-icons";
import type { PlanWorkbook } from "../adapters/planWorkbook";
import { BetsView } from "./components/bets/BetsView";
import { FindingsList } from "./components/findings/FindingsList";
import { itemNames } from "./components/findings/findingText";
import { KpisView } from "./components/kpis/KpisView";
import { Overview } from "./components/overview/Overview";
import type { FindingPlace } from "./components/overview/overviewText";
import { StaleResults } from "./components/overview/StaleResults";
import { SinceLastReview } from "./components/review/SinceLastReview";
import { ActionNotice } from "./components/shared/ActionNotice";
import { BusyProgress } from "./components/shared/BusyProgress";
import { HelpLink } from "./components/shared/HelpLink";
import { LiveStatus } from "./components/shared/LiveStatus";
import { PaneTabs } from "./components/shared/PaneTabs";
import { MappingSection } from "./components/sources/MappingSection";
import { SourcesView } from "./components/sources/SourcesView";
import { WhatIfView } from "./components/whatIf/WhatIfView";
import { betPlace, BUDGET_PLACE, FIRST_VIEW, PANE_VIEWS, RESULT_VIEW, type PaneView } from "./paneViews";
import { usePageBackground } from "./usePageBackground";
import { ACTIONS_PLACE, findingPlace, kpiPlace, usePlan } from "./usePlan";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // The title and, at the end of its line, the help: one line even at 320 px.
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  help: { flexShrink: 0, minWidth: 0 },
  // The navigation stays at the top of the pane while a long view scrolls under it.
  nav: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    marginInline: `calc(-1 * ${tokens.spacingHorizontalM})`,
    paddingInline: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // What the overview leads to is scrolled to below the sticky navigation, not under it.
    "& [data-place]": { scrollMarginTop: "112px" },
    // The class's display would otherwise show a hidden panel.
    "&[hidden]": { display: "none" },
  },
});

export interface AppProps {
  readonly workbook: PlanWorkbook;
  /** True outside Excel, where the pane works on the bundled sample plan. */
  readonly preview?: boolean;
  /** Outside Excel: what names the open workbook and opens another; it replaces the preview note. */
  readonly workbookPicker?: ReactNode;
}

/** A request to show a place in a view: a new object each time, so that asking twice shows it twice. */
interface PlaceRequest {
  readonly view: PaneView;
  readonly place?: string;
}

const tabId = (view: PaneView) => `pane-tab-${view}`;
const panelId = (view: PaneView) => `pane-panel-${view}`;

export function App({ workbook, preview = false, workbookPicker }: AppProps) {
  const styles = useStyles();
  usePageBackground();
  const { state, analyze, keepMapping, write, insertTemplate, changeOptions, select, dismissNotice } = usePlan(workbook);
  const { result, busy, notice } = state;
  const hasPlan = state.sheets.some((s) => s.found);
  // Parts that cannot be told without the planner: Analyse would stop on them, Plan sources asks.
  const toChoose = state.survey && (state.survey.recognition.problems.length > 0 || state.survey.keptProblem !== undefined);
  // While busy the buttons stay focusable (aria-disabled, clicks ignored), so that focus stays on
  // the button pressed instead of falling to the page.
  const working = busy !== undefined;
  const [view, setView] = useState<PaneView>(FIRST_VIEW);
  // A view is drawn once it is first shown and stays mounted after, so that Analyse draws the
  // overview alone rather than every view at once. Adding to the set in render is idempotent.
  const seen = useRef(new Set<PaneView>());
  seen.current.add(view);
  const [bridgeKpi, setBridgeKpi] = useState<string>();
  const [reveal, setReveal] = useState<{ key: number }>();
  const [request, setRequest] = useState<PlaceRequest>();
  const scrollTops = useRef<Partial<Record<PaneView, number>>>({});
  const navRef = useRef<HTMLDivElement>(null);
  const names = useMemo(() => (result ? itemNames(result, state.parsed) : new Map<string, string>()), [result, state.parsed]);

  // The first analysis opens the overview; later ones leave the planner where they are.
  const analyzed = result !== undefined;
  useEffect(() => {
    if (analyzed) setView((current) => (current === FIRST_VIEW ? RESULT_VIEW : current));
  }, [analyzed]);

  const show = useCallback(
    (next: PaneView) => {
      scrollTops.current[view] = window.scrollY;
      setView(next);
    },
    [view],
  );

  // Each view comes back where it was left; a view seen for the first time starts under the navigation.
  useLayoutEffect(() => {
    const navTop = navRef.current ? navRef.current.offsetTop : 0;
    const top = scrollTops.current[view] ?? Math.min(window.scrollY, navTop);
    if (top !== window.scrollY) window.scrollTo(0, top);
  }, [view]);

  // A place asked for from the overview: scrolled to, and focused so that the keyboard is there too.
  useEffect(() => {
    if (!request?.place) return;
    const target = document.getElementById(panelId(request.view))?.querySelector<HTMLElement>(`[data-place="${request.place}"]`);
    if (!target) return;
    target.scrollIntoView?.({ block: "start" });
    const focusable = target.matches("button") ? target : target.querySelector<HTMLElement>("button");
    (focusable ?? target).focus({ preventScroll: true });
  }, [request]);

  const go = useCallback(
    (place: FindingPlace) => {
      if (place.view === "kpis") {
        setBridgeKpi(place.kpiId);
        setRequest({ view: "kpis", place: kpiPlace(place.kpiId) });
      } else if (place.view === "bets") setRequest({ view: "bets", place: place.betId ? betPlace(place.betId) : BUDGET_PLACE });
      else {
        setReveal({ key: place.key });
        setRequest({ view: "findings", place: findingPlace(String(place.key)) });
      }
      show(place.view);
    },
    [show],
  );

  const pickBridgeKpi = useCallback((kpiId: string) => setBridgeKpi(kpiId), []);
  /** A KPI activated in the list: its cell is selected and its bridge shown. */
  const selectKpiOrFinding = useCallback(
    (sheet: string, cell: string, at: string) => {
      if (at.startsWith("kpi:")) setBridgeKpi(at.slice("kpi:".length));
      void select(sheet, cell, at);
    },
    [select],
  );

  const prompt = (
    <Caption1>
      {toChoose
        ? "Some of the plan's sheets could not be told apart for sure: choose them in Plan sources and settings, then Use this mapping."
        : hasPlan
          ? "Press Analyse to check the plan against the strategic bets."
          : preview
            ? "No plan sheets found. Open a workbook that has the plan's sheets: Bets, KPIs, Initiatives…"
            : "No plan sheets found. Insert the template (in Plan sources and settings) to start a plan, or rename your sheets to Bets, KPIs, Initiatives…"}
    </Caption1>
  );

  const panels: Record<PaneView, ReactNode> = {
    overview: result && <Overview result={result} names={names} onGo={go} onAllFindings={() => show("findings")} />,
    kpis: result && (
      <KpisView
        result={result}
        names={names}
        bridgeKpi={bridgeKpi}
        onPickBridgeKpi={pickBridgeKpi}
        onSelect={selectKpiOrFinding}
        notice={notice}
        onDismiss={dismissNotice}
      />
    ),
    bets: result && <BetsView result={result} />,
    findings: result && (
      <>
        {/* What changed since the last review comes first: the findings resolved and new. */}
        {state.review && <SinceLastReview review={state.review} result={result} />}
        <section className={styles.section} aria-labelledby="findings-heading">
          <Subtitle2 as="h2" id="findings-heading">
            Findings
          </Subtitle2>
          <FindingsList
            result={result}
            names={names}
            onSelect={selectKpiOrFinding}
            notice={notice}
            onDismiss={dismissNotice}
            reveal={reveal}
          />
        </section>
      </>
    ),
    whatIf: result && state.parsed && <WhatIfView workbook={workbook} parsed={state.parsed} plan={result} />,
    sources: (
      <SourcesView
        sheets={state.sheets}
        toChoose={state.survey?.recognition.parts.filter((p) => p.problem !== undefined).map((p) => p.part)}
        options={state.options}
        onChangeOptions={changeOptions}
        onInsertTemplate={preview ? undefined : insertTemplate}
        busy={working}
        notice={notice}
        onDismiss={dismissNotice}
      >
        {state.survey && (
          <MappingSection survey={state.survey} busy={working} onKeep={keepMapping} notice={notice} onDismiss={dismissNotice} />
        )}
      </SourcesView>
    ),
  };

  return (
    <main className={styles.root}>
      <LiveStatus text={state.announcement} />
      <div className={styles.header}>
        <Subtitle1 as="h1">CVM Gap Analysis</Subtitle1>
        <HelpLink className={styles.help} />
      </div>
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
      </div>
      {busy && <BusyProgress phase={busy} progress={state.progress} />}
      <ActionNotice notice={notice} at={ACTIONS_PLACE} onDismiss={dismissNotice} />
      {result && <StaleResults used={result.options} wanted={state.options} busy={working} onAnalyze={analyze} />}
      {!result && !busy && prompt}
      <nav className={styles.nav} aria-label="Views" ref={navRef}>
        <PaneTabs tabs={PANE_VIEWS} selected={view} onSelect={show} tabId={tabId} panelId={panelId} />
      </nav>
      {PANE_VIEWS.map((v) => (
        // A view seen stays mounted, hidden when not shown, so that its state (the KPI picked, the
        // filters, a scenario being edited) is kept when the planner switches views.
        <div
          key={v.id}
          role="tabpanel"
          id={panelId(v.id)}
          aria-labelledby={tabId(v.id)}
          hidden={view !== v.id}
          className={styles.panel}
          data-view={v.id}
        >
          {v.needsResult && !result ? <Caption1>Shown once the plan is analysed.</Caption1> : seen.current.has(v.id) && panels[v.id]}
        </div>
      ))}
    </main>
  );
}
