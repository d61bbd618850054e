/**
 * What a finding is called in the pane and which findings a filter keeps, apart from React so
 * that the overview, the findings view and their tests share it.
 */
import type { Finding, Severity } from "../../../domain/plan/model";
import type { AnalysisResult } from "../../../domain/analysis/result";
import type { ParsedPlan } from "../../../domain/plan/parse";
import { ruleLabel } from "../../../domain/analysis/ruleLabels";

/** The names of the plan's items by lower-cased ID: bets by their statement, the rest by their name. */
export type ItemNames = ReadonlyMap<string, string>;

export function itemNames(result: Pick<AnalysisResult, "bets" | "kpis">, parsed?: ParsedPlan): ItemNames {
  const names = new Map<string, string>();
  const plan = parsed?.plan;
  for (const item of [...(plan?.moments ?? []), ...(plan?.personas ?? []), ...(plan?.initiatives ?? [])])
    if (item.name) names.set(item.id.toLowerCase(), item.name);
  for (const kpi of result.kpis) names.set(kpi.kpiId.toLowerCase(), kpi.name);
  for (const bet of result.bets) names.set(bet.betId.toLowerCase(), bet.statement);
  return names;
}

/** "B5 Enterprise IoT", or the ID alone when the plan gives it no name. */
export function itemText(itemId: string, names: ItemNames): string {
  const name = names.get(itemId.toLowerCase());
  return name ? `${itemId} ${name}` : itemId;
}

/** A finding's short name: the rule in plain words and what it is about, "Bet without a KPI — B5 Enterprise IoT". */
export function findingName(finding: Finding, names: ItemNames): string {
  return finding.itemId ? `${ruleLabel(finding.rule)} — ${itemText(finding.itemId, names)}` : ruleLabel(finding.rule);
}

/** Where the finding's cell is and the rule's code, for a planner who reports or searches it. */
export const findingWhere = (finding: Finding) => `${finding.sheet}!${finding.cell} · ${finding.rule}`;

export const SEVERITY_GROUPS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Notes" };

export interface FindingFilter {
  readonly severity: Severity | "all";
  /** A bet's or a KPI's ID, or "all". */
  readonly about: string;
}

export const NO_FILTER: FindingFilter = { severity: "all", about: "all" };

/**
 * The IDs a filter on `about` keeps findings of: a KPI alone; a bet, with the KPIs and the
 * initiatives that trace to it, whose findings are the bet's too.
 */
export function aboutIds(about: string, result: Pick<AnalysisResult, "bets">): ReadonlySet<string> {
  const bet = result.bets.find((b) => b.betId === about);
  const ids = bet ? [bet.betId, ...bet.kpiIds, ...bet.initiativeIds] : [about];
  return new Set(ids.map((id) => id.toLowerCase()));
}

/** The findings a filter keeps, each with its index in the analysis (its key in the pane). */
export function filtered(
  findings: readonly Finding[],
  filter: FindingFilter,
  result: Pick<AnalysisResult, "bets">,
): { finding: Finding; key: number }[] {
  const ids = filter.about === "all" ? undefined : aboutIds(filter.about, result);
  const kept: { finding: Finding; key: number }[] = [];
  findings.forEach((finding, key) => {
    if (filter.severity !== "all" && finding.severity !== filter.severity) return;
    if (ids && !ids.has(finding.itemId.toLowerCase())) return;
    kept.push({ finding, key });
  });
  return kept;
}
