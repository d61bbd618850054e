#!/usr/bin/env node
"use strict";
// The command line is compiled from src/cli by `npm run build:cli` (run by `npm install` through `prepare`).
const { main } = require("../build/node/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // The run is over (its file saved, its lock removed): once what it printed is out, the process
  // ends at once, rather than handing a large plan's heap back page by page, which took some 60 ms
  // of a 100,000-initiative run (issue 22). A stream that fails (a closed pipe) or never says so
  // leaves the process to end as before.
  process.stdout.write("", (error) => error || process.stderr.write("", (failed) => failed || process.exit(code)));
});
