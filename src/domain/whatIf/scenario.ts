/**
 * What-if on a plan: a scenario switches initiatives off, changes budgets, bet weights and the
 * confidence of impacts, and the analysis runs on the plan with those changes, never on the
 * sheets. The pane keeps a scenario in the workbook's document settings as the JSON below, and
 * `cvm-gap analyze --scenario FILE.json` applies the same JSON, so a batch run reproduces what a
 * planner tried:
 *
 *   { "version": 1,
 *     "initiatives": [{ "id": "I16", "active": false }, { "id": "I03", "budget": 300000 }],
 *     "bets": [{ "id": "B3", "weight": 0.25 }],
 *     "impacts": [{ "initiative": "I01", "kpi": "K2", "confidence": 0.9 }] }
 *
 * Numbers may be written as the sheets take them ("80%", "€300,000").
 */
import type { BridgeInputs } from "../analysis/bridge";
import type { Bet, Initiative, Plan } from "../plan/model";
import { ScenarioError } from "../common/stopErrors";
import { idKey, NUMBER_LIMIT, readNumber, shorten } from "../common/values";

export interface InitiativeChange {
  readonly id: string;
  /** False switches the initiative off: its budget, its trace links and its impacts do not count. */
  readonly active?: boolean;
  readonly budget?: number;
}

export interface BetChange {
  readonly id: string;
  readonly weight?: number;
}

/** A new confidence for every Impacts row of that initiative on that KPI. */
export interface ImpactChange {
  readonly initiative: string;
  readonly kpi: string;
  readonly confidence: number;
}

export interface Scenario {
  readonly version: 1;
  readonly initiatives: readonly InitiativeChange[];
  readonly bets: readonly BetChange[];
  readonly impacts: readonly ImpactChange[];
}

export const EMPTY_SCENARIO: Scenario = { version: 1, initiatives: [], bets: [], impacts: [] };

export function isEmptyScenario(scenario: Scenario): boolean {
  return scenario.initiatives.length === 0 && scenario.bets.length === 0 && scenario.impacts.length === 0;
}

/** The scenario's changes one by one, in words: "I16 switched off", "B3 weight 20% → 25%". */
export interface ScenarioLine {
  readonly kind: "Initiative" | "Bet" | "Impact";
  readonly id: string;
  readonly name: string;
  readonly what: "Active" | "Budget" | "Weight" | "Confidence";
  readonly plan: number | boolean | undefined;
  readonly scenario: number | boolean;
}

export interface AppliedScenario {
  readonly plan: Plan;
  readonly bridgeInputs: BridgeInputs;
  readonly lines: readonly ScenarioLine[];
  /** Changes that name nothing in the plan: said, and left out. */
  readonly problems: readonly string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(root: Record<string, Json>, key: string): Record<string, Json>[] {
  const value = root[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScenarioError(`"${key}" must be a list, e.g. "${key}": [ … ].`);
  return value.map((item, i) => {
    if (!isRecord(item)) throw new ScenarioError(`${key}[${i}] must be an object, e.g. { "id": … }.`);
    return item;
  });
}

function idAt(item: Record<string, Json>, key: string, where: string): string {
  const value = item[key];
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!text) throw new ScenarioError(`${where} needs "${key}": the ID as on the plan's sheet.`);
  return text;
}

/** A number as the sheets take it; undefined when the key is absent. */
function numberAt(
  item: Record<string, Json>,
  key: string,
  where: string,
  range: { min: number; max?: number; text: string },
): number | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  const read = typeof value === "number" || typeof value === "string" ? readNumber(value) : undefined;
  // JSON.parse reads 1e999 as Infinity, which JSON.stringify would show as null: say what it is.
  if (read?.kind === "bad" && read.notFinite) {
    throw new ScenarioError(
      `${where}: "${key}" is ${typeof value === "string" ? `"${shorten(value)}", ` : ""}a number beyond ${NUMBER_LIMIT}; write the number meant.`,
    );
  }
  if (read?.kind !== "number" || !Number.isFinite(read.value))
    throw new ScenarioError(`${where}: "${key}" is ${JSON.stringify(value)}, not a number.`);
  if (read.value < range.min || (range.max !== undefined && read.value > range.max))
    throw new ScenarioError(`${where}: "${key}" is ${read.value}; it must be ${range.text}.`);
  return read.value;
}

/** Reads a scenario as the pane saves it; a mistake throws a ScenarioError that says where. */
export function parseScenario(json: unknown): Scenario {
  if (!isRecord(json))
    throw new ScenarioError('A scenario is a JSON object: { "version": 1, "initiatives": [ … ], "bets": [ … ], "impacts": [ … ] }.');
  if (json.version !== 1) throw new ScenarioError(`"version" must be 1 (found ${JSON.stringify(json.version ?? null)}).`);
  const initiatives = listOf(json, "initiatives").map((item, i): InitiativeChange => {
    const where = `initiatives[${i}]`;
    const active = item.active;
    if (active !== undefined && active !== null && typeof active !== "boolean")
      throw new ScenarioError(`${where}: "active" must be true or false.`);
    const budget = numberAt(item, "budget", where, { min: 0, text: "0 or more" });
    return { id: idAt(item, "id", where), ...(typeof active === "boolean" && { active }), ...(budget !== undefined && { budget }) };
  });
  const bets = listOf(json, "bets").map((item, i): BetChange => {
    const where = `bets[${i}]`;
    const weight = numberAt(item, "weight", where, { min: 0, text: "0 or more" });
    return { id: idAt(item, "id", where), ...(weight !== undefined && { weight }) };
  });
  const impacts = listOf(json, "impacts").map((item, i): ImpactChange => {
    const where = `impacts[${i}]`;
    const confidence = numberAt(item, "confidence", where, { min: 0, max: 1, text: "a share from 0% to 100%" });
    if (confidence === undefined) throw new ScenarioError(`${where} needs "confidence", e.g. 0.8 or "80%".`);
    return { initiative: idAt(item, "initiative", where), kpi: idAt(item, "kpi", where), confidence };
  });
  return { version: 1, initiatives, bets, impacts };
}

