import { evaluateKpi, kpiAttainment, kpiGap, kpiProgress, kpiStatus } from "../../src/domain/analysis/kpi";

describe("KPI gap", () => {
  it("is positive when behind for higher-is-better", () => {
    expect(kpiGap(80, 100, "higher")).toBe(20);
    expect(kpiGap(120, 100, "higher")).toBe(-20);
  });
  it("is positive when behind for lower-is-better", () => {
    expect(kpiGap(0.02, 0.015, "lower")).toBeCloseTo(0.005, 12);
    expect(kpiGap(0.01, 0.015, "lower")).toBeCloseTo(-0.005, 12);
  });
});

describe("KPI attainment", () => {
  it("divides value by target, or target by value when lower is better", () => {
    expect(kpiAttainment(90, 100, "higher")).toBeCloseTo(0.9);
    expect(kpiAttainment(0.02, 0.015, "lower")).toBeCloseTo(0.75);
  });
  it("is undefined when the division has no meaning", () => {
    expect(kpiAttainment(5, 0, "higher")).toBeUndefined();
    expect(kpiAttainment(0, 0.015, "lower")).toBeUndefined();
  });
});

describe("KPI progress", () => {
  it("measures the way from baseline to target in either direction", () => {
    expect(kpiProgress(150, 200, 100)).toBeCloseTo(0.5);
    expect(kpiProgress(0.0175, 0.015, 0.02)).toBeCloseTo(0.5);
  });
  it("is undefined without a baseline or when baseline equals target", () => {
    expect(kpiProgress(150, 200, undefined)).toBeUndefined();
    expect(kpiProgress(150, 200, 200)).toBeUndefined();
  });
});

describe("KPI status", () => {
  it("is On track when the target is met, in either direction", () => {
    expect(kpiStatus(100, 100, "higher", undefined, 0.1)).toBe("On track");
    expect(kpiStatus(0.014, 0.015, "lower", 0.02, 0.1)).toBe("On track");
  });
  it("judges At risk on progress when there is a baseline", () => {
    expect(kpiStatus(191, 200, "higher", 100, 0.1)).toBe("At risk");
    expect(kpiStatus(189, 200, "higher", 100, 0.1)).toBe("Off track");
    // 95% attainment but only 50% progress from the baseline of 190.
    expect(kpiStatus(195, 200, "higher", 190, 0.1)).toBe("Off track");
  });
  it("judges At risk on attainment without a baseline", () => {
    expect(kpiStatus(90, 100, "higher", undefined, 0.1)).toBe("At risk");
    expect(kpiStatus(89.9, 100, "higher", undefined, 0.1)).toBe("Off track");
    expect(kpiStatus(89.9, 100, "higher", undefined, 0.2)).toBe("At risk");
    expect(kpiStatus(0.0165, 0.015, "lower", undefined, 0.1)).toBe("At risk");
  });
  it("is No data without a value or a target", () => {
    expect(kpiStatus(undefined, 100, "higher", undefined, 0.1)).toBe("No data");
    expect(kpiStatus(50, undefined, "higher", undefined, 0.1)).toBe("No data");
  });
  it("is Off track when attainment is undefined and the target is missed", () => {
    expect(kpiStatus(-1, 0, "higher", undefined, 0.1)).toBe("Off track");
  });
});

describe("evaluateKpi", () => {
  it("uses the forecast ahead of the actual", () => {
    const e = evaluateKpi({ direction: "higher", baseline: 100, target: 200, actual: 120, forecast: 195 }, 0.1);
    expect(e.value).toBe(195);
    expect(e.gap).toBe(5);
    expect(e.attainment).toBeCloseTo(0.975);
    expect(e.progress).toBeCloseTo(0.95);
    expect(e.status).toBe("At risk");
  });
  it("leaves the figures blank when there is no value", () => {
    expect(evaluateKpi({ direction: "higher", target: 200 }, 0.1)).toEqual({ value: undefined, status: "No data" });
  });
});
