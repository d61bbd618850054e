/* Builds the task pane (and, with the shared runtime, the custom functions) into dist/. */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
// Set ADDIN_URL (ending in /) to build a manifest for where the files will be hosted.
const hostedAt = process.env.ADDIN_URL || DEV_URL;

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
  return {
    devtool: production ? false : "source-map",
    entry: {
      react: ["react", "react-dom"],
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "react" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules out of TypeScript, so that webpack can drop the unused parts of Fluent UI.
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { module: "esnext", moduleResolution: "bundler" } } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["react", "taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? content.toString().split(DEV_URL).join(hostedAt) : content),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
      // Excel needs https; `npx office-addin-dev-certs install` creates trusted certificates.
      server: "https",
    },
  };
};
