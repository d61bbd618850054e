import type { ReactNode } from "react";
import { Button, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { TableAdd20Regular } from "@fluentui/react-icons";
import type { AnalysisOptions } from "../../../domain/analysis/result";
import type { SheetKey } from "../../../domain/plan/contract";
import type { SheetReport } from "../../../domain/plan/model";
import { SOURCES_PLACE, type PlacedNotice } from "../../usePlan";
import { PlanOverview } from "../overview/PlanOverview";
import { SettingsPanel } from "../settings/SettingsPanel";
import { ActionNotice } from "../shared/ActionNotice";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  template: { alignSelf: "flex-start" },
});

export interface SourcesViewProps {
  readonly sheets: readonly SheetReport[];
  /** Parts found but not told apart for sure: their sheet is chosen in the mapping section. */
  readonly toChoose?: readonly SheetKey[];
  readonly options: AnalysisOptions;
  readonly onChangeOptions: (options: AnalysisOptions) => void;
  /** Offered only where it can work: in Excel, not in the preview. */
  readonly onInsertTemplate?: () => void;
  readonly busy: boolean;
  readonly notice?: PlacedNotice;
  readonly onDismiss: () => void;
  /** Further sections, each a <section> with its heading: where the plan's sheets are mapped, for one. */
  readonly children?: ReactNode;
}

/**
 * "Plan sources and settings": which sheets the plan is read from, the settings of the analysis,
 * and the template for a workbook that has no plan yet. A section is added as a child.
 */
export function SourcesView({
  sheets,
  toChoose,
  options,
  onChangeOptions,
  onInsertTemplate,
  busy,
  notice,
  onDismiss,
  children,
}: SourcesViewProps) {
  const styles = useStyles();
  return (
    <>
      <section className={styles.section} aria-labelledby="sheets-heading">
        <Subtitle2 as="h2" id="sheets-heading">
          Plan sheets
        </Subtitle2>
        <PlanOverview sheets={sheets} toChoose={toChoose} />
        {onInsertTemplate && (
          <>
            <Caption1>Insert template adds the plan&apos;s missing sheets as tables with example rows; it never replaces a sheet.</Caption1>
            <Button className={styles.template} icon={<TableAdd20Regular />} onClick={onInsertTemplate} disabledFocusable={busy}>
              Insert template
            </Button>
          </>
        )}
        <ActionNotice notice={notice} at={SOURCES_PLACE} onDismiss={onDismiss} />
      </section>
      <section className={styles.section} aria-labelledby="settings-heading">
        <Subtitle2 as="h2" id="settings-heading">
          Settings
        </Subtitle2>
        <SettingsPanel options={options} onChange={onChangeOptions} />
      </section>
      {children}
    </>
  );
}
