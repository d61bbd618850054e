/**
 * The files a run makes beside the user's and must not leave behind when it is stopped by Ctrl+C
 * or a kill it can catch (SIGINT, SIGTERM): the hidden temporary file of a save and the run's
 * lock. A signal handler cannot wait for a promise, so they are removed synchronously. SIGKILL
 * cannot be caught at all: what it leaves is said in the README.
 */
import * as fs from "node:fs";

interface Leftover {
  readonly file: string;
  /** For a save's temporary file: the target it is renamed over, once the rename has been asked for. */
  replacing?: string;
}

const leftovers = new Set<Leftover>();

export interface TrackedFile {
  /** The rename over `target` is under way: if the temporary file is gone now, the save is done. */
  replacing(target: string): void;
  /** The file was removed or renamed by the run itself: nothing to clean up any more. */
  forget(): void;
}

/** Registers a file to remove if the run is stopped; call before the file is created. */
export function removeIfStopped(file: string): TrackedFile {
  const entry: Leftover = { file };
  leftovers.add(entry);
  return {
    replacing: (target) => {
      entry.replacing = target;
    },
    forget: () => {
      leftovers.delete(entry);
    },
  };
}

/** What removing the leftovers found: the file a save had already renamed into place, if any. */
export interface Cleanup {
  readonly savedTo?: string;
}

/** Removes every registered file; for the signal handlers. */
export function removeLeftoversSync(): Cleanup {
  let savedTo: string | undefined;
  for (const entry of leftovers) {
    try {
      fs.unlinkSync(entry.file);
    } catch (error) {
      // A temporary file already gone while its rename was under way was renamed: that save happened.
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && entry.replacing !== undefined) savedTo = entry.replacing;
    }
  }
  leftovers.clear();
  return { savedTo };
}
