/**
 * How long the server's event loop has been blocked, measured continuously (Node's own histogram,
 * 10 ms resolution, negligible cost) and reported by /healthz: long work must run in workers, and
 * this is how an operator (or the load test) sees that it does.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

let histogram: IntervalHistogram | null = null;

export function eventLoopDelay(): { maxMs: number; p99Ms: number; meanMs: number } {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
  }
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean) };
}

/** Starts measuring afresh (the load test resets before its run). */
export function resetEventLoopDelay(): void {
  eventLoopDelay();
  histogram!.reset();
}
