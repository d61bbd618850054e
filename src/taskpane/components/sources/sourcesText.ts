/**
 * What the Plan sources view says of each part: where it is read from, how sure the pane is of
 * it, and the places and headers its pickers offer. Kept apart from React so that the words are
 * tested on their own.
 */
import { isBlank, type SheetData } from "../../../domain/common/cells";
import { readText, shorten } from "../../../domain/common/values";
import { headerRowCandidates } from "../../../domain/plan/locate";
import { eitherOf } from "../../../domain/common/boundedText";
import { isOwnedSheet } from "../../../domain/common/ownerMarker";
import { SERIES_PART } from "../../../domain/plan/contract";
import type { PickedPlace } from "../../../domain/plan/mapping";
import { describeSource, headersOf, type PartSource } from "../../../domain/plan/planSources";
import type { PartRecognition } from "../../../domain/plan/recognizePlan";
import type { SeriesRecognition } from "../../../domain/plan/series";

/** How sure the pane is of a part's source, in a planner's words. */
export function certaintyText(part: PartRecognition): string {
  if (!part.source) return part.required ? "Not found: choose its sheet" : "Not in this workbook (optional)";
  if (part.problem) return part.source.missing.length > 0 ? "Needs a column" : "Two sheets fit: choose one";
  switch (part.source.how) {
    case "by name":
      return "Found by name";
    case "mapped by the user":
      return "Mapped by you";
    case "recognised":
      return "Recognised from its headers and contents";
  }
}

/** The part's source when the pane reads it, or proposes it with only a column to map; an ambiguous proposal is not shown as chosen. */
export function shownSource(part: PartRecognition): PartSource | undefined {
  if (!part.source) return undefined;
  return !part.problem || part.source.missing.length > 0 ? part.source : undefined;
}

/** A summary line for the part's heading: `"Scorecard" (header row 2) · Mapped by you`, or what is left to do. */
export function sourceSummary(part: PartRecognition): string {
  const source = shownSource(part);
  return source ? `${describeSource(source)} · ${certaintyText(part)}` : certaintyText(part);
}

/** Sheet names in words: `"A"`, `"A" or "B"`, `"A", "B" or "C"`. */
const eitherSheet = (sheets: readonly string[]) => eitherOf(sheets.map((sheet) => `"${sheet}"`));

/** How the KPI Series was found, in the words the parts use; the sheets that may hold it are said as such, not as found. */
export function seriesCertaintyText(series: SeriesRecognition): string {
  if (series.how === "by name") return "Found by name";
  if (series.how === "mapped by the user") return "Mapped by you";
  if (series.candidates.length === 1) return "May hold it, from its first rows";
  if (series.candidates.length > 1) return "Each may hold it, from their first rows";
  return "Not found; optional";
}

/** The KPI Series' summary line: `"Monthly tracker" · May hold it, from its first rows`, or `Not found; optional`. */
export function seriesSummary(series: SeriesRecognition): string {
  const sheets = series.sheet !== undefined ? [series.sheet] : series.candidates;
  return sheets.length > 0 ? `${eitherSheet(sheets)} · ${seriesCertaintyText(series)}` : seriesCertaintyText(series);
}

const SERIES_LAYOUTS =
  "a KPI ID column with months across its header row (2027-01, Jan 2027 or a date), or KPI ID, Period and Value columns";

/** What the KPI Series' details say: what it is read for, and, where the first rows cannot settle it, what Analyse does. */
export function seriesDetails(series: SeriesRecognition): string {
  const label = `"${SERIES_PART.label}"`;
  if (series.sheet !== undefined)
    return `Each KPI's values by month, for its trend: read from "${series.sheet}" when the plan is analysed, from ${SERIES_LAYOUTS}.`;
  if (series.candidates.length === 1)
    return `Its first rows have ${SERIES_LAYOUTS}. Analyse reads it for each KPI's values by month if most of its KPI IDs are the plan's; pick it below (or name it ${label}) to take it whatever its IDs.`;
  if (series.candidates.length > 1)
    return `Their first rows have ${SERIES_LAYOUTS}. Analyse reads the one whose KPI IDs are mostly the plan's, and none if more than one are: pick the one meant below (or name it ${label}).`;
  return `Each KPI's values by month give it a trend; the analysis runs without them. No sheet is named ${eitherSheet([SERIES_PART.label, ...SERIES_PART.aliases])}, and no other has ${SERIES_LAYOUTS}.`;
}

