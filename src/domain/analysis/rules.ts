/**
 * The plan-level rules: what does not trace, what is referenced but does not exist, what lacks
 * data, which handshakes are missing and where the budget does not follow the priorities. Each
 * finding names the cell a planner should change.
 */
import { boundedList } from "../common/boundedText";
import { cellAddress, parseRangeAddress, quoteSheetName } from "../common/cells";
import { ASPECTS, HANDSHAKES, sheetSpec, type SheetKey } from "../plan/contract";
import type { Alignment } from "./alignment";
import type { FindingSink } from "../plan/rowReader";
import type { Bet, Initiative, Plan, Severity, Source } from "../plan/model";
import type { HandshakeStatus, KpiGap } from "./result";
import type { TraceIndex } from "./trace";
import { cellOf } from "../plan/sourceCell";
import { hasId, idKey, NUMBER_LIMIT } from "../common/values";
import { percentNumber, percentOf } from "../common/units";

const money = (amount: number) => Math.round(amount).toLocaleString("en-US");
/** IDs in a finding: a bounded number of them and a count of the rest, so that a message stays readable. */
const quoteList = (ids: readonly string[]) => boundedList(ids);

function knownKeys(plan: Plan, sheet: SheetKey): Set<string> {
  const records: readonly { id: string }[] =
    sheet === "bets"
      ? plan.bets
      : sheet === "kpis"
        ? plan.kpis
        : sheet === "personas"
          ? plan.personas
          : sheet === "moments"
            ? plan.moments
            : plan.initiatives;
  return new Set(records.map((r) => idKey(r.id)));
}

/** The ID-list columns through which one sheet names the items of another; each is a record property of that name. */
type ReferenceColumn = "betIds" | "kpiIds" | "personaIds" | "motIds";

interface Reference {
  readonly from: SheetKey;
  readonly column: ReferenceColumn;
  readonly to: SheetKey;
}

const REFERENCES: readonly Reference[] = [
  { from: "personas", column: "betIds", to: "bets" },
  { from: "kpis", column: "betIds", to: "bets" },
  { from: "initiatives", column: "betIds", to: "bets" },
  { from: "initiatives", column: "kpiIds", to: "kpis" },
  { from: "initiatives", column: "personaIds", to: "personas" },
  { from: "initiatives", column: "motIds", to: "moments" },
  { from: "moments", column: "personaIds", to: "personas" },
  { from: "moments", column: "betIds", to: "bets" },
  { from: "moments", column: "kpiIds", to: "kpis" },
  { from: "collaboration", column: "betIds", to: "bets" },
];

/** A record that names other sheets' IDs; it is labelled by its ID, or by its function on Collaboration. */
type Referencing = { readonly source: Source; readonly id?: string; readonly function?: string } & {
  readonly [C in ReferenceColumn]?: readonly string[];
};

/** The records are read in place rather than copied: on a large plan the copies cost more than the check. */
function referencingRecords(plan: Plan, sheet: SheetKey): readonly Referencing[] {
  switch (sheet) {
    case "personas":
      return plan.personas;
    case "kpis":
      return plan.kpis;
    case "initiatives":
      return plan.initiatives;
    case "moments":
      return plan.moments;
    case "collaboration":
      return plan.collaboration;
    default:
      return [];
  }
}

/**
 * Only checked when the referenced sheet is present: without it every ID would be "unknown".
 * Each referencing record is visited once for all its reference columns, which on a large plan
 * costs a quarter of the memory traffic of a pass per column; the findings are sorted afterwards,
 * so the order of this walk does not show in the result.
 */
export function checkReferences(plan: Plan, sink: FindingSink): void {
  const knownBySheet = new Map<SheetKey, Set<string>>();
  const bySource = new Map<SheetKey, { ref: Reference; known: Set<string>; target: string }[]>();
  for (const ref of REFERENCES) {
    if (!plan.present[ref.to] || !plan.present[ref.from]) continue;
    let known = knownBySheet.get(ref.to);
    if (!known) knownBySheet.set(ref.to, (known = knownKeys(plan, ref.to)));
    let checks = bySource.get(ref.from);
    if (!checks) bySource.set(ref.from, (checks = []));
    checks.push({ ref, known, target: sheetSpec(ref.to).label });
  }
  for (const [from, checks] of bySource) {
    for (const record of referencingRecords(plan, from)) {
      for (const { ref, known, target } of checks) {
        const ids = record[ref.column];
        if (!ids) continue;
        // Most references resolve: the list of unknown IDs is only made for the few that do not.
        let unknown: string[] | undefined;
        for (const id of ids) if (!hasId(known, id)) (unknown ??= []).push(id);
        if (!unknown) continue;
        const plural = unknown.length > 1;
        sink.add(
          "warning",
          "UNKNOWN_REFERENCE",
          record.source.sheet,
          cellOf(record.source, ref.column),
          record.id ?? record.function ?? "",
          `${quoteList(unknown)} ${plural ? "are" : "is"} not ${plural ? "IDs" : "an ID"} on the ${target} sheet; correct the ${plural ? "IDs" : "ID"} or add ${plural ? "them" : "it"} to ${target}.`,
        );
      }
    }
  }
}

