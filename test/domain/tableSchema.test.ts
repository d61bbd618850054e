/**
 * An owned table declared once (src/domain/sheets/tableSchema.ts): the layout's cells, formats,
 * status colours and data bars come from the schema's columns, and rows read back through the
 * same schema by key. A column inserted in a schema is written and read at its new place, and a
 * sheet written before it still reads. The round trip of every table the add-in owns, through
 * every adapter, is in test/contract/workbookPort.contract.test.ts.
 */
import type { SheetData } from "../../src/domain/common/cells";
import { ownedSheetLayout } from "../../src/domain/sheets/layoutParts";
import type { OutTable } from "../../src/domain/sheets/reportLayout";
import {
  columnIndex,
  defineTable,
  layoutRecords,
  layoutTable,
  readTable,
  recordOf,
  type Column,
} from "../../src/domain/sheets/tableSchema";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";

interface Item {
  readonly id: string;
  readonly status: string;
  readonly share?: number;
  readonly unit: string;
  readonly note: string;
}

const ITEMS: readonly Item[] = [
  { id: "A1", status: "On track", share: 0.25, unit: "%", note: "first" },
  { id: "A2", status: "Off track", unit: "k", note: "second" },
];

const id: Column<Item, "id"> = { key: "id", header: "ID", format: "text", width: 8, value: (i) => i.id };
const status: Column<Item, "status"> = { key: "status", header: "Status", format: "text", width: 10, value: (i) => i.status, status: true };
const share: Column<Item, "share"> = {
  key: "share",
  header: "Share",
  format: "percent",
  width: 10,
  value: (i) => i.share ?? null,
  dataBar: true,
  cellFormat: (i) => (i.unit === "%" ? "percent" : undefined),
};
const note: Column<Item, "note"> = { key: "note", header: "Note", format: "text", width: 20, value: (i) => i.note };

/** The table as an earlier version declared it, and with one column inserted in the middle. */
const BEFORE = defineTable<Item>()({ name: "T_Items", columns: [id, status, share] });
const AFTER = defineTable<Item>()({ name: "T_Items", columns: [id, note, status, share] });

/** The table written by the in-memory adapter and read back as a sheet. */
async function written(table: OutTable): Promise<SheetData> {
  const workbook = new MemoryWorkbook([]);
  await workbook.writeReport(ownedSheetLayout("Items", [], [table]));
  return workbook.sheet("Items") as SheetData;
}

describe("a table schema", () => {
  it("lays out the cells, status colours, data bars and per-row formats from its columns", () => {
    const table = layoutTable(BEFORE, ITEMS, { row: 3, col: 1 });
    expect(table).toMatchObject({ name: "T_Items", row: 3, col: 1 });
    expect(table.columns).toEqual([
      { header: "ID", format: "text", width: 8 },
      { header: "Status", format: "text", width: 10 },
      { header: "Share", format: "percent", width: 10 },
    ]);
    expect(table.rows).toEqual([
      ["A1", "On track", 0.25],
      ["A2", "Off track", null],
    ]);
    expect(table.statusColumns).toEqual([1]);
    expect(table.dataBarColumns).toEqual([2]);
    expect(table.cellFormats).toEqual([
      [undefined, undefined, "percent"],
      [undefined, undefined, undefined],
    ]);
  });

  it("writes a column inserted in it at its new place, its looks moving with the columns after it", () => {
    const table = layoutTable(AFTER, ITEMS, { row: 0 });
    expect(table.columns.map((c) => c.header)).toEqual(["ID", "Note", "Status", "Share"]);
    expect(table.rows).toEqual([
      ["A1", "first", "On track", 0.25],
      ["A2", "second", "Off track", null],
    ]);
    expect(table.statusColumns).toEqual([2]);
    expect(table.dataBarColumns).toEqual([3]);
    expect(table.cellFormats?.[0]).toEqual([undefined, undefined, undefined, "percent"]);
    expect([columnIndex(AFTER, "note"), columnIndex(AFTER, "share")]).toEqual([1, 3]);
  });

  it("reads the inserted column back by key, and reads a sheet written before it with that column blank", async () => {
    const after = await written(layoutTable(AFTER, ITEMS, { row: 0 }));
    expect(readTable(AFTER, after)).toEqual([
      { id: "A1", note: "first", status: "On track", share: 0.25 },
      { id: "A2", note: "second", status: "Off track", share: null },
    ]);
    const before = await written(layoutTable(BEFORE, ITEMS, { row: 0 }));
    expect(readTable(AFTER, before)).toEqual([
      { id: "A1", note: null, status: "On track", share: 0.25 },
      { id: "A2", note: null, status: "Off track", share: null },
    ]);
    // And the earlier version reads the later sheet, leaving out the column it does not know.
    expect(readTable(BEFORE, after)).toEqual([
      { id: "A1", status: "On track", share: 0.25 },
      { id: "A2", status: "Off track", share: null },
    ]);
  });

  it("reads back the records it was made from, and writes records carried over as they are", async () => {
    const records = ITEMS.map((item) => recordOf(AFTER, item));
    expect(readTable(AFTER, await written(layoutTable(AFTER, ITEMS, { row: 0 })))).toEqual(records);
    const edited = [{ ...records[0], note: "checked by hand" }, records[1]];
    expect(readTable(AFTER, await written(layoutRecords(AFTER, edited, { row: 0 })))).toEqual(edited);
  });

  it("turns each cell into what the caller keeps", async () => {
    const sheet = await written(layoutTable(BEFORE, ITEMS, { row: 0 }));
    expect(readTable(BEFORE, sheet, (cell) => (cell === null ? "" : String(cell)))).toEqual([
      { id: "A1", status: "On track", share: "0.25" },
      { id: "A2", status: "Off track", share: "" },
    ]);
  });

  it("gives an empty table one row: the text asked for, or blank", () => {
    expect(layoutTable(BEFORE, [], { row: 0, empty: "No items" }).rows).toEqual([["No items", null, null]]);
    expect(layoutTable(BEFORE, [], { row: 0 }).rows).toEqual([[null, null, null]]);
    expect(layoutTable(BEFORE, [], { row: 0 }).cellFormats).toBeUndefined();
  });

  it("is undefined read from a sheet without its table", () => {
    expect(readTable(BEFORE, { name: "Items", values: [["ID"]], origin: { row: 0, col: 0 } })).toBeUndefined();
  });

  it("refuses two columns with one key or one header", () => {
    expect(() => defineTable<Item>()({ name: "T_Twice", columns: [id, { ...note, key: "id" }] })).toThrow(
      'The table T_Twice has two columns with the key "id".',
    );
    expect(() => defineTable<Item>()({ name: "T_Twice", columns: [id, { ...note, header: "ID" }] })).toThrow(
      'The table T_Twice has two columns with the header "ID".',
    );
  });

  it("lets the compiler check every key (npx tsc checks the expectations below)", async () => {
    const [record] = readTable(AFTER, await written(layoutTable(AFTER, ITEMS, { row: 0 }))) ?? [];
    expect(record.note).toBe("first");
    // @ts-expect-error A key the schema does not have.
    expect(record.notes).toBeUndefined();
    // @ts-expect-error A key the schema does not have.
    expect(columnIndex(AFTER, "notes")).toBe(-1);
    // @ts-expect-error A column's value taken from a field the model's row does not have.
    defineTable<Item>()({ name: "T_Wrong", columns: [{ key: "x", header: "X", value: (i) => i.missing }] });
  });
});
