/**
 * An .xlsx/.xlsm workbook as the OOXML package it is (src/adapters/xlsx), from its bytes: reading inflates
 * and parses only the workbook part, the shared strings, the styles, the plan sheets and their
 * tables; writing adds the add-in's own parts and copies every other part byte for byte. Nothing
 * here needs Node, so the browser preview reads a workbook with this same code; xlsxFile.ts adds
 * the file system for the command line.
 */
import type { SheetData } from "../../domain/common/cells";
import { isOwnedSheet } from "../../domain/sheets/ownership";
import type { ReportLayout } from "../../domain/sheets/reportLayout";
import { describeError, SAVE_AS_XLSX, UnreadableWorkbookError } from "../../domain/common/stopErrors";
import { computeMissingResults } from "./formulaResults";
import { CONTENT_TYPES_PART, parseContentTypes } from "./opc";
import { PackageEditor } from "./packageEditor";
import { readSharedStringsPart, type SharedStringLookup } from "./sharedStrings";
import { readSheetTables, type TablePart } from "./sheetParts";
import { readDateStyles } from "./styleReader";
import { MissingWorkbookPartError, readWorkbookInfo, type WorkbookInfo } from "./workbookPart";
import { readWorksheet, unreadableSheet, type ReadContext, type ReadWorksheet } from "./worksheetReader";
import { ConflictingPartNamesError, PackageDamagedError, ZipPackage, type RawCodec } from "./zipPackage";
import type { OwnedSheet, Progress, WorkbookPort } from "../port";
import { sheetsToRead } from "../sheetSelection";
import { readSheetHeadPart } from "./sheetHeads";

/**
 * The same from bytes already in memory (the browser's file input); `where` names them in
 * messages. Without a codec zip.js inflates and deflates the parts, as it does in a browser.
 */
export async function openXlsxBytes(bytes: Uint8Array, where: string, codec?: RawCodec): Promise<XlsxWorkbook> {
  return openPackage(bytes, where, codec, (pkg, info) => new XlsxWorkbook(pkg, info, where));
}

/** Opens the package and makes the workbook object of the caller's kind. */
export async function openPackage<T>(
  bytes: Uint8Array,
  where: string,
  codec: RawCodec | undefined,
  make: (pkg: ZipPackage, info: WorkbookInfo) => T,
): Promise<T> {
  let pkg: ZipPackage;
  let info: WorkbookInfo;
  try {
    pkg = await ZipPackage.open(bytes, codec);
  } catch (error) {
    if (error instanceof ConflictingPartNamesError) throw conflictingNames(where, error);
    throw new UnreadableWorkbookError(
      `${where} could not be read as an .xlsx workbook; it may be damaged or incompletely copied (${describeError(error)}). ${SAVE_AS_XLSX}`,
    );
  }
  const noWorkbook = async () => {
    if (await isBinaryWorkbook(pkg)) return binaryWorkbook(where);
    const openDocument = await openDocumentType(pkg);
    if (openDocument) return openDocumentFile(where, openDocument);
    return new UnreadableWorkbookError(
      `${where} is a zip archive without any worksheet, so not an .xlsx workbook (an .xlsb, .docx or other file renamed?). ${SAVE_AS_XLSX}`,
    );
  };
  try {
    info = await readWorkbookInfo(pkg);
  } catch (error) {
    if (error instanceof MissingWorkbookPartError) throw await noWorkbook();
    if (await isBinaryWorkbook(pkg)) throw binaryWorkbook(where);
    throw new UnreadableWorkbookError(
      `${where} could not be read as an .xlsx workbook; it may be damaged or incompletely copied (${describeError(error)}). ${SAVE_AS_XLSX}`,
    );
  }
  if (!info.sheets.some((s) => s.kind === "worksheet" && s.part && pkg.has(s.part))) throw await noWorkbook();
  return make(pkg, info);
}

function conflictingNames(where: string, error: ConflictingPartNamesError): UnreadableWorkbookError {
  const consequence =
    error.first === error.second
      ? "a reader keeps only one of them"
      : "an .xlsx compares part names without regard to case (ECMA-376 Part 2, §6.2.2.3), and Excel reads \\ in a name as /, so they name one part and a copy would keep only one of them";
  return new UnreadableWorkbookError(
    `${where} is not a valid .xlsx package: ${error.message}, and ${consequence}. Nothing can be read or written safely from it. ` +
      `Write the workbook again with the program that made it, or open it in Excel, check that every sheet has its data, and save it as Excel Workbook (.xlsx).`,
  );
}

const XLSB_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.binary.macroenabled.main";

/** An Excel Binary Workbook (.xlsb) is a zip package too, but its workbook and sheets are binary records, not XML. */
async function isBinaryWorkbook(pkg: ZipPackage): Promise<boolean> {
  if (pkg.has("xl/workbook.bin")) return true;
  try {
    const types = parseContentTypes(await pkg.text(CONTENT_TYPES_PART));
    return [...types.overrides.values()].some((type) => type.toLowerCase() === XLSB_WORKBOOK_TYPE);
  } catch {
    return false;
  }
}

