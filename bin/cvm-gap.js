#!/usr/bin/env node
"use strict";
// The command line is compiled from src/cli by `npm run build:cli` (run by `npm install` through `prepare`).
const { main } = require("../build/node/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
