/**
 * The words planners put in header rows, per part of the plan and contract column: "Goal 2027"
 * is a KPI's Target, "Prog. ID" an initiative's ID, "Pillar" on a scorecard the bets a KPI
 * serves. A header is reduced to its stem first (lower case, singular, without the year, period
 * or unit attached to it), and the stem must be one of the phrases below as a whole: "Account
 * no." is no ID of the plan, since accounts are no part of it.
 */
import { SHEETS, type SheetKey } from "./contract";

/** Words that make a column the ID of what precedes them: "Metric code", "Prog. ID", "Bet #". */
const ID_WORDS = ["id", "code", "no", "nr", "number", "num", "ref", "reference", "key", "#"];
/** Words that make a column the name of what precedes them: "Metric name". */
const NAME_WORDS = ["name", "title", "label"];

/** How planners name the items of each part: the part's own ID or name column, or another part's links to it. */
const CONCEPTS: Readonly<Partial<Record<SheetKey, readonly string[]>>> = {
  bets: ["bet", "strategic bet", "priority", "strategic priority", "pillar", "strategic pillar", "objective", "strategic objective"],
  personas: ["persona", "customer persona", "archetype"],
  kpis: ["kpi", "metric", "measure", "indicator", "key performance indicator"],
  initiatives: ["initiative", "campaign", "programme", "program", "project", "action", "prog", "init", "proj"],
  moments: ["moment of truth", "moment", "mot", "touchpoint", "key moment"],
};

/** The columns of each part that hold its own ID and its name. */
const OWN_COLUMNS: Readonly<Partial<Record<SheetKey, { readonly id: string; readonly name: string }>>> = {
  bets: { id: "id", name: "statement" },
  personas: { id: "id", name: "name" },
  kpis: { id: "id", name: "name" },
  initiatives: { id: "id", name: "name" },
  moments: { id: "id", name: "name" },
};

/** The columns through which a part names the items of another: target part → column key. */
export const LINK_COLUMNS: Readonly<Record<SheetKey, Readonly<Partial<Record<SheetKey, string>>>>> = {
  bets: {},
  personas: { bets: "betIds" },
  kpis: { bets: "betIds" },
  initiatives: { bets: "betIds", kpis: "kpiIds", personas: "personaIds", moments: "motIds" },
  impacts: { initiatives: "initiativeId", kpis: "kpiId" },
  moments: { personas: "personaIds", bets: "betIds", kpis: "kpiIds" },
  collaboration: { bets: "betIds" },
};

const OWNER = ["owner", "sponsor", "accountable", "responsible", "lead", "executive sponsor"];

/** Further phrases per column, beyond the contract's label and aliases (which count too). */
const PHRASES: Readonly<Record<SheetKey, Readonly<Record<string, readonly string[]>>>> = {
  bets: {
    strategy: ["strategy", "theme", "pillar", "strategic theme", "strategic pillar"],
    objective: ["business objective", "objective", "ambition", "goal", "outcome"],
    majorInitiative: ["major initiative", "flagship", "flagship initiative", "key initiative", "key programme"],
    weight: ["weight", "weighting", "priority weight", "bet weight"],
    owner: OWNER,
  },
  personas: {
    segment: ["segment", "customer segment"],
    needs: ["need", "customer need", "pain point", "job to be done"],
    alternatives: ["alternative", "competitor", "competition"],
  },
  kpis: {
    category: ["category", "perspective", "kpi category", "metric type"],
    unit: ["unit", "uom", "unit of measure"],
    direction: ["direction", "better when", "polarity", "good direction"],
    baseline: ["baseline", "last year", "start", "prior year", "previous year", "ly"],
    target: ["target", "goal", "ambition", "plan"],
    actual: ["actual", "latest", "current", "ytd", "actual ytd", "result", "achieved", "to date"],
    forecast: ["forecast", "outlook", "projection", "projected", "estimate", "landing"],
    period: ["period", "timeframe", "time frame", "horizon"],
    owner: OWNER,
    aggregation: ["aggregation", "aggregate", "roll up", "rollup"],
  },
  initiatives: {
    program: ["program", "programme", "workstream", "stream", "portfolio"],
    ownerFunction: ["owner function", "function", "department", "team", ...OWNER],
    budget: ["budget", "cost", "spend", "investment", "funding"],
    expectedImpact: ["expected impact", "expected benefit", "benefit"],
    start: ["start", "start date", "launch", "kick off"],
    end: ["end", "end date", "finish", "due", "due date", "deadline"],
    status: ["status", "state", "rag"],
  },
  impacts: {
    impact: ["impact", "expected change", "delta", "uplift", "effect", "change"],
    confidence: ["confidence", "probability", "likelihood", "certainty"],
    note: ["note", "comment", "remark"],
  },
  moments: {
    stage: ["journey stage", "stage", "journey phase", "phase"],
    priority: ["priority", "importance"],
  },
  collaboration: {
    function: ["function", "department", "team"],
    handshake: ["handshake", "interface"],
    cadence: ["cadence", "frequency", "rhythm"],
    owner: OWNER,
  },
};

