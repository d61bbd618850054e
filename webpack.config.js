/*
 * Builds the add-in into dist/: taskpane.html, which is also the shared runtime's page, so it
 * loads the task pane and the custom functions together; functions.json, generated from the JSDoc
 * in src/functions/functions.ts; and the manifest, icons and help page.
 */
const path = require("node:path");
const { URL } = require("node:url");
const { Compilation, sources } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000/";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
/** The entries on one page whose common modules go into the "shared" chunk. */
const SHARED_BY = ["taskpane", "functions"];

/** Where a production build will be hosted: ADDIN_URL, else the dev server. */
function hostedAt(production) {
  const url = process.env.ADDIN_URL;
  if (!production || !url) return DEV_URL;
  // Office refuses plain http, and every URL is built by appending a file name.
  if (!/^https:\/\/.+\/$/.test(url)) throw new Error(`ADDIN_URL must start with https:// and end with /, got "${url}"`);
  return url;
}

/**
 * Points the emitted manifest and function metadata (help URLs) at where the files will live.
 * File URLs first, then what is left: origins without a path, as in <AppDomain>.
 */
class RewriteUrlPlugin {
  constructor(from, to, files) {
    this.replacements = [
      [from, to],
      [new URL(from).origin, new URL(to).origin],
    ];
    this.files = files;
  }

  rewrite(text) {
    return this.replacements.reduce((result, [from, to]) => result.split(from).join(to), text);
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteUrlPlugin", (compilation) => {
      // After copy-webpack-plugin and the metadata plugin have added their files.
      compilation.hooks.processAssets.tap({ name: "RewriteUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE }, () => {
        for (const file of this.files) {
          const asset = compilation.getAsset(file);
          if (!asset) continue;
          const text = asset.source.source().toString();
          compilation.updateAsset(file, new sources.RawSource(this.rewrite(text)));
        }
      });
    });
  }
}

function plugins(production) {
  const url = hostedAt(production);
  return [
    // Emits functions.json and appends the CustomFunctions.associate calls to the functions module.
    new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      // The entries whose scripts go on the page; each brings the chunks it needs (the runtime and
      // the shared engine) in loading order. The functions belong here: with a shared runtime the
      // pane's page is the only page.
      chunks: ["react", "taskpane", "functions"],
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets/*.png", to: "assets/[name][ext]" },
        { from: "src/help.html", to: "help.html" },
        // The preview's sample as a package: Write to workbook on it downloads it with the report.
        { from: "examples/cvm-sample-plan.xlsx", to: "cvm-sample-plan.xlsx" },
        { from: "manifest.xml", to: "manifest.xml" },
      ],
    }),
    ...(url === DEV_URL ? [] : [new RewriteUrlPlugin(DEV_URL, url, ["manifest.xml", "functions.json"])]),
  ];
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  return {
    devtool: production ? false : "source-map",
    entry: {
      react: ["react", "react-dom"],
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "react" },
      functions: FUNCTIONS_SOURCE,
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    optimization: {
      // One webpack runtime for the page, so the pane and the functions share module instances
      // (one plan cache, one state) instead of each entry loading its own copies.
      runtimeChunk: "single",
      splitChunks: {
        cacheGroups: {
          // The .xlsx reader, loaded only when the preview opens a file, stays one chunk (xlsx.js)
          // rather than being cut into vendor pieces: one request, and a name that says what it is.
          default: false,
          defaultVendors: false,
          // What both the pane and the functions import (the engine in src/domain) goes into one
          // chunk the page loads once, rather than into each entry's file. Size does not matter
          // here: any module the two share is downloaded twice otherwise.
          shared: {
            name: "shared",
            chunks: (chunk) => SHARED_BY.includes(chunk.name),
            minChunks: SHARED_BY.length,
            minSize: 0,
            enforce: true,
          },
        },
      },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: "tsconfig.json",
              // ES modules rather than tsconfig's CommonJS, so that webpack can drop unused parts of Fluent UI.
              compilerOptions: { module: "esnext", moduleResolution: "bundler" },
            },
          },
        },
      ],
    },
    plugins: plugins(production),
    // React and Fluent UI alone are a few hundred KiB; warn only well past that.
    performance: production ? { hints: "warning", maxEntrypointSize: 1_500_000, maxAssetSize: 1_000_000 } : { hints: false },
    // Used only by `npm run dev-server` (webpack serve). Excel loads add-ins over trusted https
    // only, so serving asks office-addin-dev-certs for a localhost certificate (it installs one the
    // first time, which needs administrator rights). Builds never get here.
    devServer: {
      port: 3000,
      server: env.WEBPACK_SERVE ? { type: "https", options: await require("office-addin-dev-certs").getHttpsServerOptions() } : undefined,
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
};
