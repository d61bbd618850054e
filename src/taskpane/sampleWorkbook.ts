/**
 * The bundled sample plan in the preview. It is read from memory, so that the pane's first paint
 * needs no file and no package code; a write goes to memory (what the next analysis reads) and to
 * the sample's .xlsx package as well, fetched on the first write, so that the planner gets the
 * sample with the report and history sheets as a download, as with a workbook of their own.
 */
import type { AnalysisOptions } from "../domain/analysis/result";
import { quoteSheetName, type SheetData } from "../domain/common/cells";
import type { ReportLayout } from "../domain/sheets/reportLayout";
import type { Scenario } from "../domain/whatIf/scenario";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { UnavailableHereError, type PlanWorkbook, type TemplateOutcome } from "../adapters/planWorkbook";
import type { OwnedSheet, Progress } from "../adapters/port";

/** The sample's package as a workbook that writes into an edited copy and offers it for download. */
export type SamplePackage = () => Promise<PlanWorkbook>;

export class SampleWorkbook implements PlanWorkbook {
  private readonly memory: MemoryWorkbook;
  private opened?: Promise<PlanWorkbook>;

  constructor(
    sheets: readonly SheetData[],
    private readonly openPackage: SamplePackage,
  ) {
    this.memory = new MemoryWorkbook(sheets);
  }

  readSheets(names?: readonly string[], onProgress?: Progress): Promise<SheetData[]> {
    return this.memory.readSheets(names, onProgress);
  }

  readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]> {
    return this.memory.readSheetHeads(rows, onProgress);
  }

  readMapping(): Promise<string | undefined> {
    return this.memory.readMapping();
  }

  // The sample is named as the contract says, so a mapping of it only matters to the analyses in
  // this page; it is kept in memory and not written into the downloaded copy.
  writeMapping(json: string | undefined): Promise<void> {
    return this.memory.writeMapping(json);
  }

  readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    return this.memory.readOwnedSheets(names);
  }

  async writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void> {
    // The package first: if it cannot be had, memory is left as it was and the write fails as one.
    if (!this.opened) this.opened = this.openPackage();
    const copy = await this.opened.catch((failure: unknown) => {
      this.opened = undefined;
      throw failure;
    });
    onProgress?.(0.1);
    await this.memory.writeSheets(layouts);
    await copy.writeSheets(layouts, (fraction) => onProgress?.(0.1 + 0.9 * fraction));
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    throw new UnavailableHereError(
      `There is no Excel here to select ${quoteSheetName(sheet)}!${cell} in: the preview shows the bundled sample in this browser. In Excel, this goes to the cell.`,
    );
  }

  insertTemplate(): Promise<TemplateOutcome> {
    return this.memory.insertTemplate();
  }

  loadSettings(): Promise<Partial<AnalysisOptions>> {
    return this.memory.loadSettings();
  }

  saveSettings(options: AnalysisOptions): Promise<void> {
    return this.memory.saveSettings(options);
  }

  loadScenario(): Promise<unknown> {
    return this.memory.loadScenario();
  }

  saveScenario(scenario: Scenario | undefined): Promise<void> {
    return this.memory.saveScenario(scenario);
  }
}
