/**
 * Property-based tests of the engine on random plans and hostile cells (issue 5): it never
 * throws, every bad cell yields a finding naming its sheet and cell, the layout carries user text
 * as plain values, and the same plan always gives the same result in the same order.
 */
import fc from "fast-check";
import { analyzeSheets } from "../../src/domain/analysis/analyze";
import { CELL_TEXT_LIMIT, fitCellText } from "../../src/domain/common/boundedText";
import { errorText, isBlank, parseCellAddress, type CellValue, type SheetData } from "../../src/domain/common/cells";
import { SHEETS, type SheetKey } from "../../src/domain/plan/contract";
import type { Finding } from "../../src/domain/plan/model";
import type { AnalysisResult } from "../../src/domain/analysis/result";
import { buildReportLayout } from "../../src/domain/sheets/report";
import { idKey, readDate, readIdList, readNumber, readText } from "../../src/domain/common/values";
import { genPlan, hostileCell, render, type GenPlan, type GenSheet, type Kind, type PlacedCell, type Rendered } from "./planArbitraries";

const RUN_AT = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLS = 16_384;

function sheetsOf(plan: GenPlan): { rendered: Map<GenSheet, Rendered>; sheets: SheetData[] } {
  const rendered = new Map(plan.sheets.map((s) => [s, render(s)]));
  return { rendered, sheets: [...[...rendered.values()].map((r) => r.data), ...plan.foreign] };
}

/** True when the engine must find the header where the generator put it (see planArbitraries). */
function headerIsUnambiguous(sheet: GenSheet): boolean {
  const allRequired = sheet.spec.columns.filter((c) => c.required).every((c) => sheet.columns.some((p) => p.column === c));
  return (sheet.asTable && sheet.columns.length > 0) || allRequired || sheet.titleRows === 0;
}

/** Rows are read only when the sheet has its first required column (the ID, or Collaboration's Function). */
function keyColumnPresent(sheet: GenSheet): boolean {
  const key = sheet.spec.columns.find((c) => c.required);
  return sheet.columns.some((p) => p.column === key);
}

const KNOWN_BAD_NUMBER: ReadonlySet<Kind> = new Set(["badText", "error", "errorText", "boolean", "date", "invalidDate", "longText"]);
const KNOWN_BAD_DATE: ReadonlySet<Kind> = new Set(["badText", "error", "errorText", "boolean", "invalidDate", "longText"]);

/** Whether the engine must report this cell of a row it reads. */
function isBadCell(cell: PlacedCell): boolean {
  const { value, column, kind } = cell;
  if (errorText(value)) return true;
  if (column.required && isBlank(value)) return true;
  if (isBlank(value)) return false;
  if (column.kind === "number") {
    const bad = readNumber(value).kind === "bad";
    // The generator's categories and the reader must agree where the category is certain.
    if (KNOWN_BAD_NUMBER.has(kind)) expect({ cell: cell.address, value, bad }).toEqual({ cell: cell.address, value, bad: true });
    return bad;
  }
  if (column.kind === "date") {
    const bad = readDate(value).kind === "bad";
    if (KNOWN_BAD_DATE.has(kind)) expect({ cell: cell.address, value, bad }).toEqual({ cell: cell.address, value, bad: true });
    return bad;
  }
  return false;
}

interface ReadRows {
  /** The rows the engine reads (first occurrence of a usable ID, or any non-blank Collaboration row). */
  readonly read: PlacedCell[][];
  /** Cells reported on rows it does not read: a blank or error ID, a repeated ID. */
  readonly idCells: PlacedCell[];
  readonly keys: Set<string>;
}

function readRows(sheet: GenSheet, rendered: Rendered): ReadRows {
  const read: PlacedCell[][] = [];
  const idCells: PlacedCell[] = [];
  const keys = new Set<string>();
  const hasId = sheet.spec.key !== "collaboration";
  for (const row of rendered.cells) {
    if (row.length === 0 || row.every((c) => isBlank(c.value))) continue;
    if (!hasId) {
      read.push(row);
      continue;
    }
    const id = row.find((c) => c.column.key === "id");
    if (!id) continue;
    if (isBlank(id.value) || errorText(id.value)) {
      idCells.push(id);
      continue;
    }
    const key = idKey(readText(id.value));
    if (keys.has(key)) {
      idCells.push(id);
      continue;
    }
    keys.add(key);
    read.push(row);
  }
  return { read, idCells, keys };
}

