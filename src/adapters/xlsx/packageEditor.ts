/**
 * Writes the add-in's sheets into a package by editing it, not rebuilding it: a sheet's own parts
 * (worksheet, tables, drawing, chart) are added, or replaced on a rerun, and the few shared parts
 * that must point at them (the workbook part, its relationships, the content types, the styles,
 * and the calculation chain when a replaced sheet had formulas) get exactly the entries they
 * need. Every other part is left to be copied byte for byte.
 */
import { carriesOwnerMarker, checkWrite, OWNER_MARKER_ROWS, sheetsReplaced } from "../../domain/sheets/ownership";
import type { ReportLayout, StatusRule } from "../../domain/sheets/reportLayout";
import type { SheetData } from "../../domain/common/cells";
import { StopError } from "../../domain/common/stopErrors";
import { MAPPING_ROOT, mappingText, mappingXml, MappingXmlError, readMappingXml, unreadableMapping } from "../mappingXml";
import { chartXml, drawingXml } from "./chartParts";
import { isRelationshipType, namespacesOf, type Namespaces } from "./conformance";
import { CUSTOM_XML_PROPERTIES_TYPE, CUSTOM_XML_TYPE, ITEM_PATTERN, ITEM_PROPS_PATTERN, itemPropsXml, newItemId } from "./mappingPart";
import {
  addRelationships,
  CONTENT_TYPE,
  CONTENT_TYPES_PART,
  contentTypeOf,
  editContentTypes,
  freeRelationshipId,
  parseRelationships,
  relationshipsPart,
  relativeTarget,
  relsPartOf,
  removeRelationships,
  resolveTarget,
  type Relationship,
} from "./opc";
import { layoutCells, layoutStyleKeys, reportSheetParts } from "./reportSheet";
import { readSheetTables, type TablePart } from "./sheetParts";
import { appendReportStyles, emptyStyles, type CellStyleKey } from "./styleWriter";
import type { WorkbookInfo, SheetEntry } from "./workbookPart";
import { readWorksheet, unreadableSheet, type ReadContext } from "./worksheetReader";
import { escapeAttribute, findElement, findElements, prefixOf } from "./xml";
import type { PackageEdits, ZipPackage } from "./zipPackage";
import { largest } from "../../domain/common/extremes";

const STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

/** A custom XML item of the workbook that holds the add-in's mapping (mappingPart.ts). */
interface MappingItem {
  /** The workbook part's relationship to it. */
  readonly rel: Relationship;
  readonly part: string;
  readonly json: string;
}

/** Parts that belong to a sheet alone and go with it when the add-in replaces it. */
const OWNED_RELATIONSHIPS =
  /\/(table|drawing|comments|vmlDrawing|chart|chartUserShapes|chartStyle|chartColorStyle|printerSettings|threadedComment)$/;

export class PackageEditor {
  private readonly texts = new Map<string, string>();
  private readonly set = new Map<string, Uint8Array | string>();
  private readonly removed = new Set<string>();
  private readonly addedTypes: { part: string; contentType: string }[] = [];
  private tablesBySheet?: Map<string, TablePart[]>;

  constructor(
    private readonly pkg: ZipPackage,
    private info: WorkbookInfo,
    private readonly readContext: () => Promise<ReadContext>,
    /** Names the workbook in messages, e.g. the file's path. */
    private readonly where: string,
  ) {}

  /** A part's current text: edited here, or as stored. */
  private async text(part: string): Promise<string> {
    const edited = this.texts.get(part.toLowerCase());
    if (edited !== undefined) return edited;
    return this.pkg.text(part);
  }

  private put(part: string, text: string): void {
    this.texts.set(part.toLowerCase(), text);
    this.set.set(part, text);
    this.removed.delete(part.toLowerCase());
  }

  private exists(part: string): boolean {
    const lower = part.toLowerCase();
    return !this.removed.has(lower) && (this.texts.has(lower) || this.pkg.has(part));
  }

