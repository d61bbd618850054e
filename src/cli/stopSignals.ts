/**
 * Ctrl+C (SIGINT) and SIGTERM during a run that writes: the run's hidden temporary file and its
 * lock are removed, one line says whether anything was written, and the command line exits as a
 * shell expects of a process stopped by that signal: 128 plus its number, 130 and 143.
 */
import * as os from "node:os";
import { removeLeftoversSync } from "../adapters/file/leftovers";

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

export async function cleanUpIfStopped<T>(say: (text: string) => void, work: () => Promise<T>): Promise<T> {
  const stop = (signal: NodeJS.Signals) => {
    const { savedTo } = removeLeftoversSync();
    const how = signal === "SIGINT" ? "Ctrl+C (SIGINT)" : signal;
    say(
      savedTo === undefined
        ? `cvm-gap: stopped by ${how}; nothing was written.`
        : `cvm-gap: stopped by ${how} just after the report was saved to ${savedTo}.`,
    );
    process.exit(128 + os.constants.signals[signal]);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  try {
    return await work();
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  }
}
