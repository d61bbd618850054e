/**
 * Synthetic plans of any size for the benchmarks: n initiatives, with bets, KPIs, personas and
 * Moments of Truth in proportion, and two impact rows per initiative (200,000 at 100,000
 * initiatives), written as header + rows like the contract's tables.
 */
import { BET_HEADER, INITIATIVE_HEADER, KPI_HEADER, MOT_HEADER, PERSONA_HEADER } from "./sheets";
export type Row = (string | number | null)[];

export interface SyntheticPlan {
  readonly bets: Row[];
  readonly personas: Row[];
  readonly kpis: Row[];
  readonly initiatives: Row[];
  readonly impacts: Row[];
  readonly moments: Row[];
  readonly collaboration: Row[];
}

/** A small deterministic generator, so that every run measures the same plan. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface SyntheticOptions {
  /** With the Impacts sheet (two rows per initiative); without, the plan of the issues before it. */
  readonly impacts?: boolean;
}

export function syntheticPlan(initiativeCount: number, seed = 42, { impacts: withImpacts = true }: SyntheticOptions = {}): SyntheticPlan {
  const rnd = random(seed);
  const pick = (n: number) => Math.floor(rnd() * n) + 1;
  const betCount = Math.max(5, Math.round(initiativeCount / 200));
  const kpiCount = Math.max(12, Math.round(initiativeCount / 10));
  const personaCount = Math.max(4, Math.round(initiativeCount / 100));
  const momentCount = Math.max(8, Math.round(initiativeCount / 20));
  const categories = ["Customer base", "Revenue", "Customer experience", "Costs", "Internal processes"];
  const bets: Row[] = [[...BET_HEADER]];
  for (let b = 1; b <= betCount; b++)
    bets.push([`B${b}`, `Strategic bet ${b}`, `Pillar ${b % 4}`, b % 3 ? `Objective ${b}` : "", "", 1 + (b % 5), "CEO"]);
  const personas: Row[] = [[...PERSONA_HEADER]];
  for (let p = 1; p <= personaCount; p++)
    personas.push([`P${p}`, `Persona ${p}`, `Segment ${p % 6}`, p % 4 ? "Needs" : "", p % 3 ? "Competitor" : "", `B${pick(betCount)}`]);
  const kpis: Row[] = [[...KPI_HEADER]];
  for (let k = 1; k <= kpiCount; k++) {
    const lower = k % 4 === 0;
    const baseline = 100;
    const target = lower ? 80 : 120;
    const actual = k % 17 === 0 ? null : baseline + (target - baseline) * rnd() * 1.1;
    kpis.push([
      `K${k}`,
      `KPI ${k}`,
      categories[k % 5],
      k % 23 === 0 ? "" : `B${pick(betCount)}`,
      "pts",
      lower ? "Lower is better" : "Higher is better",
      baseline,
      target,
      actual,
      null,
      "FY2026",
      "CVM",
    ]);
  }
  const initiatives: Row[] = [[...INITIATIVE_HEADER]];
  for (let i = 1; i <= initiativeCount; i++) {
    const direct = i % 3 !== 0;
    initiatives.push([
      `I${i}`,
      `Initiative ${i}`,
      "Retention",
      direct ? `B${pick(betCount)}` : "",
      i % 29 === 0 ? "" : `K${pick(kpiCount)}; K${pick(kpiCount)}`,
      `P${pick(personaCount)}`,
      `M${pick(momentCount)}`,
      "CVM",
      10_000 + Math.round(rnd() * 990_000),
      "",
      46023,
      46387,
      "Running",
    ]);
  }
  const moments: Row[] = [[...MOT_HEADER]];
  for (let m = 1; m <= momentCount; m++)
    moments.push([
      `M${m}`,
      `Moment ${m}`,
      "Use",
      `P${pick(personaCount)}`,
      ["High", "Medium", "Low"][m % 3],
      m % 7 ? `B${pick(betCount)}` : "",
      `K${pick(kpiCount)}`,
    ]);
  const collaboration: Row[] = [
    ["Function", "Handshake", "Cadence", "Owner", "Bet IDs"],
    ["CEO office", "Strategic direction", "Quarterly", "CEO", "B1"],
    ["Finance", "Resource allocation", "Quarterly", "CFO", ""],
    ["BI", "KPIs", "Monthly", "CDO", ""],
  ];
  // Drawn last, so that the other sheets are the ones measured before the Impacts sheet existed.
  const impacts: Row[] = withImpacts ? [["Initiative ID", "KPI ID", "Impact", "Confidence", "Note"]] : [];
  for (let i = 1; withImpacts && i <= initiativeCount; i++) {
    const named = String(initiatives[i][4]).split("; ").filter(Boolean);
    for (let r = 0; r < 2; r++) {
      // One row in fifty names a KPI the initiative does not: the "not linked" rule has work to do.
      const kpi = named.length === 0 || rnd() < 0.02 ? `K${pick(kpiCount)}` : named[r % named.length];
      const confidence = rnd() < 0.3 ? null : Math.round(50 + rnd() * 50) / 100;
      // Mostly towards the KPI's target (K4, K8, … are lower-is-better); one in twenty the wrong way.
      const towards = Number(kpi.slice(1)) % 4 === 0 ? -1 : 1;
      const sign = rnd() < 0.05 ? -towards : towards;
      impacts.push([`I${i}`, kpi, (sign * Math.round(1 + rnd() * 40)) / 100, confidence, ""]);
    }
  }
  return { bets, personas, kpis, initiatives, impacts, moments, collaboration };
}
