/**
 * The separators the planner types numbers with in Excel: Application.cultureInfo.numberFormat
 * (ExcelApi 1.11, under the manifest's 1.12), whose numberDecimalSeparator and
 * numberGroupSeparator are "based on current system settings"
 * (https://learn.microsoft.com/javascript/api/excel/excel.numberformatinfo). One round trip.
 */
import { EN_US_SEPARATORS, separatorsOf, type NumberSeparators } from "../../domain/common/values";

export async function readNumberSeparators(context: Excel.RequestContext): Promise<NumberSeparators> {
  const format = context.workbook.application.cultureInfo.numberFormat;
  format.load(["numberDecimalSeparator", "numberGroupSeparator"]);
  await context.sync();
  // Separators no number could be read with are no culture's: read as the command line does by default.
  return separatorsOf(format.numberDecimalSeparator, format.numberGroupSeparator) ?? EN_US_SEPARATORS;
}
