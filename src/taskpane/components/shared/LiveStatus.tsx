import { makeStyles } from "@fluentui/react-components";
import { visuallyHidden } from "./visuallyHidden";

const useStyles = makeStyles({ hidden: visuallyHidden });

/**
 * The pane's polite live region: it is always in the page, so that a screen reader notices when
 * its text changes (a region added together with its text is often not read). What it says is on
 * screen in other forms (the progress label, the score, a notice), so it is visually hidden.
 */
export function LiveStatus({ text }: { text: string }) {
  const styles = useStyles();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="pane-status">
      {text}
    </div>
  );
}
