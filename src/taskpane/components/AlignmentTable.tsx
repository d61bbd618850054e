import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, Tooltip } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Regular } from "@fluentui/react-icons";
import { ASPECTS } from "../../domain/contract";
import type { BetAlignment } from "../../domain/model";
import { percent } from "./format";

const useStyles = makeStyles({
  yes: { color: tokens.colorPaletteGreenForeground1 },
  no: { color: tokens.colorPaletteRedForeground1 },
  narrow: { width: "28px", textAlign: "center" },
  // Equal columns left "Coverage" no room in a 320 px pane; sized by content, the bet's ID gives way.
  table: { tableLayout: "auto" },
});

const SHORT: Readonly<Record<(typeof ASPECTS)[number], string>> = {
  Persona: "P",
  Needs: "N",
  Alternatives: "A",
  Strategy: "S",
  "Business objective": "O",
  "Major initiatives": "I",
};

/** The six aspects per bet as ticks and crosses, with the coverage. */
export function AlignmentTable({ bets }: { bets: readonly BetAlignment[] }) {
  const styles = useStyles();
  return (
    <Table size="extra-small" aria-label="Alignment by bet" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Bet</TableHeaderCell>
          {ASPECTS.map((aspect) => (
            <TableHeaderCell key={aspect} className={styles.narrow}>
              <Tooltip content={aspect} relationship="label">
                <span>{SHORT[aspect]}</span>
              </Tooltip>
            </TableHeaderCell>
          ))}
          <TableHeaderCell>Coverage</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {bets.map((bet) => (
          <TableRow key={bet.betId} data-bet={bet.betId}>
            <TableCell title={bet.statement}>{bet.betId}</TableCell>
            {ASPECTS.map((aspect) => (
              <TableCell key={aspect} className={styles.narrow}>
                {bet.aspects[aspect] ? (
                  <CheckmarkCircle16Filled className={styles.yes} aria-label={`${aspect}: covered`} />
                ) : (
                  <DismissCircle16Regular className={styles.no} aria-label={`${aspect}: missing`} />
                )}
              </TableCell>
            ))}
            <TableCell>{percent(bet.coverage)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
