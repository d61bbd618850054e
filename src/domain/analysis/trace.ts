/**
 * Traceability: an item reaches a strategic bet through its own Bet IDs or through the Bet IDs of
 * the KPIs it names. IDs compare without case and surrounding spaces, as planners type them.
 */
import type { Bet, Initiative, Kpi, MomentOfTruth, Persona, Plan } from "../plan/model";
import { DistinctKeys, getById, idKey, keyIn } from "../common/values";

export type TraceKind = "bet" | "kpi" | "initiative" | "moment" | "persona";

export interface TraceNode {
  readonly kind: TraceKind;
  readonly id: string;
  readonly name: string;
}

/** From the item to a bet, both ends included. */
export type TracePath = readonly TraceNode[];

/** Anything that may name bets and KPIs. */
export interface Traceable {
  readonly betIds: readonly string[];
  readonly kpiIds?: readonly string[];
}

function byKey<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records) {
    const key = idKey(record.id);
    if (!map.has(key)) map.set(key, record);
  }
  return map;
}

const betNode = (bet: Bet): TraceNode => ({ kind: "bet", id: bet.id, name: bet.statement });
const kpiNode = (kpi: Kpi): TraceNode => ({ kind: "kpi", id: kpi.id, name: kpi.name });

export class TraceIndex {
  readonly bets: ReadonlyMap<string, Bet>;
  readonly kpis: ReadonlyMap<string, Kpi>;
  // Only a search by ID (find) needs these; the gap analysis never does, so they are built on first use.
  private initiativeMap?: ReadonlyMap<string, Initiative>;
  private momentMap?: ReadonlyMap<string, MomentOfTruth>;
  private personaMap?: ReadonlyMap<string, Persona>;
  /**
   * The known bet keys each KPI names, by KPI key: an initiative reaches bets through its KPIs,
   * and a large plan has many initiatives per KPI, so each KPI's bets are resolved once.
   */
  private readonly kpiBetKeys = new Map<string, readonly string[]>();

  constructor(private readonly plan: Plan) {
    this.bets = byKey(plan.bets);
    this.kpis = byKey(plan.kpis);
    for (const [key, kpi] of this.kpis) {
      const keys: string[] = [];
      for (const betId of kpi.betIds) {
        const bet = keyIn(this.bets, betId);
        if (bet !== undefined) keys.push(bet);
      }
      this.kpiBetKeys.set(key, keys);
    }
  }

  get initiatives(): ReadonlyMap<string, Initiative> {
    return (this.initiativeMap ??= byKey(this.plan.initiatives));
  }

  get moments(): ReadonlyMap<string, MomentOfTruth> {
    return (this.momentMap ??= byKey(this.plan.moments));
  }

  get personas(): ReadonlyMap<string, Persona> {
    return (this.personaMap ??= byKey(this.plan.personas));
  }

  bet(id: string): Bet | undefined {
    return getById(this.bets, id);
  }

  kpi(id: string): Kpi | undefined {
    return getById(this.kpis, id);
  }

  /** Every path from `start` to a known bet, direct paths first, without repeats. */
  paths(start: TraceNode, item: Traceable): TracePath[] {
    const paths: TracePath[] = [];
    const seen = new Set<string>();
    const add = (path: TracePath) => {
      const key = path.map((n) => `${n.kind}:${idKey(n.id)}`).join(">");
      if (!seen.has(key)) {
        seen.add(key);
        paths.push(path);
      }
    };
    for (const betId of item.betIds) {
      const bet = this.bet(betId);
      if (bet) add([start, betNode(bet)]);
    }
    for (const kpiId of item.kpiIds ?? []) {
      const kpi = this.kpi(kpiId);
      if (!kpi || (start.kind === "kpi" && idKey(kpi.id) === idKey(start.id))) continue;
      for (const betId of kpi.betIds) {
        const bet = this.bet(betId);
        if (bet) add([start, kpiNode(kpi), betNode(bet)]);
      }
    }
    return paths;
  }

  /** The distinct bets an item traces to, as their canonical keys, in first-seen order. */
  betKeys(item: Traceable): string[] {
    const keys = new DistinctKeys();
    for (const betId of item.betIds) {
      const key = keyIn(this.bets, betId);
      if (key !== undefined) keys.add(key);
    }
    if (item.kpiIds) {
      for (const kpiId of item.kpiIds) {
        const viaKpi = getById(this.kpiBetKeys, kpiId);
        if (viaKpi) for (const key of viaKpi) keys.add(key);
      }
    }
    return keys.fitted();
  }

  /**
   * Finds an ID among the plan's items, initiatives first: a workbook may reuse one ID in two
   * sheets, and initiatives are what planners trace most.
   */
  find(id: string): { node: TraceNode; item: Traceable } | undefined {
    const key = idKey(id);
    const initiative = this.initiatives.get(key);
    if (initiative) return { node: { kind: "initiative", id: initiative.id, name: initiative.name }, item: initiative };
    const moment = this.moments.get(key);
    if (moment) return { node: { kind: "moment", id: moment.id, name: moment.name }, item: moment };
    const kpi = this.kpis.get(key);
    if (kpi) return { node: kpiNode(kpi), item: kpi };
    const persona = this.personas.get(key);
    if (persona) return { node: { kind: "persona", id: persona.id, name: persona.name }, item: persona };
    const bet = this.bets.get(key);
    if (bet) return { node: betNode(bet), item: { betIds: [bet.id] } };
    return undefined;
  }

  /** Paths for an ID of any kind; a bet traces to itself as a one-hop path. */
  pathsFor(id: string): TracePath[] | undefined {
    const found = this.find(id);
    if (!found) return undefined;
    if (found.node.kind === "bet") return [[found.node]];
    return this.paths(found.node, found.item);
  }
}
