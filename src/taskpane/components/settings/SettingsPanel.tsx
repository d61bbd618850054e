import { useState } from "react";
import { Field, makeStyles, SpinButton, tokens } from "@fluentui/react-components";
import type { AnalysisOptions } from "../../../domain/analysis/result";
import { readShare, SHARE_LIMIT } from "../../../domain/common/share";
import { percentOf } from "../shared/format";

const useStyles = makeStyles({ row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM } });

/** Why what was typed is refused, and which figure stays in effect. */
function refusal(typed: string, kind: "outOfRange" | "notNumber", what: string, inEffect: number): string {
  const why =
    kind === "outOfRange" ? `"${typed.trim()}" is out of range: type 0 to ${SHARE_LIMIT * 100 - 1}.` : `"${typed.trim()}" is not a number.`;
  return `${why} The ${what} stays ${percentOf(inEffect, { decimals: 2, trimZeros: true })}.`;
}

/**
 * A share shown in whole percent; what is typed is read by the one unit rule (src/domain/common/
 * share.ts: 20 or 20% is 20%, 0.2 too). What that rule refuses stays in the field as typed, with
 * a message that says why and which figure is in effect, rather than being replaced silently. The
 * arrows step by one point up to the last whole percent below the limit.
 */
function PercentSetting({
  label,
  what,
  hint,
  share,
  onChange,
}: {
  label: string;
  what: string;
  hint: string;
  share: number;
  onChange: (share: number) => void;
}) {
  const [refused, setRefused] = useState<{ typed: string; message: string }>();
  return (
    <Field label={label} hint={hint} validationState={refused ? "error" : "none"} validationMessage={refused?.message}>
      <SpinButton
        min={0}
        max={SHARE_LIMIT * 100 - 1}
        // While what was typed is refused, the field holds that text and no value, so that typing
        // the figure in effect again is a change the field reports.
        value={refused ? null : Math.round(share * 100)}
        displayValue={refused?.typed}
        onChange={(_, data) => {
          const typed = data.value ?? data.displayValue ?? null;
          const read = readShare(typed);
          if (read.kind === "share") {
            setRefused(undefined);
            onChange(read.share);
          } else setRefused({ typed: String(typed ?? ""), message: refusal(String(typed ?? ""), read.kind, what, share) });
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
        what="tolerance"
        hint="Below target by at most this much is At risk"
        share={options.tolerance}
        onChange={(tolerance) => onChange({ ...options, tolerance })}
      />
      <PercentSetting
        label="Allocation threshold (points)"
        what="threshold"
        hint="Budget share off its weight by more is flagged"
        share={options.allocationThreshold}
        onChange={(allocationThreshold) => onChange({ ...options, allocationThreshold })}
      />
    </div>
  );
}
