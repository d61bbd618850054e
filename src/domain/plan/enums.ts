/**
 * The contract's closed vocabularies (category, direction, priority, handshake), read leniently:
 * case, spacing and a few common synonyms do not matter.
 */
import { HANDSHAKES, KPI_CATEGORIES, normalizeName, type Direction, type Handshake, type KpiCategory, type Priority } from "./contract";

function lookup<T>(table: Readonly<Record<string, T>>, text: string): T | undefined {
  const key = normalizeName(text);
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const CATEGORY_ALIASES: Readonly<Record<string, KpiCategory>> = {
  ...Object.fromEntries(KPI_CATEGORIES.map((c) => [normalizeName(c), c])),
  base: "Customer base",
  revenues: "Revenue",
  experience: "Customer experience",
  cx: "Customer experience",
  cost: "Costs",
  internalprocess: "Internal processes",
  processes: "Internal processes",
};

export function readCategory(text: string): KpiCategory | undefined {
  return lookup(CATEGORY_ALIASES, text);
}

const DIRECTION_ALIASES: Readonly<Record<string, Direction>> = {
  higherisbetter: "higher",
  higher: "higher",
  up: "higher",
  increase: "higher",
  lowerisbetter: "lower",
  lower: "lower",
  down: "lower",
  decrease: "lower",
};

export function readDirection(text: string): Direction | undefined {
  return lookup(DIRECTION_ALIASES, text);
}

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  higher: "Higher is better",
  lower: "Lower is better",
};

const PRIORITY_ALIASES: Readonly<Record<string, Priority>> = {
  high: "High",
  h: "High",
  medium: "Medium",
  med: "Medium",
  m: "Medium",
  low: "Low",
  l: "Low",
};

export function readPriority(text: string): Priority | undefined {
  return lookup(PRIORITY_ALIASES, text);
}

const HANDSHAKE_ALIASES: Readonly<Record<string, Handshake>> = {
  ...Object.fromEntries(HANDSHAKES.map((h) => [normalizeName(h.handshake), h.handshake])),
  strategicdirectionandpriorities: "Strategic direction",
  direction: "Strategic direction",
  priorities: "Strategic direction",
  kpi: "KPIs",
  cvmkpis: "KPIs",
  resources: "Resource allocation",
  budget: "Resource allocation",
  budgetallocation: "Resource allocation",
  insights: "Customer insights",
  customerinsight: "Customer insights",
  initiatives: "Strategic initiatives",
};

export function readHandshake(text: string): Handshake | undefined {
  return lookup(HANDSHAKE_ALIASES, text);
}

const AGGREGATION_ALIASES: Readonly<Record<string, "Level" | "Sum">> = {
  level: "Level",
  balance: "Level",
  sum: "Sum",
  total: "Sum",
  cumulative: "Sum",
  flow: "Sum",
};

/** The KPIs' Aggregation column: Level (a value at a point in time) or Sum (a total over the target year). */
export function readAggregation(text: string): "Level" | "Sum" | undefined {
  return lookup(AGGREGATION_ALIASES, text);
}
