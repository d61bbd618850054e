/**
 * Loads the built functions bundle the way Excel's runtime does: a page context with a
 * CustomFunctions object whose associate() records the registrations, then checks them against
 * the generated functions.json and calls each function with Excel-shaped arguments.
 * Needs `npm run build` (the test command runs it first).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { ERROR_CODES, ShimError } from "../helpers/customFunctionsShim";
import * as functionsModule from "../../src/functions/functions";

const DIST = path.join(__dirname, "..", "..", "dist");

interface Parameter {
  name: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
  description?: string;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: Parameter[];
  result: { dimensionality?: string; type?: string };
}

function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first.`);
  return fs.readFileSync(full, "utf8");
}

const metadata = JSON.parse(readDist("functions.json")) as { functions: FunctionMetadata[] };
const associated = new Map<string, (...args: unknown[]) => unknown>();
const sandbox: Record<string, unknown> = {
  CustomFunctions: {
    Error: ShimError,
    ErrorCode: ERROR_CODES,
    associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
  },
  console,
};
// The page's global object: webpack's chunks find each other through `self`.
sandbox.self = sandbox;
const context = vm.createContext(sandbox);
// The shared webpack runtime first, then the functions chunk, as taskpane.html orders them.
for (const file of ["runtime.js", "functions.js"]) vm.runInContext(readDist(file), context, { filename: file });

/** One sample argument per parameter, as Excel passes it: ranges as 2-D arrays. */
const SAMPLE_ARGS: Readonly<Record<string, unknown>> = {
  revenue: [[1_740_000], [1_760_000]],
  margin: [[1_100_000], [1_120_000]],
  subscribers: [[100_000], [101_000]],
  lost: [[1500], [1450]],
  base: [[100_000], [100_500]],
  gross_adds: [[2000], [2100]],
  monthly_margin: 12,
  monthly_churn: 0.015,
  opening: 100_000,
  closing: 101_000,
  actual: [[95]],
  target: [[100]],
  target_result: 0.045,
  control_result: 0.03,
  target_hits: 200,
  target_size: 2000,
  control_hits: 150,
  control_size: 2000,
  id: "I1",
  bet_id: "B1",
};
const TABLES = [
  [["Bet ID", "Strategic Bet", "Weight"], ["B1", "Win the converged household", 1]],
  [["Initiative ID", "Initiative", "Bet IDs", "Budget"], ["I1", "Bundle offer", "B1", 1000]],
];

describe("functions.json from the build", () => {
  it("matches what the metadata generator makes of the source, without errors", async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(__dirname, "..", "..", "src", "functions", "functions.ts"));
    expect(generated.errors).toEqual([]);
    expect(JSON.parse(generated.metadataJson)).toEqual(metadata);
  });

  it("declares the thirteen CVM functions, each with a description, parameter help and a help URL", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(
      ["ALIGNMENT", "AMPU", "ARPU", "ATTAINMENT", "CHURN", "CLV", "GAP", "GROWTH", "NETADDS", "STATUS", "TRACE", "UPLIFT", "UPLIFTSIG"],
    );
    for (const f of metadata.functions) {
      expect(f.description.length).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id.toLowerCase()}`);
      for (const p of f.parameters) expect(`${f.id}.${p.name}: ${p.description ?? ""}`).toMatch(/: .{8,}/);
    }
  });

  it("covers every tagged function in the source module and nothing else", () => {
    const exported = Object.keys(functionsModule).filter((k) => k !== "planBuildCount");
    expect(exported).toHaveLength(metadata.functions.length);
  });
});

describe("the functions bundle loaded as Excel loads it", () => {
  it("associates every id of functions.json with a function of the declared arity", () => {
    expect([...associated.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    for (const f of metadata.functions) {
      const fixed = f.parameters.filter((p) => !p.repeating).length;
      expect([f.id, associated.get(f.id)?.length]).toEqual([f.id, fixed]);
    }
  });

  it.each(metadata.functions.map((f) => [f.id, f] as const))("%s answers Excel-shaped arguments with omitted optionals as null", (_, f) => {
    const args: unknown[] = [];
    for (const p of f.parameters) {
      if (p.repeating) args.push(...TABLES);
      else if (p.optional) args.push(null);
      else args.push(SAMPLE_ARGS[p.name]);
    }
    const result = associated.get(f.id)?.(...args);
    if (f.result.dimensionality === "matrix") {
      expect(Array.isArray(result) && Array.isArray((result as unknown[])[0])).toBe(true);
      const rows = result as unknown[][];
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    } else {
      expect(typeof result).toBe("number");
      expect(Number.isFinite(result)).toBe(true);
    }
  });

  it("gives the figures the source module gives", () => {
    const call = (id: string, ...args: unknown[]) => associated.get(id)?.(...args);
    expect(call("ARPU", SAMPLE_ARGS.revenue, SAMPLE_ARGS.subscribers, null)).toBeCloseTo(3_500_000 / 100_500 / 2, 10);
    expect(call("STATUS", [[95]], [[100]], "higher", null, null)).toEqual([["At risk"]]);
    expect(call("TRACE", "I1", ...TABLES)).toEqual([["I1: Bundle offer", "B1: Win the converged household"]]);
  });

  it("throws the runtime's Error with a message for bad input", () => {
    let thrown: unknown;
    try {
      associated.get("ARPU")?.([["lots"]], [[1]], null);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new ShimError("#VALUE!", 'revenue holds "lots", which is not a number; give a number such as 1250, 12% or €1,250.'));
  });
});

describe("the page and manifest that carry the functions", () => {
  it("load functions.js in the task pane's page (shared runtime) next to office.js", () => {
    const html = readDist("taskpane.html");
    expect(html).toMatch(/<script[^>]+src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    const scripts = [...html.matchAll(/<script[^>]+src="?([\w.]+\.js)/g)].map((m) => m[1]);
    expect(scripts).toEqual(["runtime.js", "react.js", "taskpane.js", "functions.js"]);
  });

  it("point the manifest's functions URLs at files the build emits", () => {
    const manifest = readDist("manifest.xml");
    for (const url of manifest.match(/https:\/\/localhost:3000\/[^"]+/g) ?? []) {
      const file = new URL(url).pathname.slice(1);
      expect([url, fs.existsSync(path.join(DIST, file))]).toEqual([url, true]);
    }
    expect(manifest).toContain('DefaultValue="https://localhost:3000/functions.json"');
    expect(manifest).toContain('DefaultValue="https://localhost:3000/functions.js"');
  });
});
