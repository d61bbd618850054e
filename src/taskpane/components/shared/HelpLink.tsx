import { useLayoutEffect, useRef, useState, type MouseEvent } from "react";
import { Button, makeStyles } from "@fluentui/react-components";
import { QuestionCircle20Regular } from "@fluentui/react-icons";
import { visuallyHidden } from "./visuallyHidden";

/** The planners' help page, built beside the pane's page (webpack.config.js copies src/help.html). */
export const HELP_PAGE = "help.html";

const useStyles = makeStyles({ hidden: visuallyHidden });

/** Whether a CSS colour ("rgb(r, g, b)") is light: light text on the page means a dark theme. */
export function isLightColor(css: string): boolean {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  if ([r, g, b].some((c) => c === undefined || Number.isNaN(c))) return false;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5;
}

/** The help page's address, absolute, with the pane's theme so that the page shows in it. */
export function helpAddress(base: string, theme: "light" | "dark" | undefined, section?: string): string {
  const url = new URL(HELP_PAGE, base);
  if (theme) url.searchParams.set("theme", theme);
  if (section) url.hash = section;
  return url.href;
}

/**
 * Opens the help page in the browser. Inside Office a link's new window would open in the
 * add-in's own web view, or not at all, so Office is asked to open the system's browser where it
 * can (OpenBrowserWindowApi 1.1: Excel on Windows, Mac and iPad; not Excel on the web, where the
 * link opens a new tab as in any page). Returns whether Office took it.
 */
export function openInOfficeBrowser(address: string): boolean {
  if (typeof Office === "undefined") return false;
  if (Office.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1")) {
    Office.context.ui.openBrowserWindow(address);
    return true;
  }
  return false;
}

export interface HelpLinkProps {
  /** An id of a part of the page to open on, e.g. "what-if". */
  readonly section?: string;
  /** What the link says, "Help" by default: a link beside a view's own text says what it explains. */
  readonly label?: string;
  readonly className?: string;
}

/** "Help": the planners' help page, in a new window, in the pane's theme. For the pane's header, or a view with its section. */
export function HelpLink({ section, label = "Help", className }: HelpLinkProps) {
  const styles = useStyles();
  const link = useRef<HTMLAnchorElement>(null);
  const [theme, setTheme] = useState<"light" | "dark">();
  // The theme is the pane's (Office's, or the preview's), read from the colour the link is drawn in.
  useLayoutEffect(() => {
    if (link.current) setTheme(isLightColor(getComputedStyle(link.current).color) ? "dark" : "light");
  }, []);
  const address = helpAddress(window.location.href, theme, section);
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (openInOfficeBrowser(address)) event.preventDefault();
  };
  return (
    <Button
      as="a"
      ref={link}
      className={className}
      appearance="subtle"
      icon={<QuestionCircle20Regular />}
      href={address}
      target="_blank"
      rel="noopener noreferrer"
      onClick={open}
      data-testid="help-link"
    >
      {label}
      <span className={styles.hidden}> (opens in a new window)</span>
    </Button>
  );
}
