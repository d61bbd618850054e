/**
 * Reads the used range and the tables of sheets: all at once in one request, else (Excel refusing
 * a response or a read that large) the sizes first and the values in row blocks, halved each time
 * Excel still refuses.
 */
import type { CellValue, SheetData, SheetTable } from "../../domain/common/cells";
import type { Progress } from "../port";
import { isReadLimit, READ_CELLS_PER_REQUEST } from "./officeLimits";
import { localAddress, sheetValues } from "./sheetMatrix";

/** A used range whose size is known, read block by block. */
interface Extent {
  readonly sheet: Excel.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface Piece {
  readonly extent: number;
  readonly start: number;
  readonly count: number;
}

/**
 * The used range and tables of each sheet (the table list loaded already): all at once in one request, else (a response over
 * Excel's limit) the sizes first and the values in blocks.
 */
/** The range and sheet of each table, queued for the next sync. */
function queueTables(tables: Excel.TableCollection) {
  return tables.items.map((table) => ({ table, range: table.getRange().load("address"), sheet: table.worksheet.load("name") }));
}

/** The tables of each sheet, by the sheet's name, as the synced ranges give them. */
function tablesBySheet(tableRanges: ReturnType<typeof queueTables>): Map<string, SheetTable[]> {
  const bySheet = new Map<string, SheetTable[]>();
  for (const { table, range, sheet } of tableRanges) {
    const list = bySheet.get(sheet.name) ?? [];
    list.push({ name: table.name, range: localAddress(range.address) });
    bySheet.set(sheet.name, list);
  }
  return bySheet;
}

export async function readUsedRanges(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  tables: Excel.TableCollection,
  onProgress: Progress,
): Promise<SheetData[]> {
  let tableRanges = queueTables(tables);
  let used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("values,rowIndex,columnIndex,rowCount,columnCount"));
  let whole = true;
  try {
    await context.sync();
  } catch (error) {
    if (!isReadLimit(error)) throw error;
    // Nothing of the refused request came back: ask again for the sizes only.
    whole = false;
    tableRanges = queueTables(tables);
    used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
    await context.sync();
  }
  onProgress(0.5);

  const values: CellValue[][][] = sheets.map(() => []);
  const large: { index: number; extent: Extent }[] = [];
  sheets.forEach((sheet, i) => {
    const range = used[i];
    if (range.isNullObject) return;
    // A range past the 5,000,000 cells of a read is refused (RangeExceedsLimit, handled above).
    // Unsourced belief, kept as a guard: an Excel that answers null instead is read in blocks too.
    const raw = whole ? (range.values as unknown[][] | null) : null;
    if (raw) values[i] = sheetValues(raw);
    else
      large.push({
        index: i,
        extent: { sheet, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount },
      });
  });
  if (large.length > 0) {
    const blocks = await readBlocks(
      context,
      large.map((l) => l.extent),
      (done) => onProgress(0.5 + done / 2),
    );
    large.forEach((l, k) => (values[l.index] = blocks[k]));
  }

  onProgress(1);
  return sheetsRead(sheets, used, values, tableRanges);
}

/**
 * The first `rows` rows of each sheet's used range, with its tables (the table list loaded
 * already): the used ranges' places (Worksheet.getUsedRangeOrNullObject(valuesOnly), its
 * rowIndex, columnIndex, rowCount and columnCount) and the tables' addresses in one request, then
 * the rows (Worksheet.getRangeByIndexes(startRow, startColumn, rowCount, columnCount):
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheet) in the blocks of readBlocks,
 * under the 5 MB a response may carry (officeLimits.ts): one request for any usual workbook, more
 * only for heads wider than a block. The values are the rectangle from the used range's left
 * column; sheetHead.ts cuts it to the port's shape.
 */
export async function readHeads(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  tables: Excel.TableCollection,
  rows: number,
  onProgress: Progress,
): Promise<SheetData[]> {
  const tableRanges = queueTables(tables);
  const used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
  await context.sync();
  onProgress(0.3);
  const read = sheets.flatMap((sheet, i): { index: number; extent: Extent }[] => {
    const range = used[i];
    if (range.isNullObject || rows < 1) return [];
    const extent = { sheet, row: range.rowIndex, col: range.columnIndex, rows: Math.min(rows, range.rowCount), cols: range.columnCount };
    return [{ index: i, extent }];
  });
  const values: CellValue[][][] = sheets.map(() => []);
  if (read.length > 0) {
    const blocks = await readBlocks(
      context,
      read.map((r) => r.extent),
      (done) => onProgress(0.3 + 0.7 * done),
    );
    read.forEach((r, k) => (values[r.index] = blocks[k]));
  }
  onProgress(1);
  return sheetsRead(sheets, used, values, tableRanges);
}

/** Each sheet with the values read, placed where its used range starts, and its tables. */
function sheetsRead(
  sheets: readonly Excel.Worksheet[],
  used: readonly Excel.Range[],
  values: readonly CellValue[][][],
  tableRanges: Parameters<typeof tablesBySheet>[0],
): SheetData[] {
  const bySheet = tablesBySheet(tableRanges);
  return sheets.map((sheet, i) => {
    const range = used[i];
    const origin = range.isNullObject ? { row: 0, col: 0 } : { row: range.rowIndex, col: range.columnIndex };
    return { name: sheet.name, values: values[i], origin, tables: bySheet.get(sheet.name) ?? [] };
  });
}

/** Reads used ranges in row blocks of at most `READ_CELLS_PER_REQUEST` cells a request. */
async function readBlocks(context: Excel.RequestContext, extents: readonly Extent[], onProgress: Progress): Promise<CellValue[][][]> {
  let budget = READ_CELLS_PER_REQUEST;
  const total = extents.reduce((sum, e) => sum + e.rows * e.cols, 0) || 1;
  let done = 0;
  const split = (piece: Piece): Piece[] => {
    const rows = Math.max(1, Math.floor(budget / extents[piece.extent].cols));
    const pieces: Piece[] = [];
    for (let start = piece.start; start < piece.start + piece.count; start += rows) {
      pieces.push({ extent: piece.extent, start, count: Math.min(rows, piece.start + piece.count - start) });
    }
    return pieces;
  };
  const size = (piece: Piece) => piece.count * extents[piece.extent].cols;
  let pending = extents.flatMap((e, i) => split({ extent: i, start: 0, count: e.rows }));
  const results: CellValue[][][] = extents.map(() => []);
  let next = 0;
  while (next < pending.length) {
    const taken: Piece[] = [];
    let cells = 0;
    while (next < pending.length && (taken.length === 0 || cells + size(pending[next]) <= budget)) {
      cells += size(pending[next]);
      taken.push(pending[next++]);
    }
    const ranges = taken.map((p) => {
      const e = extents[p.extent];
      return e.sheet.getRangeByIndexes(e.row + p.start, e.col, p.count, e.cols).load("values");
    });
    try {
      await context.sync();
    } catch (error) {
      if (!isReadLimit(error) || taken.every((p) => p.count === 1)) throw error;
      budget = Math.max(1, Math.floor(budget / 2));
      pending = [...taken, ...pending.slice(next)].flatMap(split);
      next = 0;
      continue;
    }
    taken.forEach((p, k) => {
      const rows = sheetValues((ranges[k].values as unknown[][] | null) ?? []);
      rows.forEach((row, r) => (results[p.extent][p.start + r] = row));
    });
    done += cells;
    onProgress(done / total);
  }
  return results.map((rows) => Array.from(rows, (row) => row ?? []));
}
