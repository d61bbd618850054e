import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { SheetData } from "../../../domain/common/cells";
import { describeSource, previewRows, type PartSource } from "../../../domain/plan/planSources";
import { cellStyle, headStyle, tableStyle } from "../shared/paneTable";

const useStyles = makeStyles({
  // Fixed columns share what a narrow pane has; long texts wrap inside them rather than widen it.
  table: { ...tableStyle, tableLayout: "fixed" },
  cell: { ...cellStyle, overflowWrap: "anywhere" },
  head: headStyle,
  caption: { textAlign: "left", color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXXS },
  column: { width: "34%" },
});

/** How many of the part's first rows the preview shows: enough to see the columns are the right ones. */
export const PREVIEW_ROWS = 3;

/**
 * The first rows the pane will read for a part, one contract column per row of the table and one
 * sheet row per column, so that seven columns fit a 320 px pane without scrolling sideways.
 */
export function SourcePreview({ sheet, source }: { sheet: SheetData; source: PartSource }) {
  const styles = useStyles();
  const rows = previewRows(sheet, source, PREVIEW_ROWS);
  const head = mergeClasses(styles.cell, styles.head);
  const place = describeSource(source);
  if (rows.length === 0 || source.columns.length === 0)
    return <p className={styles.caption}>{`No rows to read under the header of ${place}.`}</p>;
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{`The first ${rows.length === 1 ? "row" : `${rows.length} rows`} read from ${place}`}</caption>
      <thead>
        <tr>
          <th scope="col" className={mergeClasses(head, styles.column)}>
            Column
          </th>
          {rows.map((_, i) => (
            <th scope="col" key={i} className={head}>
              {`Row ${i + 1}`}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {source.columns.map((column) => (
          <tr key={column.key}>
            <th scope="row" className={head}>
              {column.label}
            </th>
            {rows.map((row, i) => (
              <td key={i} className={styles.cell}>
                {row[column.label]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
