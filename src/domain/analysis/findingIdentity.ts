/**
 * When two findings are the same finding. There are two purposes, and so two rules, each named
 * for its purpose:
 * - across reviews, the plan edited in between (rows added, moved, deleted): the same rule about
 *   the same item, whatever its cell; a finding about no item (a missing sheet or handshake) by
 *   its rule and sheet. IDs compare as the plan's IDs do, without case or surrounding spaces.
 * - within one plan, the plan beside a what-if on it (the same cells): the same rule at the same
 *   cell about the same item; its figures, in its message, may move.
 */
import type { Finding } from "../plan/model";

const SEPARATOR = "\u0000";

/** Identifies a finding across two reviews of a plan (the "since last review" comparison). */
export function findingIdentityAcrossReviews(finding: Finding): string {
  const about = finding.itemId ? `item:${finding.itemId.trim().toUpperCase()}` : `sheet:${finding.sheet}`;
  return `${finding.rule}${SEPARATOR}${about}`;
}

/** Identifies a finding within one plan's cells (the plan beside a what-if on it). */
export function findingIdentityWithinPlan(finding: Finding): string {
  return [finding.rule, finding.sheet, finding.cell, finding.itemId].join(SEPARATOR);
}
