import { Field, makeStyles, SpinButton, tokens } from "@fluentui/react-components";
import type { AnalysisOptions } from "../../../domain/analysis/result";
import { readShare, SHARE_LIMIT } from "../../../domain/common/share";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalM } });

/**
 * A share shown in whole percent; what is typed is read by the one unit rule (src/domain/common/
 * share.ts: 20 or 20% is 20%, 0.2 too), and what that rule refuses is ignored. The arrows step
 * by one point up to the last whole percent below the limit.
 */
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
        max={SHARE_LIMIT * 100 - 1}
        value={Math.round(share * 100)}
        onChange={(_, data) => {
          const read = readShare(data.value ?? data.displayValue ?? null);
          if (read.kind === "share") onChange(read.share);
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
