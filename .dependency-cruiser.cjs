/**
 * The layering of the code as a failing check (`npm run lint`), read with the TypeScript
 * compiler's view of imports, type-only ones included. The README's "Layout of the code" says
 * the same in words.
 *
 *   domain:  common <- plan <- analysis <- sheets <- review, whatIf   (pure: no Node, DOM or Office)
 *   useCases: the domain and the workbook port
 *   adapters: the domain and the port; each adapter apart, except that the file system's and the
 *             browser's workbooks are the .xlsx package's
 *   cli, taskpane, functions: what they run on; never each other
 *   test and bench share testkit; neither imports the other
 */
const DOMAIN_LAYERS = ["common", "plan", "analysis", "sheets", "review", "whatIf"];

/** A domain folder may import only the folders before it (review and whatIf stand side by side). */
function domainLayerRules() {
  return DOMAIN_LAYERS.map((layer, i) => {
    const allowed = DOMAIN_LAYERS.slice(0, i).filter((l) => !(layer === "whatIf" && l === "review"));
    allowed.push(layer);
    return {
      name: `domain-${layer}-layer`,
      comment: `src/domain/${layer} may import only ${allowed.map((l) => `domain/${l}`).join(", ")}.`,
      severity: "error",
      from: { path: `^src/domain/${layer}/` },
      to: { path: "^src/domain/", pathNot: `^src/domain/(${allowed.join("|")})/` },
    };
  });
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other, directly or through others, cannot be read, tested or moved one at a time.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...domainLayerRules(),
    {
      name: "domain-is-pure",
      comment: "The engine runs unchanged in Node, in the browser and in Excel's runtime: no Node, DOM, React or Office.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        path: "^src/(?!domain/)|^node_modules/(react|react-dom|@fluentui|@microsoft)/|^(fs|path|os|zlib|crypto|child_process|util|stream)$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "domain-uses-no-node",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "use-cases-on-the-port",
      comment: "A use case runs on any workbook: it knows the port, never an adapter.",
      severity: "error",
      from: { path: "^src/useCases/" },
      to: { path: "^src/(adapters/(?!port\\.ts|planWorkbook\\.ts)|cli|taskpane|functions)" },
    },
    {
      name: "adapters-apart",
      comment: "One adapter does not reach into another; the file system's and the browser's workbooks are the .xlsx package's.",
      severity: "error",
      from: { path: "^src/adapters/(office|memory|xlsx)/" },
      to: { path: "^src/adapters/(office|memory|xlsx|file|browser)/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "file-and-browser-on-xlsx-only",
      severity: "error",
      from: { path: "^src/adapters/(file|browser)/" },
      to: { path: "^src/adapters/(office|memory|file|browser)/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "adapters-below-the-apps",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/(useCases|cli|taskpane|functions)/" },
    },
    {
      name: "cli-is-node-only",
      comment: "The command line runs on files: no pane, no functions, no Office.js or in-memory workbook.",
      severity: "error",
      from: { path: "^src/cli/" },
      to: { path: "^src/(taskpane|functions|adapters/(office|memory|browser))/" },
    },
    {
      name: "pane-without-node",
      comment: "The task pane runs in a browser: never the command line or the file system's adapter.",
      severity: "error",
      from: { path: "^src/taskpane/" },
      to: { path: "^src/(cli|adapters/file)/" },
    },
    {
      name: "functions-on-the-engine",
      comment: "The worksheet functions compute with the engine alone.",
      severity: "error",
      from: { path: "^src/functions/" },
      to: { path: "^src/(cli|taskpane|adapters|useCases)/" },
    },
    {
      name: "src-without-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|testkit|bench|scripts)/" },
    },
    {
      name: "tests-and-benchmarks-apart",
      comment: "What tests and benchmarks share lives in testkit.",
      severity: "error",
      from: { path: "^test/" },
      to: { path: "^bench/" },
    },
    {
      name: "benchmarks-and-tests-apart",
      severity: "error",
      from: { path: "^bench/" },
      to: { path: "^test/" },
    },
    {
      name: "testkit-stands-alone",
      severity: "error",
      from: { path: "^testkit/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(node_modules|build|dist)/" },
  },
};
