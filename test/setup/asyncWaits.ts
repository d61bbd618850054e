/**
 * Waits in tests wait for the event, not for a fixed time: Testing Library's default of 1 s for
 * waitFor and findBy* (its `asyncUtilTimeout`) is shorter than a write of the report takes on a
 * loaded CI machine, which failed the suite beside `stress --cpu 4` (issue 17). A generous bound
 * still ends a test that waits for something that never happens; jest's own test timeout
 * (jest.config.js) is larger.
 */
import { configure } from "@testing-library/dom";

configure({ asyncUtilTimeout: 20_000 });

// Fluent's MessageBar and overflow helpers observe sizes; jsdom has no ResizeObserver
// (microsoft/fluentui#30077).
if (typeof window !== "undefined" && !("ResizeObserver" in globalThis)) {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
}
