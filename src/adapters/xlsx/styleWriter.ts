/**
 * The styles the report's cells need, appended to the workbook's styles part so that every
 * existing style index keeps its meaning. A style the part already has (from an earlier report,
 * or the workbook's own) is reused, so a rerun leaves the part as it was. The report's fonts are
 * the workbook's default font with the report's bold, italic, size and colour, so the report
 * looks like the rest of the workbook.
 */
import type { OutFormat, OutStyle, StatusRule } from "../../domain/sheets/reportLayout";
import { FONTS, NUMBER_FORMATS } from "../../domain/sheets/reportStyle";
import { SAVE_AS_XLSX, UnreadableWorkbookError } from "../../domain/common/stopErrors";
import { escapeAttribute, findElement, findElements, localName, prefixOf, type ElementSpan } from "./xml";

/** Number formats Excel knows by id (ECMA-376 Part 1, 18.8.30), which need no numFmt entry. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

/** The children of styleSheet in schema order (CT_Stylesheet, ECMA-376 Part 1, 18.8.39), to place a missing collection. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

export interface CellStyleKey {
  readonly format?: OutFormat;
  readonly style?: OutStyle;
}

export const styleKey = (key: CellStyleKey) => `${key.format ?? ""}|${key.style ?? ""}`;

export interface AppendedStyles {
  /** The new styles part (the old text when nothing had to be added). */
  readonly xml: string;
  /** `<cellXfs>` index by styleKey. */
  readonly cellXfs: ReadonlyMap<string, number>;
  /** `<dxfs>` index by status text. */
  readonly dxfs: ReadonlyMap<string, number>;
}

/**
 * A styles part for a package that has none: an empty styleSheet (which the schema allows), in
 * the namespace of the package's SpreadsheetML, to which appendReportStyles adds the defaults
 * and the report's styles like to any other part.
 */
