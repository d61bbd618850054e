import { useId, type ReactNode } from "react";
import { Badge, Caption1, makeStyles, Switch, tokens } from "@fluentui/react-components";
import type { Bet, Initiative } from "../../../domain/plan/model";
import type { Scenario } from "../../../domain/whatIf/scenario";
import { betChange, impactChange, initiativeChange, type ImpactPair, type InitiativeEdit } from "./whatIfEdits";
import { WhatIfNumberField } from "./WhatIfNumberField";
import {
  amount,
  normalizedWeightText,
  shareText,
  typedBudget,
  typedConfidence,
  typedWeight,
  weightText,
  type NormalizedWeight,
} from "./whatIfText";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: tokens.spacingHorizontalXS, overflowWrap: "anywhere" },
  id: { fontWeight: tokens.fontWeightSemibold },
  controls: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  note: { color: tokens.colorNeutralForeground2 },
  // Under the field, across the item, rather than squeezed beside it.
  line: { flexBasis: "100%", color: tokens.colorNeutralForeground2 },
});

/** One editable item: its ID and name as the group's name, a "Changed" mark, and its controls. */
function Item({
  id,
  name,
  changed,
  testId,
  children,
}: {
  id: string;
  name: string;
  changed: boolean;
  testId: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <li className={styles.item} data-whatif-item={testId} data-changed={changed || undefined}>
      <div role="group" aria-labelledby={titleId}>
        <div className={styles.title}>
          <span id={titleId}>
            <span className={styles.id}>{id}</span> {name}
          </span>
          {changed && (
            <Badge appearance="tint" color="brand" size="small">
              Changed
            </Badge>
          )}
        </div>
        <div className={styles.controls}>{children}</div>
      </div>
    </li>
  );
}

export function InitiativeItem({
  initiative,
  scenario,
  onEdit,
}: {
  initiative: Initiative;
  scenario: Scenario;
  onEdit: (id: string, edit: InitiativeEdit) => void;
}) {
  const change = initiativeChange(scenario, initiative.id);
  const active = change?.active !== false;
  const budget = change?.budget ?? initiative.budget;
  const planBudget = initiative.budgetUnknown
    ? "unknown, see the findings"
    : initiative.budget === undefined
      ? "none"
      : amount(initiative.budget);
  const typed = change?.budget !== undefined;
  return (
    <Item id={initiative.id} name={initiative.name} changed={change !== undefined} testId={`initiative:${initiative.id}`}>
      <Switch label={`Include ${initiative.id}`} checked={active} onChange={(_, data) => onEdit(initiative.id, { active: data.checked })} />
      <WhatIfNumberField
        label={`Budget of ${initiative.id}`}
        hint={`Plan: ${planBudget}`}
        initial={budget === undefined || (initiative.budgetUnknown && change?.budget === undefined) ? "" : amount(budget)}
        current={typed ? amount(budget) : planBudget}
        fromPlan={!typed}
        read={typedBudget}
        onValue={(value) => onEdit(initiative.id, { budget: value })}
      />
    </Item>
  );
}

export interface BetItemProps {
  readonly bet: Bet;
  readonly scenario: Scenario;
  readonly weightsAsShares: boolean;
  /** The bet's weight as the analysis counts it, once the scenario's weights are scaled to add up to 100%. */
  readonly normalized?: NormalizedWeight;
  readonly onEdit: (id: string, weight: number | null) => void;
}

export function BetItem({ bet, scenario, weightsAsShares, normalized, onEdit }: BetItemProps) {
  const styles = useStyles();
  const change = betChange(scenario, bet.id);
  const weight = change?.weight ?? bet.weight;
  const planWeight = bet.weightUnknown
    ? "unknown, see the findings"
    : bet.weight === undefined
      ? "none"
      : weightText(bet.weight, weightsAsShares);
  return (
    <Item id={bet.id} name={bet.statement} changed={change?.weight !== undefined} testId={`bet:${bet.id}`}>
      <WhatIfNumberField
        label={`Weight of ${bet.id}`}
        hint={`Plan: ${planWeight}`}
        initial={weight === undefined || (bet.weightUnknown && change?.weight === undefined) ? "" : weightText(weight, weightsAsShares)}
        current={change?.weight !== undefined ? weightText(change.weight, weightsAsShares) : planWeight}
        fromPlan={change?.weight === undefined}
        read={typedWeight}
        onValue={(value) => onEdit(bet.id, value)}
      />
      {normalized && (
        <Caption1 className={styles.line} data-testid="whatif-normalized-weight">
          {normalizedWeightText(normalized, weightsAsShares)}
        </Caption1>
      )}
    </Item>
  );
}

export function ImpactItem({
  pair,
  scenario,
  onEdit,
}: {
  pair: ImpactPair;
  scenario: Scenario;
  onEdit: (initiative: string, kpi: string, confidence: number | null) => void;
}) {
  const styles = useStyles();
  const change = impactChange(scenario, pair.initiativeId, pair.kpiId);
  const off = initiativeChange(scenario, pair.initiativeId)?.active === false;
  const planText = pair.uniform ? shareText(pair.confidence) : `${shareText(pair.confidence)} on the first of its rows, others differ`;
  return (
    <Item
      id={`${pair.initiativeId} → ${pair.kpiId}`}
      name={pair.note}
      changed={change !== undefined}
      testId={`impact:${pair.initiativeId}:${pair.kpiId}`}
    >
      <WhatIfNumberField
        label={`Confidence of ${pair.initiativeId} on ${pair.kpiId}`}
        hint={`Plan: ${planText}`}
        initial={shareText(change?.confidence ?? pair.confidence)}
        current={change ? shareText(change.confidence) : planText}
        fromPlan={change === undefined}
        read={typedConfidence}
        onValue={(value) => onEdit(pair.initiativeId, pair.kpiId, value)}
      />
      {off && <Caption1 className={styles.note}>{pair.initiativeId} is switched off, so this impact does not count.</Caption1>}
    </Item>
  );
}
