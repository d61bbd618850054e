/**
 * The what-if view's edits as changes to a scenario, kept apart from React so that they can be
 * tested as data. An edit that brings an item back to the plan's value removes its change, so
 * the scenario lists only what really differs and an untouched plan saves as no scenario at all.
 */
import type { Bet, Initiative, Plan } from "../../../domain/plan/model";
import type { BetChange, ImpactChange, InitiativeChange, Scenario } from "../../../domain/whatIf/scenario";
import { idKey } from "../../../domain/common/values";

/** All Impacts rows of one initiative on one KPI: a scenario changes their confidence together. */
export interface ImpactPair {
  readonly key: string;
  readonly initiativeId: string;
  readonly kpiId: string;
  readonly note: string;
  /** The first row's confidence; `uniform` says whether every row of the pair has it. */
  readonly confidence: number;
  readonly uniform: boolean;
}

export interface Searchable<T> {
  readonly item: T;
  readonly key: string;
  /** ID and name in lower case, searched as the user types. */
  readonly text: string;
}

/** The plan's editable items, built once per analysis: a plan of 10,000 initiatives is not scanned per keystroke for lookups. */
export interface PlanIndex {
  readonly initiatives: readonly Searchable<Initiative>[];
  readonly bets: readonly Searchable<Bet>[];
  readonly impacts: readonly Searchable<ImpactPair>[];
  readonly initiativeByKey: ReadonlyMap<string, Initiative>;
  readonly betByKey: ReadonlyMap<string, Bet>;
  readonly impactByKey: ReadonlyMap<string, ImpactPair>;
  /** Whether the plan writes its weights as shares (0.25) rather than points (3), so that they are shown the same way. */
  readonly weightsAsShares: boolean;
}

export const initiativeKey = (id: string) => idKey(id);
export const betKey = (id: string) => idKey(id);
export const impactKey = (initiative: string, kpi: string) => `${idKey(initiative)}\u0000${idKey(kpi)}`;

/** First of each ID, as applyScenario changes only the first row of a duplicated ID. */
function firstOfEach<T>(
  items: readonly T[],
  key: (item: T) => string,
  text: (item: T) => string,
): { list: Searchable<T>[]; byKey: Map<string, T> } {
  const byKey = new Map<string, T>();
  const list: Searchable<T>[] = [];
  for (const item of items) {
    const k = key(item);
    if (byKey.has(k)) continue;
    byKey.set(k, item);
    list.push({ item, key: k, text: text(item).toLowerCase() });
  }
  return { list, byKey };
}

export function planIndex(plan: Plan): PlanIndex {
  const initiatives = firstOfEach(
    plan.initiatives,
    (i) => initiativeKey(i.id),
    (i) => `${i.id} ${i.name}`,
  );
  const bets = firstOfEach(
    plan.bets,
    (b) => betKey(b.id),
    (b) => `${b.id} ${b.statement}`,
  );
  const pairs = new Map<string, ImpactPair>();
  for (const impact of plan.impacts) {
    const key = impactKey(impact.initiativeId, impact.kpiId);
    const seen = pairs.get(key);
    if (seen) {
      if (seen.uniform && seen.confidence !== impact.confidence) pairs.set(key, { ...seen, uniform: false });
      continue;
    }
    pairs.set(key, {
      key,
      initiativeId: impact.initiativeId,
      kpiId: impact.kpiId,
      note: impact.note,
      confidence: impact.confidence,
      uniform: true,
    });
  }
  const impacts = firstOfEach(
    [...pairs.values()],
    (p) => p.key,
    (p) => `${p.initiativeId} ${p.kpiId} ${p.initiativeId}→${p.kpiId} ${p.note}`,
  );
  const weightsAsShares = plan.bets.every((b) => b.weight === undefined || (b.weight >= 0 && b.weight <= 1));
  return {
    initiatives: initiatives.list,
    bets: bets.list,
    impacts: impacts.list,
    initiativeByKey: initiatives.byKey,
    betByKey: bets.byKey,
    impactByKey: impacts.byKey,
    weightsAsShares,
  };
}

/**
 * Replaces the changes of one item by `next` (left out when it is undefined), at the place of
 * its first change. Hand-written scenarios may name an item twice; merging them first keeps
 * the later value, as applyScenario does.
 */
function replaceChange<T>(
  changes: readonly T[],
  key: (change: T) => string,
  target: string,
  next: (merged: T | undefined) => T | undefined,
): T[] {
  let at = -1;
  let merged: T | undefined;
  const rest: T[] = [];
  for (const change of changes) {
    if (key(change) !== target) {
      rest.push(change);
      continue;
    }
    if (at < 0) at = rest.length;
    merged = { ...merged, ...change };
  }
  const replaced = next(merged);
  if (!replaced) return rest;
  rest.splice(at < 0 ? rest.length : at, 0, replaced);
  return rest;
}

