import js from "@eslint/js";
import tseslint from "typescript-eslint";
import cspell from "@cspell/eslint-plugin";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/", "test/artifacts/", "examples/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    // One spelling in identifiers (cspell.config.yaml): US English, the domain's words listed there.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "@cspell": cspell },
    rules: {
      "@cspell/spellchecker": [
        "error",
        {
          checkIdentifiers: true,
          checkComments: false,
          checkStrings: false,
          checkStringTemplates: false,
          checkJSXText: false,
          autoFix: false,
        },
      ],
    },
  },
  {
    // A list spread into a call's arguments (push(...rows), Math.max(...values)) overflows the
    // stack past about 100,000 items (issue 17: a scenario of 500,000 changes): loop instead.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression > SpreadElement",
          message: "No spread into a call's arguments: a long list overflows the stack; use a loop.",
        },
        {
          selector: "NewExpression > SpreadElement",
          message: "No spread into a constructor's arguments: a long list overflows the stack; use a loop.",
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
