import type { GriffelStyle } from "@fluentui/react-components";

/*
 * A native select is as wide as its longest option (a sheet's name, a KPI's, a finding's rule):
 * in a narrow pane it must shrink instead, its text cut with an ellipsis. Fluent's Select takes
 * the first style as its className and the second on its select slot.
 */
export const fittedPicker: GriffelStyle = { minWidth: 0, maxWidth: "100%" };
export const fittedSelect: GriffelStyle = { minWidth: 0, width: "100%", textOverflow: "ellipsis" };
