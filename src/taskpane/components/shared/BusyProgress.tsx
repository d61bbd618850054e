import { Field, ProgressBar } from "@fluentui/react-components";
import { PHASE_TEXT, type BusyPhase } from "../../paneText";

/**
 * What the pane is doing, with how far it is when the workbook says (the Office.js adapter reports
 * its requests as they complete); indeterminate otherwise. The label names the progress bar.
 */
export function BusyProgress({ phase, progress }: { phase: BusyPhase; progress?: number }) {
  const done = progress === undefined ? undefined : Math.round(Math.min(Math.max(progress, 0), 1) * 100);
  return (
    <Field label={PHASE_TEXT[phase]} validationMessage={done === undefined ? undefined : `${done}% done`} validationState="none">
      <ProgressBar value={done} max={100} aria-valuetext={done === undefined ? undefined : `${done}%`} data-testid="progress" />
    </Field>
  );
}
