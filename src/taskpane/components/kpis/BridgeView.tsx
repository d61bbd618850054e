import { Fragment, useId, useState } from "react";
import { Body1, Button, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { Table20Regular } from "@fluentui/react-icons";
import type { KpiGap } from "../../../domain/analysis/result";
import { amountInUnit, changeInUnit, levelInUnit, percentOf } from "../shared/format";
import { itemText, type ItemNames } from "../findings/findingText";
import { BridgeTable } from "./BridgeTable";
import { bridgeCaption, bridgeRows, closureSentence, defaultBridgeKpi, noStepsSentence, waterfallName } from "./bridgeText";
import { ClosureBadge } from "./ClosureBadge";
import { TrendLine } from "./TrendLine";
import { chartable } from "./waterfall";
import { WaterfallChart } from "./WaterfallChart";
import { fittedPicker, fittedSelect } from "../shared/fittedSelect";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  headline: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0 },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  toggle: { alignSelf: "flex-start" },
  picker: fittedPicker,
  pickerSelect: fittedSelect,
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  stepChange: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
});

/** The initiatives of the waterfall by name, with what each is expected to do: the chart and its table name them by ID. */
function BridgeSteps({ kpi, names }: { kpi: KpiGap; names: ItemNames }) {
  const styles = useStyles();
  const steps = kpi.steps ?? [];
  if (steps.length === 0) return null;
  const scale = Math.max(Math.abs(kpi.value ?? 0), Math.abs(kpi.target ?? 0));
  return (
    <ul className={styles.steps} aria-label={`Initiatives expected to move ${kpi.kpiId}`} data-testid="bridge-steps">
      {steps.map((step) => (
        <li key={step.initiativeId} data-step={step.initiativeId}>
          {itemText(step.initiativeId, names)}: <span className={styles.stepChange}>{changeInUnit(step.change, kpi.unit, { scale })}</span>
          {step.favourable < 0 ? " (away from the target)" : ""}
        </li>
      ))}
    </ul>
  );
}

/** The figures of the bridge in words, as a definition list, for those who skip the chart. */
function BridgeFacts({ kpi }: { kpi: KpiGap }) {
  const styles = useStyles();
  const { unit } = kpi;
  const facts: [string, string][] = [];
  if (kpi.gap !== undefined && kpi.gap > 0) facts.push(["Gap", amountInUnit(kpi.gap, unit)]);
  if (kpi.planned !== undefined && kpi.closure !== "Unknown")
    facts.push(["Planned", kpi.planned < 0 ? `${amountInUnit(-kpi.planned, unit)} away from the target` : amountInUnit(kpi.planned, unit)]);
  // A share of the gap below zero (impacts pulling away) says less than the line above it.
  if (kpi.coverage !== undefined && kpi.coverage >= 0) facts.push(["Coverage", percentOf(kpi.coverage)]);
  if (kpi.residual !== undefined && kpi.closure !== "On track")
    facts.push(["Still to find", kpi.closure === "Closed" ? "Nothing" : amountInUnit(kpi.residual, unit)]);
  if (kpi.projected !== undefined && kpi.target !== undefined)
    facts.push(["Projected", `${levelInUnit(kpi.projected, unit)}${kpi.projectedStatus ? ` (${kpi.projectedStatus})` : ""}`]);
  // Beside the plan's projection, where the months so far are heading (issue 20).
  if (kpi.trend) facts.push(["On trend", `${levelInUnit(kpi.trend.projected, unit)} (${kpi.trend.status}, as of ${kpi.trend.asOf})`]);
  if (facts.length === 0) return null;
  return (
    <dl className={styles.facts} data-testid="bridge-facts">
      {facts.map(([term, detail]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.detail}>{detail}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export interface BridgeViewProps {
  readonly kpis: readonly KpiGap[];
  /** The initiatives' names, so that the steps are named, not numbered only. */
  readonly names?: ItemNames;
  /** The KPI picked, when the pane picks it (from the overview, from the KPI list); picked here otherwise. */
  readonly kpiId?: string;
  readonly onPick?: (kpiId: string) => void;
}

/**
 * The gap-to-target bridge of one KPI at a time: pick the KPI, read its closure in words, see its
 * waterfall and the initiatives behind it by name, and open the same figures as a table.
 */
export function BridgeView({ kpis, names = new Map(), kpiId, onPick }: BridgeViewProps) {
  const styles = useStyles();
  const [ownPick, setOwnPick] = useState<string>();
  const pickedId = kpiId ?? ownPick;
  const setPickedId = (id: string) => (onPick ? onPick(id) : setOwnPick(id));
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  // A KPI picked before a new analysis may be gone from the plan: fall back to the default then.
  const kpi = kpis.find((k) => k.kpiId === pickedId) ?? defaultBridgeKpi(kpis);
  if (!kpi) return null;
  const chart = chartable(kpi);
  const noChart = kpi.closure === "No data" || kpi.closure === "Unknown" ? "There is no waterfall to draw." : noStepsSentence(kpi);
  return (
    <div className={styles.root} data-testid="bridge-view" data-bridge-kpi={kpi.kpiId}>
      <Field label="KPI">
        <Select
          className={styles.picker}
          select={{ className: styles.pickerSelect }}
          value={kpi.kpiId}
          onChange={(_, data) => setPickedId(data.value)}
        >
          {kpis.map((k, i) => (
            <option key={i} value={k.kpiId}>
              {`${k.kpiId} ${k.name}${k.closure ? ` (${k.closure})` : ""}`}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.headline} aria-live="polite">
        {kpi.closure && (
          <span className={styles.badge}>
            <ClosureBadge closure={kpi.closure} />
          </span>
        )}
        <Body1 data-testid="closure-sentence">{closureSentence(kpi)}</Body1>
      </div>
      <TrendLine kpi={kpi} />
      <BridgeFacts kpi={kpi} />
      <BridgeSteps kpi={kpi} names={names} />
      {chart ? (
        <>
          <WaterfallChart chart={chart} name={waterfallName(kpi.kpiId, chart)} />
          <Button
            className={styles.toggle}
            icon={<Table20Regular />}
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? "Hide table" : "Show as table"}
          </Button>
          <div id={tableId} hidden={!showTable}>
            <BridgeTable caption={bridgeCaption(kpi)} rows={bridgeRows(chart)} />
          </div>
        </>
      ) : (
        <Body1 data-testid="no-waterfall">{noChart}</Body1>
      )}
    </div>
  );
}