const findingAt = (findings: readonly Finding[], sheet: string, cell: string) =>
  findings.filter((f) => f.sheet === sheet && f.cell === cell);

const TARGET: Readonly<Record<string, SheetKey>> = { betIds: "bets", kpiIds: "kpis", personaIds: "personas", motIds: "moments" };

function expectEveryBadCellReported(plan: GenPlan, result: AnalysisResult): void {
  const { rendered } = sheetsOf(plan);
  const checkable = plan.sheets.filter((s) => headerIsUnambiguous(s) && keyColumnPresent(s));
  const reads = new Map(checkable.map((s) => [s.spec.key, readRows(s, rendered.get(s) as Rendered)]));
  const present = new Set(plan.sheets.map((s) => s.spec.key));
  for (const sheet of checkable) {
    const { read, idCells } = reads.get(sheet.spec.key) as ReadRows;
    for (const id of idCells)
      expect({ cell: id.address, findings: findingAt(result.findings, sheet.name, id.address).length > 0 }).toEqual({
        cell: id.address,
        findings: true,
      });
    for (const row of read) {
      for (const cell of row) {
        if (isBadCell(cell)) {
          expect({
            sheet: sheet.name,
            cell: cell.address,
            value: cell.value,
            reported: findingAt(result.findings, sheet.name, cell.address).length > 0,
          }).toEqual({
            sheet: sheet.name,
            cell: cell.address,
            value: cell.value,
            reported: true,
          });
        }
        // A dangling ID is reported on its cell when the sheet it points to is there and readable.
        const target = TARGET[cell.column.key];
        const targetRead = target ? reads.get(target) : undefined;
        if (cell.column.kind !== "idList" || !target || !present.has(target) || !targetRead || errorText(cell.value)) continue;
        const dangling = readIdList(cell.value).filter((id) => !targetRead.keys.has(idKey(id)));
        if (dangling.length === 0) continue;
        const unknown = findingAt(result.findings, sheet.name, cell.address).filter((f) => f.rule === "UNKNOWN_REFERENCE");
        expect({
          cell: cell.address,
          dangling,
          reported: unknown.length === 1 && dangling.every((id) => unknown[0].message.includes(id)),
        }).toEqual({ cell: cell.address, dangling, reported: true });
      }
    }
  }
}

/**
 * A copy made in this test's realm: structuredClone would make its Dates in Node's outer realm,
 * which jest's sandbox does not see as Dates (no workbook adapter hands over such values).
 */
