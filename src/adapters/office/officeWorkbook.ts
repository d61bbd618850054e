/**
 * The open Excel workbook behind the task pane, through Office.js: the port's facade. Every
 * Office.js call of the add-in lives in this folder, so that the rest of the code (and its tests)
 * never needs Excel; each job has its module:
 * - workbookReads.ts and usedRanges.ts: the plan's sheets and the add-in's own, whole or in blocks,
 *   and every sheet's first rows;
 * - mappingParts.ts: the plan's mapping, kept in a custom XML part;
 * - writePreflight.ts: what a write checks before its first change;
 * - layoutWriter.ts and writeRequests.ts: a layout's sheet, cells, tables, formats and charts, in
 *   requests under the byte budget;
 * - templateSheets.ts: the plan template; documentSettings.ts: the settings and the scenario;
 * - sheetMatrix.ts: the plain data sent and received; officeLimits.ts: Excel's limits, each with
 *   its source or marked as a belief.
 *
 * Round trips to Excel are what makes an add-in slow (much more so on the web), so the number of
 * context.sync() calls is kept constant where it can be (reading, the template) and grows with
 * size only where Excel's 5 MB request limit forces it (writing a large report).
 */
import type { NumberSeparators } from "../../domain/common/values";
import { readNumberSeparators } from "./numberSeparators";
import type { AnalysisOptions } from "../../domain/analysis/result";
import type { SheetData } from "../../domain/common/cells";
import type { ReportLayout } from "../../domain/sheets/reportLayout";
import type { Scenario } from "../../domain/whatIf/scenario";
import type { PlanWorkbook, TemplateOutcome } from "../planWorkbook";
import type { OwnedSheet, Progress } from "../port";
import { DocumentSettings, type SettingsStore } from "./documentSettings";
import { writeLayouts } from "./layoutWriter";
import { MAX_REQUEST_BYTES } from "./officeLimits";
import { insertTemplateSheets } from "./templateSheets";
import { readMappingPart, writeMappingPart } from "./mappingParts";
import { readOwnedSheets, readPlanSheets, readSheetHeads } from "./workbookReads";
import { checkBeforeWriting } from "./writePreflight";

export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Defaults to Excel.run. */
  readonly run?: RunBatch;
  /** Defaults to Office.context.document.settings. */
  readonly settings?: SettingsStore;
  /** Defaults to MAX_REQUEST_BYTES. */
  readonly maxRequestBytes?: number;
}

export class OfficeWorkbook implements PlanWorkbook {
  private readonly run: RunBatch;
  private readonly maxRequestBytes: number;
  private readonly settings: DocumentSettings;

  constructor(options: OfficeWorkbookOptions = {}) {
    // Excel and Office are looked up only when used, so the class loads outside Office too.
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.settings = new DocumentSettings(options.settings);
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  }

  /** Two round trips for any plan; sheets that are not asked for (or not part of the plan) are never read. */
  async readSheets(names?: readonly string[], onProgress?: Progress): Promise<SheetData[]> {
    return this.run((context) => readPlanSheets(context, names, onProgress));
  }

  /** Three round trips for every sheet's first rows at once (workbookReads.ts). */
  async readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]> {
    return this.run((context) => readSheetHeads(context, rows, onProgress));
  }

  /** Excel's number separators (numberSeparators.ts): one round trip. */
  readNumberSeparators(): Promise<NumberSeparators> {
    return this.run((context) => readNumberSeparators(context));
  }

  /** The mapping's custom XML part (mappingParts.ts): two round trips. */
  readMapping(): Promise<string | undefined> {
    return this.run((context) => readMappingPart(context));
  }

  writeMapping(json: string | undefined): Promise<void> {
    return this.run((context) => writeMappingPart(context, json));
  }

  /** Two round trips for the report and the history at once. */
  async readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    return this.run((context) => readOwnedSheets(context, names));
  }

  /** One sheet: writeSheets with one layout. */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void> {
    return this.writeSheets([layout], onProgress);
  }

  /**
   * Replaces each of the add-in's own sheets at its position, or adds it at the end. Two round
   * trips read what the checks need, for every layout at once; nothing is queued before they
   * pass. Values then go in row blocks sized to the request budget; tables, formats and the chart
   * follow.
   */
  async writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void> {
    await this.run(async (context) => {
      const worksheets = await checkBeforeWriting(context, layouts);
      await writeLayouts(context, layouts, worksheets, this.maxRequestBytes, onProgress);
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }

  /** Two round trips: the names there are, then every missing sheet written at once. */
  async insertTemplate(): Promise<TemplateOutcome> {
    return this.run((context) => insertTemplateSheets(context));
  }

  loadSettings(): Promise<Partial<AnalysisOptions>> {
    return this.settings.loadSettings();
  }

  saveSettings(options: AnalysisOptions): Promise<void> {
    return this.settings.saveSettings(options);
  }

  loadScenario(): Promise<unknown> {
    return this.settings.loadScenario();
  }

  saveScenario(scenario: Scenario | undefined): Promise<void> {
    return this.settings.saveScenario(scenario);
  }
}
