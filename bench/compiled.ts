/**
 * Loads a module of the compiled command line (build/node), typed as its source. The benchmarks
 * measure that build, the code `cvm-gap` runs, rather than the sources through tsx, whose module
 * wrappers add their own cost to every call between modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";

// CVM_BENCH_BUILD points at another build, e.g. an older commit's, to compare the two.
const BUILD = process.env.CVM_BENCH_BUILD ?? path.join(__dirname, "..", "build", "node");

export function loadCompiled<T>(module: string): T {
  const file = path.join(BUILD, `${module}.js`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build:cli" first (npm run bench does).`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}
