/**
 * The two conformance classes of an Office Open XML package (ISO/IEC 29500, ECMA-376 Part 1):
 * Transitional, which nearly every producer writes, and Strict, which Excel writes when asked to
 * ("Strict Open XML Spreadsheet"). They name the same SpreadsheetML, DrawingML and relationships
 * under different namespaces; the package conventions (content types, the relationships part's
 * own namespace, markup compatibility) are the same in both. A package is one class or the
 * other, so the parts and relationships the add-in adds are written in the workbook's own.
 */

export type Conformance = "transitional" | "strict";

/**
 * Every namespace the add-in writes, in both classes: ECMA-376 Part 1 (Strict) §8 and Annex A,
 * Part 4 (Transitional) §8. A relationship type is its namespace's relationships root followed
 * by the same name in both (…/relationships/worksheet).
 */
const NAMESPACES = {
  spreadsheetml: {
    transitional: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    strict: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  },
  relationships: {
    transitional: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    strict: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  },
  drawingml: { transitional: "http://schemas.openxmlformats.org/drawingml/2006/main", strict: "http://purl.oclc.org/ooxml/drawingml/main" },
  chart: { transitional: "http://schemas.openxmlformats.org/drawingml/2006/chart", strict: "http://purl.oclc.org/ooxml/drawingml/chart" },
  spreadsheetDrawing: {
    transitional: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    strict: "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  },
  /**
   * Custom XML Data Properties (ECMA-376 Part 1, §22.5), the root of a customXml/itemPropsN.xml:
   * the targetNamespace of its schema, shared-customXmlDataProperties.xsd, in each class. (§15.2.5's
   * table names another, …/2006/customXmlDataProps, which no schema declares; Office writes this one.)
   */
  customXmlProperties: {
    transitional: "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    strict: "http://purl.oclc.org/ooxml/officeDocument/customXml",
  },
} as const;

/** The relationships the add-in writes or looks for, by their name in either class. */
export type RelationshipName =
  | "officeDocument"
  | "worksheet"
  | "sharedStrings"
  | "styles"
  | "table"
  | "drawing"
  | "chart"
  | "calcChain"
  /** From the workbook part to a custom XML data storage part (§15.2.4), and from that to its properties (§15.2.5). */
  | "customXml"
  | "customXmlProps";

export interface Namespaces {
  readonly conformance: Conformance;
  /** SpreadsheetML: worksheets, tables, styles. */
  readonly spreadsheetml: string;
  /** The namespace of `r:id` attributes. */
  readonly relationships: string;
  readonly drawingml: string;
  readonly chart: string;
  readonly spreadsheetDrawing: string;
  readonly customXmlProperties: string;
  relationshipType(name: RelationshipName): string;
}

function namespaces(conformance: Conformance): Namespaces {
  const pick = (name: keyof typeof NAMESPACES) => NAMESPACES[name][conformance];
  return {
    conformance,
    spreadsheetml: pick("spreadsheetml"),
    relationships: pick("relationships"),
    drawingml: pick("drawingml"),
    chart: pick("chart"),
    spreadsheetDrawing: pick("spreadsheetDrawing"),
    customXmlProperties: pick("customXmlProperties"),
    relationshipType: (name) => `${pick("relationships")}/${name}`,
  };
}

export const TRANSITIONAL: Namespaces = namespaces("transitional");
export const STRICT: Namespaces = namespaces("strict");

export const namespacesOf = (conformance: Conformance): Namespaces => (conformance === "strict" ? STRICT : TRANSITIONAL);

/** The class of a package whose workbook part's root element is in this namespace. */
export const conformanceOf = (workbookNamespace: string | undefined): Conformance =>
  workbookNamespace === NAMESPACES.spreadsheetml.strict ? "strict" : "transitional";

/** Whether a relationship's type is this one, in either class. */
export const isRelationshipType = (type: string, name: RelationshipName): boolean =>
  type === TRANSITIONAL.relationshipType(name) || type === STRICT.relationshipType(name);
