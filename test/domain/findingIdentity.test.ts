/**
 * When two findings are the same finding, one rule per purpose: across reviews (rows may move) and
 * within one plan (the plan beside a what-if on it).
 */
import { findingIdentityAcrossReviews, findingIdentityWithinPlan } from "../../src/domain/analysis/findingIdentity";
import type { Finding } from "../../src/domain/plan/model";

const finding = (change: Partial<Finding> = {}): Finding => ({
  severity: "warning",
  rule: "KPI_NO_BET",
  sheet: "KPIs",
  cell: "D4",
  itemId: "K2",
  message: "K2 traces to no strategic bet.",
  ...change,
});

describe("findingIdentityAcrossReviews", () => {
  it("matches the same rule about the same item wherever its row went, its ID without case or spaces", () => {
    const before = findingIdentityAcrossReviews(finding());
    expect(findingIdentityAcrossReviews(finding({ cell: "D9", itemId: " k2 ", message: "moved" }))).toBe(before);
    expect(findingIdentityAcrossReviews(finding({ itemId: "K3" }))).not.toBe(before);
    expect(findingIdentityAcrossReviews(finding({ rule: "KPI_NO_DATA" }))).not.toBe(before);
  });

  it("matches a finding about no item by its rule and sheet", () => {
    const missing = finding({ rule: "MISSING_SHEET", itemId: "", sheet: "Impacts", cell: "A1" });
    expect(findingIdentityAcrossReviews({ ...missing, cell: "B2" })).toBe(findingIdentityAcrossReviews(missing));
    expect(findingIdentityAcrossReviews({ ...missing, sheet: "Personas" })).not.toBe(findingIdentityAcrossReviews(missing));
  });
});

describe("findingIdentityWithinPlan", () => {
  it("matches the same rule at the same cell about the same item, whatever its figures say", () => {
    const plan = findingIdentityWithinPlan(finding());
    expect(findingIdentityWithinPlan(finding({ message: "other figures", severity: "info" }))).toBe(plan);
    expect(findingIdentityWithinPlan(finding({ cell: "D9" }))).not.toBe(plan);
    expect(findingIdentityWithinPlan(finding({ itemId: "k2" }))).not.toBe(plan);
  });
});
