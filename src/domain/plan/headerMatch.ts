/**
 * Which header cell of a row holds which contract column of a part. First the contract's own
 * names, as ever (the label, an alias, a forgiven plural), so that a sheet that reads today reads
 * the same; then, for the columns still missing, the planners' words of vocabulary.ts checked
 * against what the column holds, and against the IDs the other parts hold when they are known.
 */
import type { CellValue } from "../common/cells";
import { normalizeName, SHEETS, type ColumnSpec, type SheetKey, type SheetSpec } from "./contract";
import { columnContents, holdsDates, holdsIdLists, holdsIds, holdsNumbers, shareIn, type ColumnContents } from "./columnContents";
import { conceptOf, headerRoles, headerStem, isKnownStem, type HeaderRole } from "./vocabulary";

/** How a column was matched: by the contract's names, by the planners' words, or as the user said. */
export type MatchKind =
  | "label"
  | "alias"
  | "plural"
  | "mapped"
  /** The part's own ID or name in its words ("Metric code", "Metric name", "Metric"). */
  | "own"
  /** A phrase of the column ("Goal 2027" for Target). */
  | "phrase"
  /** Another part's IDs ("Pillar" holding P1, P2). */
  | "link"
  /** A bare ID or name word ("Ref", "Title"). */
  | "bare";

/** The IDs each part holds and the IDs the other parts name, as far as they are known. */
export interface CrossReferences {
  /** The ID keys of a part's items. */
  idsOf(part: SheetKey): ReadonlySet<string> | undefined;
  /** The ID keys other parts name through their links to this part. */
  referencedIn(part: SheetKey): ReadonlySet<string> | undefined;
}

/** The rows below a header that recognition may look at. */
export interface DataRows {
  readonly values: readonly (readonly CellValue[])[];
  /** First and last index into values of the data rows. */
  readonly from: number;
  readonly to: number;
}

export interface HeaderMatch {
  /** Index into a values row of each contract column found. */
  readonly columns: Readonly<Record<string, number>>;
  readonly kinds: Readonly<Record<string, MatchKind>>;
  /** Link columns whose values were found among the IDs of the part they name, by share. */
  readonly confirmed: Readonly<Record<string, number>>;
}

export interface MatchOptions {
  readonly data?: DataRows;
  readonly references?: CrossReferences;
  /** Columns the user mapped: the column's index into a values row, or null for "none". */
  readonly mapped?: Readonly<Record<string, number | null>>;
}

interface Candidate {
  readonly col: number;
  readonly key: string;
  readonly score: number;
  readonly kind: MatchKind;
  readonly share?: number;
}

/** A column the contract lists, by key; every key the vocabulary gives is one. */
function columnOf(spec: SheetSpec, key: string): ColumnSpec | undefined {
  return spec.columns.find((c) => c.key === key);
}

/** A column's names as the contract's passes compare them, worked out once. */
interface ColumnNames {
  readonly label: string;
  readonly aliases: readonly string[];
  readonly singularLabel: string;
  readonly singularAliases: readonly string[];
}

const singular = (s: string) => s.replace(/s$/, "");
const COLUMN_NAMES = new WeakMap<ColumnSpec, ColumnNames>();

function namesOf(column: ColumnSpec): ColumnNames {
  let names = COLUMN_NAMES.get(column);
  if (!names) {
    const label = normalizeName(column.label);
    const aliases = column.aliases.map(normalizeName);
    names = { label, aliases, singularLabel: singular(label), singularAliases: aliases.map(singular) };
    COLUMN_NAMES.set(column, names);
  }
  return names;
}

/** The first cell from `from` to `to`, not taken, among `cells` (in column order). */
function firstFree(cells: readonly number[] | undefined, from: number, to: number, taken: ReadonlySet<number>): number | undefined {
  if (!cells) return undefined;
  for (const c of cells) if (c >= from && c <= to && !taken.has(c)) return c;
  return undefined;
}

