// Preloaded into the command line's process by the benchmark (node --require): on exit it
// prints the process's peak resident memory, which Node knows and no outside tool is needed for.
"use strict";
process.on("exit", () => {
  process.stderr.write(`\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
