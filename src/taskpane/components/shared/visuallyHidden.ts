import type { GriffelStyle } from "@fluentui/react-components";

/**
 * Text for screen readers only: out of the layout (it cannot widen a narrow pane) but in the
 * accessibility tree, unlike display: none.
 */
export const visuallyHidden: GriffelStyle = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
};