export function checkTraceability(plan: Plan, index: TraceIndex, alignment: Alignment, sink: FindingSink): void {
  const { initiativeBetKeys } = alignment.flow;
  plan.initiatives.forEach((initiative, i) => {
    if ((initiativeBetKeys[i] ?? index.betKeys(initiative)).length > 0) return;
    const budget = initiative.budget ? ` Its budget of ${money(initiative.budget)} serves no strategic bet.` : "";
    sink.add(
      "warning",
      "INITIATIVE_UNTRACED",
      initiative.source.sheet,
      cellOf(initiative.source, "betIds"),
      initiative.id,
      `Initiative ${initiative.id} traces to no strategic bet.${budget} Name a bet in Bet IDs, or a KPI that names one in KPI IDs.`,
    );
  });
  for (const kpi of plan.kpis) {
    if (index.betKeys(kpi).length > 0) continue;
    sink.add(
      "warning",
      "KPI_NO_BET",
      kpi.source.sheet,
      cellOf(kpi.source, "betIds"),
      kpi.id,
      `KPI ${kpi.id} names no strategic bet; enter the bet it measures in Bet IDs.`,
    );
  }
  for (const moment of plan.moments) {
    if (moment.priority !== "High" || index.betKeys(moment).length > 0) continue;
    sink.add(
      "warning",
      "MOT_UNTRACED",
      moment.source.sheet,
      cellOf(moment.source, "betIds"),
      moment.id,
      `High-priority Moment of Truth ${moment.id} traces to no strategic bet; name a bet in Bet IDs or a KPI in KPI IDs.`,
    );
  }
  const byKey = new Map(alignment.bets.map((b) => [idKey(b.betId), b]));
  for (const bet of plan.bets) {
    const aligned = byKey.get(idKey(bet.id));
    if (!aligned) continue;
    if (aligned.kpiIds.length === 0) {
      sink.add(
        "warning",
        "BET_NO_KPI",
        bet.source.sheet,
        cellOf(bet.source, "id"),
        bet.id,
        `Strategic bet ${bet.id} has no KPI; add a KPI on the KPIs sheet whose Bet IDs name ${bet.id}.`,
      );
    }
    if (plan.present.initiatives && aligned.initiativeIds.length === 0) {
      sink.add(
        "warning",
        "BET_NO_INITIATIVE",
        bet.source.sheet,
        cellOf(bet.source, "id"),
        bet.id,
        `No initiative traces to strategic bet ${bet.id}; name it in an initiative's Bet IDs, or fund a KPI that names it.`,
      );
    }
    const missing = ASPECTS.filter((a) => !aligned.aspects[a]);
    if (missing.length > 0) {
      sink.add(
        "info",
        "BET_ASPECTS_MISSING",
        bet.source.sheet,
        cellOf(bet.source, "id"),
        bet.id,
        `Strategic bet ${bet.id} covers ${6 - missing.length} of the six alignment aspects; missing: ${missing.join(", ")}.`,
      );
    }
  }
}

export function checkKpiData(plan: Plan, gaps: readonly KpiGap[], sink: FindingSink): void {
  plan.kpis.forEach((kpi, i) => {
    // An unknown figure is reported on its own cell; it is not missing data.
    if (kpi.actual !== undefined || kpi.forecast !== undefined || gaps[i]?.status !== "No data" || gaps[i]?.unknown) return;
    sink.add(
      "warning",
      "KPI_NO_DATA",
      kpi.source.sheet,
      cellOf(kpi.source, "actual"),
      kpi.id,
      `KPI ${kpi.id} has no actual and no forecast, so its gap cannot be measured; enter the latest actual.`,
    );
  });
}

