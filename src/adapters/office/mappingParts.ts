/**
 * The plan's mapping kept in the open workbook as a custom XML part of the add-in's namespace
 * (mappingXml.ts), through `workbook.customXmlParts` (ExcelApi 1.5, under the manifest's 1.12):
 * getByNamespace finds it, getXml reads it, setXml replaces it in place, add creates it and delete
 * removes it (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.customxmlpart; "Custom XML data in Excel
 * and Word" on https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings).
 * The part is saved with the workbook, as the .xlsx package's customXml/itemN.xml, so the command
 * line reads what the pane wrote and the other way round.
 */
import { MAPPING_NAMESPACE, mappingXml, MappingXmlError, readMappingXml, unreadableMapping } from "../mappingXml";

/** The add-in's parts, their ids loaded: one, unless another copy of the add-in added its own. */
async function mappingParts(context: Excel.RequestContext): Promise<Excel.CustomXmlPart[]> {
  const parts = context.workbook.customXmlParts.getByNamespace(MAPPING_NAMESPACE).load("items/id");
  await context.sync();
  return parts.items;
}

/** Two round trips: the parts of the namespace, then the first one's XML. */
export async function readMappingPart(context: Excel.RequestContext): Promise<string | undefined> {
  const [part] = await mappingParts(context);
  if (!part) return undefined;
  const xml = part.getXml();
  await context.sync();
  try {
    return readMappingXml(xml.value);
  } catch (error) {
    if (error instanceof MappingXmlError) throw unreadableMapping("this workbook", error);
    throw error;
  }
}

/** Two round trips: the parts of the namespace, then the first replaced in place (or one added) and any other removed. */
export async function writeMappingPart(context: Excel.RequestContext, json: string | undefined): Promise<void> {
  // Made first: a mapping XML cannot hold is refused before anything is queued.
  const xml = json === undefined ? undefined : mappingXml(json);
  const [kept, ...others] = await mappingParts(context);
  for (const part of xml === undefined ? [kept, ...others] : others) part?.delete();
  if (xml !== undefined) {
    if (kept) kept.setXml(xml);
    else context.workbook.customXmlParts.add(xml);
  }
  await context.sync();
}