/** The KPI Series picker's option for no sheet picked: the series is then found as without a mapping. */
export const SERIES_FOUND = "";

/**
 * The sheets the KPI Series may be picked from: every sheet but the add-in's own and those the
 * plan's parts are read from (a sheet is never both), and the one picked before, whatever it is.
 */
export function seriesSheetOptions(heads: readonly SheetData[], partSheets: ReadonlySet<string>, picked: string | undefined): string[] {
  return heads
    .filter((sheet) => sheet.name === picked || (offeredForPicking(sheet) && !partSheets.has(sheet.name)))
    .map((sheet) => sheet.name);
}

/** A sheet a picker offers: one with a name, and not the add-in's own. */
const offeredForPicking = (sheet: SheetData) => sheet.name.trim() !== "" && !isOwnedSheet(sheet);

export interface PlaceOption {
  /** "sheet:Scorecard" or "table:tblProgrammes": unique among the options. */
  readonly value: string;
  readonly text: string;
  readonly place: PickedPlace;
}

/** Every sheet of the workbook a part may be read from, and each Excel table on it; the add-in's own sheets are not offered. */
export function placeOptions(heads: readonly SheetData[]): PlaceOption[] {
  const options: PlaceOption[] = [];
  for (const sheet of heads) {
    if (!offeredForPicking(sheet)) continue;
    options.push({ value: `sheet:${sheet.name}`, text: sheet.name, place: { sheet: sheet.name } });
    for (const table of sheet.tables ?? [])
      options.push({
        value: `table:${table.name}`,
        text: `Table ${table.name} on ${sheet.name}`,
        place: { table: table.name, sheet: sheet.name },
      });
  }
  return options;
}

/** The option a source is read from. */
export const placeValue = (source: Pick<PartSource, "sheet" | "table">) =>
  source.table !== undefined ? `table:${source.table}` : `sheet:${source.sheet}`;

export interface HeaderRowOption {
  /** The row number, as a mapping's headerRow gives it. */
  readonly value: string;
  /** `Row 2: Metric code · Metric · Pillar …`: the row as the planner sees it. */
  readonly text: string;
}

/**
 * The rows of a part's sheet its header may be picked from: the rows recognition looks for a
 * header in (the first that hold anything), and the row the part is read from now wherever a
 * mapping put it, each shown with its first values. None for a table, whose header row is the
 * table's.
 */
export function headerRowOptions(heads: readonly SheetData[], source: PartSource): HeaderRowOption[] {
  const sheet = heads.find((h) => h.name === source.sheet);
  if (!sheet || source.table !== undefined) return [];
  const rows = headerRowCandidates(sheet);
  const current = source.headerRow === undefined ? undefined : source.headerRow - sheet.origin.row;
  if (current !== undefined && current >= 0 && current < sheet.values.length && !rows.includes(current)) {
    rows.push(current);
    rows.sort((a, b) => a - b);
  }
  return rows.map((index) => {
    const shownValues = (sheet.values[index] ?? []).filter((v) => !isBlank(v)).map(readText);
    const row = sheet.origin.row + index + 1;
    return { value: String(row), text: shorten(`Row ${row}: ${shownValues.join(" · ")}`, 60) };
  });
}

/** The value of the "none" choice of an optional column's picker. */
export const NO_HEADER = "\u0000none";

/** The headers a column's picker offers: the source's own header row, left to right, nothing else. */
export function headerOptions(heads: readonly SheetData[], source: PartSource): { readonly header: string; readonly address: string }[] {
  const sheet = heads.find((h) => h.name === source.sheet);
  if (!sheet || source.headerRow === undefined) return [];
  const seen = new Set<string>();
  // A header written twice can be mapped only once by its text: the first is offered.
  return headersOf(sheet, source.headerRow).filter((h) => !seen.has(h.header) && (seen.add(h.header), true));
}

/** Why a candidate was turned down: `"Scorecard (old)" (header row 2): fits about as well as …`. */
export const turnedDownText = (t: PartRecognition["turnedDown"][number]) => `${describeSource(t)}: ${t.why}`;
