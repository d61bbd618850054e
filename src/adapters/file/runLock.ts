/**
 * One run at a time writes a file: a hidden lock file beside it, created only if none exists
 * (O_EXCL), holds the process, the computer and the start of the run that writes. A second run
 * stops with a message instead of writing over the first one's result. A lock left by a run that
 * died (a kill, a crash) on this computer is recognised by its process being gone and taken over;
 * one from another computer cannot be checked, so it is respected and the message says which file
 * to delete.
 */
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeError, UnwritableOutputError } from "../../domain/common/stopErrors";
import { removeIfStopped, type TrackedFile } from "./leftovers";

/** What a lock file holds, as JSON. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601. */
  readonly startedAt: string;
  /** Tells this run's lock from another's with the same process number. */
  readonly token: string;
}

/** `.PLAN.xlsx.cvm-gap.lock` beside `file`. */
export function lockFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.cvm-gap.lock`);
}

export interface RunLock {
  readonly file: string;
  release(): Promise<void>;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(owner.pid) && (owner.pid ?? 0) > 0 && typeof owner.host === "string" && typeof owner.startedAt === "string")
      return { token: "", ...owner } as LockOwner;
  } catch {
    // Not (yet) the JSON of a lock: see readOwner.
  }
  return undefined;
}

/** The lock's owner; a lock just created may still be empty for an instant, so an unreadable one is read again before giving up. */
async function readOwner(lock: string): Promise<LockOwner | "gone" | "unreadable"> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let text: string;
    try {
      text = await fsp.readFile(lock, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
      return "unreadable";
    }
    const owner = parseOwner(text);
    if (owner) return owner;
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
  return "unreadable";
}

function processIsGone(pid: number): boolean {
  if (pid === process.pid) return true; // a lock no run of this process made: an earlier process had the same number
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists and belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function isStale(owner: LockOwner): boolean {
  return owner.host === os.hostname() && processIsGone(owner.pid);
}

/** "2026-01-15 09:00:03", local time: the planner compares it with the clock on the wall. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function heldError(target: string, lock: string, owner: LockOwner | undefined): UnwritableOutputError {
  const who = owner
    ? `Another cvm-gap run (process ${owner.pid}${owner.host === os.hostname() ? "" : ` on the computer "${owner.host}"`}, started ${localTime(owner.startedAt)})`
    : "Another cvm-gap run";
  return new UnwritableOutputError(
    `${who} is writing "${target}", so this run stopped and wrote nothing. Wait for that run to finish and run again. ` +
      `If no other run is going, delete the lock file "${lock}" and run again.`,
  );
}

/**
 * Moves a stale lock aside and removes it. Two runs may find the same stale lock: the one whose
 * rename moved something else (the other run's fresh lock) puts it back.
 */
async function takeOver(lock: string, stale: LockOwner): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await fsp.rename(lock, aside);
  } catch {
    return; // another run moved it first: the next attempt sees what is there now
  }
  const moved = await readOwner(aside);
  if (typeof moved === "object" && moved.pid === stale.pid && moved.startedAt === stale.startedAt && moved.token === stale.token) {
    await fsp.rm(aside, { force: true });
    return;
  }
  await fsp.link(aside, lock).catch(() => undefined);
  await fsp.rm(aside, { force: true });
}

/** The lock created with its owner, registered for removal if the run is stopped; undefined when one exists. */
async function createLock(lock: string, owner: LockOwner): Promise<TrackedFile | undefined> {
  let handle;
  try {
    handle = await fsp.open(lock, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  // Registered only once it is ours: a stop must never remove another run's lock.
  const tracked = removeIfStopped(lock);
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.rm(lock, { force: true }).catch(() => undefined);
    tracked.forget();
    throw error;
  }
  return tracked;
}

/**
 * Takes the lock of `target` (the file the run will write, links already followed), or stops
 * with a message when another live run holds it. `shownAs` names the target as the user gave it.
 */
export async function lockForWriting(target: string, shownAs = target): Promise<RunLock> {
  const lock = lockFileOf(target);
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    let tracked: TrackedFile | undefined;
    try {
      tracked = await createLock(lock, owner);
    } catch (error) {
      // A folder that does not exist or cannot be written: the save says so in its own words.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES" || code === "EPERM" || code === "EROFS")
        return { file: lock, release: async () => undefined };
      throw new UnwritableOutputError(`Cannot save "${shownAs}": its lock file "${lock}" cannot be created (${describeError(error)}).`);
    }
    if (tracked) {
      const ours = tracked;
      return { file: lock, release: () => release(lock, owner, ours) };
    }
    const holder = await readOwner(lock);
    if (holder === "gone") continue;
    if (holder === "unreadable") throw heldError(shownAs, lock, undefined);
    if (!isStale(holder)) throw heldError(shownAs, lock, holder);
    await takeOver(lock, holder);
  }
  throw heldError(shownAs, lock, undefined);
}

async function release(lock: string, owner: LockOwner, tracked: TrackedFile): Promise<void> {
  tracked.forget();
  const holder = await readOwner(lock);
  if (typeof holder === "object" && holder.token === owner.token) await fsp.rm(lock, { force: true });
}
