/**
 * `npm start`, as the Office add-in templates have it: builds the add-in and serves it on
 * https://localhost:3000 (webpack's dev server, which rebuilds on every save), then sideloads
 * manifest.xml into the desktop Excel installed here and opens it. Ctrl+C stops the server and
 * takes the sideloaded manifest away again.
 *
 * The templates do this with office-addin-debugging; it is not used here because it cannot be
 * installed from the npm registry alone (its peer dependency, the Microsoft 365 Agents Toolkit
 * command line, needs keytar, a native module whose install downloads a prebuilt binary or
 * compiles against libsecret). The two ways of sideloading it takes are small enough to do here:
 * - macOS: the manifest copied into Excel's "wef" folder, as Microsoft's "Sideload Office
 *   Add-ins on Mac for testing" describes;
 * - Windows: the manifest's path as a value under the WEF\Developer registry key, named after the
 *   add-in's Id, which is what office-addin-dev-settings writes when it registers an add-in.
 * Elsewhere (Linux) no desktop Excel exists: the server starts and the message says how to
 * sideload into Excel on the web.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PORT = 3000;
const SERVER_WAIT_MS = 180_000;

const WINDOWS_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";
const MAC_EXCEL = "/Applications/Microsoft Excel.app";
/** Excel on the web's way, for every system: it needs only the server running here. */
export const WEB_SIDELOAD =
  "In Excel on the web, open a workbook, then Home > Add-ins > More Add-ins > Upload My Add-in, and choose manifest.xml.";

export type Sideload =
  | { readonly kind: "mac"; readonly file: string; readonly open: readonly string[] }
  | { readonly kind: "windows"; readonly key: string; readonly name: string; readonly manifest: string; readonly open: readonly string[] }
  | { readonly kind: "none"; readonly why: string };

export interface Machine {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  /** Whether a desktop Excel is installed. */
  readonly excel: boolean;
}

/** The add-in's Id, which names its registration on Windows. */
export function addInId(manifestXml: string): string {
  const id = /<Id>\s*([^<\s]+)\s*<\/Id>/.exec(manifestXml)?.[1];
  if (!id) throw new Error("manifest.xml has no <Id>.");
  return id;
}

/** How the manifest is sideloaded on this machine, or why it is not. */
export function sideloadFor(machine: Machine, manifest: string, id: string): Sideload {
  if (machine.platform === "darwin") {
    if (!machine.excel) return { kind: "none", why: `Excel is not installed (${MAC_EXCEL} is missing), so nothing was sideloaded.` };
    const wef = path.posix.join(machine.home, "Library/Containers/com.microsoft.Excel/Data/Documents/wef");
    return { kind: "mac", file: path.posix.join(wef, `${id}.manifest.xml`), open: ["open", "-a", "Microsoft Excel"] };
  }
  if (machine.platform === "win32") {
    if (!machine.excel) return { kind: "none", why: "Excel is not installed, so nothing was sideloaded." };
    return { kind: "windows", key: WINDOWS_KEY, name: id, manifest, open: ["cmd", "/c", "start", "", "excel"] };
  }
  return { kind: "none", why: `There is no desktop Excel on ${machine.platform}, so nothing was sideloaded.` };
}

function excelInstalled(platform: NodeJS.Platform): boolean {
  if (platform === "darwin") return fs.existsSync(MAC_EXCEL);
  if (platform === "win32") {
    const query = spawnSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe"], {
      stdio: "ignore",
    });
    return query.status === 0;
  }
  return false;
}

function run(command: readonly string[]): void {
  const [program, ...args] = command;
  const done = spawnSync(program, args, { stdio: "inherit" });
  if (done.status !== 0) throw new Error(`${command.join(" ")} failed`);
}

/** Sideloads the manifest and opens Excel; returns how to undo it. */
function sideload(plan: Sideload): () => void {
  if (plan.kind === "mac") {
    fs.mkdirSync(path.dirname(plan.file), { recursive: true });
    fs.copyFileSync(MANIFEST, plan.file);
    console.log(`Sideloaded: ${plan.file}. In Excel, open the add-in from Home > Add-ins (Developer add-ins).`);
    run(plan.open);
    return () => fs.rmSync(plan.file, { force: true });
  }
  if (plan.kind === "windows") {
    run(["reg", "add", plan.key, "/v", plan.name, "/t", "REG_SZ", "/d", plan.manifest, "/f"]);
    console.log(`Sideloaded: ${plan.key}\\${plan.name}. Excel opens; the add-in is on the Home tab (Gap analysis).`);
    run(plan.open);
    return () => void spawnSync("reg", ["delete", plan.key, "/v", plan.name, "/f"], { stdio: "ignore" });
  }
  console.log(`${plan.why} ${WEB_SIDELOAD}`);
  return () => undefined;
}

const SERVER_STOPPED =
  "The dev server stopped before it was ready (see its messages above). It serves over https with a certificate for localhost that office-addin-dev-certs makes and installs the first time, which needs administrator rights: sudo on Linux and macOS, a prompt to accept on Windows.";

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "localhost");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitForServer(server: ChildProcess): Promise<void> {
  const until = Date.now() + SERVER_WAIT_MS;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(SERVER_STOPPED);
    if (await listening(PORT)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`The dev server did not answer on port ${PORT} within ${SERVER_WAIT_MS / 1000} s.`);
}

async function main(): Promise<void> {
  const manifestXml = fs.readFileSync(MANIFEST, "utf8");
  const plan = sideloadFor(
    { platform: process.platform, home: os.homedir(), excel: excelInstalled(process.platform) },
    MANIFEST,
    addInId(manifestXml),
  );
  // webpack serve builds the add-in and serves it from memory, rebuilding on every save.
  const webpack = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  const server = spawn(process.execPath, [webpack, "serve", "--mode", "development"], { cwd: ROOT, stdio: "inherit" });
  let undo: () => void = () => undefined;
  const stop = () => {
    undo();
    server.kill();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  server.once("exit", (code) => {
    undo();
    process.exitCode = code ?? 0;
  });
  await waitForServer(server);
  console.log(`The add-in is served on https://localhost:${PORT}/ (the pane alone: https://localhost:${PORT}/taskpane.html).`);
  try {
    undo = sideload(plan);
  } catch (error) {
    console.error(`Sideloading failed: ${error instanceof Error ? error.message : String(error)}. ${WEB_SIDELOAD}`);
  }
  console.log("Press Ctrl+C to stop the server and remove the sideloaded manifest.");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
