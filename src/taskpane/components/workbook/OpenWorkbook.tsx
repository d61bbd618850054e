/**
 * Outside Excel, what the preview works on and how to change it: the name of the open workbook, a
 * button that opens a file picker, a drop zone over the whole pane, the message when a file could
 * not be opened, and the link to the edited copy once the report is written.
 */
import { useRef } from "react";
// Only components the pane already uses, so that this adds little to what Excel loads.
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload20Regular, Dismiss20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import type { Download } from "../../download";
import { useFileDrop } from "../../useFileDrop";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  where: { flexBasis: "100%" },
  input: { display: "none" },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  download: { alignSelf: "flex-start", maxWidth: "100%", overflowWrap: "anywhere" },
  // Drawn over the pane while a file is dragged; it never takes the pointer, so the drop lands on the page.
  dropZone: {
    position: "fixed",
    inset: tokens.spacingHorizontalS,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    textAlign: "center",
    padding: tokens.spacingHorizontalL,
    pointerEvents: "none",
    zIndex: 1000,
    border: `${tokens.strokeWidthThicker} dashed ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    opacity: 0.95,
  },
});

export interface OpenWorkbookProps {
  /** The name of the workbook the pane works on. */
  readonly name: string;
  /** True while it is the bundled sample. */
  readonly sample: boolean;
  /** The file being read, while it is read. */
  readonly opening?: string;
  /** Why the last file picked could not be opened, in plain words. */
  readonly error?: string;
  /** Closes the message above: the planner has read it. */
  readonly onDismissError?: () => void;
  /** The copy with the report, once written. */
  readonly download?: Download;
  readonly onOpen: (file: File) => void;
}

export function OpenWorkbook({ name, sample, opening, error, onDismissError, download, onOpen }: OpenWorkbookProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const dragging = useFileDrop(onOpen);
  return (
    <section className={styles.root} aria-label="Workbook">
      <div className={styles.row}>
        <Caption1 className={styles.where}>
          Preview outside Excel:{" "}
          <span className={styles.name} data-testid="open-workbook-name">
            {name}
          </span>
          {sample ? ", the bundled sample" : ", read in this browser"}. Files you open stay on this computer.
        </Caption1>
        <Button size="small" icon={<FolderOpen20Regular />} onClick={() => input.current?.click()} disabled={opening !== undefined}>
          Open a workbook…
        </Button>
        <Caption1>or drop one here</Caption1>
        <input
          ref={input}
          className={styles.input}
          type="file"
          accept=".xlsx,.xlsm"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="open-workbook-input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Cleared, so that picking the same file again (after changing it on disk) opens it again.
            event.currentTarget.value = "";
            if (file) onOpen(file);
          }}
        />
      </div>
      {opening !== undefined && (
        <Field validationMessage={`Opening ${opening}…`} validationState="none">
          <ProgressBar />
        </Field>
      )}
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
          {onDismissError && (
            <MessageBarActions
              containerAction={
                <Button appearance="transparent" aria-label="Dismiss" icon={<Dismiss20Regular />} onClick={onDismissError} />
              }
            />
          )}
        </MessageBar>
      )}
      {download && (
        <div className={styles.root} role="status">
          <Button
            as="a"
            href={download.url}
            download={download.fileName}
            appearance="secondary"
            icon={<ArrowDownload20Regular />}
            className={styles.download}
          >
            Download {download.fileName}
          </Button>
          <Caption1>The report is in this copy; {name} itself is unchanged.</Caption1>
        </div>
      )}
      {dragging && (
        <div className={styles.dropZone} aria-hidden="true">
          Drop the workbook to open it
        </div>
      )}
    </section>
  );
}
