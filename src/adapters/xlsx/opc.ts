/**
 * The Open Packaging Conventions parts every package has: relationships (`_rels/*.rels`), which
 * tie a part to the parts it uses, and `[Content_Types].xml`, which types every part. Reading
 * resolves targets as the conventions say (relative to the source part's folder, or absolute
 * from the package root, as openpyxl writes them); editing adds or removes single entries and
 * leaves every other byte of the part as it was.
 */
import { STRICT, TRANSITIONAL } from "./conformance";
import { attribute, escapeAttribute, findElement, findElements, parseXml, prefixOf } from "./xml";

export const CONTENT_TYPES_PART = "[Content_Types].xml";

/** Relationship types as Transitional packages name them; conformance.ts has both classes' names. */
export const REL = {
  officeDocument: TRANSITIONAL.relationshipType("officeDocument"),
  worksheet: TRANSITIONAL.relationshipType("worksheet"),
  sharedStrings: TRANSITIONAL.relationshipType("sharedStrings"),
  styles: TRANSITIONAL.relationshipType("styles"),
  table: TRANSITIONAL.relationshipType("table"),
  drawing: TRANSITIONAL.relationshipType("drawing"),
  chart: TRANSITIONAL.relationshipType("chart"),
  calcChain: TRANSITIONAL.relationshipType("calcChain"),
  /** The strict variant of SpreadsheetML names the same relationships under another root. */
  strictOfficeDocument: STRICT.relationshipType("officeDocument"),
} as const;

/** Content types are the same in both conformance classes (a Strict package saved by Excel uses these). */
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target as written. */
  readonly target: string;
  readonly external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The zip name of a relationship's target, resolved from the part that holds the relationship. */
export function resolveTarget(sourcePart: string, target: string): string {
  const decoded = decodeURIComponent(target.split("#")[0]);
  const base = decoded.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of decoded.replace(/^\//, "").split("/")) {
    if (segment === "..") base.pop();
    else if (segment !== "." && segment !== "") base.push(segment);
  }
  return base.join("/");
}

/** The target to write in `sourcePart`'s relationships for the part `targetPart`: relative, as Excel writes it. */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = targetPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

export function parseRelationships(xml: string): Relationship[] {
  const relationships: Relationship[] = [];
  parseXml(xml, {
    open(name, attrs) {
      if (name !== "Relationship") return;
      relationships.push({
        id: attrs.Id ?? "",
        type: attrs.Type ?? "",
        target: attrs.Target ?? "",
        external: attrs.TargetMode === "External",
      });
    },
  });
  return relationships;
}

/** A relationship id the part does not use yet: rId1, rId2… */
export function freeRelationshipId(relationships: readonly Relationship[], taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...relationships.map((r) => r.id), ...taken]);
  for (let n = 1; ; n++) if (!used.has(`rId${n}`)) return `rId${n}`;
}

/** A relationships part that holds exactly these, for a part the add-in writes. */
export function relationshipsPart(relationships: readonly { id: string; type: string; target: string }[]): string {
  const items = relationships
    .map((r) => `<Relationship Id="${escapeAttribute(r.id)}" Type="${escapeAttribute(r.type)}" Target="${escapeAttribute(r.target)}"/>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

/** Adds relationships to an existing relationships part, after its last one. */
export function addRelationships(xml: string, added: readonly { id: string; type: string; target: string }[]): string {
  const root = findElement(xml, "Relationships");
  if (!root) throw new Error("the relationships part has no Relationships element");
  const prefix = prefixOf(root.qualifiedName);
  const items = added
    .map(
      (r) =>
        `<${prefix}Relationship Id="${escapeAttribute(r.id)}" Type="${escapeAttribute(r.type)}" Target="${escapeAttribute(r.target)}"/>`,
    )
    .join("");
  if (root.selfClosing)
    return `${xml.slice(0, root.start)}${xml.slice(root.start, root.end - 2)}>${items}</${root.qualifiedName}>${xml.slice(root.end)}`;
  return xml.slice(0, root.closeStart) + items + xml.slice(root.closeStart);
}

/** Removes the relationships with these ids, and nothing else. */
export function removeRelationships(xml: string, ids: ReadonlySet<string>): string {
  let out = xml;
  for (const span of findElements(xml, "Relationship").reverse()) {
    const id = /\sId\s*=\s*["']([^"']*)["']/.exec(xml.slice(span.start, span.openEnd))?.[1];
    if (id !== undefined && ids.has(id)) out = out.slice(0, span.start) + out.slice(span.end);
  }
  return out;
}

export interface ContentTypes {
  /** By extension, lower case, without the dot. */
  readonly defaults: ReadonlyMap<string, string>;
  /** By zip name, lower case. */
  readonly overrides: ReadonlyMap<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  parseXml(xml, {
    open(name, attrs) {
      if (name === "Default") defaults.set((attribute(attrs, "Extension") ?? "").toLowerCase(), attribute(attrs, "ContentType") ?? "");
      else if (name === "Override")
        overrides.set((attribute(attrs, "PartName") ?? "").replace(/^\//, "").toLowerCase(), attribute(attrs, "ContentType") ?? "");
    },
  });
  return { defaults, overrides };
}

export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const lower = part.toLowerCase();
  return types.overrides.get(lower) ?? types.defaults.get(lower.slice(lower.lastIndexOf(".") + 1));
}

/** Adds Override entries for new parts and removes those of parts that go, leaving the rest as it was. */
export function editContentTypes(
  xml: string,
  added: readonly { part: string; contentType: string }[],
  removed: ReadonlySet<string>,
): string {
  const lowerRemoved = new Set([...removed].map((p) => p.replace(/^\//, "").toLowerCase()));
  let out = xml;
  for (const span of findElements(xml, "Override").reverse()) {
    const part = /\sPartName\s*=\s*["']([^"']*)["']/.exec(xml.slice(span.start, span.openEnd))?.[1];
    if (part !== undefined && lowerRemoved.has(decodeURIComponent(part).replace(/^\//, "").toLowerCase()))
      out = out.slice(0, span.start) + out.slice(span.end);
  }
  if (added.length === 0) return out;
  const root = findElement(out, "Types");
  if (!root || root.selfClosing) throw new Error("[Content_Types].xml has no Types element");
  const prefix = prefixOf(root.qualifiedName);
  const items = added
    .map((a) => `<${prefix}Override PartName="/${escapeAttribute(a.part)}" ContentType="${escapeAttribute(a.contentType)}"/>`)
    .join("");
  return out.slice(0, root.closeStart) + items + out.slice(root.closeStart);
}
