/**
 * An offline structural check of the add-in's XML manifest. The online validator is the only
 * official check and it needs the network (and does not resolve resids anyway), so this covers
 * what breaks our add-in in practice: schema element order, resource ids and their kinds, URLs,
 * requirement sets and the shared-runtime wiring that custom functions depend on.
 *
 * Element orders and length limits come from the task pane manifest XSDs
 * (OfficeAppManifestV1_1, TaskPaneAppVersionOverridesV1_0, OfficeAppBasicTypesV1_0).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

export interface RequirementSet {
  readonly name: string;
  readonly minVersion: string;
}

export interface ManifestExpectations {
  /** The custom-functions namespace users type, as in =CVM.NETADDS(...). */
  readonly namespace: string;
  /** Sets the base <Requirements> must ask for, at least at these versions. */
  readonly requirementSets: readonly RequirementSet[];
}

export const CVM_MANIFEST: ManifestExpectations = {
  namespace: "CVM",
  requirementSets: [
    { name: "SharedRuntime", minVersion: "1.1" },
    { name: "ExcelApi", minVersion: "1.12" },
  ],
};

// ---------------------------------------------------------------------------------------------
// Parsing into a small ordered tree

type OrderedEntry = Record<string, unknown>;

function toElement(entry: OrderedEntry): XmlElement | undefined {
  const name = Object.keys(entry).find((key) => key !== ":@");
  if (!name || name === "#text" || name.startsWith("?")) return undefined;
  const content = (entry[name] as OrderedEntry[] | undefined) ?? [];
  const text = content
    .map((c) => (typeof c["#text"] === "string" ? c["#text"] : ""))
    .join("")
    .trim();
  const children = content.map(toElement).filter((c): c is XmlElement => c !== undefined);
  return { name, attrs: (entry[":@"] ?? {}) as Record<string, string>, text, children };
}

/** The root element, or the reason the text is not well-formed XML. */
export function parseXml(xml: string): XmlElement | string {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) return `not well formed: ${verdict.err.msg} (line ${verdict.err.line})`;
  // Text stays text: a GUID such as 1e100000-… must not turn into a number.
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false });
  const root = (parser.parse(xml) as OrderedEntry[]).map(toElement).find((e) => e !== undefined);
  return root ?? "no root element";
}

export const childOf = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  element?.children.find((c) => c.name === name);

export const childrenOf = (element: XmlElement | undefined, name: string): XmlElement[] =>
  element?.children.filter((c) => c.name === name) ?? [];

export function descendantsOf(element: XmlElement | undefined, name: string): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (e.name === name) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}

const typeOf = (element: XmlElement | undefined) => element?.attrs["xsi:type"];

// ---------------------------------------------------------------------------------------------
// Element order

/**
 * Allowed children in schema order, by parent name, or by "name[xsi:type]" where the type changes
 * the content. An element out of order makes Office reject the whole manifest.
 */
const CHILD_ORDER: Readonly<Record<string, readonly string[]>> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "VersionOverrides",
  ],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins", "VersionOverrides"],
  "Host[Workbook]": ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  "ExtensionPoint[CustomFunctions]": ["Script", "Page", "Metadata", "Namespace"],
  "ExtensionPoint[PrimaryCommandSurface]": ["OfficeTab", "CustomTab"],
  Group: ["Label", "Icon", "Control"],
  "Control[Button]": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action[ShowTaskpane]": ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
};

function orderFor(element: XmlElement): readonly string[] | undefined {
  return CHILD_ORDER[`${element.name}[${typeOf(element)}]`] ?? CHILD_ORDER[element.name];
}

function checkChildOrder(element: XmlElement, order: readonly string[], problems: string[]): void {
  let furthest = -1;
  for (const child of element.children) {
    const at = order.indexOf(child.name);
    if (at === -1) problems.push(`<${child.name}> is not allowed in <${element.name}>`);
    else if (at < furthest) problems.push(`<${child.name}> is out of order in <${element.name}>: the order is ${order.join(", ")}`);
    else furthest = at;
  }
}

function checkOrderEverywhere(root: XmlElement, problems: string[]): void {
  const visit = (element: XmlElement) => {
    const order = orderFor(element);
    if (order) checkChildOrder(element, order, problems);
    element.children.forEach(visit);
  };
  visit(root);
}

// ---------------------------------------------------------------------------------------------
// Identity

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The store and the Office cache compare four-part versions; each part is at most five digits.
const FOUR_PART_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

