import { tokens, typographyStyles, type GriffelStyle } from "@fluentui/react-components";

/*
 * The pane's data tables are plain HTML tables sized by their content (table-layout: auto): narrow
 * columns of marks, figures and badges keep their width and the column of names takes what is left
 * of a narrow pane, wrapping inside it. Row headers (th scope="row") give each row its name for a
 * screen reader. Fluent's Table lays its columns out equally, which is what overflowed at 320 px.
 */
export const tableStyle: GriffelStyle = {
  width: "100%",
  borderCollapse: "collapse",
  tableLayout: "auto",
  ...typographyStyles.caption1,
  color: tokens.colorNeutralForeground1,
};

export const cellStyle: GriffelStyle = {
  padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXXS}`,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  verticalAlign: "top",
  textAlign: "left",
};

export const headStyle: GriffelStyle = { fontWeight: tokens.fontWeightSemibold, verticalAlign: "bottom" };
