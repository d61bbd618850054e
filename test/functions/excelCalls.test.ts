/**
 * The built functions bundle called the way Excel calls it (testkit/excelRuntime.ts): the
 * registrations against functions.json, every example of the help page on the sample workbook,
 * and the conventions a function must follow to work in Excel (repeating parameters as one array,
 * omitted optionals as null, blank cells, errors in the input). Needs `npm run build`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { JSDOM } from "jsdom";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { SheetData } from "../../src/domain/common/cells";
import { openXlsx } from "../../src/adapters/file/xlsxFile";
import * as functionsModule from "../../src/functions/functions";
import { formulaCall } from "../../testkit/excelFormula";
import { everySheet } from "../../testkit/xlsx";
import {
  column,
  CustomFunctionsRuntime,
  omitted,
  range,
  value,
  type SheetCell,
  type Shown,
  type ShownCell,
} from "../../testkit/excelRuntime";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const SAMPLE = path.join(ROOT, "examples", "cvm-sample-plan.xlsx");

const excel = new CustomFunctionsRuntime();
let sample: SheetData[];

beforeAll(async () => {
  // Every sheet, the budget sheet included: the examples refer to cells outside the plan's sheets too.
  sample = await everySheet(await openXlsx(SAMPLE));
});

describe("functions.json and the registrations", () => {
  it("is what the metadata generator makes of the source, without errors", async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src", "functions", "functions.ts"));
    expect(generated.errors).toEqual([]);
    expect(JSON.parse(generated.metadataJson)).toEqual(excel.metadata);
  });

  it("declares the eighteen CVM functions, each with a description, parameter help and a help URL", () => {
    expect(excel.metadata.functions.map((f) => f.id).sort()).toEqual([
      "ALIGNMENT",
      "AMPU",
      "ARPU",
      "ATTAINMENT",
      "BASE",
      "BRIDGE",
      "CHURN",
      "CLV",
      "GAP",
      "GROWTH",
      "NETADDS",
      "PAYBACK",
      "RETENTIONVALUE",
      "STATUS",
      "TRACE",
      "TREND",
      "UPLIFT",
      "UPLIFTSIG",
    ]);
    for (const f of excel.metadata.functions) {
      expect(f.description?.length).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id.toLowerCase()}`);
      for (const p of f.parameters) expect(`${f.id}.${p.name}`.length > 0 && (p as { description?: string }).description).toMatch(/.{8,}/);
    }
  });

  it("has the page's scripts associate every id of functions.json, and nothing else", () => {
    expect(excel.associatedIds).toEqual(excel.metadata.functions.map((f) => f.id).sort());
    expect(Object.keys(functionsModule).filter((k) => k !== "planBuildCount")).toHaveLength(excel.metadata.functions.length);
  });

  it("gives every function one JavaScript parameter per declared parameter, a repeating one included", () => {
    // A rest parameter (...tables) would have length one short: Excel passes one array for it.
    for (const f of excel.metadata.functions) expect([f.id, excel.registeredFunction(f.id)?.length]).toEqual([f.id, f.parameters.length]);
  });

  it("declares TRACE, ALIGNMENT and BRIDGE's tables as one repeating matrix parameter named table1, as Excel numbers them", () => {
    for (const id of ["TRACE", "ALIGNMENT", "BRIDGE"]) {
      const last = excel.functionMetadata(id).parameters.at(-1);
      expect(last).toMatchObject({ name: "table1", repeating: true, dimensionality: "matrix" });
    }
  });
});

interface Example {
  readonly formula: string;
  readonly shown: string[][];
}

/** The help page's examples: a formula and the value, or the spilled cells, it shows. */
function helpExamples(): Example[] {
  const document = new JSDOM(fs.readFileSync(path.join(ROOT, "src", "help.html"), "utf8")).window.document;
  return [...document.querySelectorAll(".example")].map((element) => {
    const formula = element.querySelector("code.formula")?.textContent ?? "";
    const single = element.querySelector("samp.result");
    const shown = single
      ? [[single.textContent ?? ""]]
      : [...element.querySelectorAll("table.result tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""));
    return { formula, shown };
  });
}

/** Whether a cell shows what the help page prints, to the decimals printed ("1.42%", "73,572"). */
function matches(cell: ShownCell, printed: string): boolean {
  if (typeof cell === "object") return cell.error === printed;
  if (typeof cell === "boolean") return printed === (cell ? "TRUE" : "FALSE");
  if (typeof cell === "string") return cell === printed;
  const number = /^(-?[\d,]*\.?(\d*))(%?)$/.exec(printed);
  if (!number) return false;
  const percent = number[3] === "%";
  const printedValue = Number(number[1].replace(/,/g, "")) / (percent ? 100 : 1);
  const decimals = number[2].length + (percent ? 2 : 0);
  return Math.abs(cell - printedValue) <= 0.5 * 10 ** -decimals + 1e-12;
}

const asGrid = (shown: Shown): ShownCell[][] => (Array.isArray(shown) ? shown : [[shown]]);

describe("the help page's examples, called on the sample workbook as Excel calls them", () => {
  const examples = helpExamples();

  it("has an example for every function", () => {
    const named = new Set(examples.map((e) => /^=CVM\.(\w+)\(/.exec(e.formula)?.[1]));
    expect([...named].sort()).toEqual(excel.metadata.functions.map((f) => f.id).sort());
  });

  it.each(examples.map((e) => [e.formula, e] as const))("%s", async (_, example) => {
    const { name, args } = formulaCall(example.formula, sample);
    const grid = asGrid(await excel.call(name, ...args));
    expect(grid.length).toBe(example.shown.length);
    grid.forEach((row, r) => {
      expect(row.length).toBe(example.shown[r].length);
      row.forEach((cell, c) => expect([r, c, cell, matches(cell, example.shown[r][c])]).toEqual([r, c, cell, true]));
    });
  });
});

describe("TRACE, ALIGNMENT and BRIDGE called as Excel calls them", () => {
  const call = (formula: string) => {
    const { name, args } = formulaCall(formula, sample);
    return excel.call(name, ...args);
  };

  it("take three tables passed as one repeating argument", async () => {
    expect(await call('=CVM.TRACE("K3", tblKPIs[#All], tblBets[#All], Initiatives!A3:M21)')).toEqual([
      ["K3: Postpaid monthly churn", "B2: Grow the value of the mobile base"],
    ]);
    expect(await call('=CVM.ALIGNMENT("B3", tblBets[#All], tblPersonas[#All], tblKPIs[#All], Initiatives!A3:M21)')).toEqual([
      [true, true, true, true, true, true, 1],
    ]);
    expect(await call('=CVM.BRIDGE("K9", tblImpacts[#All], Initiatives!A3:M21, tblKPIs[#All])')).toEqual([
      [4, 0, 4, 0, "Not addressed", 26],
    ]);
  });

  it("answer BRIDGE's cells without a figure with empty text, which shows nothing, never with null (shown as 0)", async () => {
    expect(await call('=CVM.BRIDGE("K16", tblKPIs[#All], tblImpacts[#All])')).toEqual([
      ["", expect.closeTo(0.035, 12), "", "", "No data", ""],
    ]);
  });

  it("answer #N/A with a message when the ID traces to no bet, and #VALUE! without a table", async () => {
    expect(await call('=CVM.TRACE("I16", Initiatives!A3:M21, tblKPIs[#All], tblBets[#All])')).toEqual({
      error: "#N/A",
      message: "I16 traces to no strategic bet.",
    });
    expect(await call('=CVM.TRACE("I01")')).toEqual({ error: "#VALUE!", message: expect.stringContaining("Pass at least one plan table") });
  });

  it("name the table they cannot read by its place among the arguments", async () => {
    expect(await call('=CVM.TRACE("I01", tblKPIs[#All], tblBudget[#All])')).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("table2 is not a plan table"),
    });
  });

  it("work with blank cells arriving as 0, as older Excel builds send them", async () => {
    const older = new CustomFunctionsRuntime({ blankCell: 0 });
    const { name, args } = formulaCall('=CVM.TRACE("I07", Initiatives!A3:M21, tblKPIs[#All], tblBets[#All])', sample);
    expect(await older.call(name, ...args)).toEqual(await excel.call(name, ...args));
  });
});

describe("conventions every function meets", () => {
  it("takes omitted optional arguments as null, and trailing ones left out", async () => {
    expect(await excel.call("CLV", value(11.5), value(0.014))).toEqual(
      await excel.call("CLV", value(11.5), value(0.014), omitted, omitted),
    );
    expect(await excel.call("STATUS", value(95), value(100), omitted, omitted, value(0.04))).toEqual([["Off track"]]);
  });

  it("is not called when an input cell holds an error (no allowErrorForDataTypeAny), so the error stands", async () => {
    expect(await excel.call("ARPU", column(1, { error: "#N/A" }), column(1, 1))).toEqual({ error: "#N/A" });
  });

  it("throws only CustomFunctions.Error, never an unhandled exception, on hostile input", async () => {
    const hostile: SheetCell[] = ["=1+1", "", null, true, Number.MAX_VALUE, -0, "#REF!", "1e400", "€", "  "];
    for (const f of excel.metadata.functions) {
      for (const cell of hostile) {
        // A matrix parameter gets a ragged-looking block of the value and blanks; a scalar one the value.
        const args = f.parameters.map((p) =>
          p.optional && !p.repeating
            ? omitted
            : p.dimensionality === "matrix"
              ? range([
                  [cell, null],
                  ["", cell],
                ])
              : value(cell),
        );
        const shown = await excel.call(f.id, ...args);
        expect([f.id, cell, typeof shown === "object" && !Array.isArray(shown) ? shown.unhandled : undefined]).toEqual([
          f.id,
          cell,
          undefined,
        ]);
      }
    }
  });
});

describe("the page and manifest that carry the functions", () => {
  it("load functions.js in the task pane's page (shared runtime) after office.js", () => {
    expect(excel.scripts).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "runtime.js",
      "react.js",
      "shared.js",
      "taskpane.js",
      "functions.js",
    ]);
  });

  it("require the CustomFunctionsRuntime version whose #N/A errors carry their message", () => {
    expect(excel.runtimeVersion).toBeGreaterThanOrEqual(1.3);
  });

  it("point the manifest's functions URLs at files the build emits", () => {
    const manifest = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    for (const url of manifest.match(/https:\/\/localhost:3000\/[^"]+/g) ?? []) {
      const file = new URL(url).pathname.slice(1);
      expect([url, fs.existsSync(path.join(DIST, file))]).toEqual([url, true]);
    }
    expect(manifest).toContain('DefaultValue="https://localhost:3000/functions.json"');
    expect(manifest).toContain('DefaultValue="https://localhost:3000/functions.js"');
  });
});
