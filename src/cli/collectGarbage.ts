/**
 * A full garbage collection between the command line's phases. Reading a large plan leaves
 * hundreds of megabytes of garbage (the inflated parts, their text, the tokens) that V8 would
 * otherwise collect only as the heap grows: the peak memory of a 100,000-initiative plan falls
 * from about 510 MB to about 320 MB this way, and the run gets no slower (BENCHMARKS.md).
 * V8 allows exposing its gc() at run time; should it refuse, nothing is collected early.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";

/**
 * Below this many bytes of heap in use a forced collection is skipped: it would give back a few
 * megabytes, far from the run's peak, and still cost a stop of some 15 ms (issue 22: the one after
 * a 100,000-initiative plan's survey found 12 MB in use).
 */
const WORTH_COLLECTING = 32 * 1024 * 1024;

function exposedGc(): () => void {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    if (typeof gc === "function")
      return () => {
        if (v8.getHeapStatistics().used_heap_size >= WORTH_COLLECTING) (gc as () => void)();
      };
  } catch {
    // Not available here: the collector keeps its own schedule.
  }
  return () => undefined;
}

export const collectGarbage = exposedGc();
