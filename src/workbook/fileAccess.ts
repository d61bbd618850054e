/**
 * The file system side of the command line's workbook: reading the input without ever writing
 * it, refusing content that is certainly no .xlsx/.xlsm before any parser sees it, and saving
 * through a temporary file renamed into place, so that a failed or interrupted write never
 * leaves a half-written workbook behind. Every failure is a stop error in plain words.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fsp } from "node:fs";
import * as path from "node:path";
import { describeError, UnreadableWorkbookError, UnwritableOutputError } from "../domain/stopErrors";

// The check of a file's first bytes needs no file system; the browser preview uses it too.
export { checkSignature } from "./signature";

export async function readInputFile(file: string): Promise<Buffer> {
  try {
    const stat = await fsp.stat(file);
    if (stat.isDirectory()) throw new UnreadableWorkbookError(`"${file}" is a folder, not an .xlsx workbook. Give the path of the workbook file itself.`);
    return await fsp.readFile(file);
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UnreadableWorkbookError(`The workbook "${file}" was not found. Check the path and the file name.`);
    if (code === "EACCES" || code === "EPERM") throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read: permission denied. Check the file's permissions.`);
    if (code === "EBUSY") throw new UnreadableWorkbookError(`The workbook "${file}" is locked by another program. Close it there and try again.`);
    throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read (${describeError(error)}).`);
  }
}

function describeWriteFailure(target: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = path.dirname(target);
  switch (code) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `Cannot save "${target}": no permission to write in the folder "${folder}" or to replace the file. Choose another output path, or close the file if Excel has it open.`;
    case "ENOENT":
    case "ENOTDIR":
      return `Cannot save "${target}": the folder "${folder}" does not exist. Create it or choose another output path.`;
    case "EISDIR":
      return `Cannot save "${target}": it is a folder. Give a file name ending in .xlsx or .xlsm.`;
    case "EBUSY":
      return `Cannot save "${target}": the file is locked by another program. Close it in Excel and run again.`;
    case "ENOSPC":
      return `Cannot save "${target}": the disk is full.`;
    default:
      return `Cannot save "${target}" (${describeError(error)}).`;
  }
}

async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  // "wx": never reuse a file that happens to exist under the temporary name.
  const handle = await fsp.open(file, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replacing a file by rename would succeed even when the file itself is read-only, so an
 * existing target must be writable by this user before it is replaced.
 */
async function refuseReadOnlyTarget(target: string): Promise<void> {
  try {
    await fsp.access(target, fsConstants.F_OK);
  } catch {
    return;
  }
  try {
    await fsp.access(target, fsConstants.W_OK);
  } catch {
    throw new UnwritableOutputError(`${target} is read-only, so it was left as it was. Make it writable, or choose another file with --out.`);
  }
}

/** Writes the bytes to `target` through a temporary file in the same folder, renamed into place. */
export async function saveAtomically(target: string, bytes: Uint8Array): Promise<void> {
  await refuseReadOnlyTarget(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFileDurably(temp, bytes);
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw new UnwritableOutputError(describeWriteFailure(target, error));
  }
}
