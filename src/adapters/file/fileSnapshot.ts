/**
 * The file a run will replace, as it was when the run began, so that a save made meanwhile by
 * someone else (Excel, a colleague on a share) is never renamed over. The size tells most changes
 * at once; when it is the same, the bytes decide (a hash of them): a modification time can stay
 * the same across a save on file systems that keep it to the second or two, and a file merely
 * touched (a sync client) holds nothing the run would lose.
 */
import { createHash } from "node:crypto";
import { createReadStream, promises as fsp } from "node:fs";
import { UnwritableOutputError } from "../../domain/common/stopErrors";

export type FileSnapshot =
  | { readonly kind: "absent" }
  | { readonly kind: "file"; readonly size: number; readonly digest: string }
  /** A folder, or a file this user cannot read: the save reports it in its own words. */
  | { readonly kind: "other" };

function digestOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function digestOfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The snapshot of a file from the bytes the run read from it. */
export function snapshotOfBytes(bytes: Uint8Array): FileSnapshot {
  return { kind: "file", size: bytes.byteLength, digest: digestOf(bytes) };
}

/** The file as it is now (links followed). */
export async function snapshotOf(file: string): Promise<FileSnapshot> {
  let size: number;
  try {
    const stat = await fsp.stat(file);
    if (!stat.isFile()) return { kind: "other" };
    size = stat.size;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? { kind: "absent" } : { kind: "other" };
  }
  try {
    return { kind: "file", size, digest: await digestOfFile(file) };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? { kind: "absent" } : { kind: "other" };
  }
}

/** Whether the file is still the one of the snapshot. */
async function unchanged(file: string, before: FileSnapshot): Promise<boolean> {
  if (before.kind === "other") return true;
  let size: number;
  try {
    size = (await fsp.stat(file)).size;
  } catch (error) {
    // Gone, or no longer readable: either way no longer the file that was read.
    return before.kind === "absent" && (error as NodeJS.ErrnoException).code === "ENOENT";
  }
  if (before.kind === "absent" || size !== before.size) return false;
  try {
    return (await digestOfFile(file)) === before.digest;
  } catch {
    return false;
  }
}

/** What the file is to the run, for the message. */
export type TargetRole = "plan" | "output";

/**
 * Stops the run, before anything replaces `file`, if someone else saved, created, moved or
 * deleted it since the snapshot. `shownAs` names it as the user gave it.
 */
export async function refuseIfChanged(file: string, before: FileSnapshot, role: TargetRole, shownAs = file): Promise<void> {
  if (await unchanged(file, before)) return;
  const again =
    role === "plan" ? "Run again to analyse the plan as it is now." : "Run again to replace it, or choose another file with --out.";
  const current = await snapshotOf(file);
  if (current.kind === "absent") {
    throw new UnwritableOutputError(
      `"${shownAs}" was moved or deleted while this run worked on it, so nothing was written. Put it back (or name it as it is now) and run again.`,
    );
  }
  if (before.kind === "absent") {
    throw new UnwritableOutputError(
      `"${shownAs}" was created by someone else while this run worked, so nothing was written and that file was left as it is. ${again}`,
    );
  }
  throw new UnwritableOutputError(
    `"${shownAs}" was changed while this run worked on it (saved from Excel, or by a colleague on a share), so nothing was written and that save was left as it is. ${again}`,
  );
}
