/**
 * The file system side of the command line's workbook: reading the input without ever writing
 * it, refusing content that is certainly no .xlsx/.xlsm before any parser sees it, and saving
 * through a temporary file renamed into place, so that a failed or interrupted write never
 * leaves a half-written workbook behind. Every failure is a stop error in plain words.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fsp, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import * as path from "node:path";
import { describeError, StopError, UnreadableWorkbookError, UnwritableOutputError } from "../../domain/common/stopErrors";
import { removeIfStopped } from "./leftovers";

// The check of a file's first bytes needs no file system; the browser preview uses it too.
export { checkSignature } from "../xlsx/signature";

export async function readInputFile(file: string): Promise<Buffer> {
  try {
    const stat = await fsp.stat(file);
    if (stat.isDirectory())
      throw new UnreadableWorkbookError(`"${file}" is a folder, not an .xlsx workbook. Give the path of the workbook file itself.`);
    return await fsp.readFile(file);
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new UnreadableWorkbookError(`The workbook "${file}" was not found. Check the path and the file name.`);
    if (code === "EACCES" || code === "EPERM")
      throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read: permission denied. Check the file's permissions.`);
    if (code === "EBUSY")
      throw new UnreadableWorkbookError(`The workbook "${file}" is locked by another program. Close it there and try again.`);
    throw new UnreadableWorkbookError(`The workbook "${file}" cannot be read (${describeError(error)}).`);
  }
}

/** `destination` is the file written, `target` the name the user gave (a link to it, perhaps). */
function describeWriteFailure(target: string, error: unknown, destination = target): string {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = path.dirname(destination);
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

/** A link followed to the file it finally names, which is what a save replaces: the link stays a link. */
export async function followLinks(file: string): Promise<string> {
  let current = file;
  // 40, as Linux's own limit on links in a path (MAXSYMLINKS); a loop of links ends in ELOOP when written.
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!(await fsp.lstat(current)).isSymbolicLink()) return current;
      link = await fsp.readlink(current);
    } catch {
      return current;
    }
    current = path.resolve(path.dirname(current), link);
  }
  return current;
}

/** The existing target's status, or undefined when there is no file to replace. */
async function existingFile(target: string): Promise<Stats | undefined> {
  try {
    const stat = await fsp.stat(target);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The new file takes the replaced one's permissions, so that a private plan stays private, and
 * its owner and group where this process may give them (root, or a group the user belongs to).
 */
async function takeOverPermissions(handle: FileHandle, like: Stats): Promise<void> {
  const own = await handle.stat();
  if (own.uid !== like.uid || own.gid !== like.gid) {
    // Only root may give a file away; anyone else may still give it a group they belong to.
    await handle
      .chown(like.uid, like.gid)
      .catch(() => (own.gid === like.gid ? undefined : handle.chown(own.uid, like.gid).catch(() => undefined)));
  }
  // The permission bits only: set-user-ID and the like do not carry over to a file with another owner.
  await handle.chmod(like.mode & 0o777).catch((error: NodeJS.ErrnoException) => {
    // Shares and FAT volumes without Unix permissions refuse chmod: their files have none to keep.
    if (error.code !== "EPERM" && error.code !== "ENOTSUP" && error.code !== "ENOSYS") throw error;
  });
}

async function writeFileDurably(file: string, bytes: Uint8Array, like: Stats | undefined): Promise<void> {
  // "wx": never reuse a file that happens to exist under the temporary name. When a file is
  // replaced the copy is private until it takes that file's permissions.
  const handle = await fsp.open(file, "wx", like ? 0o600 : 0o666);
  try {
    await handle.writeFile(bytes);
    if (like) await takeOverPermissions(handle, like);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replacing a file by rename would succeed even when the file itself is read-only, so an
 * existing target must be writable before it is replaced. Its permission bits decide: root may
 * write to any file, so access() answers yes to root for a file nobody may write to; for other
 * users access() also says no to a file that is writable only by its owner or group.
 */
async function refuseReadOnlyTarget(target: string, existing: Stats | undefined, shownAs: string): Promise<void> {
  if (!existing) return;
  const writable =
    (existing.mode & 0o222) !== 0 &&
    (await fsp.access(target, fsConstants.W_OK).then(
      () => true,
      () => false,
    ));
  if (!writable)
    throw new UnwritableOutputError(
      `${shownAs} is read-only, so it was left as it was. Make it writable, or choose another file with --out.`,
    );
}

export interface SaveOptions {
  /** Runs once the new file is complete, just before it replaces the target: a last check, which may stop the save. */
  readonly beforeReplace?: () => Promise<void>;
}

/**
 * Writes the bytes to `target` through a temporary file in the same folder, renamed into place.
 * A link is followed: the file it names is replaced and the link stays a link.
 */
export async function saveAtomically(target: string, bytes: Uint8Array, options: SaveOptions = {}): Promise<void> {
  const destination = await followLinks(target);
  const existing = await existingFile(destination);
  await refuseReadOnlyTarget(destination, existing, target);
  const temp = path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const tracked = removeIfStopped(temp);
  try {
    await writeFileDurably(temp, bytes, existing);
    await options.beforeReplace?.();
    tracked.replacing(target);
    await fsp.rename(temp, destination);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof StopError) throw error;
    throw new UnwritableOutputError(describeWriteFailure(target, error, destination));
  } finally {
    tracked.forget();
  }
}
