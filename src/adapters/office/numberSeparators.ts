/**
 * The separators the planner types numbers with in Excel: the system's,
 * Application.cultureInfo.numberFormat (ExcelApi 1.11, under the manifest's 1.12), whose
 * numberDecimalSeparator and numberGroupSeparator are "based on current system settings"
 * (https://learn.microsoft.com/javascript/api/excel/excel.numberformatinfo), unless Excel's own
 * override them (File > Options > Advanced, "Use system separators" off): then
 * Application.decimalSeparator and thousandsSeparator, "based on the local Excel settings"
 * (https://learn.microsoft.com/javascript/api/excel/excel.application, ExcelApi 1.11). One round trip.
 */
import { EN_US_SEPARATORS, separatorsOf, type NumberSeparators } from "../../domain/common/values";

export async function readNumberSeparators(context: Excel.RequestContext): Promise<NumberSeparators> {
  const application = context.workbook.application;
  application.load(["useSystemSeparators", "decimalSeparator", "thousandsSeparator"]);
  const format = application.cultureInfo.numberFormat;
  format.load(["numberDecimalSeparator", "numberGroupSeparator"]);
  await context.sync();
  const [decimal, group] = application.useSystemSeparators
    ? [format.numberDecimalSeparator, format.numberGroupSeparator]
    : [application.decimalSeparator, application.thousandsSeparator];
  // Separators no number could be read with are no culture's: read as the command line does by default.
  return separatorsOf(decimal, group) ?? EN_US_SEPARATORS;
}
