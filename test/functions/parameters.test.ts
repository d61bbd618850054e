/**
 * The functions' parameters declared as data (src/functions/parameters.ts): the one checker's
 * types, optional arguments, defaults and ranges, and, through the built bundle (needs
 * `npm run build`), that each function's declaration names its parameters as functions.json does.
 */
import { ErrorValue } from "../../src/domain/common/errorValue";
import { readArguments, type Parameter } from "../../src/functions/parameters";
import { CustomFunctionsRuntime, range, value, type ExcelArgument, type SheetCell } from "../../testkit/excelRuntime";

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
