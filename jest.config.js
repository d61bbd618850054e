const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is a worker less than the cores, which on a 2-core machine runs the suites one
  // by one; much of their time is spent waiting on other processes (Chromium, LibreOffice, the
  // command line's runs), which a second worker overlaps: 9.6 → 6.4 min of jest on 2 cores.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup/asyncWaits.ts"],
  // Generous, for a loaded CI machine; tests wait for events, never for fixed times.
  testTimeout: 180_000,
};
