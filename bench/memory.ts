/**
 * Peak memory of one measured step. Node reports only the process's all-time peak RSS, which
 * would include generating the plan; on Linux the kernel lets a process reset its own peak
 * (writing 5 to /proc/self/clear_refs), so the peak can be taken around the step alone.
 */
import * as fs from "node:fs";

const MB = 1024 * 1024;

function statusKb(field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface PeakWatch {
  /** How the peak was taken: "step" when reset around the step, "process" when it is the process's all-time peak. */
  readonly scope: "step" | "process";
  /** RSS when the watch started, in MB. */
  readonly startRssMb: number;
  /** Peak RSS since the watch started (or, for "process", since the process started), in MB. */
  peakRssMb(): number;
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function watchPeak(): PeakWatch {
  let scope: PeakWatch["scope"] = "process";
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    scope = "step";
  } catch {
    // Not Linux, or not allowed: fall back to the process-wide peak, and say so in the figures.
  }
  const startRssMb = process.memoryUsage().rss / MB;
  return {
    scope,
    startRssMb,
    peakRssMb: () => {
      const hwm = scope === "step" ? statusKb("VmHWM") : undefined;
      return hwm !== undefined ? hwm / 1024 : process.resourceUsage().maxRSS / 1024;
    },
  };
}

export const heapUsedMb = (): number => process.memoryUsage().heapUsed / MB;