function binaryWorkbook(where: string): UnreadableWorkbookError {
  return new UnreadableWorkbookError(
    `${where} is an Excel Binary Workbook (.xlsb), whatever its name says: its workbook part (xl/workbook.bin, of type application/vnd.ms-excel.sheet.binary.macroEnabled.main) holds binary records, not the XML of an .xlsx, and cannot be read. ` +
      `Open it in Excel and save it as Excel Workbook (.xlsx) (File > Save As), then run on that file.`,
  );
}

/**
 * The media type an OpenDocument package names in its first entry, `mimetype` (OpenDocument 1.3,
 * Part 2, §3.3), when the package has one: an .ods is a zip too, and one renamed .xlsx (roo's
 * type_openoffice.xlsx) was called a zip without any worksheet.
 */
async function openDocumentType(pkg: ZipPackage): Promise<string | undefined> {
  if (!pkg.has("mimetype")) return undefined;
  try {
    const type = (await pkg.text("mimetype")).trim();
    return type.startsWith("application/vnd.oasis.opendocument.") ? type : undefined;
  } catch {
    return undefined;
  }
}

function openDocumentFile(where: string, type: string): UnreadableWorkbookError {
  const spreadsheet = type === "application/vnd.oasis.opendocument.spreadsheet";
  return new UnreadableWorkbookError(
    `${where} is an OpenDocument ${spreadsheet ? "spreadsheet (.ods)" : `file (${type})`}, whatever its name says, not an .xlsx workbook. ` +
      `Open it in LibreOffice Calc or Excel and save it as Excel Workbook (.xlsx) (File > Save As), then run on that file.`,
  );
}

export class XlsxWorkbook implements WorkbookPort {
  private context?: Promise<ReadContext>;
  private readonly editor: PackageEditor;

  constructor(
    private readonly pkg: ZipPackage,
    private readonly info: WorkbookInfo,
    protected readonly where: string,
  ) {
    this.editor = new PackageEditor(pkg, info, () => this.readContext(), where);
  }

  /** Every sheet's name, in the workbook's order. */
  get sheetNames(): string[] {
    return this.info.sheets.map((s) => s.name);
  }

  get isMacroEnabled(): boolean {
    return /macroEnabled/i.test(this.info.contentTypes.overrides.get(this.info.part.toLowerCase()) ?? "");
  }

  private readContext(): Promise<ReadContext> {
    this.context ??= (async () => ({
      // Scanned as bytes as the part inflates: never one string of the whole part.
      sharedStrings: await this.readSharedPart<SharedStringLookup>(
        this.info.sharedStringsPart,
        "shared strings",
        (part) => readSharedStringsPart(this.pkg, part),
        [],
      ),
      dateStyles: await this.readSharedPart(
        this.info.stylesPart,
        "styles",
        async (part) => readDateStyles(await this.pkg.text(part)),
        new Set<number>(),
      ),
      date1904: this.info.date1904,
    }))();
    return this.context;
  }

  /** A part every sheet's cells depend on; a failure names that part, not the sheet that needed it first. */
  private async readSharedPart<T>(part: string | undefined, what: string, read: (part: string) => Promise<T>, absent: T): Promise<T> {
    if (!part || !this.pkg.has(part)) return absent;
    try {
      return await read(part);
    } catch (error) {
      throw new UnreadableWorkbookError(
        `The ${what} of ${this.where} (the part ${part}) cannot be read; the file may be damaged (${describeError(error)}). ${SAVE_AS_XLSX}`,
      );
    }
  }

  /** One worksheet, parsed; undefined for a chart sheet or a sheet whose part is missing. */
  async readWorksheet(name: string): Promise<ReadWorksheet | undefined> {
    const entry = this.info.sheets.find((s) => s.name === name);
    if (!entry || entry.kind !== "worksheet" || !entry.part || !this.pkg.has(entry.part)) return undefined;
    // Outside the sheet's try: a shared part that fails is named as itself.
    const context = await this.readContext();
    try {
      const tables = (await readSheetTables(this.pkg, entry.part)).map((t) => ({ name: t.name, range: t.ref }));
      return readWorksheet(entry.name, await this.pkg.text(entry.part), context, tables);
    } catch (error) {
      throw unreadableSheet(name, this.where, error);
    }
  }

  /** Every Excel table of the workbook with its sheet's name (table parts only, no sheet data). */
  async readTables(): Promise<{ sheet: string; table: TablePart }[]> {
    const all: { sheet: string; table: TablePart }[] = [];
    for (const entry of this.info.sheets) {
      if (entry.kind !== "worksheet" || !entry.part || !this.pkg.has(entry.part)) continue;
      for (const table of await readSheetTables(this.pkg, entry.part)) all.push({ sheet: entry.name, table });
    }
    return all;
  }