function checkIdentity(root: XmlElement, problems: string[]): void {
  if (typeOf(root) !== "TaskPaneApp") problems.push('<OfficeApp> must be xsi:type="TaskPaneApp"');
  const id = childOf(root, "Id")?.text ?? "";
  if (!GUID.test(id)) problems.push(`Id "${id}" is not a GUID`);
  const version = childOf(root, "Version")?.text ?? "";
  if (!FOUR_PART_VERSION.test(version)) problems.push(`Version "${version}" must have four numbers, e.g. 1.0.0.0`);
  const hosts = childrenOf(childOf(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.join() !== "Workbook") problems.push(`<Hosts> must list Workbook only, found "${hosts.join(", ")}"`);
}

// ---------------------------------------------------------------------------------------------
// Requirement sets

function versionAtLeast(actual: string, wanted: string): boolean {
  const a = actual.split(".").map(Number);
  const w = wanted.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, w.length); i++) {
    if ((a[i] ?? 0) !== (w[i] ?? 0)) return (a[i] ?? 0) > (w[i] ?? 0);
  }
  return true;
}

function checkRequirementSets(root: XmlElement, wanted: readonly RequirementSet[], problems: string[]): void {
  const sets = childOf(childOf(root, "Requirements"), "Sets");
  // The schema's default when neither the set nor <Sets> names a version.
  const defaultVersion = sets?.attrs.DefaultMinVersion ?? "1.1";
  for (const { name, minVersion } of wanted) {
    const set = childrenOf(sets, "Set").find((s) => s.attrs.Name === name);
    if (!set) {
      problems.push(`requirement set ${name} is missing from <Requirements>`);
      continue;
    }
    const version = set.attrs.MinVersion ?? defaultVersion;
    if (!versionAtLeast(version, minVersion)) problems.push(`requirement set ${name} asks for ${version}, needs at least ${minVersion}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Resources

interface Resource {
  readonly kind: string;
  readonly value: string;
}

/** Which resource group each referencing element must point into. */
const RESOURCE_KIND_OF: Readonly<Record<string, string>> = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  FunctionFile: "bt:Urls",
  Runtime: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  Namespace: "bt:ShortStrings",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Description: "bt:LongStrings",
};
const MAX_RESOURCE_ID = 32;
const MAX_LENGTH_OF: Readonly<Record<string, number>> = { "bt:ShortStrings": 125, "bt:LongStrings": 250 };

function readResources(root: XmlElement, problems: string[]): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  for (const group of childOf(childOf(root, "VersionOverrides"), "Resources")?.children ?? []) {
    for (const item of group.children) {
      const id = item.attrs.id ?? "";
      if (resources.has(id)) problems.push(`resource id "${id}" is defined twice`);
      if (id.length > MAX_RESOURCE_ID) problems.push(`resource id "${id}" is longer than ${MAX_RESOURCE_ID} characters`);
      const value = item.attrs.DefaultValue ?? "";
      const limit = MAX_LENGTH_OF[group.name];
      if (limit !== undefined && value.length > limit)
        problems.push(`resource "${id}" has ${value.length} characters, more than the ${limit} allowed in <${group.name}>`);
      resources.set(id, { kind: group.name, value });
    }
  }
  return resources;
}

function checkReferences(root: XmlElement, resources: ReadonlyMap<string, Resource>, problems: string[]): void {
  const visit = (element: XmlElement) => {
    const resid = element.attrs.resid;
    if (resid !== undefined) {
      const resource = resources.get(resid);
      const kind = RESOURCE_KIND_OF[element.name];
      if (!resource) problems.push(`resid "${resid}" is used but not defined in <Resources>`);
      else if (kind && resource.kind !== kind)
        problems.push(`<${element.name} resid="${resid}"> must refer to a ${kind} resource, not ${resource.kind}`);
    }
    element.children.forEach(visit);
  };
  visit(root);
}

// ---------------------------------------------------------------------------------------------
// URLs

function urlsOf(root: XmlElement, resources: ReadonlyMap<string, Resource>): string[] {
  const direct = ["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((name) => childOf(root, name)?.attrs.DefaultValue);
  const defaultPage = childOf(childOf(root, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue;
  const fromResources = [...resources.values()].filter((r) => r.kind === "bt:Urls" || r.kind === "bt:Images").map((r) => r.value);
  return [...direct, defaultPage, ...fromResources].filter((u): u is string => u !== undefined);
}

/** Office loads pages only over https, and everything we ship is served from one place. */
function checkUrls(root: XmlElement, resources: ReadonlyMap<string, Resource>, problems: string[]): void {
  // Hosts rather than origins: a stray http URL is already reported on its own.
  const hosts = new Set<string>();
  for (const url of urlsOf(root, resources)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`"${url}" is not a URL`);
      continue;
    }
    if (parsed.protocol !== "https:") problems.push(`"${url}" must use https`);
    hosts.add(parsed.host);
  }
  if (hosts.size > 1) problems.push(`the URLs point at more than one origin: ${[...hosts].join(", ")}`);
}

// ---------------------------------------------------------------------------------------------
// Shared runtime and custom functions

function workbookHost(root: XmlElement): XmlElement | undefined {
  return childrenOf(childOf(childOf(root, "VersionOverrides"), "Hosts"), "Host").find((h) => typeOf(h) === "Workbook");
}

function customFunctionsPoint(host: XmlElement): XmlElement | undefined {
  return childrenOf(childOf(host, "AllFormFactors"), "ExtensionPoint").find((e) => typeOf(e) === "CustomFunctions");
}

/** The resid of the one long-lived runtime, which every page of the add-in must share. */
function checkRuntime(host: XmlElement, problems: string[]): string | undefined {
  const runtimes = childrenOf(childOf(host, "Runtimes"), "Runtime");
  if (runtimes.length !== 1) {
    problems.push(`the Workbook host needs exactly one <Runtime>, found ${runtimes.length}`);
    return undefined;
  }
  if (runtimes[0].attrs.lifetime !== "long")
    problems.push('the <Runtime> must have lifetime="long" to be shared by the task pane and the functions');
  return runtimes[0].attrs.resid;
}

function checkSamePage(what: string, resid: string | undefined, runtime: string, problems: string[]): void {
  if (resid !== runtime) problems.push(`${what} uses "${resid ?? "(none)"}" but the runtime is "${runtime}": they must be the same resid`);
}

// Separate pages or a second task pane would start a second runtime (docs: configure a shared runtime).
function checkOnePage(host: XmlElement, runtime: string, problems: string[]): void {
  checkSamePage("<FunctionFile>", childOf(childOf(host, "DesktopFormFactor"), "FunctionFile")?.attrs.resid, runtime, problems);
  const page = childOf(childOf(customFunctionsPoint(host), "Page"), "SourceLocation");
  if (page) checkSamePage("the custom functions <Page>", page.attrs.resid, runtime, problems);
  for (const action of descendantsOf(host, "Action").filter((a) => typeOf(a) === "ShowTaskpane")) {
    if (childOf(action, "TaskpaneId")) problems.push("a ShowTaskpane <Action> must not have a <TaskpaneId> with a shared runtime");
    checkSamePage("the ShowTaskpane <Action>", childOf(action, "SourceLocation")?.attrs.resid, runtime, problems);
  }
}

// Clients without add-in commands open DefaultSettings; it must be the same page as the runtime.
function checkDefaultPage(root: XmlElement, runtime: string, resources: ReadonlyMap<string, Resource>, problems: string[]): void {
  const defaultPage = childOf(childOf(root, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue;
  const runtimePage = resources.get(runtime)?.value;
  if (runtimePage && defaultPage !== runtimePage)
    problems.push(`<DefaultSettings> opens "${defaultPage}" but the runtime page is "${runtimePage}"`);
}

function checkNamespace(host: XmlElement, namespace: string, resources: ReadonlyMap<string, Resource>, problems: string[]): void {
  const point = customFunctionsPoint(host);
  if (!point) {
    problems.push("the Workbook host has no CustomFunctions extension point");
    return;
  }
  const resid = childOf(point, "Namespace")?.attrs.resid;
  const actual = resid === undefined ? undefined : resources.get(resid)?.value;
  if (actual !== namespace) problems.push(`the custom functions namespace is "${actual ?? "(none)"}", expected "${namespace}"`);
}

function checkWorkbookHost(
  root: XmlElement,
  expected: ManifestExpectations,
  resources: ReadonlyMap<string, Resource>,
  problems: string[],
): void {
  const host = workbookHost(root);
  if (!host) {
    problems.push("<VersionOverrides> has no Workbook host");
    return;
  }
  checkNamespace(host, expected.namespace, resources, problems);
  const runtime = checkRuntime(host, problems);
  if (runtime === undefined) return;
  checkOnePage(host, runtime, problems);
  checkDefaultPage(root, runtime, resources, problems);
}

// ---------------------------------------------------------------------------------------------

/** Problems found in the manifest text, each a sentence; empty when it is fine. */
export function lintManifest(xml: string, expected: ManifestExpectations = CVM_MANIFEST): string[] {
  const root = parseXml(xml);
  if (typeof root === "string") return [root];
  if (root.name !== "OfficeApp") return [`the root element is <${root.name}>, not <OfficeApp>`];
  const problems: string[] = [];
  checkOrderEverywhere(root, problems);
  checkIdentity(root, problems);
  checkRequirementSets(root, expected.requirementSets, problems);
  const resources = readResources(root, problems);
  checkReferences(root, resources, problems);
  checkUrls(root, resources, problems);
  checkWorkbookHost(root, expected, resources, problems);
  return problems;
}
