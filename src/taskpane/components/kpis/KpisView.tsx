import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { AnalysisResult } from "../../../domain/analysis/result";
import type { PlacedNotice } from "../../usePlan";
import type { ItemNames } from "../findings/findingText";
import { percentOf } from "../shared/format";
import { BridgeView } from "./BridgeView";
import { hasBridge } from "./bridgeText";
import { KpiGapTable } from "./KpiGapTable";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  note: { color: tokens.colorNeutralForeground2 },
});

export interface KpisViewProps {
  readonly result: AnalysisResult;
  readonly names: ItemNames;
  readonly bridgeKpi?: string;
  readonly onPickBridgeKpi: (kpiId: string) => void;
  readonly onSelect: (sheet: string, cell: string, at: string) => void;
  readonly notice?: PlacedNotice;
  readonly onDismiss: () => void;
}

/** "KPIs and bridge": each KPI's status against its target, then the bridge of the KPI picked. */
export function KpisView({ result, names, bridgeKpi, onPickBridgeKpi, onSelect, notice, onDismiss }: KpisViewProps) {
  const styles = useStyles();
  return (
    <>
      <section className={styles.section} aria-labelledby="kpi-gaps-heading">
        <Subtitle2 as="h2" id="kpi-gaps-heading">
          KPI gaps
        </Subtitle2>
        {/* The tolerance decides between At risk and Off track: it is said where the statuses are. */}
        <Caption1 className={styles.note} data-testid="tolerance-note">
          At risk: short of the target by at most the {percentOf(result.options.tolerance)} tolerance (in Plan sources and settings);
          further short is Off track.
        </Caption1>
        <KpiGapTable kpis={result.kpis} onSelect={onSelect} notice={notice} onDismiss={onDismiss} />
      </section>
      {hasBridge(result.kpis) && (
        <section className={styles.section} aria-labelledby="bridge-heading">
          <Subtitle2 as="h2" id="bridge-heading">
            Gap-to-target bridge
          </Subtitle2>
          <BridgeView kpis={result.kpis} names={names} kpiId={bridgeKpi} onPick={onPickBridgeKpi} />
        </section>
      )}
    </>
  );
}
