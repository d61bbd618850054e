/**
 * The styles the report's cells need, appended to the workbook's styles part so that every
 * existing style index keeps its meaning. A style the part already has (from an earlier report,
 * or the workbook's own) is reused, so a rerun leaves the part as it was. The report's fonts are
 * the workbook's default font with the report's bold, italic, size and colour, so the report
 * looks like the rest of the workbook.
 */
import type { OutFormat, OutStyle, StatusRule } from "../domain/reportLayout";
import { FONTS, NUMBER_FORMATS } from "../domain/reportStyle";
import { escapeAttribute, findElement, findElements, prefixOf, type ElementSpan } from "./xml";

/** Number formats Excel knows by id (ECMA-376 Part 1, 18.8.30), which need no numFmt entry. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

/** The children of styleSheet in schema order (CT_Stylesheet), to place a missing collection. */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

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

/** A styles part with nothing but what SpreadsheetML requires, for a package that has none. */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const argb = (hex: string) => `FF${hex.toUpperCase()}`;

/** A collection of the styles part (numFmts, fonts…): its span and the spans of its items. */
interface Collection {
  readonly name: string;
  readonly span?: ElementSpan;
  readonly items: string[];
  readonly added: string[];
}

function collection(xml: string, name: string, item: string): Collection {
  const span = findElement(xml, name);
  const items = span && !span.selfClosing ? findElements(xml, item, span.openEnd, span.closeStart).map((s) => xml.slice(s.start, s.end)) : [];
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

/** The report's variant of the workbook's default font: its name, family, scheme and size unless the style sets one. */
function fontXml(defaultFont: string, style: OutStyle, prefix: string): string {
  const font = FONTS[style];
  const pick = (name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[^>]*/>`).exec(defaultFont)?.[0].replace(/^<\w+:/, `<${prefix}`).replace(/^<(?!\w+:)/, `<${prefix}`);
  const size = font.size !== undefined ? `<${prefix}sz val="${font.size}"/>` : (pick("sz") ?? `<${prefix}sz val="11"/>`);
  const color = font.color !== undefined ? `<${prefix}color rgb="${argb(font.color)}"/>` : (pick("color") ?? "");
  const parts = [font.bold ? `<${prefix}b/>` : "", font.italic ? `<${prefix}i/>` : "", size, color, pick("name") ?? `<${prefix}name val="Calibri"/>`, pick("family") ?? "", pick("charset") ?? "", pick("scheme") ?? ""];
  return `<${prefix}font>${parts.join("")}</${prefix}font>`;
}

/**
 * Adds to the styles part the cell formats and the conditional-format styles the report uses,
 * and says which index each got. Items are compared as written, so this code's own earlier
 * additions are found again.
 */
export function appendReportStyles(stylesXml: string, cellStyles: readonly CellStyleKey[], statusRules: readonly StatusRule[]): AppendedStyles {
  const root = findElement(stylesXml, "styleSheet");
  if (!root || root.selfClosing) throw new Error("the styles part has no styleSheet element");
  const prefix = prefixOf(root.qualifiedName);
  const numFmts = collection(stylesXml, "numFmts", "numFmt");
  const fonts = collection(stylesXml, "fonts", "font");
  const cellXfs = collection(stylesXml, "cellXfs", "xf");
  const dxfs = collection(stylesXml, "dxfs", "dxf");

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

  const defaultFont = fonts.items[0] ?? `<${prefix}font><${prefix}sz val="11"/><${prefix}name val="Calibri"/></${prefix}font>`;
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
  return { xml: withAdditions(stylesXml, root, prefix, [numFmts, fonts, cellXfs, dxfs]), cellXfs: xfIndex, dxfs: dxfIndex };
}

/** Writes the added items into their collections (creating one that is missing) and updates the counts. */
function withAdditions(xml: string, root: ElementSpan, prefix: string, collections: readonly Collection[]): string {
  const edits: { at: number; end: number; text: string }[] = [];
  for (const c of collections) {
    if (c.added.length === 0) continue;
    const count = c.items.length;
    const added = c.added.join("");
    if (c.span && !c.span.selfClosing) {
      const openTag = xml.slice(c.span.start, c.span.openEnd);
      const counted = /\scount\s*=\s*"\d*"/.test(openTag) ? openTag.replace(/(\scount\s*=\s*")\d*"/, `$1${count}"`) : openTag.replace(/(\/?>)$/, ` count="${count}"$1`);
      edits.push({ at: c.span.start, end: c.span.openEnd, text: counted });
      edits.push({ at: c.span.closeStart, end: c.span.closeStart, text: added });
    } else if (c.span) {
      const name = c.span.qualifiedName;
      edits.push({ at: c.span.start, end: c.span.end, text: `<${name} count="${count}">${added}</${name}>` });
    } else {
      const after = STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(c.name) + 1);
      const next = after.map((n) => findElement(xml, n)).find((s) => s !== undefined);
      const at = next ? next.start : root.closeStart;
      const place = c.name === "numFmts" ? root.openEnd : at;
      edits.push({ at: place, end: place, text: `<${prefix}${c.name} count="${count}">${added}</${prefix}${c.name}>` });
    }
  }
  edits.sort((a, b) => b.at - a.at || b.end - a.end);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}
