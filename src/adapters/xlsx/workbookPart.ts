/**
 * The workbook part (xl/workbook.xml) and what its relationships point at: the sheets in their
 * order with their parts, the defined names, the date system, the structure lock, and where the
 * shared strings and styles are. Read once, with saxes; nothing here writes.
 */
import { conformanceOf, type Conformance } from "./conformance";
import {
  CONTENT_TYPES_PART,
  parseContentTypes,
  parseRelationships,
  REL,
  relsPartOf,
  resolveTarget,
  type ContentTypes,
  type Relationship,
} from "./opc";
import { attribute, findElement, parseXml, prefixOf } from "./xml";
import { PackageDamagedError, type ZipPackage } from "./zipPackage";
import { describeError } from "../../domain/common/stopErrors";

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  /** The relationship id in the workbook part's relationships. */
  readonly relId: string;
  /** The zip name of its part; undefined when the relationship is missing. */
  readonly part?: string;
  /** worksheet, chartsheet, dialogsheet or macro sheet, from the relationship type. */
  readonly kind: "worksheet" | "other";
  readonly state: "visible" | "hidden" | "veryHidden";
}

export interface DefinedName {
  readonly name: string;
  /** Index into the sheets when the name is scoped to one sheet. */
  readonly localSheetId?: number;
  readonly formula: string;
  readonly hidden: boolean;
}

export interface WorkbookInfo {
  /** The workbook part's zip name, usually xl/workbook.xml. */
  readonly part: string;
  readonly sheets: readonly SheetEntry[];
  readonly definedNames: readonly DefinedName[];
  /** Dates count from 1904-01-01 instead of 1899-12-30 (older Mac workbooks). */
  readonly date1904: boolean;
  /** Review > Protect Workbook: no sheet may be added, removed or renamed. */
  readonly structureLocked: boolean;
  readonly relationships: readonly Relationship[];
  readonly sharedStringsPart?: string;
  readonly stylesPart?: string;
  readonly contentTypes: ContentTypes;
  /** Strict or Transitional (when absent), from the workbook part's namespace: the parts the add-in adds are written in it. */
  readonly conformance?: Conformance;
}

const WORKSHEET_TYPE = /\/worksheet$/;

/** The package has no workbook part: a zip that is some other kind of document. */
export class MissingWorkbookPartError extends Error {
  constructor(part: string) {
    super(`it has no workbook part (${part})`);
    this.name = "MissingWorkbookPartError";
  }
}

/**
 * The part's text read by `read`: XML that is not well formed is named by its part, as a part the
 * zip cannot inflate is, so that the planner is told which part of the file is damaged.
 */
async function readPart<T>(pkg: ZipPackage, name: string, read: (xml: string) => T): Promise<T> {
  const xml = await pkg.text(name);
  try {
    return read(xml);
  } catch (error) {
    throw new PackageDamagedError(`the part ${name} cannot be read: ${describeError(error)}`);
  }
}

/** Finds the workbook part through the package relationships, as a consumer must. */
async function workbookPartName(pkg: ZipPackage): Promise<string> {
  if (pkg.has("_rels/.rels")) {
    const rels = await readPart(pkg, "_rels/.rels", parseRelationships);
    const main = rels.find(
      (r) => r.type === REL.officeDocument || r.type === REL.strictOfficeDocument || r.type.endsWith("/officeDocument"),
    );
    if (main) return resolveTarget("", main.target);
  }
  return "xl/workbook.xml";
}

const truthy = (value: string | undefined) => value === "1" || value === "true";

/** The namespace of the workbook part's root element, as its start tag declares it. */
function rootNamespace(xml: string): string | undefined {
  const root = findElement(xml, "workbook");
  if (!root) return undefined;
  const prefix = prefixOf(root.qualifiedName).slice(0, -1);
  const declaration = new RegExp(`\\sxmlns${prefix ? `:${prefix.replace(/[.-]/g, "\\$&")}` : ""}\\s*=\\s*(["'])([^"']*)\\1`);
  return declaration.exec(xml.slice(root.start, root.openEnd))?.[2];
}

export async function readWorkbookInfo(pkg: ZipPackage): Promise<WorkbookInfo> {
  const part = await workbookPartName(pkg);
  if (!pkg.has(part)) throw new MissingWorkbookPartError(part);
  const contentTypes = pkg.has(CONTENT_TYPES_PART)
    ? await readPart(pkg, CONTENT_TYPES_PART, parseContentTypes)
    : parseContentTypes("<Types/>");
  const relsPart = relsPartOf(part);
  const relationships = pkg.has(relsPart) ? await readPart(pkg, relsPart, parseRelationships) : [];
  const byId = new Map(relationships.map((r) => [r.id, r]));

  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  let structureLocked = false;
  let name: { name: string; localSheetId?: number; hidden: boolean } | undefined;
  let formula = "";
  // Each element is taken where the schema puts it, by its parent: Excel's own extLst holds an
  // <x15:workbookPr chartTrackingRefBase="1"/>, whose local name is the main workbookPr's, and which
  // read as the main one set every 1904-system workbook back to 1900 (ExcelDataReader's
  // Test_git_Issue_649_Date1904_Parsings.xlsx: its dates four years early).
  const workbookXml = await readPart(pkg, part, (xml) => {
    parseXml(xml, {
      open(tag, attrs, parent) {
        if (tag === "sheet" && parent === "sheets") {
          const relId = attribute(attrs, "id") ?? "";
          const rel = byId.get(relId);
          const state = attrs.state === "hidden" || attrs.state === "veryHidden" ? attrs.state : "visible";
          sheets.push({
            name: attrs.name ?? "",
            sheetId: Number(attrs.sheetId),
            relId,
            part: rel && !rel.external ? resolveTarget(part, rel.target) : undefined,
            kind: rel && WORKSHEET_TYPE.test(rel.type) ? "worksheet" : "other",
            state,
          });
        } else if (tag === "workbookPr" && parent === "workbook") date1904 = truthy(attrs.date1904);
        else if (tag === "workbookProtection" && parent === "workbook") structureLocked = truthy(attrs.lockStructure);
        else if (tag === "definedName" && parent === "definedNames") {
          name = {
            name: attrs.name ?? "",
            hidden: truthy(attrs.hidden),
            ...(attrs.localSheetId !== undefined && { localSheetId: Number(attrs.localSheetId) }),
          };
          formula = "";
        }
      },
      text(text) {
        if (name) formula += text;
      },
      close(tag) {
        if (tag === "definedName" && name) {
          definedNames.push({ ...name, formula });
          name = undefined;
        }
      },
    });
    return xml;
  });
  const target = (type: string) => {
    const rel = relationships.find((r) => r.type.endsWith(type) && !r.external);
    return rel && resolveTarget(part, rel.target);
  };
  return {
    part,
    sheets,
    definedNames,
    date1904,
    structureLocked,
    relationships,
    sharedStringsPart: target("/sharedStrings"),
    stylesPart: target("/styles"),
    contentTypes,
    conformance: conformanceOf(rootNamespace(workbookXml)),
  };
}