  /** The content type of a part this editor adds, once: a part written twice (a report rewritten) keeps one entry. */
  private addType(part: string, contentType: string): void {
    const lower = part.toLowerCase();
    for (let i = this.addedTypes.length - 1; i >= 0; i--) if (this.addedTypes[i].part.toLowerCase() === lower) this.addedTypes.splice(i, 1);
    this.addedTypes.push({ part, contentType });
  }

  private remove(part: string): void {
    const lower = part.toLowerCase();
    this.removed.add(lower);
    this.texts.delete(lower);
    for (const key of this.set.keys()) if (key.toLowerCase() === lower) this.set.delete(key);
    // A part this editor added and now removes takes its content type with it.
    for (let i = this.addedTypes.length - 1; i >= 0; i--) if (this.addedTypes[i].part.toLowerCase() === lower) this.addedTypes.splice(i, 1);
  }

  /** The namespaces and relationship types of the package's conformance class, for every part and relationship added. */
  private get namespaces(): Namespaces {
    return namespacesOf(this.info.conformance ?? "transitional");
  }

  /** The first part name of the pattern (with {n}) that no part uses. */
  private freePart(pattern: string, taken: ReadonlySet<string>): string {
    for (let n = 1; ; n++) {
      const name = pattern.replace("{n}", String(n));
      if (!this.exists(name) && !taken.has(name.toLowerCase())) return name;
    }
  }

  private async allTables(): Promise<Map<string, TablePart[]>> {
    if (!this.tablesBySheet) {
      this.tablesBySheet = new Map();
      for (const sheet of this.info.sheets) {
        if (sheet.part && this.pkg.has(sheet.part)) this.tablesBySheet.set(sheet.name, await readSheetTables(this.pkg, sheet.part));
      }
    }
    return this.tablesBySheet;
  }

  /** Whether the add-in wrote this sheet: the marker in column A near the top. */
  private async isOwned(sheet: SheetEntry): Promise<boolean> {
    if (sheet.kind !== "worksheet" || !sheet.part || !this.exists(sheet.part)) return false;
    let data: SheetData;
    try {
      data = readWorksheet(sheet.name, await this.text(sheet.part), await this.readContext()).sheet;
    } catch (error) {
      throw error instanceof StopError ? error : unreadableSheet(sheet.name, this.where, error);
    }
    const columnA = Array.from({ length: OWNER_MARKER_ROWS }, (_, row) =>
      data.origin.col === 0 ? data.values[row - data.origin.row]?.[0] : undefined,
    );
    return carriesOwnerMarker(columnA);
  }

  /**
   * Writes the add-in's sheets, in order, after checking them all (ownership.ts checkWrite)
   * against the package as it is: a refusal (a locked structure, a sheet of that name the add-in
   * did not write, a table name that is taken, a sheet past Excel's grid) leaves it unedited.
   */
  async writeOwnedSheets(layouts: readonly ReportLayout[]): Promise<void> {
    const names = this.info.sheets.map((s) => s.name);
    const owned = new Set<string>();
    for (const name of sheetsReplaced(layouts, names)) {
      const entry = this.info.sheets.find((s) => s.name === name);
      if (entry && (await this.isOwned(entry))) owned.add(name);
    }
    const tables = await this.allTables();
    checkWrite(layouts, {
      sheetNames: names,
      ownedSheets: owned,
      tables: [...tables.entries()].flatMap(([sheet, list]) => list.map((t) => ({ name: t.name, sheet }))),
      structureLocked: this.info.structureLocked,
      where: this.where,
    });
    for (const layout of layouts) await this.writeOwnedSheet(layout);
  }

