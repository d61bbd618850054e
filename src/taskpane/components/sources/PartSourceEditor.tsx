import { Caption1, Dropdown, Field, makeStyles, MessageBar, MessageBarBody, Option, tokens } from "@fluentui/react-components";
import type { SheetData } from "../../../domain/common/cells";
import { SHEETS } from "../../../domain/plan/contract";
import type { PickedPlace } from "../../../domain/plan/mapping";
import type { PartSource } from "../../../domain/plan/planSources";
import type { PartRecognition } from "../../../domain/plan/recognizePlan";
import { SourcePreview } from "./SourcePreview";
import { certaintyText, headerOptions, NO_HEADER, placeOptions, placeValue, shownSource, turnedDownText } from "./sourcesText";

const useStyles = makeStyles({
  editor: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  // Fluent's dropdown is 250 px wide at least: in a 320 px pane it takes the width it has instead.
  dropdown: { minWidth: 0, width: "100%" },
  columns: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: "none", minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  text: { overflowWrap: "anywhere" },
});

export interface PartSourceEditorProps {
  readonly part: PartRecognition;
  readonly heads: readonly SheetData[];
  readonly disabled: boolean;
  /** Why the planner's last pick for this part was refused, with the pick left as it was. */
  readonly refusal?: string;
  readonly onPickPlace: (place: PickedPlace) => void;
  readonly onPickHeader: (source: PartSource, column: string, header: string | null) => void;
}

/**
 * One part of the plan in the Plan sources view: the sheet or table it is read from and how sure
 * the pane is of it, a header picker per contract column listing only that header row's own
 * headers, the first rows it will read, and the candidates turned down with why.
 */
export function PartSourceEditor({ part, heads, disabled, refusal, onPickPlace, onPickHeader }: PartSourceEditorProps) {
  const styles = useStyles();
  const spec = SHEETS.find((s) => s.key === part.part);
  const source = shownSource(part);
  const places = placeOptions(heads);
  const sheet = source && heads.find((h) => h.name === source.sheet);
  const headers = source ? headerOptions(heads, source) : [];
  const pickedPlace = source ? places.find((p) => p.value === placeValue(source)) : undefined;
  // The proposal itself is no candidate turned down, though recognition lists a near fit among them.
  const turnedDown = part.turnedDown.filter(
    (t) => !(source && t.sheet === source.sheet && t.table === source.table && t.headerRow === source.headerRow),
  );
  return (
    <div className={styles.editor}>
      <Caption1 className={styles.text}>{certaintyText(part)}</Caption1>
      {part.problem && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody className={styles.text}>{part.problem}</MessageBarBody>
        </MessageBar>
      )}
      <Field
        label={`Sheet or table of the ${part.label}`}
        validationState={refusal ? "error" : "none"}
        validationMessage={refusal}
        className={styles.text}
      >
        <Dropdown
          className={styles.dropdown}
          placeholder="Choose a sheet or table"
          value={pickedPlace?.text ?? ""}
          selectedOptions={pickedPlace ? [pickedPlace.value] : []}
          disabled={disabled}
          onOptionSelect={(_, data) => {
            const picked = places.find((p) => p.value === data.optionValue);
            if (picked) onPickPlace(picked.place);
          }}
        >
          {places.map((p) => (
            <Option key={p.value} value={p.value}>
              {p.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {source && spec && (
        <fieldset className={styles.columns}>
          <legend className={styles.legend}>{`Columns of the ${part.label}, from the headers of ${source.table ?? source.sheet}`}</legend>
          {spec.columns.map((column) => {
            const found = source.columns.find((c) => c.key === column.key);
            const none = source.mappedToNone.includes(column.key);
            const value = found?.header ?? (none ? "None" : "");
            return (
              <Field
                key={column.key}
                label={column.required ? column.label : `${column.label} (optional)`}
                validationState={column.required && !found ? "warning" : "none"}
                validationMessage={column.required && !found ? `Required: pick the header it is read from.` : undefined}
              >
                <Dropdown
                  className={styles.dropdown}
                  placeholder="Not found"
                  value={value}
                  selectedOptions={found ? [found.header] : none ? [NO_HEADER] : []}
                  disabled={disabled}
                  onOptionSelect={(_, data) => {
                    if (data.optionValue === undefined) return;
                    onPickHeader(source, column.key, data.optionValue === NO_HEADER ? null : data.optionValue);
                  }}
                >
                  {!column.required && <Option value={NO_HEADER}>None</Option>}
                  {headers.map((h) => (
                    <Option key={h.header} value={h.header}>
                      {h.header}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            );
          })}
        </fieldset>
      )}
      {source && sheet && <SourcePreview sheet={sheet} source={source} />}
      {turnedDown.length > 0 && (
        <div>
          <Caption1 as="p">Turned down:</Caption1>
          <ul className={styles.list}>
            {turnedDown.map((t) => (
              <li key={`${t.sheet}\u0000${t.table ?? ""}`}>
                <Caption1>{turnedDownText(t)}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
