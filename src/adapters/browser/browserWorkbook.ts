/**
 * A workbook the user opened in the browser preview: the .xlsx/.xlsm package read from the bytes
 * of the picked file with the command line's own code (xlsxWorkbook.ts, zip.js inflating and
 * deflating in the page), so nothing is sent anywhere. Writing the report edits the package in
 * memory as the command line edits the file, keeping every part the add-in does not own byte for
 * byte, and hands the edited package to the caller to offer as a download; the file on the
 * user's disk is never touched. No DOM and no Node here: the pane does the downloading.
 */
import type { AnalysisOptions } from "../../domain/analysis/result";
import type { ReportLayout } from "../../domain/sheets/reportLayout";
import type { Scenario } from "../../domain/whatIf/scenario";
import { quoteSheetName, type SheetData } from "../../domain/common/cells";
import { UnavailableHereError, type PlanWorkbook, type TemplateOutcome } from "../planWorkbook";
import type { OwnedSheet, Progress } from "../port";
import { checkSignature } from "../xlsx/signature";
import { openXlsxBytes, type XlsxWorkbook } from "../xlsx/xlsxWorkbook";

/** The edited package, ready to save under the name the command line would give it. */
export interface WrittenWorkbook {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly macroEnabled: boolean;
}

/** PLAN.xlsx → PLAN.cvm-gap.xlsx, as the command line names its copy; macros keep an .xlsm. */
export function editedFileName(fileName: string, macroEnabled: boolean): string {
  const stem = fileName.replace(/\.(xlsx|xlsm)$/i, "") || "workbook";
  return `${stem}.cvm-gap.${macroEnabled ? "xlsm" : "xlsx"}`;
}

export class BrowserWorkbook implements PlanWorkbook {
  private settings: Partial<AnalysisOptions> = {};
  private scenario?: string;

  private constructor(
    /** The package as last written: a rerun replaces its own report, as on the command line. */
    private book: XlsxWorkbook,
    readonly fileName: string,
    private readonly onWritten: (written: WrittenWorkbook) => void,
  ) {}

  /**
   * Opens the picked file's bytes; rejects with a stop error that names the file and says what to
   * do when they are no .xlsx/.xlsm workbook (text, a legacy .xls, a damaged zip…).
   */
  static async open(fileName: string, bytes: Uint8Array, onWritten: (written: WrittenWorkbook) => void): Promise<BrowserWorkbook> {
    checkSignature(fileName, bytes);
    return new BrowserWorkbook(await openXlsxBytes(bytes, `"${fileName}"`), fileName, onWritten);
  }

  /** Every sheet of the workbook, in its order, plan sheet or not. */
  get sheetNames(): string[] {
    return this.book.sheetNames;
  }

  get macroEnabled(): boolean {
    return this.book.isMacroEnabled;
  }

  async readSheets(names?: readonly string[], onProgress?: Progress): Promise<SheetData[]> {
    const sheets = await this.book.readSheets(names);
    onProgress?.(1);
    return sheets;
  }

  readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]> {
    return this.book.readSheetHeads(rows, onProgress);
  }

  readMapping(): Promise<string | undefined> {
    return this.book.readMapping();
  }

  /** Kept in a new package handed over as a download, as a report is: the mapping alone, nothing else changed. */
  async writeMapping(json: string | undefined): Promise<void> {
    await this.book.writeMapping(json);
    const bytes = await this.book.bytes();
    await this.reopen(bytes);
    this.offer(bytes);
  }

  // The package is reopened after each write, so this reads what the last write left.
  readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    return this.book.readOwnedSheets(names);
  }

  /** One sheet: writeSheets with one layout. */
  writeReport(layout: ReportLayout, onProgress?: Progress): Promise<void> {
    return this.writeSheets([layout], onProgress);
  }

  /** The report and the history in one new package, and one download of it. */
  async writeSheets(layouts: readonly ReportLayout[], onProgress?: Progress): Promise<void> {
    await this.book.writeSheets(layouts);
    onProgress?.(0.2);
    // Most of the time goes into the new package: every edited part deflated, the others copied.
    const bytes = await this.book.bytes();
    onProgress?.(0.9);
    await this.reopen(bytes);
    onProgress?.(1);
    this.offer(bytes);
  }

  /** Reopened from what was written, so that the next read or write sees it. */
  private async reopen(bytes: Uint8Array): Promise<void> {
    this.book = await openXlsxBytes(bytes, `"${this.fileName}"`);
  }

  private offer(bytes: Uint8Array): void {
    this.onWritten({ fileName: editedFileName(this.fileName, this.macroEnabled), bytes, macroEnabled: this.macroEnabled });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    throw new UnavailableHereError(
      `${quoteSheetName(sheet)}!${cell} cannot be selected here: "${this.fileName}" is open in this browser, not in Excel. Open the workbook in Excel to go to that cell.`,
    );
  }

  async insertTemplate(): Promise<TemplateOutcome> {
    // The package editor writes the add-in's own report sheet only; the template's sheets are the
    // user's, and Excel is where they are made.
    throw new UnavailableHereError(
      `The template cannot be added to "${this.fileName}" in the browser: nothing was changed. Open the workbook in Excel and use Insert template there, or open a workbook that has the plan's sheets.`,
    );
  }

  async loadSettings(): Promise<Partial<AnalysisOptions>> {
    return { ...this.settings };
  }

  async saveSettings(options: AnalysisOptions): Promise<void> {
    // Kept for this visit only: document settings live in Excel, not in the package's parts.
    this.settings = { tolerance: options.tolerance, allocationThreshold: options.allocationThreshold };
  }

  async loadScenario(): Promise<unknown> {
    return this.scenario === undefined ? undefined : (JSON.parse(this.scenario) as unknown);
  }

  async saveScenario(scenario: Scenario | undefined): Promise<void> {
    // Kept as JSON, as document settings keep it: what comes back is a copy.
    this.scenario = scenario && JSON.stringify(scenario);
  }
}
