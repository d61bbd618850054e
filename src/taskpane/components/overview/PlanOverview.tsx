import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Filled, SubtractCircle16Regular } from "@fluentui/react-icons";
import type { SheetKey } from "../../../domain/plan/contract";
import type { SheetReport } from "../../../domain/plan/model";
import { cellStyle, headStyle, tableStyle } from "../shared/paneTable";

const useStyles = makeStyles({
  table: tableStyle,
  cell: cellStyle,
  head: headStyle,
  rows: { textAlign: "right" },
  // A table's name (tblCollaboration) is one long word: it may break rather than widen the pane.
  notes: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  name: { fontWeight: "inherit" },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  sheet: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

function SheetState({ sheet }: { sheet: SheetReport }) {
  const styles = useStyles();
  if (sheet.found && sheet.missingColumns.length === 0) return <CheckmarkCircle16Filled className={styles.ok} aria-label="found" />;
  if (sheet.found || sheet.required) return <DismissCircle16Filled className={styles.missing} aria-label="needs attention" />;
  return <SubtractCircle16Regular className={styles.optional} aria-label="optional, not found" />;
}

/**
 * Which contract sheets the workbook has, how many rows each gave, and what is missing. `toChoose`
 * are the parts that are there but could not be told apart for sure: the planner picks their sheet.
 */
export function PlanOverview({ sheets, toChoose = [] }: { sheets: readonly SheetReport[]; toChoose?: readonly SheetKey[] }) {
  const styles = useStyles();
  const head = mergeClasses(styles.cell, styles.head);
  return (
    <table className={styles.table} aria-label="Plan sheets">
      <thead>
        <tr>
          <th scope="col" className={head}>
            Sheet
          </th>
          <th scope="col" className={mergeClasses(head, styles.rows)}>
            Rows
          </th>
          <th scope="col" className={head}>
            Notes
          </th>
        </tr>
      </thead>
      <tbody>
        {sheets.map((sheet) => (
          <tr key={sheet.key} data-sheet={sheet.key}>
            <th scope="row" className={mergeClasses(styles.cell, styles.name)}>
              <span className={styles.sheet}>
                <SheetState sheet={sheet} />
                {sheet.found ? sheet.sheetName : sheet.label}
              </span>
            </th>
            <td className={mergeClasses(styles.cell, styles.rows)}>{sheet.found ? sheet.rowsRead : "–"}</td>
            <td className={mergeClasses(styles.cell, styles.notes)}>
              {!sheet.found
                ? toChoose.includes(sheet.key)
                  ? "To choose: see Where the plan is read from"
                  : sheet.required
                    ? "Required: add this sheet"
                    : "Optional: not found"
                : sheet.missingColumns.length
                  ? `Missing ${sheet.missingColumns.join(", ")}`
                  : (sheet.tableName ?? sheet.headerRange)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
