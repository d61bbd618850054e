import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Regular } from "@fluentui/react-icons";
import { ASPECTS, type Aspect } from "../../../domain/plan/contract";
import type { BetAlignment } from "../../../domain/analysis/result";
import { percent } from "../shared/format";
import { cellStyle, headStyle, tableStyle } from "../shared/paneTable";
import { visuallyHidden } from "../shared/visuallyHidden";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  // The six one-letter columns stay narrow and the bet's statement takes what is left of the pane.
  table: tableStyle,
  cell: cellStyle,
  head: headStyle,
  aspect: { width: "20px", textAlign: "center" },
  abbr: { textDecorationLine: "none", cursor: "help" },
  bet: { fontWeight: tokens.fontWeightRegular, overflowWrap: "anywhere" },
  betId: { display: "block", fontWeight: tokens.fontWeightSemibold },
  coverage: { textAlign: "right", whiteSpace: "nowrap" },
  yes: { color: tokens.colorPaletteGreenForeground1, verticalAlign: "middle" },
  no: { color: tokens.colorPaletteRedForeground1, verticalAlign: "middle" },
  hidden: visuallyHidden,
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  legendItem: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXXS },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  detail: { margin: 0 },
});

/** The one-letter column headers; the legend under the table spells them out. */
export const ASPECT_LETTERS: Readonly<Record<Aspect, string>> = {
  Persona: "P",
  Needs: "N",
  Alternatives: "A",
  Strategy: "S",
  "Business objective": "O",
  "Major initiatives": "I",
};

/** A column header: the letter on screen (with a hover title), the aspect's name for a screen reader. */
function AspectHeader({ aspect }: { aspect: Aspect }) {
  const styles = useStyles();
  return (
    <th scope="col" className={mergeClasses(styles.cell, styles.head, styles.aspect)}>
      <abbr title={aspect} className={styles.abbr} aria-hidden="true">
        {ASPECT_LETTERS[aspect]}
      </abbr>
      <span className={styles.hidden}>{aspect}</span>
    </th>
  );
}

function AspectMark({ aspect, covered }: { aspect: Aspect; covered: boolean }) {
  const styles = useStyles();
  // The two marks differ in shape (a filled tick, an outlined cross), not only in colour.
  return covered ? (
    <CheckmarkCircle16Filled className={styles.yes} aria-label={`${aspect}: covered`} />
  ) : (
    <DismissCircle16Regular className={styles.no} aria-label={`${aspect}: missing`} />
  );
}

/** What the letters and marks mean, in view for everyone rather than in a hover tooltip. */
function AspectLegend() {
  const styles = useStyles();
  return (
    <dl className={styles.legend} data-testid="aspect-legend">
      {ASPECTS.map((aspect) => (
        <div key={aspect} className={styles.legendItem}>
          <dt className={styles.term}>{ASPECT_LETTERS[aspect]}</dt>
          <dd className={styles.detail}>{aspect}</dd>
        </div>
      ))}
      <div className={styles.legendItem}>
        <dt>
          <CheckmarkCircle16Filled className={styles.yes} aria-label="Tick" />
        </dt>
        <dd className={styles.detail}>covered</dd>
      </div>
      <div className={styles.legendItem}>
        <dt>
          <DismissCircle16Regular className={styles.no} aria-label="Cross" />
        </dt>
        <dd className={styles.detail}>missing</dd>
      </div>
    </dl>
  );
}

/** The six aspects per bet as ticks and crosses, with the coverage; each bet named by its ID and statement. */
export function AlignmentTable({ bets }: { bets: readonly BetAlignment[] }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <table className={styles.table} aria-label="Alignment by bet">
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
              Bet
            </th>
            {ASPECTS.map((aspect) => (
              <AspectHeader key={aspect} aspect={aspect} />
            ))}
            <th scope="col" className={mergeClasses(styles.cell, styles.head, styles.coverage)}>
              Coverage
            </th>
          </tr>
        </thead>
        <tbody>
          {bets.map((bet) => (
            <tr key={bet.betId} data-bet={bet.betId}>
              <th scope="row" className={mergeClasses(styles.cell, styles.bet)}>
                <span className={styles.betId}>{bet.betId}</span> {bet.statement}
              </th>
              {ASPECTS.map((aspect) => (
                <td key={aspect} className={mergeClasses(styles.cell, styles.aspect)}>
                  <AspectMark aspect={aspect} covered={bet.aspects[aspect]} />
                </td>
              ))}
              <td className={mergeClasses(styles.cell, styles.coverage)}>{percent(bet.coverage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AspectLegend />
    </div>
  );
}
