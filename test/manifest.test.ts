import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { CVM_MANIFEST, childOf, descendantsOf, lintManifest, parseXml, type XmlElement } from "../testkit/manifestLint";
import { validateManifest } from "../scripts/validateManifest";

const ROOT = path.join(__dirname, "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const MANIFEST = fs.readFileSync(MANIFEST_PATH, "utf8");

function parsedManifest(): XmlElement {
  const root = parseXml(MANIFEST);
  if (typeof root === "string") throw new Error(root);
  return root;
}

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(file: string): [number, number] {
  const png = fs.readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Each icon URL in the manifest with the size Office shows it at. */
function iconsWithSizes(root: XmlElement): Map<string, number> {
  const images = new Map(
    descendantsOf(root, "bt:Image")
      .filter((i) => i.attrs.id)
      .map((i) => [i.attrs.id, i.attrs.DefaultValue]),
  );
  const icons = new Map<string, number>();
  for (const use of descendantsOf(root, "bt:Image").filter((i) => i.attrs.resid))
    icons.set(images.get(use.attrs.resid) ?? use.attrs.resid, Number(use.attrs.size));
  icons.set(childOf(root, "IconUrl")?.attrs.DefaultValue ?? "IconUrl", 32);
  icons.set(childOf(root, "HighResolutionIconUrl")?.attrs.DefaultValue ?? "HighResolutionIconUrl", 64);
  return icons;
}

describe("manifest.xml", () => {
  it("passes the offline structural check", () => {
    expect(lintManifest(MANIFEST)).toEqual([]);
  });

  it("is read by office-addin-manifest as an Excel task pane add-in", () => {
    // Its module graph includes an ES-only package that jest cannot require on node 20, so ask
    // a plain node process, which can.
    const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])
      .then((m) => process.stdout.write(JSON.stringify(m)), (e) => { console.error(e); process.exit(1); });`;
    const run = spawnSync(process.execPath, ["-e", script, MANIFEST_PATH], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      hosts: ["Workbook"],
      officeAppType: "TaskPaneApp",
      displayName: "CVM Gap Analysis",
      id: childOf(parsedManifest(), "Id")?.text,
      defaultSettings: { sourceLocation: "https://localhost:3000/taskpane.html" },
    });
  });

  it("points its icons at PNG files in assets/ of the sizes Office shows them at", () => {
    const icons = iconsWithSizes(parsedManifest());
    expect(icons.size).toBeGreaterThanOrEqual(4);
    for (const [url, size] of icons) {
      const file = path.join(ROOT, new URL(url).pathname);
      expect(path.dirname(file)).toBe(path.join(ROOT, "assets"));
      expect(pngSize(file)).toEqual([size, size]);
    }
  });
});

describe("manifest.xml against Microsoft's add-in manifest schemas (schemas/office), as `npm run validate` checks it", () => {
  it("is valid", () => {
    expect(validateManifest(MANIFEST_PATH)).toEqual({ valid: true, problems: [] });
  });

  it("is refused, with the line and the element, when an element stands where the schema does not allow it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvm-manifest-"));
    const changed = path.join(dir, "manifest.xml");
    fs.writeFileSync(changed, MANIFEST.replace("<Permissions>", "<Permission>ReadWriteDocument</Permission><Permissions>"));
    try {
      const check = validateManifest(changed);
      expect(check.valid).toBe(false);
      expect(check.problems.join("\n")).toMatch(
        /manifest\.xml:\d+: element Permission: Schemas validity error .*This element is not expected/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("lintManifest reports", () => {
  const lintChanged = (from: string | RegExp, to: string): string[] => {
    const changed = MANIFEST.replace(from, to);
    expect(changed).not.toBe(MANIFEST);
    return lintManifest(changed);
  };
  const between = (open: string, close: string) => new RegExp(`(${open})([\\s\\S]*?)(${close})`);

  it.each<[string, string | RegExp, string, string]>([
    [
      "OfficeApp children out of order",
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/,
      "$3$2$1",
      "<Version> is out of order in <OfficeApp>",
    ],
    [
      "Host children out of order",
      /(<Runtimes>[\s\S]*?<\/Runtimes>)(\s*)(<AllFormFactors>[\s\S]*?<\/AllFormFactors>)/,
      "$3$2$1",
      "<Runtimes> is out of order in <Host>",
    ],
    [
      "Resources groups out of order",
      /(<bt:Images>[\s\S]*?<\/bt:Images>)(\s*)(<bt:Urls>[\s\S]*?<\/bt:Urls>)/,
      "$3$2$1",
      "<bt:Images> is out of order in <Resources>",
    ],
    [
      "a button's Action before its Icon",
      /(<Icon>(?:(?!<Icon>)[\s\S])*?<\/Icon>)(\s*)(<Action [\s\S]*?<\/Action>)/,
      "$3$2$1",
      "<Icon> is out of order in <Control>",
    ],
    [
      "an element the schema does not allow there",
      "<Permissions>",
      "<Permission>ReadWriteDocument</Permission><Permissions>",
      "<Permission> is not allowed in <OfficeApp>",
    ],
    ["a resid without a resource", /\s*<bt:String id="Group.Label"[^>]*\/>/, "", 'resid "Group.Label" is used but not defined'],
    ["a resource defined twice", /<bt:String id="Group.Label"[^>]*\/>/, "$&$&", 'resource id "Group.Label" is defined twice'],
    [
      "a resid of the wrong kind",
      '<Label resid="Group.Label"/>',
      '<Label resid="TaskpaneButton.Tooltip"/>',
      "must refer to a bt:ShortStrings resource, not bt:LongStrings",
    ],
    ["a resource id over 32 characters", /"Group\.Label"/g, '"Group.Label.For.The.Ribbon.Of.Excel"', "longer than 32 characters"],
    [
      "a short string over 125 characters",
      'DefaultValue="Gap analysis"',
      `DefaultValue="${"x".repeat(126)}"`,
      "more than the 125 allowed in <bt:ShortStrings>",
    ],
    ["an Id that is not a GUID", /<Id>[^<]*<\/Id>/, "<Id>cvm-gap-addin</Id>", 'Id "cvm-gap-addin" is not a GUID'],
    ["a three-part version", "<Version>1.0.0.0</Version>", "<Version>1.0.0</Version>", "must have four numbers"],
    ["a second host", '<Host Name="Workbook"/>', '<Host Name="Workbook"/><Host Name="Document"/>', "must list Workbook only"],
    [
      "a TaskpaneId on the button",
      between('<Action xsi:type="ShowTaskpane">', "<SourceLocation"),
      "$1<TaskpaneId>ButtonId1</TaskpaneId>$3",
      "must not have a <TaskpaneId>",
    ],
    ["a short-lived runtime", 'lifetime="long"', 'lifetime="short"', 'must have lifetime="long"'],
    [
      "a function file outside the runtime",
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="GetStarted.LearnMoreUrl"/>',
      '<FunctionFile> uses "GetStarted.LearnMoreUrl" but the runtime is "Taskpane.Url"',
    ],
    [
      "a functions page outside the runtime",
      between("<Page>", "</Page>"),
      '$1<SourceLocation resid="Functions.Script.Url"/>$3',
      'the custom functions <Page> uses "Functions.Script.Url"',
    ],
    [
      "a task pane outside the runtime",
      between('<Action xsi:type="ShowTaskpane">', "</Action>"),
      '$1<SourceLocation resid="GetStarted.LearnMoreUrl"/>$3',
      'the ShowTaskpane <Action> uses "GetStarted.LearnMoreUrl"',
    ],
    [
      "a default page that is not the runtime page",
      '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<SourceLocation DefaultValue="https://localhost:3000/index.html"/>',
      "<DefaultSettings> opens",
    ],
    [
      "another namespace",
      '<bt:String id="Functions.Namespace" DefaultValue="CVM"/>',
      '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>',
      'namespace is "CONTOSO", expected "CVM"',
    ],
    ["no custom functions", between("<AllFormFactors>", "</AllFormFactors>"), "", "no CustomFunctions extension point"],
    [
      "a plain http URL",
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https:',
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="http:',
      '"http://localhost:3000/help.html" must use https',
    ],
    [
      "a second origin",
      '<SupportUrl DefaultValue="https://localhost:3000/help.html"/>',
      '<SupportUrl DefaultValue="https://example.com/help.html"/>',
      "more than one origin",
    ],
    ["a missing requirement set", /\s*<Set Name="SharedRuntime"[^>]*\/>/, "", "requirement set SharedRuntime is missing"],
    [
      "too old an ExcelApi",
      '<Set Name="ExcelApi" MinVersion="1.12"/>',
      '<Set Name="ExcelApi" MinVersion="1.9"/>',
      "ExcelApi asks for 1.9, needs at least 1.12",
    ],
    ["malformed XML", "</Hosts>\n  <Requirements>", "<Requirements>", "not well formed"],
  ])("%s", (_, from, to, problem) => {
    const problems = lintChanged(from, to);
    // One problem, not a cascade, so that the message points at the cause.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it("a namespace other than the one the caller expects", () => {
    expect(lintManifest(MANIFEST, { ...CVM_MANIFEST, namespace: "CONTOSO" })).toEqual([
      'the custom functions namespace is "CVM", expected "CONTOSO"',
    ]);
  });

  it("a root element that is not OfficeApp", () => {
    expect(lintManifest('<?xml version="1.0"?><App/>')).toEqual(["the root element is <App>, not <OfficeApp>"]);
  });
});