/**
 * Columns any list has (an owner, a status, a note): finding them says nothing about which part
 * a sheet is. The others, and a part's own ID or name named with its words, do.
 */
const GENERIC_COLUMNS = new Set(["owner", "ownerFunction", "status", "note", "period", "unit", "start", "end"]);

export function isGenericColumn(key: string): boolean {
  return GENERIC_COLUMNS.has(key);
}

const MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "january",
  "february",
  "march",
  "april",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_WORDS = new Set(MONTHS);

// A year, quarter, half, month, unit or filler attached to a header word: "Goal 2027", "Actual Q3", "Spend (k€)".
const UNIT_WORDS = new Set(["€", "$", "£", "¥", "%", "k", "m", "mn", "bn", "eur", "usd", "gbp", "chf", "keur", "meur", "pct", "percent"]);
const FILLER_WORDS = new Set(["value", "in", "total", "amount", "figure", "level", "the"]);
const PERIOD = /^(?:\d+|fy\d{0,4}|q[1-4]|h[12]|[qh][1-4]\d{2,4}|fy)$/;

function isQualifier(word: string): boolean {
  return PERIOD.test(word) || UNIT_WORDS.has(word) || FILLER_WORDS.has(word) || MONTH_WORDS.has(word);
}

/** A period or month column of a sheet laid out by month ("Jan", "Q3", "Feb 2027"). */
export function isPeriodHeader(text: string): boolean {
  const words = wordsOf(text);
  return (
    words.length > 0 && words.length <= 2 && words.some((w) => MONTH_WORDS.has(w) || /^[qh][1-4]$/.test(w)) && words.every(isQualifier)
  );
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.length >= 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

/** A header, a sheet's or a table's name is a few words: longer text is a note or a title, and has none here. */
const WORDS_TEXT_LIMIT = 80;

function wordsOf(text: string): string[] {
  if (text.length > WORDS_TEXT_LIMIT) return [];
  // Accents are dropped ("Pérsona" is a persona); plain ASCII, the common case, has none to drop.
  const ascii = /^[\x20-\x7e]*$/.test(text);
  const plain = (ascii ? text : text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")).toLowerCase();
  return (plain.match(/[\p{L}\p{N}]+|[€$£¥%#]/gu) ?? []).map(singular);
}

/**
 * A header's stem: its words in lower case and singular, without the year, period, unit or
 * filler attached ("Goal 2027" → "goal", "Spend (k€)" → "spend", "KPI IDs" → "kpi id").
 * Empty when nothing but such words is left.
 */
export function headerStem(text: string): string {
  return wordsOf(text)
    .filter((w) => !isQualifier(w))
    .join(" ");
}

/** What a header may be for one part of the plan. */
export type HeaderRole =
  /** A column named by a phrase of its own ("Goal 2027" for Target). */
  | { readonly kind: "column"; readonly key: string }
  /** The part's own ID ("Metric code"), or a bare ID word ("Ref"). */
  | { readonly kind: "id"; readonly key: string; readonly bare: boolean }
  /** The part's own name ("Metric name"), or a bare name word ("Title"). */
  | { readonly kind: "name"; readonly key: string; readonly bare: boolean }
  /** The part's own word alone ("Metric"): the ID when it holds short distinct codes, else the name. */
  | { readonly kind: "own"; readonly id: string; readonly name: string }
  /** Another part's word ("Pillar", "Metrics", "KPI IDs"): the IDs of that part's items. */
  | { readonly kind: "link"; readonly key: string; readonly target: SheetKey };

interface StemIndex {
  readonly phrases: ReadonlyMap<string, readonly string[]>;
}

const stemOfPhrase = (phrase: string) => headerStem(phrase);

/** Per part: column phrase stem → column keys, from the contract's labels and aliases and the phrases above. */
const PHRASE_INDEX: ReadonlyMap<SheetKey, StemIndex> = new Map(
  SHEETS.map((spec) => {
    const phrases = new Map<string, string[]>();
    const add = (phrase: string, key: string) => {
      const stem = stemOfPhrase(phrase);
      if (!stem) return;
      const keys = phrases.get(stem) ?? [];
      if (!keys.includes(key)) keys.push(key);
      phrases.set(stem, keys);
    };
    const own = OWN_COLUMNS[spec.key];
    const links = new Set(Object.values(LINK_COLUMNS[spec.key]));
    for (const column of spec.columns) {
      // IDs, names and links are found through the words of their parts, below.
      if (column.key === own?.id || column.key === own?.name || links.has(column.key)) continue;
      for (const phrase of [column.label, ...column.aliases, ...(PHRASES[spec.key][column.key] ?? [])]) add(phrase, column.key);
    }
    return [spec.key, { phrases }];
  }),
);

/** Concept stem → the part whose items it names. */
const CONCEPT_INDEX: ReadonlyMap<string, SheetKey> = new Map(
  Object.entries(CONCEPTS).flatMap(([part, words]) => (words ?? []).map((w) => [stemOfPhrase(w), part as SheetKey] as const)),
);
const ID_STEMS = new Set(ID_WORDS.map(stemOfPhrase));
const NAME_STEMS = new Set(NAME_WORDS.map(stemOfPhrase));

/** The concept a stem names and what follows it: "metric code" → kpis + id. */
export interface ConceptStem {
  readonly part?: SheetKey;
  readonly suffix: "id" | "name" | "";
}

/** Read once per header cell, whatever part it is tried for. */
export function conceptOf(stem: string): ConceptStem | undefined {
  if (ID_STEMS.has(stem)) return { suffix: "id" };
  if (NAME_STEMS.has(stem)) return { suffix: "name" };
  const space = stem.lastIndexOf(" ");
  if (space > 0) {
    const last = stem.slice(space + 1);
    const suffix = ID_STEMS.has(last) ? "id" : NAME_STEMS.has(last) ? "name" : undefined;
    const part = suffix && CONCEPT_INDEX.get(stem.slice(0, space));
    if (suffix && part) return { part, suffix };
  }
  const part = CONCEPT_INDEX.get(stem);
  return part ? { part, suffix: "" } : undefined;
}

/** Every stem that names a column of some part: a header row needs cells among these. */
const KNOWN_STEMS: ReadonlySet<string> = new Set([...PHRASE_INDEX.values()].flatMap((index) => [...index.phrases.keys()]));

/** Whether a stem names a column of any part, by a phrase, a part's word or an ID or name word. */
export function isKnownStem(stem: string): boolean {
  return stem !== "" && (KNOWN_STEMS.has(stem) || conceptOf(stem) !== undefined);
}

/** Every role a header stem may have on a sheet of that part, the strongest reading first. */
export function headerRoles(part: SheetKey, stem: string, concept: ConceptStem | undefined): HeaderRole[] {
  const roles: HeaderRole[] = [];
  const own = OWN_COLUMNS[part];
  if (concept) {
    if (concept.part === undefined) {
      if (own && concept.suffix === "id") roles.push({ kind: "id", key: own.id, bare: true });
      if (own && concept.suffix === "name") roles.push({ kind: "name", key: own.name, bare: true });
    } else if (concept.part === part && own) {
      if (concept.suffix === "id") roles.push({ kind: "id", key: own.id, bare: false });
      else if (concept.suffix === "name") roles.push({ kind: "name", key: own.name, bare: false });
      else roles.push({ kind: "own", id: own.id, name: own.name });
    } else if (concept.suffix !== "name") {
      const link = LINK_COLUMNS[part][concept.part];
      if (link) roles.push({ kind: "link", key: link, target: concept.part });
    }
  }
  for (const key of PHRASE_INDEX.get(part)?.phrases.get(stem) ?? []) roles.push({ kind: "column", key });
  return roles;
}

/** Whether a name (of a sheet or table) carries a word of the part: "Programmes" for the initiatives. */
export function nameSuggests(part: SheetKey, name: string): boolean {
  const words = wordsOf(name);
  const spec = SHEETS.find((s) => s.key === part);
  const labels = [spec?.label ?? "", ...(spec?.aliases ?? [])].map(stemOfPhrase);
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) {
      const phrase = words.slice(i, j).join(" ");
      if (CONCEPT_INDEX.get(phrase) === part || labels.includes(phrase)) return true;
    }
  }
  return false;
}

/** The header words a planner may use for a column, for messages: "Target, Goal, Ambition or Plan". */
export function columnWords(part: SheetKey, key: string): string[] {
  const spec = SHEETS.find((s) => s.key === part);
  const column = spec?.columns.find((c) => c.key === key);
  if (!spec || !column) return [];
  const own = OWN_COLUMNS[part];
  const ownWords = CONCEPTS[part] ?? [];
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  if (key === own?.id) return [column.label, ...ownWords.slice(1, 3).map((w) => `${title(w)} ID`), "ID", "Code"];
  if (key === own?.name) return [column.label, ...ownWords.slice(1, 3).map(title), "Name"];
  const target = Object.entries(LINK_COLUMNS[part]).find(([, k]) => k === key)?.[0] as SheetKey | undefined;
  if (target) return [column.label, ...(CONCEPTS[target] ?? []).slice(0, 3).map(title)];
  const words = [column.label, ...column.aliases, ...(PHRASES[part][key] ?? []).map(title)];
  return words.filter((w, i) => words.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i).slice(0, 5);
}
