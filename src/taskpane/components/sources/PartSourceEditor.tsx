import { Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import type { SheetData } from "../../../domain/common/cells";
import { SHEETS } from "../../../domain/plan/contract";
import type { PickedPlace } from "../../../domain/plan/mapping";
import type { PartSource } from "../../../domain/plan/planSources";
import type { PartRecognition } from "../../../domain/plan/recognizePlan";
import { SourcePreview } from "./SourcePreview";
import {
  certaintyText,
  headerOptions,
  headerRowOptions,
  NO_HEADER,
  placeOptions,
  placeValue,
  shownSource,
  turnedDownText,
} from "./sourcesText";
import { PickerField } from "./PickerField";

/** The Refusal's `at` of the sheet (or table) picker and of the header row's: no contract column has these keys. */
export const PLACE = "place";
export const HEADER_ROW = "headerRow";

const useStyles = makeStyles({
  editor: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  columns: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: "none", minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  text: { overflowWrap: "anywhere" },
});

/** A pick that was refused: shown as picked, with why beside its picker, while the mapping stays as it was. */
export interface Refusal {
  /** PLACE for the sheet picker (the KPI Series' too), HEADER_ROW for the header row's, else the contract column's key. */
  readonly at: string;
  /** The option picked. */
  readonly value: string;
  readonly message: string;
}

export interface PartSourceEditorProps {
  readonly part: PartRecognition;
  readonly heads: readonly SheetData[];
  readonly disabled: boolean;
  /** The planner's last pick for this part, when it was refused. */
  readonly refusal?: Refusal;
  readonly onPickPlace: (place: PickedPlace, value: string) => void;
  /** A header row picked on the source's sheet, by its row number. */
  readonly onPickHeaderRow: (sheet: string, row: number, value: string) => void;
  readonly onPickHeader: (source: PartSource, column: string, header: string | null, value: string) => void;
}

/**
 * One part of the plan in the Plan sources view: the sheet or table it is read from and how sure
 * the pane is of it, on a sheet its header row, a header picker per contract column listing only
 * that header row's own headers, the first rows it will read, and the candidates turned down with
 * why.
 */
export function PartSourceEditor({ part, heads, disabled, refusal, onPickPlace, onPickHeaderRow, onPickHeader }: PartSourceEditorProps) {
  const styles = useStyles();
  const spec = SHEETS.find((s) => s.key === part.part);
  const source = shownSource(part);
  const places = placeOptions(heads);
  const sheet = source && heads.find((h) => h.name === source.sheet);
  const headers = source ? headerOptions(heads, source) : [];
  const headerRows = source ? headerRowOptions(heads, source) : [];
  const headerRow = source?.headerRow === undefined ? "" : String(source.headerRow + 1);
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
          <MessageBarBody className={styles.text}>
            <MessageBarTitle>{part.source?.missing.length ? "A column is missing." : "Two sheets fit."}</MessageBarTitle> {part.problem}
          </MessageBarBody>
        </MessageBar>
      )}
      <PickerField
        label={`Sheet or table of the ${part.label}`}
        value={refusal?.at === PLACE ? refusal.value : (pickedPlace?.value ?? "")}
        disabled={disabled}
        refused={refusal?.at === PLACE ? refusal.message : undefined}
        onPick={(value) => {
          const picked = places.find((p) => p.value === value);
          if (picked) onPickPlace(picked.place, picked.value);
        }}
      >
        {!pickedPlace && refusal?.at !== PLACE && (
          <option value="" disabled>
            Choose a sheet or table
          </option>
        )}
        {places.map((p) => (
          <option key={p.value} value={p.value}>
            {p.text}
          </option>
        ))}
      </PickerField>
      {source && headerRows.length > 0 && (
        <PickerField
          label={`Header row of the ${part.label}`}
          value={refusal?.at === HEADER_ROW ? refusal.value : headerRow}
          disabled={disabled}
          refused={refusal?.at === HEADER_ROW ? refusal.message : undefined}
          onPick={(value) => onPickHeaderRow(source.sheet, Number(value), value)}
        >
          {headerRows.map((row) => (
            <option key={row.value} value={row.value}>
              {row.text}
            </option>
          ))}
        </PickerField>
      )}
      {source && spec && (
        <fieldset className={styles.columns}>
          <legend className={styles.legend}>{`Columns of the ${part.label}, from the headers of ${source.table ?? source.sheet}`}</legend>
          {spec.columns.map((column) => {
            const found = source.columns.find((c) => c.key === column.key);
            const none = source.mappedToNone.includes(column.key);
            const refused = refusal?.at === column.key ? refusal : undefined;
            return (
              <PickerField
                key={column.key}
                label={column.required ? column.label : `${column.label} (optional)`}
                value={refused ? refused.value : (found?.header ?? (none ? NO_HEADER : ""))}
                disabled={disabled}
                refused={refused?.message}
                warning={column.required && !found ? "Required: pick the header it is read from." : undefined}
                onPick={(value) => onPickHeader(source, column.key, value === NO_HEADER ? null : value, value)}
              >
                {!found && !none && !refused && (
                  <option value="" disabled>
                    Not found
                  </option>
                )}
                {!column.required && <option value={NO_HEADER}>None</option>}
                {headers.map((h) => (
                  <option key={h.header} value={h.header}>
                    {h.header}
                  </option>
                ))}
              </PickerField>
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
