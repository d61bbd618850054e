import { useMemo, useState, type ReactNode } from "react";
import { Caption1, Field, makeStyles, Radio, RadioGroup, SearchBox, tokens } from "@fluentui/react-components";
import type { Scenario } from "../../../domain/whatIf/scenario";
import type { WhatIfActions } from "../../useWhatIf";
import { betKey, changedKeys, impactKey, initiativeKey, shownItems, type PlanIndex, type Searchable } from "./whatIfEdits";
import { BetItem, ImpactItem, InitiativeItem } from "./WhatIfItems";
import { listCaption, type ListWords, type NormalizedWeight } from "./whatIfText";

/**
 * At most this many unchanged items are listed per kind: a plan of 10,000 initiatives gets a
 * list a pane can hold, and the search finds the others.
 */
export const LIST_LIMIT = 20;

type Kind = "initiatives" | "bets" | "impacts";

const KINDS: readonly { kind: Kind; label: string; words: ListWords }[] = [
  { kind: "initiatives", label: "Initiatives", words: { one: "initiative", many: "initiatives" } },
  { kind: "bets", label: "Bets", words: { one: "bet", many: "bets" } },
  { kind: "impacts", label: "Impacts", words: { one: "impact", many: "impacts" } },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  search: { minWidth: 0 },
  searchBox: { minWidth: 0, width: "100%", maxWidth: "100%" },
  kinds: { flexWrap: "wrap" },
  caption: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, minWidth: 0 },
});

const union = (a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> => (b.size === 0 ? a : new Set([...a, ...b]));

interface ItemListProps<T> {
  readonly entries: readonly Searchable<T>[];
  readonly query: string;
  readonly keep: ReadonlySet<string>;
  readonly words: ListWords;
  readonly label: string;
  readonly render: (item: T) => ReactNode;
}

/** One kind's items: the changed ones and the first matches of the search, with a line saying how many there are. */
function ItemList<T>({ entries, query, keep, words, label, render }: ItemListProps<T>) {
  const styles = useStyles();
  const shown = useMemo(() => shownItems(entries, query, LIST_LIMIT, keep), [entries, query, keep]);
  return (
    <>
      <Caption1 className={styles.caption} role="status" data-testid="whatif-list-caption">
        {listCaption(words, shown, query, LIST_LIMIT)}
      </Caption1>
      <ul className={styles.list} aria-label={label} data-testid="whatif-list">
        {shown.items.map(render)}
      </ul>
    </>
  );
}

/** Keys of the items edited since the view opened, per kind. */
function useTouched() {
  const [touched, setTouched] = useState<Readonly<Record<Kind, ReadonlySet<string>>>>({
    initiatives: new Set(),
    bets: new Set(),
    impacts: new Set(),
  });
  const touch = (kind: Kind, key: string) => setTouched((t) => (t[kind].has(key) ? t : { ...t, [kind]: new Set([...t[kind], key]) }));
  return { touched, touch };
}

/**
 * The plan's initiatives, bets and impacts to change, one kind at a time, found by ID or name.
 * Changed items are always listed, as are those edited since the view opened: an item brought
 * back to the plan's figure while its field has the focus must not vanish from under the cursor.
 */
export interface WhatIfEditorProps {
  readonly index: PlanIndex;
  readonly scenario: Scenario;
  readonly actions: WhatIfActions;
  /** Each bet's weight as the analysis counts it, by betKey. */
  readonly normalizedWeights: ReadonlyMap<string, NormalizedWeight>;
}

export function WhatIfEditor({ index, scenario, actions, normalizedWeights }: WhatIfEditorProps) {
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [kind, setKind] = useState<Kind>("initiatives");
  const { touched, touch } = useTouched();
  const changed = useMemo(() => changedKeys(scenario), [scenario]);
  const keep = useMemo(
    () => ({
      initiatives: union(changed.initiatives, touched.initiatives),
      bets: union(changed.bets, touched.bets),
      impacts: union(changed.impacts, touched.impacts),
    }),
    [changed, touched],
  );
  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0];
  const common = { query, words: current.words, label: current.label };

  return (
    <div className={styles.root}>
      <Field
        className={styles.search}
        label="Find by ID or name"
        hint="Lists the initiatives, bets or impacts whose ID or name holds what you type."
      >
        <SearchBox className={styles.searchBox} value={query} onChange={(_, data) => setQuery(data.value)} />
      </Field>
      {/* Native radios rather than a tab list: Fluent's TabList adds focusable aria-hidden elements that audits flag. */}
      <Field label="Show">
        <RadioGroup className={styles.kinds} layout="horizontal" value={kind} onChange={(_, data) => setKind(data.value as Kind)}>
          {KINDS.map((k) => (
            <Radio key={k.kind} value={k.kind} label={k.label} />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.root}>
        {kind === "initiatives" && (
          <ItemList
            {...common}
            entries={index.initiatives}
            keep={keep.initiatives}
            render={(initiative) => (
              <InitiativeItem
                key={initiative.id}
                initiative={initiative}
                scenario={scenario}
                onEdit={(id, edit) => {
                  touch("initiatives", initiativeKey(id));
                  actions.editInitiative(id, edit);
                }}
              />
            )}
          />
        )}
        {kind === "bets" && (
          <ItemList
            {...common}
            entries={index.bets}
            keep={keep.bets}
            render={(bet) => (
              <BetItem
                key={bet.id}
                bet={bet}
                scenario={scenario}
                weightsAsShares={index.weightsAsShares}
                normalized={normalizedWeights.get(betKey(bet.id))}
                onEdit={(id, weight) => {
                  touch("bets", betKey(id));
                  actions.editBet(id, weight);
                }}
              />
            )}
          />
        )}
        {kind === "impacts" && (
          <ItemList
            {...common}
            entries={index.impacts}
            keep={keep.impacts}
            render={(pair) => (
              <ImpactItem
                key={pair.key}
                pair={pair}
                scenario={scenario}
                onEdit={(initiative, kpi, confidence) => {
                  touch("impacts", impactKey(initiative, kpi));
                  actions.editImpact(initiative, kpi, confidence);
                }}
              />
            )}
          />
        )}
      </div>
    </div>
  );
}
