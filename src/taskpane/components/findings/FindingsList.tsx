import { useEffect, useId, useState } from "react";
import { Body1Strong, Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Regular, Warning16Filled } from "@fluentui/react-icons";
import { SEVERITIES, type Finding, type Severity } from "../../../domain/plan/model";
import type { AnalysisResult } from "../../../domain/analysis/result";
import { countBySeverity } from "../../../domain/analysis/findingCounts";
import { findingPlace, type PlacedNotice } from "../../usePlan";
import { ActionNotice } from "../shared/ActionNotice";
import { count } from "../shared/format";
import {
  filtered,
  findingName,
  findingWhere,
  itemText,
  NO_FILTER,
  SEVERITY_GROUPS,
  type FindingFilter,
  type ItemNames,
} from "./findingText";
import { fittedPicker, fittedSelect } from "../shared/fittedSelect";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  filters: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.4fr)", gap: tokens.spacingHorizontalS },
  picker: fittedPicker,
  pickerSelect: fittedSelect,
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  groupHead: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  // The finding's name is the button: it goes to the cell. It reads as a link, wraps like text.
  name: {
    justifyContent: "flex-start",
    textAlign: "left",
    height: "auto",
    minWidth: 0,
    maxWidth: "100%",
    paddingInline: 0,
    paddingBlock: tokens.spacingVerticalXXS,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
  },
  message: { margin: 0 },
  where: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
});

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  if (severity === "error") return <ErrorCircle16Filled className={styles.error} aria-hidden="true" />;
  if (severity === "warning") return <Warning16Filled className={styles.warning} aria-hidden="true" />;
  return <Info16Regular className={styles.info} aria-hidden="true" />;
}

/** One finding: its short name as the button to its cell, and the details that describe it. */
function FindingItem({
  finding,
  place,
  names,
  onSelect,
  notice,
  onDismiss,
}: {
  finding: Finding;
  place: string;
  names: ItemNames;
  onSelect: (sheet: string, cell: string, at: string) => void;
  notice?: PlacedNotice;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <li className={styles.item} data-place={place}>
      <Button
        appearance="transparent"
        className={styles.name}
        onClick={() => onSelect(finding.sheet, finding.cell, place)}
        aria-describedby={`${id}-message ${id}-where`}
        data-finding={finding.rule}
      >
        {findingName(finding, names)}
      </Button>
      <p className={styles.message} id={`${id}-message`}>
        {finding.message}
      </p>
      <Caption1 className={styles.where} id={`${id}-where`}>
        {findingWhere(finding)}
      </Caption1>
      <ActionNotice notice={notice} at={place} onDismiss={onDismiss} />
    </li>
  );
}

export interface FindingsListProps {
  readonly result: Pick<AnalysisResult, "findings" | "bets" | "kpis">;
  readonly names: ItemNames;
  readonly onSelect: (sheet: string, cell: string, at: string) => void;
  readonly notice?: PlacedNotice;
  readonly onDismiss: () => void;
  /** A finding to show whatever the filters: they are cleared when they hide it. */
  readonly reveal?: { readonly key: number };
}

/**
 * The findings, filtered by severity and by the bet or KPI they are about, grouped by severity.
 * Each is named by its rule and item; its message and cell describe it.
 */
export function FindingsList({ result, names, onSelect, notice, onDismiss, reveal }: FindingsListProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<FindingFilter>(NO_FILTER);
  const { findings } = result;
  const shown = filtered(findings, filter, result);

  useEffect(() => {
    if (reveal && !filtered(findings, filter, result).some((f) => f.key === reveal.key)) setFilter(NO_FILTER);
    // Only a new request to reveal clears the filters, not a change of them.
  }, [reveal]);

  if (findings.length === 0) return <Caption1>No findings: the plan traces cleanly.</Caption1>;
  const counts = countBySeverity(findings);
  const groups = SEVERITIES.map((severity) => ({ severity, items: shown.filter((f) => f.finding.severity === severity) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <div className={styles.root}>
      <div className={styles.filters}>
        <Field label="Severity">
          <Select
            className={styles.picker}
            select={{ className: styles.pickerSelect }}
            value={filter.severity}
            onChange={(_, data) => setFilter({ ...filter, severity: data.value as FindingFilter["severity"] })}
          >
            <option value="all">All ({findings.length})</option>
            {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
              <option key={s} value={s}>
                {`Only ${SEVERITY_GROUPS[s].toLowerCase()} (${counts[s]})`}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="About">
          <Select
            className={styles.picker}
            select={{ className: styles.pickerSelect }}
            value={filter.about}
            onChange={(_, data) => setFilter({ ...filter, about: data.value })}
          >
            <option value="all">Every bet and KPI</option>
            <optgroup label="Bets">
              {result.bets.map((bet) => (
                <option key={bet.betId} value={bet.betId}>
                  {itemText(bet.betId, names)}
                </option>
              ))}
            </optgroup>
            <optgroup label="KPIs">
              {result.kpis.map((kpi, i) => (
                <option key={i} value={kpi.kpiId}>
                  {itemText(kpi.kpiId, names)}
                </option>
              ))}
            </optgroup>
          </Select>
        </Field>
      </div>
      <Caption1 aria-live="polite" data-testid="findings-shown">
        {shown.length === findings.length
          ? `${count(findings.length, "finding", "findings")}.`
          : `${shown.length} of ${count(findings.length, "finding", "findings")} shown.`}
      </Caption1>
      {groups.map((group) => (
        <div key={group.severity} className={styles.group} data-severity={group.severity}>
          <Body1Strong as="h3" className={styles.groupHead}>
            <SeverityIcon severity={group.severity} />
            {SEVERITY_GROUPS[group.severity]} ({group.items.length})
          </Body1Strong>
          <ul className={styles.list}>
            {group.items.map(({ finding, key }) => (
              <FindingItem
                key={key}
                finding={finding}
                place={findingPlace(String(key))}
                names={names}
                onSelect={onSelect}
                notice={notice}
                onDismiss={onDismiss}
              />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
