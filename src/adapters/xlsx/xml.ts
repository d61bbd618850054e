/**
 * XML as the package code needs it: a streaming read with saxes (a conforming, well-kept
 * streaming parser that runs in Node and the browser), escaping for the parts the add-in writes,
 * and locating an element in a part's text so that an edit changes those bytes and no others.
 */
import { SaxesParser } from "saxes";

/** "x:sheet" → "sheet": producers may prefix SpreadsheetML's namespace. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

export type Attributes = Readonly<Record<string, string>>;

export interface XmlHandlers {
  /**
   * An element opened, with the local name of the element it is in (undefined for the root): an
   * element is taken where the schema puts it, since an extension may use the same local name
   * elsewhere (Excel's <x15:workbookPr> in a workbook's extLst, <x14:table> in a table's).
   */
  open?(name: string, attributes: Attributes, parent: string | undefined): void;
  /** Character data (entities decoded), in pieces. */
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Streams a part through the handlers with local names; throws on XML that is not well-formed.
 * A part uses a handful of element names, so their local names are looked up, not recomputed:
 * on a worksheet of millions of cells that is most of the wrapper's cost.
 */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  const { open, text, close } = handlers;
  const locals = new Map<string, string>();
  const local = (name: string): string => {
    let found = locals.get(name);
    if (found === undefined) locals.set(name, (found = localName(name)));
    return found;
  };
  // The local names of the elements open around the next one; saxes calls closetag for a
  // self-closing tag too, so the stack follows every element.
  const ancestors: string[] = [];
  if (open)
    parser.on("opentag", (tag) => {
      const name = local(tag.name);
      open(name, tag.attributes as Attributes, ancestors[ancestors.length - 1]);
      ancestors.push(name);
    });
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (open || close)
    parser.on("closetag", (tag) => {
      ancestors.pop();
      close?.(local(tag.name));
    });
  let failure: Error | undefined;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

/** An attribute by local name: `r:id` and `id` are both found as "id" when asked for "r:id"'s local part. */
export function attribute(attributes: Attributes, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

export function escapeText(text: string): string {
  // Most text has nothing to escape; one test is cheaper than three replacements.
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/**
 * Characters XML 1.0 cannot carry, even escaped, are written as Excel does: _xHHHH_. An
 * underscore that would read as such an escape is itself escaped.
 */
// eslint-disable-next-line no-control-regex -- these are the characters XML cannot hold
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- the same, every one
const EVERY_NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPE_LIKE = /_x[0-9A-Fa-f]{4}_/;

export function excelText(text: string): string {
  if (!ESCAPE_LIKE.test(text) && !NOT_IN_XML.test(text)) return text;
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(EVERY_NOT_IN_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Undoes Excel's _xHHHH_ escapes in text read from a part. */
export function unescapeExcelText(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Where an element sits in a part's text. */
export interface ElementSpan {
  /** Index of its "<". */
  readonly start: number;
  /** Index just after the ">" of its start tag. */
  readonly openEnd: number;
  /** Index of the "<" of its end tag (equal to openEnd when it is self-closing). */
  readonly closeStart: number;
  /** Index just after its end. */
  readonly end: number;
  /** Its qualified name as written, e.g. "x:sheets". */
  readonly qualifiedName: string;
  readonly selfClosing: boolean;
}

/** Index after the markup that starts at `at` when it is a comment, CDATA section or processing instruction. */
function skipSpecial(xml: string, at: number): number | undefined {
  if (xml.startsWith("<!--", at)) return xml.indexOf("-->", at + 4) + 3;
  if (xml.startsWith("<![CDATA[", at)) return xml.indexOf("]]>", at + 9) + 3;
  if (xml.startsWith("<?", at) || xml.startsWith("<!", at)) return xml.indexOf(">", at) + 1;
  return undefined;
}

/** The end of the start tag that opens at `at`: the ">" not inside an attribute value. */
function tagEnd(xml: string, at: number): number {
  let quote = "";
  for (let i = at + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i;
  }
  return -1;
}

/**
 * The first element named `name` (local name) at or after `from`, with its end found by
 * counting nested elements of the same name. Comments, CDATA and processing instructions are
 * skipped. Undefined when there is none.
 */
export function findElement(xml: string, name: string, from = 0): ElementSpan | undefined {
  for (let i = xml.indexOf("<", from); i >= 0; i = xml.indexOf("<", i + 1)) {
    const special = skipSpecial(xml, i);
    if (special !== undefined) {
      if (special <= i) return undefined;
      i = special - 1;
      continue;
    }
    if (xml[i + 1] === "/") continue;
    const match = /^<([A-Za-z_][\w.-]*(?::[\w.-]+)?)/.exec(xml.slice(i, i + 200));
    if (!match || localName(match[1]) !== name) continue;
    const qualifiedName = match[1];
    const end = tagEnd(xml, i);
    if (end < 0) return undefined;
    if (xml[end - 1] === "/") return { start: i, openEnd: end + 1, closeStart: end + 1, end: end + 1, qualifiedName, selfClosing: true };
    let depth = 1;
    for (let j = xml.indexOf("<", end); j >= 0; j = xml.indexOf("<", j + 1)) {
      const skip = skipSpecial(xml, j);
      if (skip !== undefined) {
        if (skip <= j) return undefined;
        j = skip - 1;
        continue;
      }
      const closing = xml[j + 1] === "/";
      const tag = /^<\/?([A-Za-z_][\w.-]*(?::[\w.-]+)?)/.exec(xml.slice(j, j + 200));
      if (!tag || tag[1] !== qualifiedName) continue;
      const close = tagEnd(xml, j);
      if (closing) {
        depth--;
        if (depth === 0) return { start: i, openEnd: end + 1, closeStart: j, end: close + 1, qualifiedName, selfClosing: false };
      } else if (xml[close - 1] !== "/") depth++;
    }
    return undefined;
  }
  return undefined;
}

/** Every element named `name` (local name), in document order; nested ones of the same name are not listed separately. */
export function findElements(xml: string, name: string, from = 0, to = xml.length): ElementSpan[] {
  const spans: ElementSpan[] = [];
  for (let at = from; ;) {
    const span = findElement(xml, name, at);
    if (!span || span.start >= to) return spans;
    spans.push(span);
    at = span.end;
  }
}

/** The namespace prefix of a qualified name, with its colon ("x:"), or "". */
export function prefixOf(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(":");
  return colon < 0 ? "" : qualifiedName.slice(0, colon + 1);
}
