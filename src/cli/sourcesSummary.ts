/**
 * What `cvm-gap map` prints: per part of the plan, where it is read from (sheet or table, header
 * row), each contract column's header and how it was found, the candidates turned down and why,
 * and the sheets taken for no part.
 */
import { eitherOf } from "../domain/common/boundedText";
import { SERIES_PART, SHEETS } from "../domain/plan/contract";
import { describeSource, type PartSource } from "../domain/plan/planSources";
import type { PartRecognition, PlanRecognition, TurnedDown } from "../domain/plan/recognizePlan";
import type { SeriesRecognition } from "../domain/plan/series";

/** Where the mapping the recognition followed came from, for the heading. */
export type MappingOrigin = { readonly kind: "none" } | { readonly kind: "kept" } | { readonly kind: "file"; readonly file: string };

const CERTAINTY_TEXT = { sure: "", likely: "", unsure: ", unsure" } as const;

function pushColumnLines(lines: string[], source: PartSource): void {
  const labels = [...source.columns.map((c) => c.label), ...source.mappedToNone.map(labelOf(source))];
  const width = labels.reduce((widest, label) => Math.max(widest, label.length), 0);
  for (const c of source.columns) lines.push(`    ${c.label.padEnd(width)}  ← "${c.header}" (${c.how})`);
  for (const key of source.mappedToNone) lines.push(`    ${labelOf(source)(key).padEnd(width)}  ← none (mapped by the user)`);
  if (source.missing.length > 0) lines.push(`    missing: ${source.missing.join(", ")}`);
}

/** A contract column's label from its key, within the source's part. */
const labelOf = (source: PartSource) => (key: string) =>
  SHEETS.find((s) => s.key === source.part)?.columns.find((c) => c.key === key)?.label ?? key;

/** The same rows as the source proposed: no candidate turned down beside it. */
const sameAs = (source: PartSource | undefined, candidate: TurnedDown) =>
  source !== undefined && source.sheet === candidate.sheet && source.table === candidate.table && source.headerRow === candidate.headerRow;

function turnedDownLine(candidate: TurnedDown): string {
  return `    turned down: ${describeSource(candidate)}: ${candidate.why}`;
}

function pushPartLines(lines: string[], part: PartRecognition): void {
  if (part.problem) {
    lines.push(`  ${part.label}: unclear: ${part.problem}`);
    if (part.source) {
      lines.push(`    proposed: ${describeSource(part.source)}`);
      pushColumnLines(lines, part.source);
    }
  } else if (part.source) {
    lines.push(`  ${part.label}: ${describeSource(part.source)}, ${part.source.how}${CERTAINTY_TEXT[part.certainty ?? "sure"]}`);
    pushColumnLines(lines, part.source);
  } else {
    lines.push(`  ${part.label}: not found${part.required ? " (required)" : ""}`);
  }
  for (const candidate of part.turnedDown) if (!sameAs(part.source, candidate)) lines.push(turnedDownLine(candidate));
}

const ORIGIN_TEXT = (origin: MappingOrigin) =>
  origin.kind === "kept"
    ? "with the mapping kept in the workbook"
    : origin.kind === "file"
      ? `with the mapping ${origin.file}`
      : "without a mapping";

/** The optional KPI Series as the sheets' first rows show it; parsePlan decides among candidates by their KPI IDs. */
function seriesLine({ sheet, how, candidates }: SeriesRecognition): string {
  const label = `  ${SERIES_PART.label}:`;
  if (sheet !== undefined) return `${label} "${sheet}", ${how ?? "by name"}`;
  const names = candidates.map((name) => `"${name}"`);
  if (names.length === 0) return `${label} not found (optional)`;
  if (names.length === 1) return `${label} ${names[0]} may hold it, from its first rows: read when its KPI IDs are mostly the KPIs'`;
  return `${label} ${eitherOf(names)} may hold it, from their first rows: the one whose KPI IDs are mostly the KPIs' is read, and none if more than one are (name the one meant "${SERIES_PART.label}", or map it)`;
}

export function formatPlanSources(recognition: PlanRecognition, input: string, origin: MappingOrigin): string {
  const lines = [`Plan sources of ${input}, ${ORIGIN_TEXT(origin)}:`];
  for (const part of recognition.parts) pushPartLines(lines, part);
  lines.push(seriesLine(recognition.series));
  const seriesSheets = new Set([recognition.series.sheet, ...recognition.series.candidates]);
  const ignored = recognition.ignored.filter((sheet) => !seriesSheets.has(sheet.sheet));
  if (ignored.length > 0) {
    lines.push("  Sheets taken for no part:");
    for (const sheet of ignored) lines.push(`    "${sheet.sheet}": ${sheet.why}`);
  }
  return lines.join("\n");
}
