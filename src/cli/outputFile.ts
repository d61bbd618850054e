/** Checks on the file a command writes, shared by analyze and map. */
import * as path from "node:path";
import { UsageError } from "./args";

/** Excel opens a package only under the extension of its kind: a macro workbook as .xlsm, any other as .xlsx. */
export function checkOutputExtension(output: string, macroEnabled: boolean): void {
  const extension = path.extname(output).toLowerCase();
  const wanted = macroEnabled ? ".xlsm" : ".xlsx";
  if (extension !== wanted) {
    throw new UsageError(
      `--out must end in ${wanted}: the plan is ${macroEnabled ? "a macro-enabled workbook (its macros are kept)" : "a workbook without macros"}, and Excel refuses to open a file whose extension does not match its content.`,
    );
  }
}
