import { Field, makeStyles, SpinButton, tokens } from "@fluentui/react-components";
import type { AnalysisOptions } from "../../../domain/analysis/result";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalM } });

/** A share edited as whole percent from 0 to 50; anything else typed is ignored. */
function PercentSetting({
  label,
  hint,
  share,
  onChange,
}: {
  label: string;
  hint: string;
  share: number;
  onChange: (share: number) => void;
}) {
  return (
    <Field label={label} hint={hint}>
      <SpinButton
        min={0}
        max={50}
        value={Math.round(share * 100)}
        onChange={(_, data) => {
          const raw = data.value ?? Number.parseFloat(data.displayValue ?? "");
          if (Number.isFinite(raw)) onChange(Math.min(Math.max(raw, 0), 50) / 100);
        }}
      />
    </Field>
  );
}

/** The two settings a planner tunes; they are saved with the workbook. */
export function SettingsPanel({ options, onChange }: { options: AnalysisOptions; onChange: (options: AnalysisOptions) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <PercentSetting
        label="At-risk tolerance (%)"
        hint="Below target by at most this much is At risk"
        share={options.tolerance}
        onChange={(tolerance) => onChange({ ...options, tolerance })}
      />
      <PercentSetting
        label="Allocation threshold (points)"
        hint="Budget share off its weight by more is flagged"
        share={options.allocationThreshold}
        onChange={(allocationThreshold) => onChange({ ...options, allocationThreshold })}
      />
    </div>
  );
}
