/**
 * Paints the page itself in the theme's background. Fluent's theme lives on the provider's element,
 * so without this the html and body elements stay white: a white strip wherever the page is
 * taller or wider than the pane's content, glaring in the dark theme.
 */
import { useEffect } from "react";
import { makeStyles, tokens, useFluent, useThemeClassName } from "@fluentui/react-components";

const usePageStyles = makeStyles({
  page: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
});

export function usePageBackground(): void {
  const { targetDocument } = useFluent();
  // The class that defines the theme's tokens: on the root element they resolve there too.
  const themeClassName = useThemeClassName();
  const { page } = usePageStyles();
  useEffect(() => {
    const root = targetDocument?.documentElement;
    if (!root) return;
    const classes = `${themeClassName} ${page}`.split(/\s+/).filter(Boolean);
    for (const name of classes) root.classList.add(name);
    return () => {
      for (const name of classes) root.classList.remove(name);
    };
  }, [targetDocument, themeClassName, page]);
}
