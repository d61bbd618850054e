import { useState } from "react";
import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { inEffectText, type Typed } from "./whatIfText";

const useStyles = makeStyles({
  // Wide enough for "€1,500,000", narrow enough to sit beside a switch in a 320 px pane.
  field: { minWidth: 0, flex: "1 1 9rem", maxWidth: "14rem" },
  input: { minWidth: 0, width: "100%" },
  // Not part of the error: what still holds, in the neutral colour of a hint.
  inEffect: { display: "block", color: tokens.colorNeutralForeground2 },
});

export interface WhatIfNumberFieldProps {
  readonly label: string;
  /** The plan's figure, so that the planner sees what the scenario departs from. */
  readonly hint: string;
  /** The text the field opens with: the scenario's figure as the sheet would show it. */
  readonly initial: string;
  /** The scenario's figure now, shown beside a refused entry; `fromPlan` when it is the plan's own. */
  readonly current: string;
  readonly fromPlan: boolean;
  readonly read: (text: string) => Typed;
  /** A number, or null for a blank field: the plan's own figure. */
  readonly onValue: (value: number | null) => void;
}

/**
 * A figure typed as on the sheets ("€300,000", "25%"), applied on every key that leaves a
 * number. Text that is not one stays in the field with a message and changes nothing, so a
 * half-typed entry never reaches the scenario; the message says which figure is in effect.
 */
export function WhatIfNumberField({ label, hint, initial, current, fromPlan, read, onValue }: WhatIfNumberFieldProps) {
  const styles = useStyles();
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string>();
  return (
    <Field
      className={styles.field}
      label={label}
      hint={hint}
      validationState={problem ? "error" : "none"}
      validationMessage={
        problem && (
          <>
            <span>{problem}</span>{" "}
            <span className={styles.inEffect} data-testid="whatif-in-effect">
              {inEffectText(current || "none", fromPlan)}
            </span>
          </>
        )
      }
    >
      <Input
        className={styles.input}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        onChange={(_, data) => {
          setText(data.value);
          const typed = read(data.value);
          if (typed.ok) {
            setProblem(undefined);
            onValue(typed.value);
          } else {
            setProblem(typed.message);
          }
        }}
      />
    </Field>
  );
}
