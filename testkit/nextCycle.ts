/**
 * The sample plan a planning cycle later, as a planner would have edited it: K6's actual up
 * from 11.5 to 11.75 (its status changes), the missing "Customer insights" handshake added (one finding
 * fixed) and a row inserted above the Initiatives title (every Initiatives cell moves down).
 */
import type { CellValue, SheetData } from "../src/domain/common/cells";
import { sampleSheets } from "../src/sample/sampleSheets";

/** The sample a cycle later: K6's actual up, the missing handshake added, a row inserted above the Initiatives title. */
export function nextCycle(sheets: readonly SheetData[] = sampleSheets()): SheetData[] {
  return sheets.map((sheet): SheetData => {
    const values = sheet.values.map((row) => [...row]);
    if (sheet.name === "KPIs") {
      const k6 = values.find((row) => row[0] === "K6") as CellValue[];
      k6[8] = 11.75;
    }
    if (sheet.name === "Collaboration") values.push(["Insights team", "Customer insights", "Monthly", "Head of insights", "B1"]);
    if (sheet.name === "Initiatives") {
      values.unshift([]);
      return {
        ...sheet,
        values,
        tables: sheet.tables?.map((t) => ({ ...t, range: t.range.replace(/\d+/g, (n) => String(Number(n) + 1)) })),
      };
    }
    const table = sheet.tables?.[0];
    if (sheet.name === "Collaboration" && table)
      return { ...sheet, values, tables: [{ ...table, range: table.range.replace(/\d+$/, (n) => String(Number(n) + 1)) }] };
    return { ...sheet, values };
  });
}
