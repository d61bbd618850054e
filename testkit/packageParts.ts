/**
 * The parts of an .xlsx/.xlsm package, read with JSZip (not with the code under test), and which
 * of a workbook's parts an edit changed. The add-in may change only the shared parts that must
 * point at its report; every other part it did not write must come out byte for byte.
 */
import JSZip from "jszip";

export type Parts = Map<string, Buffer>;

/** The parts the report's write may edit: content types, the workbook part, its relationships, styles, calculation chain. */
export const EDITABLE = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;

export async function partsOf(bytes: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Parts = new Map();
  for (const entry of Object.values(zip.files)) if (!entry.dir) out.set(entry.name, await entry.async("nodebuffer"));
  return out;
}

/** The parts of `before` that are missing from `after` or differ in it, the editable ones aside. */
export function changedParts(before: Parts, after: Parts): string[] {
  return [...before.keys()].filter((name) => !EDITABLE.test(name) && !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)));
}

/** `<sheet name=…>` of the workbook part, in order. */
export function sheetNamesOf(parts: Parts): string[] {
  const xml = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
}