export const emptyStyles = (mainNamespace: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${mainNamespace}"/>`;

const argb = (hex: string) => `FF${hex.toUpperCase()}`;

/** A collection of the styles part (numFmts, fonts…): its span and the spans of its items. */
interface Collection {
  readonly name: string;
  readonly span?: ElementSpan;
  readonly items: string[];
  readonly added: string[];
}

/**
 * The direct children of the styleSheet element in SpreadsheetML's namespace, by local name: a
 * collection is looked for there only, never inside an extension (extLst may hold an x14:dxfs).
 */
function childElements(xml: string, root: ElementSpan): Map<string, ElementSpan> {
  const children = new Map<string, ElementSpan>();
  const prefix = prefixOf(root.qualifiedName);
  for (let at = root.openEnd; at < root.closeStart;) {
    const lt = xml.indexOf("<", at);
    if (lt < 0 || lt >= root.closeStart) break;
    const skipTo = xml.startsWith("<!--", lt)
      ? xml.indexOf("-->", lt) + 3
      : xml.startsWith("<?", lt)
        ? xml.indexOf("?>", lt) + 2
        : xml.startsWith("<!", lt)
          ? xml.indexOf(">", lt) + 1
          : lt;
    if (skipTo !== lt) {
      if (skipTo <= lt) break;
      at = skipTo;
      continue;
    }
    const name = /^<([A-Za-z_][\w.-]*(?::[\w.-]+)?)/.exec(xml.slice(lt, lt + 200))?.[1];
    const span = name === undefined ? undefined : findElement(xml, localName(name), lt);
    if (!span || span.start !== lt) break;
    if (prefixOf(span.qualifiedName) === prefix && !children.has(localName(name as string))) children.set(localName(name as string), span);
    at = span.end;
  }
  return children;
}

function collection(xml: string, children: ReadonlyMap<string, ElementSpan>, name: string, item: string): Collection {
  const span = children.get(name);
  const items =
    span && !span.selfClosing ? findElements(xml, item, span.openEnd, span.closeStart).map((s) => xml.slice(s.start, s.end)) : [];
  return { name, span, items, added: [] };
}

/** Index of an item equal to `wanted`, added at the end when there is none. */
function indexOf(c: Collection, wanted: string): number {
  const at = c.items.indexOf(wanted);
  if (at >= 0) return at;
  c.items.push(wanted);
  c.added.push(wanted);
  return c.items.length - 1;
}

/** Adds `filler` until the collection has `count` items. */
function fillTo(c: Collection, count: number, filler: string): void {
  while (c.items.length < count) {
    c.items.push(filler);
    c.added.push(filler);
  }
}

/** The highest index the items give in the attribute (fontId, xfId…), -1 when none does. */
function highestReference(items: readonly string[], attribute: string): number {
  const pattern = new RegExp(`\\s${attribute}\\s*=\\s*"(\\d+)"`);
  let highest = -1;
  for (const item of items) highest = Math.max(highest, Number(pattern.exec(item)?.[1] ?? -1));
  return highest;
}

/** The report's variant of the workbook's default font: its name, family, scheme and size unless the style sets one. */
function fontXml(defaultFont: string, style: OutStyle, prefix: string): string {
  const font = FONTS[style];
  const pick = (name: string) =>
    new RegExp(`<(?:\\w+:)?${name}\\b[^>]*/>`)
      .exec(defaultFont)?.[0]
      .replace(/^<\w+:/, `<${prefix}`)
      .replace(/^<(?!\w+:)/, `<${prefix}`);
  const size = font.size !== undefined ? `<${prefix}sz val="${font.size}"/>` : (pick("sz") ?? `<${prefix}sz val="11"/>`);
  const color = font.color !== undefined ? `<${prefix}color rgb="${argb(font.color)}"/>` : (pick("color") ?? "");
  const parts = [
    font.bold ? `<${prefix}b/>` : "",
    font.italic ? `<${prefix}i/>` : "",
    size,
    color,
    pick("name") ?? `<${prefix}name val="Calibri"/>`,
    pick("family") ?? "",
    pick("charset") ?? "",
    pick("scheme") ?? "",
  ];
  return `<${prefix}font>${parts.join("")}</${prefix}font>`;
}

/**
 * The styles part with an empty styleSheet (`<styleSheet/>`, which the schema allows) written
 * as a start and an end tag, so that collections can go between them.
 */
function openedRoot(xml: string, part: string): { xml: string; root: ElementSpan } {
  const root = findElement(xml, "styleSheet");
  if (!root)
    throw new UnreadableWorkbookError(
      `The styles part ${part} has no styleSheet element, so the report's styles cannot be added to it and nothing was written; the file may be damaged. ${SAVE_AS_XLSX}`,
    );
  if (!root.selfClosing) return { xml, root };
  const opened = `${xml.slice(root.start, root.end).replace(/\s*\/>$/, ">")}</${root.qualifiedName}>`;
  const edited = xml.slice(0, root.start) + opened + xml.slice(root.end);
  return { xml: edited, root: findElement(edited, "styleSheet") as ElementSpan };
}

/**
 * Gives every collection the items an index must find: a cell without a style is cellXfs 0, an
 * xf without a font is font 0, and so on, so a collection the part lacks (or leaves empty) gets
 * what an application assumes in its absence (Excel's default font, no fill and the gray125
 * fill it reserves, no border, the Normal style) before anything of the report's. An index the
 * part's own formats give and the collection lacks is filled the same way, so that it keeps
 * meaning "the default" once the report's items follow.
 */
function withDefaults(
  prefix: string,
  c: Readonly<Record<"fonts" | "fills" | "borders" | "cellStyleXfs" | "cellXfs" | "cellStyles", Collection>>,
): void {
  const formats = [...c.cellStyleXfs.items, ...c.cellXfs.items];
  const font = `<${prefix}font><${prefix}sz val="11"/><${prefix}name val="Calibri"/><${prefix}family val="2"/></${prefix}font>`;
  const noFill = `<${prefix}fill><${prefix}patternFill patternType="none"/></${prefix}fill>`;
  const border = `<${prefix}border><${prefix}left/><${prefix}right/><${prefix}top/><${prefix}bottom/><${prefix}diagonal/></${prefix}border>`;
  const styleXf = `<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
  fillTo(c.fonts, Math.max(1, highestReference(formats, "fontId") + 1), font);
  if (c.fills.items.length === 0) {
    fillTo(c.fills, 1, noFill);
    fillTo(c.fills, 2, `<${prefix}fill><${prefix}patternFill patternType="gray125"/></${prefix}fill>`);
  }
  fillTo(c.fills, highestReference(formats, "fillId") + 1, noFill);
  fillTo(c.borders, Math.max(1, highestReference(formats, "borderId") + 1), border);
  fillTo(c.cellStyleXfs, Math.max(1, highestReference([...c.cellXfs.items, ...c.cellStyles.items], "xfId") + 1), styleXf);
  fillTo(c.cellXfs, 1, `<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
  fillTo(c.cellStyles, 1, `<${prefix}cellStyle name="Normal" xfId="0" builtinId="0"/>`);
}

/**
 * Adds to the styles part the cell formats and the conditional-format styles the report uses,
 * and says which index each got. Items are compared as written, so this code's own earlier
 * additions are found again. Any styles part the schema allows is written into, from an empty
 * styleSheet on; every existing index keeps its meaning.
 */
export function appendReportStyles(
  stylesXml: string,
  cellStyles: readonly CellStyleKey[],
  statusRules: readonly StatusRule[],
  part = "xl/styles.xml",
): AppendedStyles {
  const { xml, root } = openedRoot(stylesXml, part);
  const prefix = prefixOf(root.qualifiedName);
  const children = childElements(xml, root);
  const numFmts = collection(xml, children, "numFmts", "numFmt");
  const fonts = collection(xml, children, "fonts", "font");
  const fills = collection(xml, children, "fills", "fill");
  const borders = collection(xml, children, "borders", "border");
  const cellStyleXfs = collection(xml, children, "cellStyleXfs", "xf");
  const cellXfs = collection(xml, children, "cellXfs", "xf");
  const namedStyles = collection(xml, children, "cellStyles", "cellStyle");
  const dxfs = collection(xml, children, "dxfs", "dxf");
  withDefaults(prefix, { fonts, fills, borders, cellStyleXfs, cellXfs, cellStyles: namedStyles });

  const customIds = new Map<string, number>();
  let nextId = 164;
  for (const item of numFmts.items) {
    const id = Number(/numFmtId\s*=\s*"(\d+)"/.exec(item)?.[1]);
    const code = /formatCode\s*=\s*"([^"]*)"/.exec(item)?.[1];
    if (Number.isFinite(id)) nextId = Math.max(nextId, id + 1);
    if (code !== undefined && Number.isFinite(id)) customIds.set(code, id);
  }
  const formatId = (format: OutFormat | undefined): number => {
    if (!format) return 0;
    const code = NUMBER_FORMATS[format];
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    const escaped = escapeAttribute(code);
    const known = customIds.get(escaped);
    if (known !== undefined) return known;
    const id = nextId++;
    customIds.set(escaped, id);
    numFmts.items.push("");
    numFmts.added.push(`<${prefix}numFmt numFmtId="${id}" formatCode="${escaped}"/>`);
    return id;
  };

  const defaultFont = fonts.items[0];
  const xfIndex = new Map<string, number>();
  for (const key of cellStyles) {
    const k = styleKey(key);
    if (xfIndex.has(k)) continue;
    const numFmtId = formatId(key.format);
    const fontId = key.style ? indexOf(fonts, fontXml(defaultFont, key.style, prefix)) : 0;
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}`;
    xfIndex.set(k, indexOf(cellXfs, `<${prefix}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${applied}/>`));
  }
  const dxfIndex = new Map<string, number>();
  for (const rule of statusRules) {
    const dxf = `<${prefix}dxf><${prefix}font><${prefix}color rgb="${argb(rule.font)}"/></${prefix}font><${prefix}fill><${prefix}patternFill><${prefix}bgColor rgb="${argb(rule.fill)}"/></${prefix}patternFill></${prefix}fill></${prefix}dxf>`;
    dxfIndex.set(rule.text, indexOf(dxfs, dxf));
  }
  const collections = [numFmts, fonts, fills, borders, cellStyleXfs, cellXfs, namedStyles, dxfs];
  if (collections.every((c) => c.added.length === 0)) return { xml: stylesXml, cellXfs: xfIndex, dxfs: dxfIndex };
  return { xml: withAdditions(xml, root, children, prefix, collections), cellXfs: xfIndex, dxfs: dxfIndex };
}

/**
 * Writes the added items into their collections and updates the counts; a collection the part
 * lacks is created where the schema's order puts it: before the first child that follows it in
 * that order, or last.
 */
function withAdditions(
  xml: string,
  root: ElementSpan,
  children: ReadonlyMap<string, ElementSpan>,
  prefix: string,
  collections: readonly Collection[],
): string {
  const edits: { at: number; end: number; text: string; order: number }[] = [];
  for (const c of collections) {
    if (c.added.length === 0) continue;
    const order = STYLESHEET_ORDER.indexOf(c.name);
    const count = c.items.length;
    const added = c.added.join("");
    if (c.span && !c.span.selfClosing) {
      const openTag = xml.slice(c.span.start, c.span.openEnd);
      const counted = /\scount\s*=\s*"\d*"/.test(openTag)
        ? openTag.replace(/(\scount\s*=\s*")\d*"/, `$1${count}"`)
        : openTag.replace(/(\/?>)$/, ` count="${count}"$1`);
      edits.push({ at: c.span.start, end: c.span.openEnd, text: counted, order });
      edits.push({ at: c.span.closeStart, end: c.span.closeStart, text: added, order });
    } else if (c.span) {
      const name = c.span.qualifiedName;
      edits.push({ at: c.span.start, end: c.span.end, text: `<${name} count="${count}">${added}</${name}>`, order });
    } else {
      let at = root.closeStart;
      for (const later of STYLESHEET_ORDER.slice(order + 1)) at = Math.min(at, children.get(later)?.start ?? at);
      edits.push({ at, end: at, text: `<${prefix}${c.name} count="${count}">${added}</${prefix}${c.name}>`, order });
    }
  }
  // From the end of the part, so that earlier positions stay valid; collections created at one
  // place go in the schema's order.
  edits.sort((a, b) => b.at - a.at || b.end - a.end || b.order - a.order);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}