/**
 * The contract's own names, in today's three passes: the label, an alias, a trailing "s"
 * forgiven. Each pass takes, column by column in the contract's order, the leftmost free cell of
 * that name; the row's cells are looked up by name rather than compared one by one.
 */
function contractPasses(
  words: RowWords,
  headers: readonly CellValue[],
  from: number,
  to: number,
  spec: SheetSpec,
  found: Record<string, number>,
  kinds: Record<string, MatchKind>,
  taken: Set<number>,
): void {
  const { byName, bySingular } = indexesOf(words, headers);
  const passes: [MatchKind, (column: ColumnNames) => number | undefined][] = [
    ["label", (column) => firstFree(byName.get(column.label), from, to, taken)],
    ["alias", (column) => earliest(column.aliases.map((a) => firstFree(byName.get(a), from, to, taken)))],
    [
      "plural",
      (column) =>
        earliest([column.singularLabel, ...column.singularAliases].map((name) => firstFree(bySingular.get(name), from, to, taken))),
    ],
  ];
  for (const [kind, pass] of passes) {
    for (const column of spec.columns) {
      if (found[column.key] !== undefined || kinds[column.key] !== undefined) continue;
      const c = pass(namesOf(column));
      if (c === undefined) continue;
      found[column.key] = c;
      kinds[column.key] = kind;
      taken.add(c);
    }
  }
}

/** The leftmost of the cells found, as a scan of the row from the left finds it. */
function earliest(cells: readonly (number | undefined)[]): number | undefined {
  let first: number | undefined;
  for (const c of cells) if (c !== undefined && (first === undefined || c < first)) first = c;
  return first;
}

/**
 * The candidates one header cell gives, strongest first. A column of the wrong contents is no
 * candidate: "Plan" holding prose is no Target, "Priority" holding "High" no link to the bets.
 */
function candidatesOf(
  spec: SheetSpec,
  col: number,
  roles: readonly HeaderRole[],
  contents: () => ColumnContents | undefined,
  references?: CrossReferences,
): Candidate[] {
  const out: Candidate[] = [];
  const idBonus = (c: ColumnContents | undefined) => 10 * (shareIn(c?.keys ?? new Set(), references?.referencedIn(spec.key)) ?? 0);
  for (const role of roles) {
    // What the column holds is only read for a role that depends on it.
    const c = role.kind === "name" || (role.kind === "column" && columnOf(spec, role.key)?.kind === "text") ? undefined : contents();
    switch (role.kind) {
      case "id":
        if (!c || holdsIds(c))
          out.push({ col, key: role.key, score: (role.bare ? 40 : 70) + idBonus(c), kind: role.bare ? "bare" : "own" });
        break;
      case "name":
        out.push({ col, key: role.key, score: role.bare ? 40 : 70, kind: role.bare ? "bare" : "own" });
        break;
      case "own":
        // The part's word alone: the ID when it holds short distinct codes, the name otherwise.
        if (c && c.filled > 0 && holdsIds(c)) out.push({ col, key: role.id, score: 66 + idBonus(c), kind: "own" });
        out.push({ col, key: role.name, score: 64, kind: "own" });
        break;
      case "link": {
        if (c && !holdsIdLists(c)) break;
        const share = shareIn(c?.keys ?? new Set(), references?.idsOf(role.target));
        // Codes none of which the part they would name holds are no link to it.
        if (share === 0) break;
        out.push({ col, key: role.key, score: 50 + 15 * (share ?? 0), kind: "link", share });
        break;
      }
      case "column": {
        const column = columnOf(spec, role.key);
        if (!column) break;
        if (c && column.kind === "number" && !holdsNumbers(c)) break;
        if (c && column.kind === "date" && !holdsDates(c)) break;
        out.push({ col, key: role.key, score: 60, kind: "phrase" });
        break;
      }
    }
  }
  return out;
}

