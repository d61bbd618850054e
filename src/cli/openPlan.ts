/**
 * Opening the plan a command will write: with --in-place it is locked before it is read, so that a
 * second run on the same file stops there instead of working on the same plan; otherwise it is
 * opened as it is, and the command claims its copy's path once it knows it.
 */
import { GuardedOutput } from "../adapters/file/guardedOutput";
import { openXlsx, type XlsxFile } from "../adapters/file/xlsxFile";

export async function openPlanToWrite(input: string, inPlace: boolean): Promise<{ workbook: XlsxFile; guard?: GuardedOutput }> {
  if (!inPlace) return { workbook: await openXlsx(input) };
  const claimed = await GuardedOutput.inPlace(input);
  return { workbook: await openXlsx(input, claimed.bytes), guard: claimed.output };
}