/** The scenario's current change of an item, merged over repeats. */
function currentChange<T>(changes: readonly T[], key: (change: T) => string, target: string): T | undefined {
  let merged: T | undefined;
  for (const change of changes) if (key(change) === target) merged = { ...merged, ...change };
  return merged;
}

export const initiativeChange = (scenario: Scenario, id: string): InitiativeChange | undefined =>
  currentChange(scenario.initiatives, (c) => initiativeKey(c.id), initiativeKey(id));
export const betChange = (scenario: Scenario, id: string): BetChange | undefined =>
  currentChange(scenario.bets, (c) => betKey(c.id), betKey(id));
export const impactChange = (scenario: Scenario, initiative: string, kpi: string): ImpactChange | undefined =>
  currentChange(scenario.impacts, (c) => impactKey(c.initiative, c.kpi), impactKey(initiative, kpi));

/** What an edit sets; null brings the figure back to the plan's. */
export interface InitiativeEdit {
  readonly active?: boolean;
  readonly budget?: number | null;
}

export function editInitiative(scenario: Scenario, index: PlanIndex, id: string, edit: InitiativeEdit): Scenario {
  const key = initiativeKey(id);
  const planned = index.initiativeByKey.get(key);
  const initiatives = replaceChange(
    scenario.initiatives,
    (c) => initiativeKey(c.id),
    key,
    (merged) => {
      const active = edit.active ?? merged?.active;
      const budget = edit.budget === undefined ? merged?.budget : (edit.budget ?? undefined);
      // A budget that could not be computed is unknown, so any typed budget differs from it.
      const sameBudget = budget === undefined || (planned !== undefined && !planned.budgetUnknown && planned.budget === budget);
      const change: InitiativeChange = {
        id: planned?.id ?? merged?.id ?? id,
        ...(active === false && { active }),
        ...(!sameBudget && { budget }),
      };
      return change.active === undefined && change.budget === undefined ? undefined : change;
    },
  );
  return { ...scenario, initiatives };
}

export function editBet(scenario: Scenario, index: PlanIndex, id: string, weight: number | null): Scenario {
  const key = betKey(id);
  const planned = index.betByKey.get(key);
  const bets = replaceChange(
    scenario.bets,
    (c) => betKey(c.id),
    key,
    (merged) => {
      const same = weight === null || (planned !== undefined && !planned.weightUnknown && planned.weight === weight);
      return same ? undefined : { id: planned?.id ?? merged?.id ?? id, weight };
    },
  );
  return { ...scenario, bets };
}

export function editImpact(scenario: Scenario, index: PlanIndex, initiative: string, kpi: string, confidence: number | null): Scenario {
  const key = impactKey(initiative, kpi);
  const planned = index.impactByKey.get(key);
  const impacts = replaceChange(
    scenario.impacts,
    (c) => impactKey(c.initiative, c.kpi),
    key,
    () => {
      // Rows of a pair with different confidences all take the typed one: that is a change even if it equals the first row's.
      const same = confidence === null || (planned !== undefined && planned.uniform && planned.confidence === confidence);
      return same ? undefined : { initiative: planned?.initiativeId ?? initiative, kpi: planned?.kpiId ?? kpi, confidence };
    },
  );
  return { ...scenario, impacts };
}

/** The keys of the items the scenario changes, by kind: these are always listed in the view. */
export interface ChangedKeys {
  readonly initiatives: ReadonlySet<string>;
  readonly bets: ReadonlySet<string>;
  readonly impacts: ReadonlySet<string>;
}

export function changedKeys(scenario: Scenario): ChangedKeys {
  return {
    initiatives: new Set(scenario.initiatives.map((c) => initiativeKey(c.id))),
    bets: new Set(scenario.bets.map((c) => betKey(c.id))),
    impacts: new Set(scenario.impacts.map((c) => impactKey(c.initiative, c.kpi))),
  };
}

export interface Shown<T> {
  readonly items: readonly T[];
  /** How many items match the search, listed or not. */
  readonly matches: number;
  readonly total: number;
}

/**
 * The items to list, in the plan's order: every item in `keep` (changed, or edited in this
 * session, so that a row being typed in never vanishes), and the first `limit` others that match.
 */
export function shownItems<T>(items: readonly Searchable<T>[], query: string, limit: number, keep: ReadonlySet<string>): Shown<T> {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown: T[] = [];
  let matches = 0;
  let listedMatches = 0;
  for (const entry of items) {
    const match = words.every((word) => entry.text.includes(word));
    if (match) matches++;
    if (keep.has(entry.key)) shown.push(entry.item);
    else if (match && listedMatches < limit) {
      listedMatches++;
      shown.push(entry.item);
    }
  }
  return { items: shown, matches, total: items.length };
}
