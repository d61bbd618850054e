/**
 * The parts that keep the plan's mapping in an .xlsx package (the XML itself is mappingXml.ts's):
 * a Custom XML Data Storage part, customXml/itemN.xml (ECMA-376 Part 1, §15.2.4), the target of a
 * relationship of the workbook part, and its Custom XML Data Storage Properties part,
 * customXml/itemPropsN.xml (§15.2.5), the target of the item's own relationship, whose
 * datastoreItem (§22.5.2.1) gives the item a GUID and names the add-in's namespace as its schema
 * (schemaRef, §22.5.2.2), as Office's own items do. Both are written in the package's conformance
 * class; the item is found again by its root element's namespace, not by its name or number.
 */
import { MAPPING_NAMESPACE } from "../mappingXml";
import type { Namespaces } from "./conformance";
import { escapeAttribute } from "./xml";

/** §15.2.5: the content type of an item's properties part. The item itself is application/xml (§15.2.4). */
export const CUSTOM_XML_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
export const CUSTOM_XML_TYPE = "application/xml";

/** Part names as Office numbers them: an item and its properties share their number. */
export const ITEM_PATTERN = "customXml/item{n}.xml";
export const ITEM_PROPS_PATTERN = "customXml/itemProps{n}.xml";

/** A GUID in the form of ST_Guid (shared-commonSimpleTypes.xsd: in braces, upper-case hexadecimal), random (RFC 4122 version 4). */
export function newItemId(): string {
  return `{${globalThis.crypto.randomUUID().toUpperCase()}}`;
}

/** The properties part of the mapping's item: its id, and the add-in's namespace as the one schema it uses. */
export function itemPropsXml(itemId: string, ns: Namespaces): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n` +
    `<ds:datastoreItem ds:itemID="${escapeAttribute(itemId)}" xmlns:ds="${ns.customXmlProperties}">` +
    `<ds:schemaRefs><ds:schemaRef ds:uri="${escapeAttribute(MAPPING_NAMESPACE)}"/></ds:schemaRefs></ds:datastoreItem>`
  );
}
