import { timing, type Timing } from './measureHttp';

/*
 * The sums of the browser half of the million-ticket desk bench (bench/desk/measureBrowser.ts):
 * pure, so they are tested beside this file.
 */

/** A main-thread long task as a PerformanceObserver reports it: start on the page's clock, duration (ms). */
export type LongTask = { start: number; duration: number };

export type LongTaskSummary = { count: number; longest: number; overGoal: number };

/** The long tasks that started within [from, to] (page clock): how many, the longest, and how many ran over `goalMs`. */
export const longTasksBetween = (tasks: readonly LongTask[], from: number, to: number, goalMs: number): LongTaskSummary => {
  const within = tasks.filter((task) => task.start >= from && task.start <= to);
  return {
    count: within.length,
    longest: within.reduce((longest, task) => Math.max(longest, task.duration), 0),
    overGoal: within.filter((task) => task.duration > goalMs).length,
  };
};

/** What `navigator.storage.estimate()` answers; Chromium adds `usageDetails` by store kind. */
export type StorageEstimate = { usage?: number; quota?: number; usageDetails?: Record<string, number | undefined> };

/** The origin's IndexedDB bytes: Chromium's own split when it gives one, else everything the origin uses. */
export const indexedDbBytes = (estimate: StorageEstimate): { bytes: number; split: boolean } => {
  const byKind = estimate.usageDetails?.indexedDB;
  if (typeof byKind === 'number') return { bytes: byKind, split: true };
  if (typeof estimate.usage === 'number') return { bytes: estimate.usage, split: false };
  throw new Error(`the storage estimate holds no usage: ${JSON.stringify(estimate)}`);
};

/** Times (ms) with the first `warmup` left out, as p50 / p95 / slowest; an error if none is left. */
export const timedAfterWarmup = (times: readonly number[], warmup: number): Timing => {
  const measured = times.slice(warmup);
  if (measured.length === 0) throw new Error(`${times.length} times, all of them warm-up (${warmup})`);
  return timing(measured);
};

/** The console's time over the plain puts of the same records: the goal is at most 1.5. */
export const overPlainPuts = (consoleMs: number, plainMs: number): number => {
  if (!(plainMs > 0)) throw new Error(`plain puts took ${plainMs} ms`);
  return consoleMs / plainMs;
};