/** What a header row's cells say, worked out once per row whatever parts it is tried for. */
interface RowWords {
  /** Each cell as the contract's passes compare it (normalizeName), "" when blank. */
  readonly names: (string | undefined)[];
  /** Each cell's stem (vocabulary.ts), "" when it has none. */
  readonly stems: (string | undefined)[];
  /** The cells by name, and by name without a trailing "s", left to right. */
  indexes?: { readonly byName: Map<string, number[]>; readonly bySingular: Map<string, number[]> };
  /** How many cells name a column of some part. */
  known?: number;
}

const ROW_WORDS = new WeakMap<readonly CellValue[], RowWords>();

function rowWords(headers: readonly CellValue[]): RowWords {
  let words = ROW_WORDS.get(headers);
  if (!words) {
    words = { names: [], stems: [] };
    ROW_WORDS.set(headers, words);
  }
  return words;
}

function indexesOf(words: RowWords, headers: readonly CellValue[]): NonNullable<RowWords["indexes"]> {
  if (!words.indexes) {
    const byName = new Map<string, number[]>();
    const bySingular = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, key: string, c: number) => {
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    };
    for (let c = 0; c < headers.length; c++) {
      const name = nameAt(words, headers, c);
      if (!name) continue;
      push(byName, name, c);
      push(bySingular, singular(name), c);
    }
    words.indexes = { byName, bySingular };
  }
  return words.indexes;
}

/**
 * How many cells of a row name a column of some part, by the contract's names or the planners'
 * words: a row with fewer than two can be no part's header (each part requires two columns).
 */
export function knownHeaderCells(headers: readonly CellValue[]): number {
  const words = rowWords(headers);
  if (words.known === undefined) {
    let known = 0;
    let texts = 0;
    for (const value of headers) if (typeof value === "string") texts++;
    // Only text names a column: a row of figures with a label is passed over without a look.
    for (let c = 0; c < headers.length && texts >= 2; c++) {
      const name = nameAt(words, headers, c);
      if (name && (CONTRACT_NAMES.has(name) || CONTRACT_NAMES.has(singular(name)) || isKnownStem(stemAt(words, headers, c)))) known++;
    }
    words.known = known;
  }
  return words.known;
}

/** Every contract label and alias as the passes compare them, with and without a trailing "s". */
const CONTRACT_NAMES: ReadonlySet<string> = new Set(
  SHEETS.flatMap((spec) => spec.columns.flatMap((column) => [column.label, ...column.aliases].map(normalizeName))).flatMap((n) => [
    n,
    singular(n),
  ]),
);

/**
 * A header is text: a number, a date, a boolean or an error names no column (no contract name is
 * one), and is not worked out at all, which keeps a row of figures cheap to pass over.
 */
const headerText = (value: CellValue | undefined) => (typeof value === "string" ? value.trim() : "");

function nameAt(words: RowWords, headers: readonly CellValue[], c: number): string {
  let name = words.names[c];
  if (name === undefined) {
    const text = headerText(headers[c]);
    name = text ? normalizeName(text) : "";
    words.names[c] = name;
  }
  return name;
}

function stemAt(words: RowWords, headers: readonly CellValue[], c: number): string {
  let stem = words.stems[c];
  if (stem === undefined) {
    const text = headerText(headers[c]);
    stem = text ? headerStem(text) : "";
    words.stems[c] = stem;
  }
  return stem;
}

/** The header cells of one row as the contract's passes compare them. */
function normalizedNames(headers: readonly CellValue[], from: number, to: number): string[] {
  const words = rowWords(headers);
  const names: string[] = [];
  for (let c = from; c <= to; c++) names[c] = nameAt(words, headers, c);
  return names;
}

