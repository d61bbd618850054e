/**
 * The functions' parameters declared as data (src/functions/parameters.ts): the one checker's
 * types, optional arguments, defaults and ranges, and, through the built bundle (needs
 * `npm run build`), that each function's declaration names its parameters as functions.json does.
 */
import { ErrorValue } from "../../src/domain/common/errorValue";
import { readArguments, type Parameter } from "../../src/functions/parameters";
import { column, CustomFunctionsRuntime, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";

function problem(run: () => unknown): { kind: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ErrorValue) return { kind: error.kind, message: error.message };
    throw error;
  }
  return undefined;
}

describe("readArguments", () => {
  const declared = [
    { name: "amount", type: "number" },
    { name: "months", type: "number", optional: true },
    { name: "rate", type: "number", optional: true, defaultValue: 0 },
    { name: "bases", type: "average", minimum: 0 },
    { name: "direction", type: "direction", optional: true, defaultValue: "higher" },
    { name: "tolerance", type: "share", optional: true, defaultValue: 0.1 },
  ] as const satisfies readonly Parameter[];

  it("gives each declared parameter its value, an omitted optional one its default or undefined", () => {
    expect(readArguments(declared, [[[12]], null, null, [[100], [102]], null, null])).toEqual([12, undefined, 0, 101, "higher", 0.1]);
    expect(readArguments(declared, ["€1,250", "3", "8%", 7, "Lower is better", 10])).toEqual([1250, 3, 0.08, 7, "lower", 0.1]);
  });

  it("reads the arguments in the order declared: the first problem is the one shown", () => {
    expect(problem(() => readArguments(declared, [null, "x", null, 5]))).toEqual({ kind: "na", message: "amount is blank." });
    expect(problem(() => readArguments(declared, [1, "x", null, -5]))?.message).toMatch(/^months holds "x"/);
    expect(problem(() => readArguments(declared, [1, null, null, [[5], [-5]], "x"]))).toEqual({
      kind: "num",
      message: "bases must not be negative.",
    });
    expect(problem(() => readArguments(declared, [1, null, null, [[""]], "x"]))).toEqual({
      kind: "div0",
      message: "bases has no numbers to average.",
    });
    expect(problem(() => readArguments(declared, [1, null, null, 5, "sideways"]))?.message).toBe(
      'direction "sideways" is neither "higher" nor "lower".',
    );
    expect(problem(() => readArguments(declared, [1, null, null, 5, null, "150%"]))?.kind).toBe("num");
  });
});

describe("readArguments of a series, and of whole numbers", () => {
  const declared = [
    { name: "values", type: "series", minimum: 0 },
    { name: "points", type: "number", optional: true, defaultValue: 6, minimum: 3, whole: true },
  ] as const satisfies readonly Parameter[];

  it("keeps a series' blanks in their places, for a column, a row or one value", () => {
    expect(readArguments(declared, [[[1], [null], ["3"], [""]], null])).toEqual([[1, undefined, 3, undefined], 6]);
    expect(readArguments(declared, [[[1, null, "2%"]], 4])).toEqual([[1, undefined, 0.02], 4]);
    expect(readArguments(declared, [7, null])).toEqual([[7], 6]);
  });

  it("refuses a block of rows and columns, names the value that is no number, and checks every number's minimum", () => {
    expect(
      problem(() =>
        readArguments(declared, [
          [
            [1, 2],
            [3, 4],
          ],
          null,
        ]),
      ),
    ).toEqual({ kind: "value", message: "values must be one row or one column of periods, not a range of 2×2 cells." });
    expect(problem(() => readArguments(declared, [[[1], ["x"]], null]))?.message).toMatch(/^values \(value 2\) holds "x"/);
    expect(problem(() => readArguments(declared, [[[1], [-1]], null]))).toEqual({ kind: "num", message: "values must not be negative." });
  });

  it("refuses a number that is not whole where a whole one is declared", () => {
    expect(problem(() => readArguments(declared, [[[1]], 4.5]))).toEqual({
      kind: "num",
      message: "points must be a whole number, not 4.5.",
    });
    expect(problem(() => readArguments(declared, [[[1]], 2]))).toEqual({ kind: "num", message: "points must be 3 or more." });
  });
});

describe("each function's declared parameters", () => {
  const excel = new CustomFunctionsRuntime();
  const table = range([
    ["Bet ID", "Statement"],
    ["B1", "Grow"],
  ]);
  const valid: Record<string, readonly (SheetCell | ExcelArgument)[]> = {
    ARPU: [10, 5, 1],
    AMPU: [10, 5, 1],
    CHURN: [10, 5, 1],
    CLV: [20, 0.02, 0.1, 12],
    NETADDS: [10, 5],
    GROWTH: [100, 110],
    GAP: [150, 200, "higher"],
    ATTAINMENT: [150, 200, "higher", 100],
    STATUS: [150, 200, "higher", 100, 0.1],
    UPLIFT: [0.045, 0.03, 100],
    UPLIFTSIG: [200, 2000, 150, 2000],
    BASE: [1000, column(50, 50), 0.1],
    TREND: [column(1, 2, 3), 1, 3],
    PAYBACK: [100, 10, 0.02, 0.08],
    RETENTIONVALUE: [1000, 0.02, 0.015, 10, 0.08, 36],
    TRACE: ["B1", table],
    ALIGNMENT: ["B1", table],
    BRIDGE: ["K1", table],
  };
  const argument = (given: SheetCell | ExcelArgument): ExcelArgument =>
    given !== null && typeof given === "object" && "kind" in given ? given : value(given);

  it("name them as functions.json does: a message about an argument starts with its name", async () => {
    for (const f of excel.metadata.functions) {
      const args = valid[f.id].map(argument);
      for (const [i, parameter] of f.parameters.entries()) {
        // An ID left blank, any other argument given text that is no number, direction or table.
        const wrong = [...args];
        wrong[i] = value(parameter.name.endsWith("id") ? null : "x");
        const shown = await excel.call(f.id, ...wrong);
        const message = (shown as { message?: string }).message ?? "";
        expect({ call: `${f.id} ${parameter.name}`, starts: message.startsWith(`${parameter.name} `) }).toEqual({
          call: `${f.id} ${parameter.name}`,
          starts: true,
        });
      }
    }
  });
});