  /**
   * Writes one of the add-in's sheets, checked already: replaces the add-in's earlier sheet in
   * place (same position, same sheet id); adds a new one at the end.
   */
  private async writeOwnedSheet(layout: ReportLayout): Promise<void> {
    const existing = this.info.sheets.find((s) => s.name.toLowerCase() === layout.sheetName.toLowerCase());
    const tables = await this.allTables();
    const freed = existing ? await this.removeSheetParts(existing) : new Set<string>();
    const sheetPart = existing?.part ?? this.freePart("xl/worksheets/sheet{n}.xml", freed);
    const taken = new Set<string>([sheetPart.toLowerCase()]);
    const claim = (pattern: string) => {
      const part = this.freePart(pattern, taken);
      taken.add(part.toLowerCase());
      return part;
    };

    // Table ids are unique across the workbook.
    const otherTables = [...tables.entries()].filter(([sheet]) => sheet !== existing?.name).flatMap(([, list]) => list);
    let nextTableId = 1;
    for (const table of otherTables) {
      // this.text, not the stored part: a table this run added (the report's, before the scenario's) counts too.
      const id = Number(/\bid\s*=\s*"(\d+)"/.exec(await this.text(table.part))?.[1]);
      if (Number.isFinite(id)) nextTableId = Math.max(nextTableId, id + 1);
    }
    const ns = this.namespaces;
    const tableParts = layout.tables.map(() => claim("xl/tables/table{n}.xml"));
    const tableIds = layout.tables.map((_, i) => nextTableId + i);
    const sheetRels: { id: string; type: string; target: string }[] = tableParts.map((part, i) => ({
      id: `rId${i + 1}`,
      type: ns.relationshipType("table"),
      target: relativeTarget(sheetPart, part),
    }));
    let drawingRelId: string | undefined;
    if (layout.charts.length > 0) {
      const drawingPart = claim("xl/drawings/drawing{n}.xml");
      const chartParts = layout.charts.map(() => claim("xl/charts/chart{n}.xml"));
      drawingRelId = `rId${sheetRels.length + 1}`;
      sheetRels.push({ id: drawingRelId, type: ns.relationshipType("drawing"), target: relativeTarget(sheetPart, drawingPart) });
      const chartRels = chartParts.map((part, i) => ({
        id: `rId${i + 1}`,
        type: ns.relationshipType("chart"),
        target: relativeTarget(drawingPart, part),
      }));
      this.put(
        drawingPart,
        drawingXml(
          layout.charts,
          chartRels.map((r) => r.id),
          ns,
        ),
      );
      this.put(relsPartOf(drawingPart), relationshipsPart(chartRels));
      this.addType(drawingPart, CONTENT_TYPE.drawing);
      layout.charts.forEach((chart, i) => {
        this.put(chartParts[i], chartXml(layout, chart, ns));
        this.addType(chartParts[i], CONTENT_TYPE.chart);
      });
    }

    const cells = layoutCells(layout, this.info.date1904);
    const styles = await this.appendStyles(layoutStyleKeys(cells), layout.statusRules);
    const parts = reportSheetParts(
      layout,
      cells,
      styles,
      tableIds,
      tableParts.map((_, i) => sheetRels[i].id),
      drawingRelId,
      ns,
    );
    this.put(sheetPart, parts.sheetXml);
    this.put(relsPartOf(sheetPart), relationshipsPart(sheetRels));
    this.addType(sheetPart, CONTENT_TYPE.worksheet);
    parts.tables.forEach((xml, i) => {
      this.put(tableParts[i], xml);
      this.addType(tableParts[i], CONTENT_TYPE.table);
    });
    this.tablesBySheet?.set(
      layout.sheetName,
      layout.tables.map((t, i) => ({ part: tableParts[i], name: t.name, ref: "", headerRows: 1, totalsRows: 0, columns: [] })),
    );
    if (existing?.name && existing.name !== layout.sheetName) this.tablesBySheet?.delete(existing.name);

    if (existing) await this.renameSheet(existing, layout.sheetName);
    else await this.addSheet(layout.sheetName, sheetPart);
  }

