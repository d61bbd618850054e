import { useRef, type KeyboardEvent } from "react";
import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Six views do not fit one row of a 320 px pane: the tabs wrap rather than scroll out of sight.
  list: { display: "flex", flexWrap: "wrap", columnGap: 0, rowGap: 0 },
  tab: {
    ...typographyStyles.body1,
    position: "relative",
    border: "none",
    background: "none",
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  // The selected tab is marked by its weight and a bar under it, not by colour alone.
  selected: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
      "@media (forced-colors: active)": { backgroundColor: "Highlight" },
    },
  },
});

export interface PaneTab<T extends string> {
  readonly id: T;
  readonly label: string;
}

/**
 * The pane's views as an ARIA tab list: one Tab stop (the selected tab), the arrow keys, Home and
 * End move between the tabs and select them. Written here rather than with Fluent's TabList, whose
 * keyboard helper puts focusable elements hidden from assistive technology around the list, which
 * axe-core reports (aria-hidden-focus).
 */
export function PaneTabs<T extends string>({
  tabs,
  selected,
  onSelect,
  tabId,
  panelId,
}: {
  tabs: readonly PaneTab<T>[];
  selected: T;
  onSelect: (id: T) => void;
  tabId: (id: T) => string;
  panelId: (id: T) => string;
}) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    const to = tabs[(next[event.key] + tabs.length) % tabs.length];
    onSelect(to.id);
    list.current?.querySelector<HTMLButtonElement>(`#${tabId(to.id)}`)?.focus();
  };
  return (
    <div role="tablist" aria-orientation="horizontal" className={styles.list} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === selected}
          aria-controls={panelId(tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          className={mergeClasses(styles.tab, tab.id === selected && styles.selected)}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