/** Matches the header cells `from` to `to` (indexes into the row) to the part's contract columns. */
export function matchHeader(
  headers: readonly CellValue[],
  from: number,
  to: number,
  spec: SheetSpec,
  options: MatchOptions = {},
): HeaderMatch {
  const words = rowWords(headers);
  const names = normalizedNames(headers, from, to);
  const found: Record<string, number> = {};
  const kinds: Record<string, MatchKind> = {};
  const confirmed: Record<string, number> = {};
  const taken = new Set<number>();
  for (const [key, col] of Object.entries(options.mapped ?? {})) {
    kinds[key] = "mapped";
    if (col === null) continue;
    found[key] = col;
    taken.add(col);
  }
  contractPasses(words, headers, from, to, spec, found, kinds, taken);
  const { data, references } = options;
  const contentsCache = new Map<number, ColumnContents>();
  const contents = (col: number) => () => {
    if (!data) return undefined;
    let c = contentsCache.get(col);
    if (!c) {
      c = columnContents(data.values, col, data.from, data.to);
      contentsCache.set(col, c);
    }
    return c;
  };
  const rolesAt = (c: number) => {
    const stem = stemAt(words, headers, c);
    return stem ? headerRoles(spec.key, stem, conceptOf(stem)) : [];
  };
  reconsiderOwnWord(spec, found, kinds, taken, rolesAt, contents, from, to);
  const missing = spec.columns.filter((column) => kinds[column.key] === undefined);
  if (missing.length === 0) return { columns: found, kinds, confirmed };
  const candidates: Candidate[] = [];
  for (let c = from; c <= to; c++) {
    if (taken.has(c) || !names[c]) continue;
    for (const candidate of candidatesOf(spec, c, rolesAt(c), contents(c), references)) {
      if (kinds[candidate.key] === undefined) candidates.push(candidate);
    }
  }
  const order = new Map(spec.columns.map((column, i) => [column.key, i]));
  candidates.sort((a, b) => b.score - a.score || a.col - b.col || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  for (const candidate of candidates) {
    if (taken.has(candidate.col) || kinds[candidate.key] !== undefined) continue;
    found[candidate.key] = candidate.col;
    kinds[candidate.key] = candidate.kind;
    if (candidate.share !== undefined) confirmed[candidate.key] = candidate.share;
    taken.add(candidate.col);
  }
  return { columns: found, kinds, confirmed };
}

/**
 * "KPI" is the KPIs' name column by the contract's label; but a sheet without a "KPI ID" whose
 * "KPI" column holds K1, K2… and has a "KPI name" beside it means the IDs. The contract's match
 * is undone then, and the column weighed with the others.
 */
function reconsiderOwnWord(
  spec: SheetSpec,
  found: Record<string, number>,
  kinds: Record<string, MatchKind>,
  taken: Set<number>,
  rolesAt: (col: number) => HeaderRole[],
  contents: (col: number) => () => ColumnContents | undefined,
  from: number,
  to: number,
): void {
  for (const role of spec.columns) {
    const col = found[role.key];
    if (col === undefined || kinds[role.key] === "mapped") continue;
    const own = rolesAt(col).find((r): r is Extract<HeaderRole, { kind: "own" }> => r.kind === "own");
    if (!own || own.name !== role.key || kinds[own.id] !== undefined) continue;
    const c = contents(col)();
    if (!c || c.filled === 0 || !holdsIds(c)) continue;
    if (!otherNameColumn(col, from, to, taken, rolesAt, contents)) continue;
    delete found[role.key];
    delete kinds[role.key];
    taken.delete(col);
  }
}

/** Whether another free header cell could be the name: "KPI name", "Title", or the part's word over prose. */
function otherNameColumn(
  col: number,
  from: number,
  to: number,
  taken: ReadonlySet<number>,
  rolesAt: (col: number) => HeaderRole[],
  contents: (col: number) => () => ColumnContents | undefined,
): boolean {
  for (let c = from; c <= to; c++) {
    if (c === col || taken.has(c)) continue;
    for (const role of rolesAt(c)) {
      if (role.kind === "name") return true;
      const held = role.kind === "own" ? contents(c)() : undefined;
      if (role.kind === "own" && !(held && held.filled > 0 && holdsIds(held))) return true;
    }
  }
  return false;
}
