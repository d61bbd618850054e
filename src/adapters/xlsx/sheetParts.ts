/**
 * The parts a worksheet points at that the reader needs: its Excel tables (name, range, column
 * names), found through the worksheet's relationships.
 */
import { parseRelationships, relsPartOf, resolveTarget, type Relationship } from "./opc";
import { parseXml } from "./xml";
import type { ZipPackage } from "./zipPackage";

export interface TablePart {
  /** The zip name of the table part. */
  readonly part: string;
  /** The name formulas use (displayName; `name` when a producer left it out). */
  readonly name: string;
  /** The whole table, header and totals rows included, e.g. "A1:L17". */
  readonly ref: string;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly columns: readonly string[];
}

export function readTablePart(part: string, xml: string): TablePart {
  let name = "";
  let ref = "";
  let headerRows = 1;
  let totalsRows = 0;
  const columns: string[] = [];
  // The root's table and tableColumns' columns only: a table given alt text in Excel keeps it in
  // an <x14:table altText="…"/> in its extLst, whose local name is the root's too, and which read
  // as the root left the table without a name or range (Apache POI's simple-monthly-budget.xlsx,
  // an Office template).
  parseXml(xml, {
    open(tag, attrs, parent) {
      if (tag === "table" && parent === undefined) {
        name = attrs.displayName ?? attrs.name ?? "";
        ref = attrs.ref ?? "";
        if (attrs.headerRowCount !== undefined) headerRows = Number(attrs.headerRowCount);
        // totalsRowShown only says the row was once shown; totalsRowCount says whether it is there.
        if (attrs.totalsRowCount !== undefined) totalsRows = Number(attrs.totalsRowCount);
      } else if (tag === "tableColumn" && parent === "tableColumns") columns.push(attrs.name ?? "");
    },
  });
  return { part, name, ref, headerRows, totalsRows, columns };
}

/** The relationships of a part, empty when it has none. */
export async function relationshipsOf(pkg: ZipPackage, part: string): Promise<Relationship[]> {
  const rels = relsPartOf(part);
  return pkg.has(rels) ? parseRelationships(await pkg.text(rels)) : [];
}

/** The Excel tables of a worksheet part. */
export async function readSheetTables(pkg: ZipPackage, sheetPart: string): Promise<TablePart[]> {
  const tables: TablePart[] = [];
  for (const rel of await relationshipsOf(pkg, sheetPart)) {
    if (rel.external || !rel.type.endsWith("/table")) continue;
    const part = resolveTarget(sheetPart, rel.target);
    if (pkg.has(part)) tables.push(readTablePart(part, await pkg.text(part)));
  }
  return tables;
}
