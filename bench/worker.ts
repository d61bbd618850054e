/**
 * One measurement in its own process, so that its peak memory and its compiled code owe nothing
 * to the sizes measured before it. run.ts starts it and reads the line it prints.
 *
 *   worker.ts engine SIZE WARMUP RUNS
 *   worker.ts formula SIZE
 *   worker.ts xlsx SIZE FILE          (writes the plan, not timed)
 *   worker.ts ledger FILE             (writes the sample plan beside a 100,000-line ledger, not timed)
 *   worker.ts cli-phases PLAN OUT
 *   worker.ts office SIZE
 */
import { measureCliPhases } from "./cli";
import { measureEngine } from "./engine";
import { measureFormulas } from "./formulaBaseline";
import { writeLedgerWorkbook } from "../testkit/ledgerWorkbook";
import { measureOfficeSync } from "./officeSync";
import { planSheets, writePlanXlsx } from "../testkit/planSheets";
import { syntheticPlan } from "../testkit/syntheticPlan";

export const RESULT_PREFIX = "BENCH_RESULT ";

async function measure(mode: string, args: readonly string[]): Promise<unknown> {
  const size = Number(args[0]);
  switch (mode) {
    case "engine":
      return measureEngine(size, Number(args[1] ?? 3), Number(args[2] ?? 7));
    case "formula":
      return measureFormulas(size);
    case "xlsx":
      await writePlanXlsx(syntheticPlan(size, undefined, { impacts: args[2] !== "no-impacts" }), args[1]);
      return { written: args[1] };
    case "ledger":
      await writeLedgerWorkbook(args[0]);
      return { written: args[0] };
    case "cli-phases":
      return measureCliPhases(args[0], args[1]);
    case "office":
      return (await measureOfficeSync(planSheets(syntheticPlan(size)))) ?? null;
    default:
      throw new Error(`Unknown benchmark "${mode}"`);
  }
}

if (require.main === module) {
  const [mode, ...args] = process.argv.slice(2);
  measure(mode, args).then(
    (result) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
