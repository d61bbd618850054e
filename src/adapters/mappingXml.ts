/**
 * The custom XML part that keeps the plan's mapping in the workbook (port.ts, readMapping and
 * writeMapping): one root element in the add-in's own namespace whose text is the mapping's JSON,
 * as it was given (the format is the domain's, src/domain/plan; here it is opaque text). The
 * .xlsx package keeps it as customXml/itemN.xml, Excel as one of `workbook.customXmlParts`: both
 * write and read it with this module, so that either finds what the other wrote.
 *
 * The reader takes the XML any producer may give back for such a part (Excel's getXml may add a
 * declaration, another prefix, other quotes), without a general XML parser: the pane's bundle
 * carries none, and the part has no structure beyond one element's text.
 */
import { UnreadableWorkbookError } from "../domain/common/stopErrors";

/** The add-in's namespace for the part: its root element is in it, and Office finds the part by it (getByNamespace). */
export const MAPPING_NAMESPACE = "urn:cvm-gap:plan-mapping:1";

/** The root element's name. */
export const MAPPING_ROOT = "planMapping";

/** The part cannot be read as the add-in's mapping part: its XML is not well formed, or not the one element the add-in writes. */
export class MappingXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingXmlError";
  }
}

/** The stop error for a mapping part of the add-in's namespace that cannot be read, in the words both adapters use. */
export function unreadableMapping(where: string, error: MappingXmlError): UnreadableWorkbookError {
  return new UnreadableWorkbookError(
    `The plan's mapping kept in ${where} cannot be read: ${error.message}. Map the plan again to replace it.`,
  );
}

/** Characters XML 1.0 cannot carry at all (§2.2), escaped or not: controls, U+FFFE and U+FFFF, and halves of surrogate pairs alone. */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- these are the characters XML cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The JSON as the root element's text: &, < and > escaped, and a carriage return as a character
 * reference, since a reader turns a literal one into a line feed (XML 1.0, §2.11).
 */
export function mappingText(json: string): string {
  const bad = NOT_IN_XML.exec(json);
  if (bad)
    throw new MappingXmlError(
      `the mapping holds the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which an XML part cannot hold`,
    );
  return json.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** The whole part for a mapping, as the add-in writes it anew. */
export function mappingXml(json: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${MAPPING_ROOT} xmlns="${MAPPING_NAMESPACE}">${mappingText(json)}</${MAPPING_ROOT}>`;
}

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Text as XML reads it: line ends normalised (§2.11), then the predefined entities and character references decoded. */
function decodeText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new MappingXmlError("a bare & in its text");
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    const entity = ENTITIES.get(name);
    if (entity === undefined) throw new MappingXmlError(`the unknown entity ${match}`);
    return entity;
  });
}

/** Index just after the markup at `at` that ends with `close`, or an error naming what never ends. */
function skipPast(xml: string, at: number, close: string, what: string): number {
  const end = xml.indexOf(close, at);
  if (end < 0) throw new MappingXmlError(`${what} that never ends`);
  return end + close.length;
}

/** The root element of a part: its namespace (from the declaration its prefix names) and where its content lies. */
interface Root {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly contentStart: number;
  readonly selfClosing: boolean;
}

function readRoot(xml: string): Root {
  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < xml.length && /\s/.test(xml[at])) at++;
    if (xml.startsWith("<?", at)) at = skipPast(xml, at, "?>", "a processing instruction");
    else if (xml.startsWith("<!--", at)) at = skipPast(xml, at, "-->", "a comment");
    else if (xml.startsWith("<!", at)) {
      const end = skipPast(xml, at, ">", "a declaration");
      if (xml.slice(at, end).includes("[")) throw new MappingXmlError("a document type with its own declarations");
      at = end;
    } else break;
  }
  const tag = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(at));
  if (!tag) throw new MappingXmlError("no root element");
  const [whole, name, attributes, selfClosing] = tag;
  const colon = name.indexOf(":");
  const declaration = colon < 0 ? "xmlns" : `xmlns:${name.slice(0, colon)}`;
  let namespace: string | undefined;
  for (const attribute of attributes.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (attribute[1] === declaration) namespace = decodeText(attribute[2] ?? attribute[3] ?? "");
  }
  return { name, namespace, contentStart: at + whole.length, selfClosing: selfClosing === "/" };
}

/** The namespace of the part's root element; undefined when it declares none. */
export function rootNamespace(xml: string): string | undefined {
  return readRoot(xml).namespace;
}

/**
 * The mapping's JSON from a part, or undefined when the part's root is not in MAPPING_NAMESPACE
 * (another add-in's part, or one whose root element cannot be made out, which the add-in never
 * writes). A part of the add-in's namespace that is not one element of text throws MappingXmlError.
 */
export function readMappingXml(xml: string): string | undefined {
  let root: Root;
  try {
    root = readRoot(xml);
  } catch (error) {
    if (error instanceof MappingXmlError) return undefined;
    throw error;
  }
  if (root.namespace !== MAPPING_NAMESPACE) return undefined;
  if (root.selfClosing) return "";
  let text = "";
  for (let at = root.contentStart; ;) {
    const lt = xml.indexOf("<", at);
    if (lt < 0) throw new MappingXmlError(`the element ${root.name} is not closed`);
    text += decodeText(xml.slice(at, lt));
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = skipPast(xml, lt, "]]>", "a CDATA section");
      text += xml.slice(lt + 9, end - 3).replace(/\r\n?/g, "\n");
      at = end;
    } else if (xml.startsWith("<!--", lt)) at = skipPast(xml, lt, "-->", "a comment");
    else if (xml.startsWith("<?", lt)) at = skipPast(xml, lt, "?>", "a processing instruction");
    else if (xml.startsWith(`</${root.name}`, lt) && /^\s*>/.test(xml.slice(lt + 2 + root.name.length))) return text;
    else throw new MappingXmlError(`the element ${root.name} holds other markup than its text`);
  }
}
