/**
 * What a planner would otherwise build: the KPI gap columns and the budget per bet as worksheet
 * formulas, computed by a spreadsheet formula engine (HyperFormula) in this process on the same
 * plan. The formulas follow the engine's rules as closely as plain formulas can:
 *
 * KPIs        value      =IF(forecast="",actual,forecast)
 *             gap        =IF(direction="Lower is better",value-target,target-value)
 *             attainment value/target, or target/value when lower is better, blank on zero
 *             progress   (value-baseline)/(target-baseline), blank without a baseline
 *             status     On track / At risk (progress, else attainment, >= 90%) / Off track / No data
 * Initiatives first KPI  the first ID of the KPI IDs list (TRIM/LEFT/FIND)
 *             bet        its Bet ID, else XLOOKUP of the first KPI's Bet IDs
 *             budget     the budget when a bet was found, else 0
 *             weight     XLOOKUP of the bet's weight
 * Bets        budget     SUMIFS over the initiatives' traced bet
 *             share, normalised weight, gap in points, Over-/Under-funded/Balanced
 *
 * It is simpler than the engine (one bet per initiative, the first KPI only, no findings), so
 * the comparison favours the formulas.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { collectGarbage, watchPeak } from "./memory";
import { timed } from "./stats";
import { syntheticPlan, type Row } from "../testkit/syntheticPlan";

type Sheet = RawCellContent[][];

function withColumns(rows: readonly Row[], headers: readonly string[], formulas: (r: number) => string[]): Sheet {
  // r is the 1-based sheet row of the data row.
  return rows.map((row, i) => (i === 0 ? [...row, ...headers] : [...row, ...formulas(i + 1)]));
}

/** The plan's sheets with the formula columns appended; column letters follow testkit/syntheticPlan.ts. */
export function formulaSheets(size: number): { sheets: Record<string, Sheet>; formulas: number } {
  const plan = syntheticPlan(size);
  const lastBet = plan.bets.length;
  const lastKpi = plan.kpis.length;
  const lastInitiative = plan.initiatives.length;
  // KPIs: F direction, G baseline, H target, I actual, J forecast; M..Q computed.
  const kpis = withColumns(plan.kpis, ["Value", "Gap", "Attainment", "Progress", "Status"], (r) => [
    `=IF(J${r}="",I${r},J${r})`,
    `=IF(M${r}="","",IF(F${r}="Lower is better",M${r}-H${r},H${r}-M${r}))`,
    `=IF(M${r}="","",IF(F${r}="Lower is better",IF(M${r}=0,"",H${r}/M${r}),IF(H${r}=0,"",M${r}/H${r})))`,
    `=IF(OR(M${r}="",G${r}="",G${r}=H${r}),"",(M${r}-G${r})/(H${r}-G${r}))`,
    `=IF(OR(M${r}="",H${r}=""),"No data",IF(IF(F${r}="Lower is better",M${r}<=H${r},M${r}>=H${r}),"On track",IF(N(IF(P${r}="",O${r},P${r}))>=0.9,"At risk","Off track")))`,
  ]);
  // Initiatives: D Bet IDs, E KPI IDs, I budget; N..Q computed.
  const initiatives = withColumns(plan.initiatives, ["First KPI", "Bet", "Traced budget", "Bet weight"], (r) => [
    `=IF(E${r}="","",TRIM(LEFT(E${r},FIND(";",E${r}&";")-1)))`,
    `=IF(D${r}<>"",D${r},IF(N${r}="","",XLOOKUP(N${r},KPIs!$A$2:$A$${lastKpi},KPIs!$D$2:$D$${lastKpi},"")))`,
    `=IF(O${r}="",0,I${r})`,
    `=IF(O${r}="","",XLOOKUP(O${r},Bets!$A$2:$A$${lastBet},Bets!$F$2:$F$${lastBet},""))`,
  ]);
  // Bets: A Bet ID, F weight; H..L computed.
  const bets = withColumns(plan.bets, ["Budget", "Budget share", "Weight share", "Gap (points)", "Allocation"], (r) => [
    `=SUMIFS(Initiatives!$P$2:$P$${lastInitiative},Initiatives!$O$2:$O$${lastInitiative},A${r})`,
    `=H${r}/SUM($H$2:$H$${lastBet})`,
    `=F${r}/SUM($F$2:$F$${lastBet})`,
    `=(I${r}-J${r})*100`,
    `=IF(ABS(K${r})>10,IF(K${r}>0,"Over-funded","Under-funded"),"Balanced")`,
  ]);
  const formulas = (lastKpi - 1) * 5 + (lastInitiative - 1) * 4 + (lastBet - 1) * 5;
  return { sheets: { Bets: bets, KPIs: kpis, Initiatives: initiatives }, formulas };
}

export interface FormulaFigures {
  readonly size: number;
  readonly formulas: number;
  /** Parsing the formulas and computing every cell, as opening and recalculating a workbook does. */
  readonly buildMs: number;
  /** Reading the computed sheets back. */
  readonly readMs: number;
  readonly totalMs: number;
  readonly peakRssDeltaMb: number;
  readonly peakScope: string;
  /** A few computed cells, so that a reader can check the formulas did their work. */
  readonly sample: { readonly kpiStatus: unknown; readonly betAllocation: unknown; readonly initiativeBet: unknown };
}

export function measureFormulas(size: number): FormulaFigures {
  const { sheets, formulas } = formulaSheets(size);
  collectGarbage();
  const peak = watchPeak();
  // A column index is what makes lookups fast in HyperFormula, as Excel's own lookup caches do:
  // the baseline gets the engine's best setting. maxRows lifts its default limit of 40,000 rows.
  const build = timed(() => HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useColumnIndex: true, maxRows: 1_048_576 }));
  const hf = build.result;
  const read = timed(() => Object.keys(sheets).map((name) => hf.getSheetValues(hf.getSheetId(name) ?? -1)));
  const [bets, kpis, initiatives] = read.result;
  const figures: FormulaFigures = {
    size,
    formulas,
    buildMs: build.ms,
    readMs: read.ms,
    totalMs: build.ms + read.ms,
    peakRssDeltaMb: peak.peakRssMb() - peak.startRssMb,
    peakScope: peak.scope,
    sample: { kpiStatus: kpis[1]?.[16], betAllocation: bets[1]?.[11], initiativeBet: initiatives[1]?.[14] },
  };
  hf.destroy();
  return figures;
}
