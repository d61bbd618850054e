/**
 * An offline structural check of the XML manifest, standing in for the online validator: element
 * order, resource ids, URLs, requirement sets and the shared-runtime wiring.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

type Ordered = Record<string, unknown>;

function toNode(entry: Ordered): XmlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ":@");
  if (!name || name === "#text" || name.startsWith("?")) return undefined;
  const attrs = (entry[":@"] ?? {}) as Record<string, string>;
  const children = ((entry[name] as Ordered[]) ?? []).map(toNode).filter((n): n is XmlNode => n !== undefined);
  return { name, attrs, children };
}

export function parseXml(xml: string): XmlNode | string {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return `not well formed: ${valid.err.msg} (line ${valid.err.line})`;
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "" });
  const root = (parser.parse(xml) as Ordered[]).map(toNode).find((n) => n !== undefined);
  return root ?? "no root element";
}

export const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => c.name === name);
export const children = (node: XmlNode | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? [];

export function descendants(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return found;
}

/** The order the schema imposes on OfficeApp's children (docs: manifest-element-ordering). */
const OFFICE_APP_ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides",
];
const HOST_ORDER = ["Runtimes", "AllFormFactors", "DesktopFormFactor"];

function checkOrder(node: XmlNode, order: readonly string[], problems: string[]): void {
  let last = -1;
  for (const c of node.children) {
    const at = order.indexOf(c.name);
    if (at === -1) problems.push(`<${c.name}> is not allowed in <${node.name}>`);
    else if (at < last) problems.push(`<${c.name}> is out of order in <${node.name}>: expected ${order.join(", ")}`);
    else last = at;
  }
}

/** Every resid used must be defined once under Resources. */
function checkResources(root: XmlNode, problems: string[]): Map<string, string> {
  const defined = new Map<string, string>();
  for (const group of child(child(root, "VersionOverrides"), "Resources")?.children ?? []) {
    for (const item of group.children) {
      const id = item.attrs.id;
      if (defined.has(id)) problems.push(`resource id "${id}" is defined twice`);
      defined.set(id, item.attrs.DefaultValue ?? "");
    }
  }
  const used = new Set<string>();
  const walk = (n: XmlNode) => {
    if (n.attrs.resid) used.add(n.attrs.resid);
    n.children.forEach(walk);
  };
  walk(root);
  for (const id of used) if (!defined.has(id)) problems.push(`resid "${id}" is used but not defined in <Resources>`);
  return defined;
}

function checkUrls(root: XmlNode, resources: Map<string, string>, problems: string[]): void {
  const urls: string[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]) {
    for (const n of descendants(root, name)) if (n.attrs.DefaultValue) urls.push(n.attrs.DefaultValue);
  }
  for (const value of resources.values()) if (/^[a-z]+:\/\//i.test(value)) urls.push(value);
  const origins = new Set<string>();
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`"${url}" is not a URL`);
      continue;
    }
    if (parsed.protocol !== "https:") problems.push(`"${url}" must use https`);
    origins.add(parsed.origin);
  }
  if (origins.size > 1) problems.push(`URLs point at more than one origin: ${[...origins].join(", ")}`);
}

function checkSharedRuntime(root: XmlNode, problems: string[]): XmlNode | undefined {
  const host = descendants(child(root, "VersionOverrides") ?? root, "Host").find((h) => h.attrs["xsi:type"] === "Workbook");
  if (!host) {
    problems.push("VersionOverrides has no Workbook host");
    return undefined;
  }
  checkOrder(host, HOST_ORDER, problems);
  const runtimes = children(child(host, "Runtimes"), "Runtime");
  if (runtimes.length !== 1) problems.push(`expected one <Runtime>, found ${runtimes.length}`);
  const runtime = runtimes[0];
  if (runtime && runtime.attrs.lifetime !== "long") problems.push('the <Runtime> must have lifetime="long" for a shared runtime');
  const runtimeId = runtime?.attrs.resid;
  const functionFile = descendants(host, "FunctionFile")[0]?.attrs.resid;
  if (functionFile !== runtimeId) problems.push(`<FunctionFile> uses "${functionFile}" but the runtime is "${runtimeId}": they must be the same resid`);
  for (const action of descendants(host, "Action")) {
    if (child(action, "TaskpaneId")) problems.push("a ShowTaskpane <Action> must not have a <TaskpaneId> with a shared runtime");
    const source = child(action, "SourceLocation")?.attrs.resid;
    if (source && source !== runtimeId) problems.push(`the task pane opens "${source}" but the runtime is "${runtimeId}"`);
  }
  const page = descendants(host, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions");
  const pageId = page && child(child(page, "Page"), "SourceLocation")?.attrs.resid;
  if (page && pageId !== runtimeId) problems.push(`the custom functions <Page> uses "${pageId}" but the runtime is "${runtimeId}"`);
  return host;
}

export interface LintOptions {
  /** Expected custom-functions namespace; omit when the manifest declares no functions. */
  readonly namespace?: string;
  readonly requirementSets: readonly string[];
}

export function lintManifest(xml: string, options: LintOptions): string[] {
  const root = parseXml(xml);
  if (typeof root === "string") return [root];
  const problems: string[] = [];
  if (root.name !== "OfficeApp") return [`the root element is <${root.name}>, not <OfficeApp>`];
  if (root.attrs["xsi:type"] !== "TaskPaneApp") problems.push('OfficeApp must be xsi:type="TaskPaneApp"');
  checkOrder(root, OFFICE_APP_ORDER, problems);
  const idText = textOf(xml, "Id");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idText)) problems.push(`Id "${idText}" is not a GUID`);
  const version = textOf(xml, "Version");
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(version)) problems.push(`Version "${version}" must have four numbers, e.g. 1.0.0.0`);
  const hosts = children(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.join() !== "Workbook") problems.push(`Hosts must be Workbook only, found ${hosts.join(", ")}`);
  const sets = descendants(child(root, "Requirements") ?? root, "Set").map((s) => s.attrs.Name);
  for (const set of options.requirementSets) if (!sets.includes(set)) problems.push(`requirement set ${set} is missing`);
  const resources = checkResources(root, problems);
  checkUrls(root, resources, problems);
  const host = checkSharedRuntime(root, problems);
  if (host && options.namespace !== undefined) {
    const point = descendants(host, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions");
    const nsId = point && child(point, "Namespace")?.attrs.resid;
    if (!point) problems.push("no CustomFunctions extension point");
    else if (resources.get(nsId ?? "") !== options.namespace) problems.push(`the functions namespace is "${resources.get(nsId ?? "")}", expected "${options.namespace}"`);
  }
  return problems;
}

/** Text content of the first element of that name; fast-xml-parser keeps it as a #text child. */
function textOf(xml: string, name: string): string {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1].trim() ?? "";
}
