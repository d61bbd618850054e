/** Small helpers shared by the benchmark scripts. */
import { performance } from "node:perf_hooks";

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function timed<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

export const int = (n: number): string => Math.round(n).toLocaleString("en-US");
export const ms = (n: number): string => (n < 10 ? n.toFixed(1) : int(n));
export const ratio = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)}×` : "n/a");
export const mb = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : "n/a");
