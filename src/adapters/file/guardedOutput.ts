/**
 * The file a command-line run writes, held for the whole run: locked against a second run, noted
 * as it was when the run began, and replaced only if it still is, so that neither another run
 * nor a save from Excel or a colleague is lost under this run's result.
 */
import { readInputFile, followLinks, saveAtomically } from "./fileAccess";
import { refuseIfChanged, snapshotOf, snapshotOfBytes, type FileSnapshot, type TargetRole } from "./fileSnapshot";
import { lockForWriting, type RunLock } from "./runLock";

export class GuardedOutput {
  private constructor(
    /** As the user named it. */
    readonly target: string,
    /** The file replaced: the target, or the file its link names. */
    private readonly destination: string,
    private readonly role: TargetRole,
    private readonly lock: RunLock,
    private readonly snapshot: FileSnapshot,
  ) {}

  /**
   * The plan, to be written in place. It is locked before it is read, so that a second run stops
   * instead of analysing the same plan as the first; the bytes read are both the plan to analyse
   * and what the file must still hold when it is replaced.
   */
  static async inPlace(plan: string): Promise<{ output: GuardedOutput; bytes: Buffer }> {
    const destination = await followLinks(plan);
    const lock = await lockForWriting(destination, plan);
    try {
      const bytes = await readInputFile(plan);
      return { output: new GuardedOutput(plan, destination, "plan", lock, snapshotOfBytes(bytes)), bytes };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** A copy's file, which may exist already (an earlier report): locked, and noted as it is now. */
  static async copy(target: string): Promise<GuardedOutput> {
    const destination = await followLinks(target);
    const lock = await lockForWriting(destination, target);
    try {
      return new GuardedOutput(target, destination, "output", lock, await snapshotOf(destination));
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async save(bytes: Uint8Array): Promise<void> {
    await saveAtomically(this.target, bytes, {
      beforeReplace: () => refuseIfChanged(this.destination, this.snapshot, this.role, this.target),
    });
  }

  /** Removes the lock; every way out of the run calls it. */
  release(): Promise<void> {
    return this.lock.release();
  }
}
