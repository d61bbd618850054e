import { Field, makeStyles, Select } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { fittedPicker, fittedSelect } from "../shared/fittedSelect";

const useStyles = makeStyles({
  field: { overflowWrap: "anywhere" },
  // The picker takes the width the pane has, however long a sheet's name.
  picker: { ...fittedPicker, width: "100%" },
  select: fittedSelect,
});

export interface PickerFieldProps {
  readonly label: string;
  /** The option shown: while a pick is refused, the pick itself. */
  readonly value: string;
  readonly disabled: boolean;
  /** Why the pick shown was refused, said beside the picker; the mapping stays as it was. */
  readonly refused?: string;
  /** Without a refusal, what is still to do here (a required column not found). */
  readonly warning?: string;
  readonly onPick: (value: string) => void;
  /** The options. */
  readonly children: ReactNode;
}

/** One picker of the Plan sources view (a part's sheet or table, its header row, a column's header, the KPI Series' sheet), labelled, with why a pick was refused beside it. */
export function PickerField({ label, value, disabled, refused, warning, onPick, children }: PickerFieldProps) {
  const styles = useStyles();
  return (
    <Field
      label={label}
      validationState={refused !== undefined ? "error" : warning !== undefined ? "warning" : "none"}
      validationMessage={refused ?? warning}
      className={styles.field}
    >
      <Select
        className={styles.picker}
        select={{ className: styles.select }}
        value={value}
        disabled={disabled}
        onChange={(_, data) => onPick(data.value)}
      >
        {children}
      </Select>
    </Field>
  );
}