  /** Removes the parts of an earlier sheet of the add-in; the names they freed may be reused. */
  private async removeSheetParts(sheet: SheetEntry): Promise<Set<string>> {
    const freed = new Set<string>();
    if (!sheet.part) return freed;
    // The relationships as edited: a sheet this editor wrote earlier (a second write on one open workbook) frees its parts too.
    const visit = async (part: string) => {
      for (const rel of await this.currentRelationships(part)) {
        if (rel.external || !OWNED_RELATIONSHIPS.test(rel.type)) continue;
        const target = resolveTarget(part, rel.target);
        if (freed.has(target.toLowerCase()) || !this.exists(target)) continue;
        freed.add(target.toLowerCase());
        await visit(target);
        this.remove(target);
        this.remove(relsPartOf(target));
      }
    };
    await visit(sheet.part);
    this.remove(relsPartOf(sheet.part));
    await this.dropFromCalcChain(sheet.sheetId);
    return freed;
  }

  /** Removes the calculation chain's cells of a replaced sheet (the add-in writes no formulas). */
  private async dropFromCalcChain(sheetId: number): Promise<void> {
    const rel = this.info.relationships.find((r) => isRelationshipType(r.type, "calcChain"));
    if (!rel) return;
    const part = resolveTarget(this.info.part, rel.target);
    if (!this.exists(part)) return;
    const xml = await this.text(part);
    const cells = findElements(xml, "c");
    // A cell without i belongs to the sheet of the cell before it.
    let current = "";
    const kept: string[] = [];
    let dropped = 0;
    for (const span of cells) {
      const tag = xml.slice(span.start, span.end);
      const i = /\si\s*=\s*"(\d+)"/.exec(tag)?.[1];
      if (i !== undefined) current = i;
      if (Number(current) === sheetId) dropped++;
      else kept.push(i === undefined ? tag.replace(/^<(\w+:)?c\b/, (m) => `${m} i="${current}"`) : tag);
    }
    if (dropped === 0) return;
    const root = findElement(xml, "calcChain");
    if (!root || kept.length === 0) {
      this.remove(part);
      await this.editWorkbookRels((rels) => removeRelationships(rels, new Set([rel.id])));
      return;
    }
    this.put(part, xml.slice(0, root.openEnd) + kept.join("") + xml.slice(root.closeStart));
  }