function deepCopy(sheets: readonly SheetData[]): SheetData[] {
  const copyValue = (v: CellValue): CellValue =>
    v instanceof Date ? new Date(v.getTime()) : v !== null && typeof v === "object" ? { ...v } : v;
  return sheets.map((s) => ({
    name: s.name,
    origin: { ...s.origin },
    values: s.values.map((row) => row.map(copyValue)),
    tables: s.tables?.map((t) => ({ ...t })),
  }));
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function expectSorted(result: AnalysisResult): void {
  const sheetRank = new Map<string, number>();
  SHEETS.forEach((spec, i) => sheetRank.set(result.sheets.find((s) => s.key === spec.key)?.sheetName ?? spec.label, i));
  const keyOf = (f: Finding) => {
    const at = parseCellAddress(f.cell) ?? { row: 0, col: 0 };
    return [SEVERITY_RANK[f.severity], sheetRank.get(f.sheet) ?? SHEETS.length, at.row, at.col];
  };
  for (let i = 1; i < result.findings.length; i++) {
    const a = keyOf(result.findings[i - 1]);
    const b = keyOf(result.findings[i]);
    const order = a.map((x, k) => Math.sign(x - b[k])).find((d) => d !== 0) ?? 0;
    expect(order).toBeLessThanOrEqual(0);
  }
}

function expectWellFormed(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(["error", "warning", "info"]).toContain(f.severity);
    expect(typeof f.sheet).toBe("string");
    expect(f.sheet.length).toBeGreaterThan(0);
    expect(f.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    // The cell exists on a sheet, so that the task pane can select it.
    const at = parseCellAddress(f.cell);
    expect(at !== undefined && at.row < EXCEL_ROWS && at.col < EXCEL_COLS).toBe(true);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

/** Every value the layout carries is a plain string, number, boolean or null: no formula object can hide in it. */
function expectPlainLayout(result: AnalysisResult): void {
  const layout = buildReportLayout(result, { runAt: RUN_AT });
  const plain = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
  for (const cell of layout.cells) expect(plain(cell.value)).toBe(true);
  for (const table of layout.tables) for (const row of table.rows) for (const v of row) expect(plain(v)).toBe(true);
  // User text reaches the layout unchanged: a finding's sheet name or an ID starting with "=" stays that text,
  // shortened (saying so) only past the 32,767 characters a cell holds.
  const texts = new Set(layout.tables.flatMap((t) => t.rows.flatMap((r) => r.filter((v): v is string => typeof v === "string"))));
  for (const kpi of result.kpis) expect(texts.has(fitCellText(kpi.kpiId))).toBe(true);
  for (const text of texts) expect(text.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
}

describe("the engine on random plans", () => {
  it("never throws, reports every bad cell at its sheet and address, and lays out plain values", () => {
    fc.assert(
      fc.property(genPlan(), (plan) => {
        const { sheets } = sheetsOf(plan);
        const result = analyzeSheets(sheets);
        expectWellFormed(result.findings);
        expectEveryBadCellReported(plan, result);
        expectSorted(result);
        expectPlainLayout(result);
      }),
      { numRuns: 300 },
    );
  });

  it("reports every bad cell when every required column is there, tables or not", () => {
    fc.assert(
      fc.property(genPlan({ allRequired: true, maxRows: 20 }), (plan) => {
        const result = analyzeSheets(sheetsOf(plan).sheets);
        expectEveryBadCellReported(plan, result);
        expectSorted(result);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same plan, or a copy of it, gives the same result in the same order", () => {
    fc.assert(
      fc.property(genPlan(), fc.integer({ min: 0, max: 1000 }), (plan, seed) => {
        const { sheets } = sheetsOf(plan);
        const first = JSON.stringify(analyzeSheets(sheets));
        expect(JSON.stringify(analyzeSheets(sheets))).toBe(first);
        expect(JSON.stringify(analyzeSheets(deepCopy(sheets)))).toBe(first);
        // The order of the workbook's sheets does not matter either (each contract sheet appears once).
        const rotated = sheets.map((_, i) => sheets[(i + seed) % sheets.length]);
        expect(JSON.stringify(analyzeSheets(rotated))).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it("never throws on sheets of anything at all", () => {
    const anySheet: fc.Arbitrary<SheetData> = fc.record({
      name: fc.oneof(fc.constantFrom(...SHEETS.flatMap((s) => [s.label, ...s.aliases])), fc.string({ maxLength: 31 })),
      values: fc.array(
        fc.array(
          fc.oneof(
            hostileCell.map((c): CellValue => c.value),
            fc.constantFrom("Bet ID", "KPI ID", "Target", "ID", "Name", "Bet IDs", "Budget", "Function", "Handshake"),
          ),
          { maxLength: 8 },
        ),
        {
          maxLength: 8,
        },
      ),
      // Near A1, anywhere, or against the grid's last row and column.
      origin: fc.record({
        row: fc.oneof(
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: EXCEL_ROWS - 9 }),
          fc.integer({ min: EXCEL_ROWS - 12, max: EXCEL_ROWS - 9 }),
        ),
        col: fc.oneof(
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: EXCEL_COLS - 9 }),
          fc.integer({ min: EXCEL_COLS - 12, max: EXCEL_COLS - 9 }),
        ),
      }),
      tables: fc.option(
        fc.array(
          fc.record({
            name: fc.string({ maxLength: 8 }),
            range: fc.oneof(fc.constantFrom("A1:C4", "B2", "Z9:A1", "", "Sheet!A1:B2", "XFD1048576"), fc.string({ maxLength: 10 })),
          }),
          { maxLength: 2 },
        ),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(fc.array(anySheet, { maxLength: 8 }), (sheets) => {
        const result = analyzeSheets(sheets);
        expectWellFormed(result.findings);
        expectSorted(result);
        buildReportLayout(result, { runAt: RUN_AT });
      }),
      { numRuns: 300 },
    );
  });
});
