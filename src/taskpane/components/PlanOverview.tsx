import { Caption1, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Filled, SubtractCircle16Regular } from "@fluentui/react-icons";
import type { SheetReport } from "../../domain/model";

const useStyles = makeStyles({
  ok: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  cell: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

function SheetState({ sheet }: { sheet: SheetReport }) {
  const styles = useStyles();
  if (sheet.found && sheet.missingColumns.length === 0) return <CheckmarkCircle16Filled className={styles.ok} aria-label="found" />;
  if (sheet.found || sheet.required) return <DismissCircle16Filled className={styles.missing} aria-label="needs attention" />;
  return <SubtractCircle16Regular className={styles.optional} aria-label="optional, not found" />;
}

/** Which contract sheets the workbook has, how many rows each gave, and what is missing. */
export function PlanOverview({ sheets }: { sheets: readonly SheetReport[] }) {
  const styles = useStyles();
  return (
    <Table size="extra-small" aria-label="Plan sheets">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Sheet</TableHeaderCell>
          <TableHeaderCell>Rows</TableHeaderCell>
          <TableHeaderCell>Notes</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sheets.map((sheet) => (
          <TableRow key={sheet.key} data-sheet={sheet.key}>
            <TableCell>
              <span className={styles.cell}>
                <SheetState sheet={sheet} />
                {sheet.found ? sheet.sheetName : sheet.label}
              </span>
            </TableCell>
            <TableCell>{sheet.found ? sheet.rowsRead : "–"}</TableCell>
            <TableCell>
              <Caption1>
                {!sheet.found
                  ? sheet.required
                    ? "Required: add this sheet"
                    : "Optional: not found"
                  : sheet.missingColumns.length
                    ? `Missing ${sheet.missingColumns.join(", ")}`
                    : (sheet.tableName ?? sheet.headerRange)}
              </Caption1>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