/** Later changes of the same item win, as the last edit does in the pane. */
function lastById<T>(changes: readonly T[], key: (change: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const change of changes) {
    const k = key(change);
    map.set(k, { ...map.get(k), ...change });
  }
  return map;
}

const impactKey = (initiative: string, kpi: string) => `${idKey(initiative)}\u0000${idKey(kpi)}`;

/**
 * The plan with the scenario's changes: initiatives switched off are left out of it (and of the
 * gap bridge), budgets and weights replaced (a formula that could not be computed is then
 * known), and impacts' confidences passed to the bridge by row.
 */
export function applyScenario(plan: Plan, scenario: Scenario): AppliedScenario {
  const lines: ScenarioLine[] = [];
  const problems: string[] = [];
  const initiativeChanges = lastById(scenario.initiatives, (c) => idKey(c.id));
  const betChanges = lastById(scenario.bets, (c) => idKey(c.id));
  const impactChanges = lastById(scenario.impacts, (c) => impactKey(c.initiative, c.kpi));

  const inactive = new Set<string>();
  const seenInitiatives = new Set<string>();
  const initiatives: Initiative[] = [];
  for (const initiative of plan.initiatives) {
    const key = idKey(initiative.id);
    const change = seenInitiatives.has(key) ? undefined : initiativeChanges.get(key);
    seenInitiatives.add(key);
    if (!change) {
      initiatives.push(initiative);
      continue;
    }
    if (change.active === false) {
      inactive.add(key);
      lines.push({ kind: "Initiative", id: initiative.id, name: initiative.name, what: "Active", plan: true, scenario: false });
      continue;
    }
    if (change.budget === undefined || (change.budget === initiative.budget && !initiative.budgetUnknown)) {
      initiatives.push(initiative);
      continue;
    }
    lines.push({
      kind: "Initiative",
      id: initiative.id,
      name: initiative.name,
      what: "Budget",
      plan: initiative.budgetUnknown ? undefined : initiative.budget,
      scenario: change.budget,
    });
    initiatives.push({ ...initiative, budget: change.budget, budgetUnknown: false });
  }
  for (const [key, change] of initiativeChanges) {
    if (!seenInitiatives.has(key))
      problems.push(`Initiative ${change.id} is not on the Initiatives sheet; its change in the scenario was left out.`);
  }

  const seenBets = new Set<string>();
  const bets: Bet[] = plan.bets.map((bet) => {
    const key = idKey(bet.id);
    const change = seenBets.has(key) ? undefined : betChanges.get(key);
    seenBets.add(key);
    if (change?.weight === undefined || (change.weight === bet.weight && !bet.weightUnknown)) return bet;
    lines.push({
      kind: "Bet",
      id: bet.id,
      name: bet.statement,
      what: "Weight",
      plan: bet.weightUnknown ? undefined : bet.weight,
      scenario: change.weight,
    });
    return { ...bet, weight: change.weight, weightUnknown: false };
  });
  for (const [key, change] of betChanges) {
    if (!seenBets.has(key)) problems.push(`Bet ${change.id} is not on the Bets sheet; its change in the scenario was left out.`);
  }

  const confidence = new Map<number, number>();
  const matched = new Set<string>();
  plan.impacts.forEach((impact, row) => {
    const key = impactKey(impact.initiativeId, impact.kpiId);
    const change = impactChanges.get(key);
    if (!change || inactive.has(idKey(impact.initiativeId))) return;
    if (!matched.has(key) && change.confidence !== impact.confidence) {
      lines.push({
        kind: "Impact",
        id: `${impact.initiativeId} → ${impact.kpiId}`,
        name: impact.note,
        what: "Confidence",
        plan: impact.confidence,
        scenario: change.confidence,
      });
    }
    matched.add(key);
    confidence.set(row, change.confidence);
  });
  for (const [key, change] of impactChanges) {
    if (!matched.has(key) && !inactive.has(idKey(change.initiative)))
      problems.push(
        `No Impacts row has initiative ${change.initiative} and KPI ${change.kpi}; the confidence in the scenario was left out.`,
      );
  }

  return {
    plan: { ...plan, initiatives, bets },
    // Left out when empty, so that the bridge computes no ID key per row for nothing.
    bridgeInputs: { ...(inactive.size > 0 && { inactiveInitiatives: inactive }), ...(confidence.size > 0 && { confidence }) },
    lines,
    problems,
  };
}
