import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { descendants, lintManifest, parseXml } from "./helpers/manifestLint";

const ROOT = path.join(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const OPTIONS = { requirementSets: ["SharedRuntime", "ExcelApi"] };

describe("manifest.xml", () => {
  it("passes the offline structural check", () => {
    expect(lintManifest(MANIFEST, OPTIONS)).toEqual([]);
  });

  it("is read by office-addin-manifest (offline `info`) as an Excel add-in", () => {
    // Its module cannot load under jest (an ES-only dependency), so run its command line.
    const bin = path.join(ROOT, "node_modules", ".bin", "office-addin-manifest");
    const info = spawnSync(bin, ["info", "manifest.xml"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/Name: CVM Gap Analysis/);
    expect(info.stdout).toMatch(/Hosts: Workbook/);
    expect(info.stdout).toMatch(/Source Location: https:\/\/localhost:3000\/taskpane.html/);
  });

  it("points its icons at PNG files in assets/ of the stated sizes", () => {
    const root = parseXml(MANIFEST);
    if (typeof root === "string") throw new Error(root);
    const images = descendants(root, "bt:Image").filter((i) => i.attrs.id);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      const file = path.join(ROOT, new URL(image.attrs.DefaultValue).pathname);
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      const size = Number(/(\d+)x\d+/.exec(image.attrs.id)?.[1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe("lintManifest catches", () => {
  const mutate = (from: string | RegExp, to: string) => {
    const changed = MANIFEST.replace(from, to);
    expect(changed).not.toBe(MANIFEST);
    return lintManifest(changed, OPTIONS);
  };

  it.each<[string, string | RegExp, string, string]>([
    ["elements out of order", /(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, "$2$1", "<Version> is out of order"],
    ["a resid without a resource", 'resid="Group.Label"', 'resid="Group.Missing"', 'resid "Group.Missing" is used but not defined'],
    ["a resource defined twice", '<bt:String id="Group.Label"', '<bt:String id="GetStarted.Title"', 'resource id "GetStarted.Title" is defined twice'],
    ["an Id that is no GUID", /<Id>[^<]*<\/Id>/, "<Id>my-addin</Id>", 'Id "my-addin" is not a GUID'],
    ["a three-part version", "<Version>1.0.0.0</Version>", "<Version>1.0.0</Version>", "must have four numbers"],
    ["a TaskpaneId in the shared runtime", "<SourceLocation resid=\"Taskpane.Url\"/>\n                  </Action>", '<TaskpaneId>Pane</TaskpaneId><SourceLocation resid="Taskpane.Url"/></Action>', "must not have a <TaskpaneId>"],
    ["a short-lived runtime", 'lifetime="long"', 'lifetime="short"', 'lifetime="long"'],
    ["a function file outside the runtime", '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="GetStarted.LearnMoreUrl"/>', "must be the same resid"],
    ["a plain http URL", 'DefaultValue="https://localhost:3000/help.html"/>\n      </bt:Urls>', 'DefaultValue="http://localhost:3000/help.html"/>\n      </bt:Urls>', "must use https"],
    ["a second origin", '<SupportUrl DefaultValue="https://localhost:3000/help.html"/>', '<SupportUrl DefaultValue="https://example.com/help.html"/>', "more than one origin"],
    ["a missing requirement set", '<Set Name="SharedRuntime" MinVersion="1.1"/>', "", "requirement set SharedRuntime is missing"],
    ["malformed XML", "</Hosts>\n  <Requirements>", "<Requirements>", "not well formed"],
  ])("%s", (_, from, to, problem) => {
    expect(mutate(from, to).join("\n")).toContain(problem);
  });

  it("a namespace that is not the one expected", () => {
    expect(lintManifest(MANIFEST, { ...OPTIONS, namespace: "CVM" })).toContain("no CustomFunctions extension point");
  });
});
