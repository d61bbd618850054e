import { useEffect, useMemo, useState } from "react";
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, tokens } from "@fluentui/react-components";
import { CheckmarkStarburst20Regular } from "@fluentui/react-icons";
import { StopError } from "../../../domain/common/stopErrors";
import { SERIES_PART, SHEETS, type SheetKey } from "../../../domain/plan/contract";
import type { PartSource } from "../../../domain/plan/planSources";
import {
  EMPTY_MAPPING,
  mappingJson,
  mappingOfSources,
  parseMapping,
  withColumnHeader,
  withHeaderRow,
  withPartPlace,
  withSeriesSheet,
  type PlanMapping,
} from "../../../domain/plan/mapping";
import { recognizePlan, type PlanRecognition } from "../../../domain/plan/recognizePlan";
import type { PlanSurvey } from "../../planSurvey";
import { MAPPING_PLACE, type PlacedNotice } from "../../usePlan";
import { ActionNotice } from "../shared/ActionNotice";
import { PartDisclosure } from "./PartDisclosure";
import { HEADER_ROW, PartSourceEditor, PLACE, type Refusal } from "./PartSourceEditor";
import { SERIES_FOUND, seriesDetails, seriesSheetOptions, seriesSummary, sourceSummary } from "./sourcesText";
import { PickerField } from "./PickerField";
import { HelpLink } from "../shared/HelpLink";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  use: { alignSelf: "flex-start" },
  help: { alignSelf: "flex-start" },
  text: { overflowWrap: "anywhere" },
  details: { margin: 0, overflowWrap: "anywhere" },
  series: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** An item of the list: a part of the contract, or the optional KPI Series. */
type ItemKey = SheetKey | typeof SERIES_PART.key;

interface Draft {
  readonly mapping: PlanMapping;
  readonly recognition: PlanRecognition;
  /** The item whose last pick was refused, the pick and why. */
  readonly refused?: { readonly part: ItemKey; readonly refusal: Refusal };
}

const labelOf = (item: ItemKey) => (item === SERIES_PART.key ? SERIES_PART.label : (SHEETS.find((s) => s.key === item)?.label ?? item));

const startOf = (survey: PlanSurvey): Draft => ({
  mapping: survey.keptProblem === undefined && survey.kept ? survey.kept : EMPTY_MAPPING,
  recognition: survey.recognition,
});

/** Parts the planner has something to do in: open from the start. */
const needsChoice = (recognition: PlanRecognition): ItemKey[] =>
  recognition.parts.filter((p) => p.problem !== undefined || (p.required && !p.source)).map((p) => p.part);

export interface MappingSectionProps {
  readonly survey: PlanSurvey;
  readonly busy: boolean;
  /** Keeps the mapping in the workbook and analyses the plan with it. */
  readonly onKeep: (mapping: PlanMapping) => void;
  readonly notice?: PlacedNotice;
  readonly onDismiss: () => void;
}

/**
 * Where each part of the plan is read from, as found by name, recognised or mapped, with pickers
 * to correct it and "Use this mapping" to keep the result in the workbook: the pane, the command
 * line and a colleague who opens the file then read the same sheets.
 */
