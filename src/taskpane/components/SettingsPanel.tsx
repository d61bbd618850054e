import { Field, makeStyles, SpinButton, tokens, type SpinButtonOnChangeData } from "@fluentui/react-components";
import type { AnalysisOptions } from "../../domain/model";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalM } });

/** The two settings a planner tunes; they are saved with the workbook. */
export function SettingsPanel({ options, onChange }: { options: AnalysisOptions; onChange: (options: AnalysisOptions) => void }) {
  const styles = useStyles();
  const read = (data: SpinButtonOnChangeData) => {
    const raw = data.value ?? Number.parseFloat(data.displayValue ?? "");
    return Number.isFinite(raw) ? Math.min(Math.max(raw, 0), 50) / 100 : undefined;
  };
  return (
    <div className={styles.row}>
      <Field label="At-risk tolerance (%)" hint="Below target by at most this much is At risk">
        <SpinButton
          min={0}
          max={50}
          value={Math.round(options.tolerance * 100)}
          onChange={(_, data) => {
            const tolerance = read(data);
            if (tolerance !== undefined) onChange({ ...options, tolerance });
          }}
        />
      </Field>
      <Field label="Allocation threshold (points)" hint="Budget share off its weight by more is flagged">
        <SpinButton
          min={0}
          max={50}
          value={Math.round(options.allocationThreshold * 100)}
          onChange={(_, data) => {
            const allocationThreshold = read(data);
            if (allocationThreshold !== undefined) onChange({ ...options, allocationThreshold });
          }}
        />
      </Field>
    </div>
  );
}
