/**
 * The mapping file of `--map FILE.json`: read and checked before the plan is, so that a mistake
 * in it costs nothing and is named with the file.
 */
import * as fs from "node:fs";
import { describeError, MappingError } from "../domain/common/stopErrors";
import { parseMapping, type PlanMapping } from "../domain/plan/mapping";

export function readMappingFile(file: string): PlanMapping {
  let text: string;
  try {
    // Windows Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new MappingError(`The mapping ${file} cannot be read (${describeError(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingError(
      `The mapping ${file} is not JSON (${describeError(error)}); print one with cvm-gap map PLAN.xlsx --json and edit it.`,
    );
  }
  try {
    return parseMapping(json);
  } catch (error) {
    throw error instanceof MappingError ? new MappingError(`${file}: ${error.message}`) : error;
  }
}