export function checkBudget(plan: Plan, alignment: Alignment, allocationThreshold: number, sink: FindingSink): void {
  const { flow } = alignment;
  if (!plan.present.initiatives) return;
  if (plan.initiatives.length > 0 && flow.totalBudget === 0) {
    const first = plan.initiatives[0];
    sink.add(
      "info",
      "NO_BUDGET",
      first.source.sheet,
      cellOf(first.source, "budget"),
      "",
      "No initiative has a budget, so budget shares cannot be compared with the bets' weights; fill in the Budget column.",
    );
    return;
  }
  const weighted = plan.bets.some((b) => b.weight !== undefined);
  // The first bet of each key, as a search from the top would find it, without a search per bet.
  const records = new Map<string, Bet>();
  for (const b of plan.bets) {
    const key = idKey(b.id);
    if (!records.has(key)) records.set(key, b);
  }
  for (const bet of alignment.bets) {
    const record = records.get(idKey(bet.betId));
    if (!record) continue;
    // An unknown weight is there, only not known: its cell has a finding of its own.
    if (weighted && record.weight === undefined && !record.weightUnknown) {
      sink.add(
        "info",
        "BET_NO_WEIGHT",
        record.source.sheet,
        cellOf(record.source, "weight"),
        bet.betId,
        `Strategic bet ${bet.betId} has no weight while others do, so its budget share is not compared with a priority; enter its weight.`,
      );
    }
    if (!bet.allocationFlag || bet.allocationGapPoints === undefined || bet.budgetShare === undefined || bet.normalizedWeight === undefined)
      continue;
    const over = bet.allocationGapPoints > 0;
    const share = percentOf(bet.budgetShare, { decimals: 1 });
    const weight = percentOf(bet.normalizedWeight, { decimals: 1 });
    const points = Math.abs(bet.allocationGapPoints).toFixed(1);
    sink.add(
      "warning",
      "ALLOCATION_GAP",
      record.source.sheet,
      cellOf(record.source, "weight"),
      bet.betId,
      `Strategic bet ${bet.betId} gets ${share} of the budget against a weight of ${weight}: ${points} points ${over ? "more" : "less"} than its priority (threshold ${percentNumber(allocationThreshold)} points). ${over ? "Move budget to under-funded bets or raise its weight." : "Fund initiatives for it or lower its weight."}`,
    );
  }
}

export function checkUntracedBudget(plan: Plan, index: TraceIndex, alignment: Alignment, sink: FindingSink): void {
  const { untracedBudget, totalBudget } = alignment.flow;
  // With an unknown budget among them the sum is unknown: the unknown cell is reported instead.
  if (untracedBudget === undefined || totalBudget === undefined || untracedBudget <= 0) return;
  const { initiativeBetKeys } = alignment.flow;
  const untraced = plan.initiatives.filter(
    (initiative, i) => (initiative.budget ?? 0) > 0 && (initiativeBetKeys[i] ?? index.betKeys(initiative)).length === 0,
  );
  const first = untraced[0];
  const share = percentOf(untracedBudget / totalBudget, { decimals: 1 });
  sink.add(
    "warning",
    "UNTRACED_BUDGET",
    first.source.sheet,
    cellOf(first.source, "budget"),
    "",
    `${money(untracedBudget)} (${share} of the initiatives' budget) goes to initiatives that trace to no strategic bet: ${quoteList(untraced.map((i) => i.id))}. Link them to a bet or move the money.`,
  );
}

export function handshakeStatuses(plan: Plan): HandshakeStatus[] | undefined {
  if (!plan.present.collaboration) return undefined;
  return HANDSHAKES.map(({ handshake, required }) => {
    const functions = plan.collaboration.filter((c) => c.handshake === handshake).map((c) => c.function);
    return { handshake, required, present: functions.length > 0, functions: [...new Set(functions)] };
  });
}

/** The first free row under the Collaboration table, in its Handshake column: where to add one. */
function nextHandshakeCell(plan: Plan): { sheet: string; cell: string } {
  const report = plan.sheets.find((s) => s.key === "collaboration");
  const sheet = report?.sheetName ?? sheetSpec("collaboration").label;
  const last = plan.collaboration[plan.collaboration.length - 1];
  if (last) return { sheet, cell: cellAddress(last.source.row + 1, last.source.columns.handshake ?? last.source.columns.function ?? 0) };
  const header = report?.headerRange ? parseRangeAddress(report.headerRange) : undefined;
  return { sheet, cell: header ? cellAddress(header.top + 1, header.left) : "A2" };
}