export function MappingSection({ survey, busy, onKeep, notice, onDismiss }: MappingSectionProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<Draft>(() => startOf(survey));
  // A new look at the workbook (after Analyse, or a kept mapping) starts from what it found.
  useEffect(() => setDraft(startOf(survey)), [survey]);
  const [open, setOpen] = useState<ItemKey[]>(() => needsChoice(survey.recognition));
  const toggle = (item: ItemKey) => setOpen((o) => (o.includes(item) ? o.filter((p) => p !== item) : [...o, item]));
  useEffect(() => setOpen(needsChoice(survey.recognition)), [survey]);

  const { recognition } = draft;
  const problems = recognition.problems.length;
  const anyPart = Object.keys(recognition.sources.parts).length > 0;
  const toKeep = useMemo(() => mappingOfSources(recognition.sources), [recognition]);
  // The sheets the parts are read from now: never offered for the series.
  const partSheets = useMemo(() => new Set(Object.values(recognition.sources.parts).map((source) => source.sheet)), [recognition]);
  const seriesRefusal = draft.refused?.part === SERIES_PART.key ? draft.refused.refusal : undefined;

  /** A pick applied if the mapping it makes reads; else refused beside the part, the draft as it was. */
  const edit = (part: ItemKey, next: PlanMapping, pick: Omit<Refusal, "message">) => {
    try {
      // The same checks as a mapping typed for the command line: a header mapped twice is refused here.
      parseMapping(mappingJson(next));
      setDraft({ mapping: next, recognition: recognizePlan(survey.heads, next) });
    } catch (error) {
      if (!(error instanceof StopError)) throw error;
      setDraft((d) => ({ ...d, refused: { part, refusal: { ...pick, message: error.message } } }));
    }
  };

  /** A header is read for one column: one the planner picked for another column already is refused, saying which. */
  const pickHeader = (part: SheetKey, source: PartSource, column: string, header: string | null, value: string) => {
    const picked = Object.entries(draft.mapping.parts[part]?.columns ?? {}).find(
      ([key, h]) => key !== column && h !== null && h === header,
    );
    if (picked && header !== null) {
      const labelOf = (key: string) => SHEETS.find((s) => s.key === part)?.columns.find((c) => c.key === key)?.label ?? key;
      const message = `"${header}" is read for ${labelOf(picked[0])} already: pick another header for ${labelOf(column)}, or change ${labelOf(picked[0])} first.`;
      setDraft((d) => ({ ...d, refused: { part, refusal: { at: column, value, message } } }));
      return;
    }
    edit(part, withColumnHeader(draft.mapping, part, source, column, header), { at: column, value });
  };

  return (
    <section className={styles.section} aria-labelledby="mapping-heading">
      <Subtitle2 as="h2" id="mapping-heading">
        Where the plan is read from
      </Subtitle2>
      <Caption1 className={styles.text}>
        Each part of the plan, the sheet it is read from and how it was found. Correct a sheet, its header row or a column, then Use this
        mapping to keep it with the workbook.
      </Caption1>
      <HelpLink section="sources" label="How the plan is found" className={styles.help} />
      {survey.keptProblem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody className={styles.text}>
            <MessageBarTitle>The kept mapping cannot be used.</MessageBarTitle> {survey.keptProblem}
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        {recognition.parts.map((part) => (
          <PartDisclosure
            key={part.part}
            dataPart={part.part}
            title={part.label}
            summary={sourceSummary(part)}
            open={open.includes(part.part)}
            onToggle={() => toggle(part.part)}
          >
            <PartSourceEditor
              part={part}
              heads={survey.heads}
              disabled={busy}
              refusal={draft.refused?.part === part.part ? draft.refused.refusal : undefined}
              onPickPlace={(place, value) => edit(part.part, withPartPlace(draft.mapping, part.part, place), { at: PLACE, value })}
              onPickHeaderRow={(sheet, row, value) =>
                edit(part.part, withHeaderRow(draft.mapping, part.part, sheet, row), { at: HEADER_ROW, value })
              }
              onPickHeader={(source, column, header, value) => pickHeader(part.part, source, column, header, value)}
            />
          </PartDisclosure>
        ))}
        {/* The series is found by its sheet's name or first rows (series.ts), and read when the plan is analysed. */}
        <PartDisclosure
          dataPart={SERIES_PART.key}
          title={SERIES_PART.label}
          summary={seriesSummary(recognition.series)}
          open={open.includes(SERIES_PART.key)}
          onToggle={() => toggle(SERIES_PART.key)}
        >
          <div className={styles.series}>
            <Caption1 as="p" className={styles.details}>
              {seriesDetails(recognition.series)}
            </Caption1>
            <PickerField
              label={`Sheet of the ${SERIES_PART.label}`}
              value={seriesRefusal ? seriesRefusal.value : (draft.mapping.series?.sheet ?? SERIES_FOUND)}
              disabled={busy}
              refused={seriesRefusal?.message}
              onPick={(value) =>
                edit(SERIES_PART.key, withSeriesSheet(draft.mapping, value === SERIES_FOUND ? undefined : value), { at: PLACE, value })
              }
            >
              <option value={SERIES_FOUND}>Found by its name or first rows</option>
              {seriesSheetOptions(survey.heads, partSheets, draft.mapping.series?.sheet).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </PickerField>
          </div>
        </PartDisclosure>
      </div>
      <Caption1 className={styles.text} id="mapping-state">
        {draft.refused
          ? `The last pick for the ${labelOf(draft.refused.part)} was refused (see why beside it): pick another.`
          : problems > 0
            ? `Still to choose: ${recognition.parts
                .filter((p) => p.problem)
                .map((p) => p.label)
                .join(", ")}.`
            : "The mapping is kept in the workbook itself, not in a sheet."}
      </Caption1>
      <Button
        className={styles.use}
        appearance={problems === 0 && survey.recognition.problems.length > 0 ? "primary" : "secondary"}
        icon={<CheckmarkStarburst20Regular />}
        aria-describedby="mapping-state"
        disabled={!anyPart}
        disabledFocusable={busy || problems > 0 || draft.refused !== undefined}
        onClick={() => onKeep(toKeep)}
      >
        Use this mapping
      </Button>
      <ActionNotice notice={notice} at={MAPPING_PLACE} onDismiss={onDismiss} />
    </section>
  );
}
