/**
 * Each finding's rule in plain English, for the task pane and anyone else who shows findings to a
 * planner. The codes stay the stable identifiers (the report and --json carry them); these labels
 * are what a person reads. The map is typed over RuleCode, so a new rule without a label does not
 * compile.
 */
import type { RuleCode } from "../plan/model";

export const RULE_LABELS: { readonly [code in RuleCode]: string } = {
  MISSING_SHEET: "Sheet missing",
  UNCLEAR_SHEET: "Not sure which sheet holds this part",
  MISSING_COLUMN: "Column missing",
  EMPTY_SHEET: "Sheet has no rows",
  DUPLICATE_ID: "ID used twice",
  MISSING_VALUE: "Value missing",
  BAD_NUMBER: "Not a number",
  NUMBER_CONVENTION: "Number may be typed in another convention",
  NUMBER_TOO_LARGE: "Number too large",
  BAD_VALUE: "Value not accepted",
  ERROR_VALUE: "Cell holds an error",
  UNCOMPUTED_FORMULA: "Formula not computed",
  UNKNOWN_REFERENCE: "Unknown ID",
  INITIATIVE_UNTRACED: "Initiative traces to no bet",
  BET_NO_KPI: "Bet without a KPI",
  BET_NO_INITIATIVE: "Bet without an initiative",
  BET_ASPECTS_MISSING: "Bet misses alignment aspects",
  BET_NO_WEIGHT: "Bet without a weight",
  KPI_NO_BET: "KPI names no bet",
  KPI_NO_DATA: "KPI without data",
  MOT_UNTRACED: "Key Moment of Truth traces to no bet",
  HANDSHAKE_MISSING: "GM–CVM handshake missing",
  HANDSHAKE_RECOMMENDED: "GM–CVM handshake recommended",
  ALLOCATION_GAP: "Budget off the bet's weight",
  BRIDGE_NOT_ADDRESSED: "KPI gap not addressed",
  BRIDGE_PARTLY_CLOSED: "KPI gap partly closed",
  IMPACT_WRONG_DIRECTION: "Impact moves away from the target",
  IMPACT_ON_TRACK_KPI: "Impact on a KPI on track",
  IMPACT_NOT_LINKED: "Initiative does not name the KPI it moves",
  UNTRACED_BUDGET: "Budget traces to no bet",
  NO_BUDGET: "No budgets",
  SERIES_UNKNOWN_KPI: "Series names an unknown KPI",
  SERIES_BAD_PERIOD: "Series period not readable",
  SERIES_DUPLICATE: "Two values for one month",
  SERIES_ACTUAL_DIFFERS: "Actual differs from the latest month",
  SERIES_NO_PERIOD: "KPI with a series but no due period",
  SERIES_STALE: "Series stops early",
  TREND_WORSE_THAN_TODAY: "Trend ends worse than today",
  TREND_BEHIND_NO_IMPACTS: "Trend misses the target, nothing planned",
};

export function ruleLabel(code: RuleCode): string {
  return RULE_LABELS[code];
}