  private async appendStyles(cellStyles: readonly CellStyleKey[], statusRules: readonly StatusRule[]) {
    let stylesPart = this.info.stylesPart;
    let xml: string;
    if (stylesPart && this.exists(stylesPart)) xml = await this.text(stylesPart);
    else {
      stylesPart = "xl/styles.xml";
      xml = emptyStyles(this.namespaces.spreadsheetml);
      const rels = await this.text(relsPartOf(this.info.part));
      const id = freeRelationshipId(this.info.relationships, new Set([...rels.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1])));
      await this.editWorkbookRels((text) =>
        addRelationships(text, [
          { id, type: this.namespaces.relationshipType("styles"), target: relativeTarget(this.info.part, stylesPart as string) },
        ]),
      );
      this.addType(stylesPart, STYLES_TYPE);
      this.info = { ...this.info, stylesPart };
    }
    const appended = appendReportStyles(xml, cellStyles, statusRules, stylesPart);
    if (appended.xml !== xml) this.put(stylesPart, appended.xml);
    return appended;
  }

  private async editWorkbookRels(edit: (xml: string) => string): Promise<void> {
    const part = relsPartOf(this.info.part);
    const xml = this.exists(part) ? await this.text(part) : relationshipsPart([]);
    this.put(part, edit(xml));
  }

  /**
   * The prefix the workbook part's root declares for the relationships namespace, or a
   * declaration to put on the new element itself: openpyxl declares it on each sheet element
   * only, where it is not in scope for another.
   */
  private relationshipsPrefix(xml: string): { prefix: string; declare: string } {
    const root = findElement(xml, "workbook");
    const rootTag = root ? xml.slice(root.start, root.openEnd) : "";
    const namespace = this.namespaces.relationships;
    const declared = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*"${namespace.replace(/[./]/g, "\\$&")}"`).exec(rootTag);
    return declared ? { prefix: `${declared[1]}:`, declare: "" } : { prefix: "r:", declare: ` xmlns:r="${namespace}"` };
  }

  private async addSheet(name: string, sheetPart: string): Promise<void> {
    const relsXml = this.exists(relsPartOf(this.info.part)) ? await this.text(relsPartOf(this.info.part)) : "";
    const relId = freeRelationshipId(this.info.relationships, new Set([...relsXml.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1])));
    await this.editWorkbookRels((xml) =>
      addRelationships(xml, [
        { id: relId, type: this.namespaces.relationshipType("worksheet"), target: relativeTarget(this.info.part, sheetPart) },
      ]),
    );
    const xml = await this.text(this.info.part);
    const sheets = findElement(xml, "sheets");
    if (!sheets) throw new Error("the workbook part has no sheets element");
    const prefix = prefixOf(sheets.qualifiedName);
    const { prefix: r, declare } = this.relationshipsPrefix(xml);
    const sheetId =
      largest(
        this.info.sheets.map((s) => s.sheetId),
        0,
      ) + 1;
    const element = `<${prefix}sheet name="${escapeAttribute(name)}" sheetId="${sheetId}" ${r}id="${relId}"${declare}/>`;
    const edited = sheets.selfClosing
      ? `${xml.slice(0, sheets.start)}<${sheets.qualifiedName}>${element}</${sheets.qualifiedName}>${xml.slice(sheets.end)}`
      : xml.slice(0, sheets.closeStart) + element + xml.slice(sheets.closeStart);
    this.put(this.info.part, edited);
    this.info = {
      ...this.info,
      sheets: [...this.info.sheets, { name, sheetId, relId, part: sheetPart, kind: "worksheet", state: "visible" }],
    };
  }

  /** Keeps the replaced sheet's place, id and relationship; only a change of case in the name is written. */
  private async renameSheet(sheet: SheetEntry, name: string): Promise<void> {
    if (sheet.name === name) return;
    const xml = await this.text(this.info.part);
    for (const span of findElements(xml, "sheet")) {
      const tag = xml.slice(span.start, span.openEnd);
      if (new RegExp(`\\ssheetId\\s*=\\s*"${sheet.sheetId}"`).test(tag)) {
        this.put(
          this.info.part,
          xml.slice(0, span.start) + tag.replace(/(\sname\s*=\s*")[^"]*"/, `$1${escapeAttribute(name)}"`) + xml.slice(span.openEnd),
        );
        break;
      }
    }
    this.info = { ...this.info, sheets: this.info.sheets.map((s) => (s === sheet ? { ...s, name } : s)) };
  }

  /** The relationships of a part as edited here, or as stored. */
  private async currentRelationships(part: string): Promise<Relationship[]> {
    const rels = relsPartOf(part);
    return this.exists(rels) ? parseRelationships(await this.text(rels)) : [];
  }

  /** The workbook's custom XML items in the add-in's namespace, as edited here (mappingPart.ts), in the relationships' order. */
  private async mappingItems(): Promise<MappingItem[]> {
    const items: MappingItem[] = [];
    for (const rel of await this.currentRelationships(this.info.part)) {
      if (rel.external || !isRelationshipType(rel.type, "customXml")) continue;
      const part = resolveTarget(this.info.part, rel.target);
      if (!this.exists(part)) continue;
      let json: string | undefined;
      try {
        json = readMappingXml(await this.text(part));
      } catch (error) {
        if (!(error instanceof MappingXmlError)) throw error;
        throw unreadableMapping(`${this.where} (the part ${part})`, error);
      }
      if (json !== undefined) items.push({ rel, part, json });
    }
    return items;
  }

  /** The mapping the workbook keeps, with this editor's own change if it made one. */
  async readMapping(): Promise<string | undefined> {
    return (await this.mappingItems())[0]?.json;
  }

  /**
   * Keeps the mapping in the workbook's custom XML item of the add-in's namespace: its text
   * replaced in place (the part, its encoding, its declaration and its properties kept), or a new
   * item with its properties, relationships and content types; undefined removes the item and all
   * that refers to it. No other part changes.
   */
  async writeMapping(json: string | undefined): Promise<void> {
    // Made first: a mapping XML cannot hold is refused before anything is edited.
    const text = json === undefined ? undefined : mappingText(json);
    const [kept, ...others] = await this.mappingItems();
    for (const item of text === undefined ? [kept, ...others] : others) if (item) await this.removeMappingItem(item);
    if (json === undefined || text === undefined) return;
    if (kept) {
      const xml = await this.text(kept.part);
      const root = findElement(xml, MAPPING_ROOT);
      if (!root) throw new Error(`the part ${kept.part} has no ${MAPPING_ROOT} element`);
      this.put(
        kept.part,
        root.selfClosing
          ? `${xml.slice(0, root.start)}${xml.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">")}${text}</${root.qualifiedName}>${xml.slice(root.end)}`
          : xml.slice(0, root.openEnd) + text + xml.slice(root.closeStart),
      );
      return;
    }
    await this.addMappingItem(json);
  }

  private async addMappingItem(json: string): Promise<void> {
    const ns = this.namespaces;
    let n = 1;
    const numbered = (pattern: string) => pattern.replace("{n}", String(n));
    while (
      [ITEM_PATTERN, ITEM_PROPS_PATTERN].some((pattern) => this.exists(numbered(pattern)) || this.exists(relsPartOf(numbered(pattern))))
    )
      n++;
    const item = numbered(ITEM_PATTERN);
    const props = numbered(ITEM_PROPS_PATTERN);
    this.put(item, mappingXml(json));
    this.put(props, itemPropsXml(newItemId(), ns));
    this.put(
      relsPartOf(item),
      relationshipsPart([{ id: "rId1", type: ns.relationshipType("customXmlProps"), target: relativeTarget(item, props) }]),
    );
    const relsXml = this.exists(relsPartOf(this.info.part)) ? await this.text(relsPartOf(this.info.part)) : "";
    const id = freeRelationshipId(this.info.relationships, new Set([...relsXml.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1])));
    await this.editWorkbookRels((xml) =>
      addRelationships(xml, [{ id, type: ns.relationshipType("customXml"), target: relativeTarget(this.info.part, item) }]),
    );
    this.addType(props, CUSTOM_XML_PROPERTIES_TYPE);
    // The item is typed by the package's default for .xml when it has the right one, as in Office's own packages.
    if (contentTypeOf(this.info.contentTypes, item) !== CUSTOM_XML_TYPE) this.addType(item, CUSTOM_XML_TYPE);
  }

  /** Removes an item, its properties and relationships, the workbook's relationship to it and their content types. */
  private async removeMappingItem(item: MappingItem): Promise<void> {
    const gone = [item.part, relsPartOf(item.part)];
    for (const rel of await this.currentRelationships(item.part)) if (!rel.external) gone.push(resolveTarget(item.part, rel.target));
    for (const part of gone) this.remove(part);
    await this.editWorkbookRels((xml) => removeRelationships(xml, new Set([item.rel.id])));
  }

  /** The edits to write: changed and new parts, removed parts, and the content types that follow from them. */
  async edits(): Promise<PackageEdits> {
    if (this.set.size > 0 || this.removed.size > 0) {
      const contentTypes = await this.pkg.text(CONTENT_TYPES_PART);
      const types = editContentTypes(
        contentTypes,
        this.addedTypes,
        new Set([...this.removed, ...this.addedTypes.map((a) => a.part.toLowerCase())]),
      );
      if (types !== contentTypes) this.set.set(CONTENT_TYPES_PART, types);
    }
    return { set: this.set, remove: this.removed };
  }
}
