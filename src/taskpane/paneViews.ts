/**
 * The pane's views, in the order of its navigation. A view is added here and given its panel in
 * App.tsx; `needsResult` views show a prompt to analyse until there is an analysis.
 */
export const PANE_VIEWS = [
  { id: "overview", label: "Overview", needsResult: true },
  { id: "kpis", label: "KPIs and bridge", needsResult: true },
  { id: "bets", label: "Bets and budget", needsResult: true },
  { id: "findings", label: "Findings", needsResult: true },
  { id: "whatIf", label: "What if", needsResult: true },
  { id: "sources", label: "Plan sources and settings", needsResult: false },
] as const;

export type PaneView = (typeof PANE_VIEWS)[number]["id"];

/** The view the pane opens on: the plan's sources until it is analysed, then the overview. */
export const FIRST_VIEW: PaneView = "sources";
export const RESULT_VIEW: PaneView = "overview";

/** What a `data-place` attribute holds for a bet's budget bars and for the budget as a whole. */
export const betPlace = (betId: string) => `bet:${betId}`;
export const BUDGET_PLACE = "budget";
