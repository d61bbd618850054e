import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import type { PlacedNotice, NoticePlace } from "../../usePlan";

/** A notice's title, so that its message bar is named by text it shows. */
const NOTICE_TITLE: Readonly<Record<PlacedNotice["intent"], string>> = {
  success: "Done.",
  info: "Note.",
  limit: "Not in the preview.",
  warning: "Warning.",
  error: "Something went wrong.",
};

/**
 * The answer to what the planner just did, shown where it was done (`at`), until it is dismissed
 * or the next action replaces it. Only an error interrupts; the rest is said politely by the live
 * region. What the preview cannot do by design is a note, never an error.
 */
export function ActionNotice({ notice, at, onDismiss }: { notice?: PlacedNotice; at: NoticePlace; onDismiss: () => void }) {
  if (!notice || notice.at !== at) return null;
  return (
    <MessageBar
      intent={notice.intent === "limit" ? "info" : notice.intent}
      role={notice.intent === "error" ? "alert" : undefined}
      layout="multiline"
      data-testid="action-notice"
      data-intent={notice.intent}
    >
      <MessageBarBody>
        <MessageBarTitle>{NOTICE_TITLE[notice.intent]}</MessageBarTitle> {notice.text}
      </MessageBarBody>
      <MessageBarActions
        containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<Dismiss20Regular />} onClick={onDismiss} />}
      />
    </MessageBar>
  );
}