  /** The worksheets with their parts, chart sheets and sheets whose part is missing aside, in the workbook's order. */
  private get worksheets(): { readonly name: string; readonly part: string }[] {
    return this.info.sheets.flatMap(({ name, kind, part }) =>
      kind === "worksheet" && part !== undefined && this.pkg.has(part) ? [{ name, part }] : [],
    );
  }

  /**
   * The sheets named (port.ts), or the plan's found by name: any other sheet, however large, is
   * never inflated or parsed.
   */
  async readSheets(asked?: readonly string[], onProgress?: Progress): Promise<SheetData[]> {
    const names = sheetsToRead(
      asked,
      this.info.sheets.filter((s) => s.kind === "worksheet").map((s) => s.name),
    );
    const partOf = (name: string | undefined) => this.info.sheets.find((s) => s.name === name)?.part;
    // The shared strings and styles first: the first sheet's cells need them.
    const shared = this.context ? [] : [this.info.sharedStringsPart, this.info.stylesPart];
    this.pkg.prefetch([...shared, partOf(names[0])].filter((part): part is string => part !== undefined));
    const read: ReadWorksheet[] = [];
    for (const [i, name] of names.entries()) {
      // One sheet ahead only: the next inflates while this one is parsed, and no more than two
      // inflated sheets are held at once.
      const next = partOf(names[i + 1]);
      if (next) this.pkg.prefetch([next]);
      const sheet = await this.readWorksheet(name);
      if (sheet) read.push(sheet);
    }
    const sheets = await computeMissingResults(
      read,
      this.info,
      (name) => this.readWorksheet(name),
      () => this.readTables(),
    );
    onProgress?.(1);
    return sheets;
  }

  /**
   * Every worksheet's first rows, each from the beginning of its part (sheetHeads.ts): a sheet of
   * 100,000 lines costs what its first rows take. The shared strings and styles are read whole, as
   * for any sheet. A sheet whose part cannot be read comes without rows (port.ts).
   */
  async readSheetHeads(rows: number, onProgress?: Progress): Promise<SheetData[]> {
    const context = await this.readContext();
    const worksheets = this.worksheets;
    const heads: SheetData[] = [];
    for (const [i, { name, part }] of worksheets.entries()) {
      let tables: SheetData["tables"] = [];
      let head: SheetData;
      try {
        tables = (await readSheetTables(this.pkg, part)).map((t) => ({ name: t.name, range: t.ref }));
        head = await readSheetHeadPart(this.pkg, part, name, context, tables, rows);
      } catch {
        // Said by readSheets when the sheet is read whole; a head is only a look at the sheet.
        head = { name, values: [], origin: { row: 0, col: 0 }, tables };
      }
      heads.push(head);
      onProgress?.((i + 1) / worksheets.length);
    }
    return heads;
  }

  /** The mapping kept in the package, this object's own writeMapping included. */
  readMapping(): Promise<string | undefined> {
    return this.editor.readMapping();
  }

  /** Edits the package in memory, as writeSheets does; bytes() (or save) gives the result, alone or with the report. */
  async writeMapping(json: string | undefined): Promise<void> {
    await this.editor.writeMapping(json);
  }

  /** Read from the package as opened: call before this object's own writes, as the runs do. */
  async readOwnedSheets(names: readonly string[]): Promise<OwnedSheet[]> {
    const answers: OwnedSheet[] = [];
    for (const name of names) {
      const entry = this.info.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!entry) {
        answers.push({ state: "absent" });
        continue;
      }
      const read = await this.readWorksheet(entry.name);
      answers.push(read && isOwnedSheet(read.sheet) ? { state: "owned", sheet: read.sheet } : { state: "foreign", name: entry.name });
    }
    return answers;
  }

  /** One sheet: writeSheets with one layout. */
  writeReport(layout: ReportLayout): Promise<void> {
    return this.writeSheets([layout]);
  }

  /** Edits the package in memory; bytes() (or save) gives the result. */
  async writeSheets(layouts: readonly ReportLayout[]): Promise<void> {
    await this.editor.writeOwnedSheets(layouts);
  }

  /** The package with the add-in's edits, every other part as it came. */
  async bytes(): Promise<Uint8Array> {
    const edits = await this.editor.edits();
    try {
      return await this.pkg.write(edits);
    } catch (error) {
      if (!(error instanceof PackageDamagedError)) throw error;
      // A part that is never read can still not be copied: the file is damaged where no read looked.
      throw new UnreadableWorkbookError(
        `${this.where} cannot be copied with the report: ${error.message}, so the file is damaged. Nothing was written. ${SAVE_AS_XLSX}`,
      );
    }
  }
}
