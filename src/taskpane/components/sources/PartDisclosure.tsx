import { useId, type ReactNode } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronDown20Regular, ChevronRight20Regular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, minWidth: 0 },
  heading: { margin: 0, fontSize: "inherit", fontWeight: "inherit" },
  // The button is the heading's whole width, its two lines left-aligned and wrapping in a narrow pane.
  toggle: {
    width: "100%",
    minWidth: 0,
    height: "auto",
    justifyContent: "flex-start",
    alignItems: "flex-start",
    textAlign: "left",
    paddingInline: 0,
    fontWeight: tokens.fontWeightSemibold,
  },
  lines: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  summary: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  panel: { paddingBlock: tokens.spacingVerticalS, paddingInlineStart: tokens.spacingHorizontalXL, minWidth: 0 },
});

export interface PartDisclosureProps {
  readonly title: string;
  /** A second line under the title, said with it. */
  readonly summary: string;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly children: ReactNode;
  /** Set on the item's element, for tests and for places to scroll to. */
  readonly dataPart: string;
}

/**
 * A part of the plan as a heading that opens and closes its details: a button with aria-expanded
 * inside an h3, as the disclosure pattern has it, kept light rather than a full accordion.
 */
export function PartDisclosure({ title, summary, open, onToggle, children, dataPart }: PartDisclosureProps) {
  const styles = useStyles();
  const panelId = useId();
  return (
    <div className={styles.item} data-part={dataPart}>
      <h3 className={styles.heading}>
        <Button
          appearance="transparent"
          className={styles.toggle}
          icon={open ? <ChevronDown20Regular /> : <ChevronRight20Regular />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={onToggle}
        >
          <span className={styles.lines}>
            <span>{title}</span>
            <Caption1 className={styles.summary}>{summary}</Caption1>
          </span>
        </Button>
      </h3>
      <div id={panelId} className={styles.panel} hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