export function checkHandshakes(plan: Plan, statuses: readonly HandshakeStatus[] | undefined, sink: FindingSink): void {
  if (!statuses) return;
  const { sheet, cell } = nextHandshakeCell(plan);
  for (const status of statuses) {
    if (status.present) continue;
    const severity: Severity = status.required ? "warning" : "info";
    const why = status.required
      ? "one of the four handshakes general management and CVM must have"
      : "recommended so that CVM work follows the company's big initiatives";
    sink.add(
      severity,
      status.required ? "HANDSHAKE_MISSING" : "HANDSHAKE_RECOMMENDED",
      sheet,
      cell,
      status.handshake,
      `The Collaboration sheet has no "${status.handshake}" handshake (${why}); add a row with the function that owns it.`,
    );
  }
}

/** The first record at which the running sum of `amount` is no longer finite. */
function firstPastLimit<T>(records: readonly T[], amount: (record: T) => number): T | undefined {
  let sum = 0;
  for (const record of records) {
    sum += amount(record);
    if (!Number.isFinite(sum)) return record;
  }
  return undefined;
}

/** "Initiatives!I4:I21": one column of the records, from the first one's row to the last one's. */
function columnRange(records: readonly { readonly source: Source }[], key: string): string {
  const first = records[0].source;
  const last = records[records.length - 1].source;
  return `${quoteSheetName(first.sheet)}!${cellOf(first, key)}:${cellOf(last, key)}`;
}

const SLIP = "check them for a slip (an exponent such as e308)";

/**
 * Sums past what a number holds (weights or budgets of 1e308 added up): such a sum is no figure,
 * so the figures made of it are unknown (alignment.ts); each is said here with the cells summed.
 */
export function checkSums(plan: Plan, alignment: Alignment, sink: FindingSink): void {
  const { flow } = alignment;
  const overflowAt = alignment.weightsOverflow ? firstPastLimit(plan.bets, (bet) => bet.weight ?? 0) : undefined;
  if (overflowAt) {
    sink.add(
      "error",
      "NUMBER_TOO_LARGE",
      overflowAt.source.sheet,
      cellOf(overflowAt.source, "weight"),
      "",
      `The bets' weights (${columnRange(plan.bets, "weight")}) add up beyond ${NUMBER_LIMIT}, so they cannot be made shares: the alignment score and every bet's weight share and allocation are unknown; ${SLIP}.`,
    );
  }
  const budget = (initiative: Initiative) => initiative.budget ?? 0;
  const totalAt = flow.overflow.total ? firstPastLimit(plan.initiatives, budget) : undefined;
  if (totalAt) {
    sink.add(
      "error",
      "NUMBER_TOO_LARGE",
      totalAt.source.sheet,
      cellOf(totalAt.source, "budget"),
      "",
      `The initiatives' budgets (${columnRange(plan.initiatives, "budget")}) add up beyond ${NUMBER_LIMIT}, so the total budget and every bet's budget share are unknown; ${SLIP}.`,
    );
  }
  if (flow.overflow.bets.size > 0) checkBetSums(plan, flow, sink);
}

/** Each bet whose budget (its initiatives' shares of their budgets) adds up past the limit. */
function checkBetSums(plan: Plan, flow: Alignment["flow"], sink: FindingSink): void {
  // Each initiative gives a bet its share of its budget, as budgetFlow adds them up.
  const funding = new Map<string, { initiative: Initiative; share: number }[]>();
  plan.initiatives.forEach((initiative, i) => {
    const bets = flow.initiativeBetKeys[i] ?? [];
    for (const key of bets) {
      if (!flow.overflow.bets.has(key)) continue;
      let list = funding.get(key);
      if (!list) funding.set(key, (list = []));
      list.push({ initiative, share: (initiative.budget ?? 0) / bets.length });
    }
  });
  const records = new Map<string, Bet>();
  for (const bet of plan.bets) if (!records.has(idKey(bet.id))) records.set(idKey(bet.id), bet);
  for (const [key, shares] of funding) {
    const bet = records.get(key);
    const at = (firstPastLimit(shares, (s) => s.share) ?? shares[0]).initiative;
    if (!bet) continue;
    const cells = shares.map((s) => cellOf(s.initiative.source, "budget"));
    sink.add(
      "error",
      "NUMBER_TOO_LARGE",
      at.source.sheet,
      cellOf(at.source, "budget"),
      bet.id,
      `The budgets of the initiatives that trace to strategic bet ${bet.id} (${quoteSheetName(at.source.sheet)}!${boundedList(cells)}) add up beyond ${NUMBER_LIMIT}, so its budget and budget share are unknown; ${SLIP}.`,
    );
  }
}
