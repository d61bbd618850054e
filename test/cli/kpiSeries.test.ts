/**
 * The command line on a plan with a KPI Series (issue 20): --json gives each KPI its `trend` and
 * `series`, and the summary names the KPIs whose trend misses the target. `npm run build:cli` first.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "cvm-gap.js");

interface JsonKpi {
  readonly kpiId: string;
  readonly trend: unknown;
  readonly series: unknown;
}

function analyze(fixture: string): { code: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-series-cli-"));
  try {
    const input = path.join(dir, path.basename(fixture));
    fs.copyFileSync(fixture, input);
    const result = spawnSync(process.execPath, [BIN, "analyze", input, "--out", path.join(dir, "out.xlsx"), "--json"], {
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the command line on a plan with a KPI Series", () => {
  const run = analyze(path.join(ROOT, "test/fixtures/series/series-long.xlsx"));

  it("gives each KPI its trend, or null, and its series as [month, value] pairs", () => {
    expect(run.code).toBe(0);
    const kpis = (JSON.parse(run.stdout) as { kpis: JsonKpi[] }).kpis;
    const byId = new Map(kpis.map((k) => [k.kpiId, k]));
    expect(byId.get("K3")?.trend).toEqual({ asOf: "2026-10", points: 4, periodsLeft: 2, projected: 29, status: "Off track" });
    expect(byId.get("K7")?.trend).toBeNull();
    expect(byId.get("K7")?.series).toEqual([
      ["2026-09", 4.1],
      ["2026-10", 4.2],
    ]);
  });

  it("names the KPIs whose trend misses the target in the summary", () => {
    const lines = run.stderr.split("\n");
    const at = lines.findIndex((line) => line.startsWith("Trends:"));
    expect(lines[at]).toBe("Trends: 3 of 5 KPIs with a trend miss their target:");
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "  K1 Mobile base: on trend 2,930 k subs, target 2,950 k subs (off track, as of 2026-10)",
      "  K2 Converged households: on trend 481.2 k households, target 520 k households (off track, as of 2026-10)",
      "  K3 NPS: on trend 29 points, target 30 points (off track, as of 2026-10)",
    ]);
  });
});

describe("the command line on a plan without a KPI Series", () => {
  it("gives every KPI a null trend and an empty series, and no Trends line", () => {
    const run = analyze(path.join(ROOT, "examples/cvm-sample-plan.xlsx"));
    expect(run.code).toBe(0);
    const kpis = (JSON.parse(run.stdout) as { kpis: JsonKpi[] }).kpis;
    expect(kpis.every((k) => k.trend === null && Array.isArray(k.series) && (k.series as unknown[]).length === 0)).toBe(true);
    expect(run.stderr).not.toContain("Trends:");
  });
});
