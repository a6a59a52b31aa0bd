import { describe, expect, it } from 'vitest';
import { indexedDbBytes, longTasksBetween, overPlainPuts, timedAfterWarmup } from './browserFigures';

describe('longTasksBetween', () => {
  const tasks = [
    { start: 90, duration: 400 },
    { start: 100, duration: 51 },
    { start: 250, duration: 50 },
    { start: 300, duration: 120 },
    { start: 301, duration: 999 },
  ];

  it('counts the tasks that started in the window, the longest and those over the goal', () => {
    expect(longTasksBetween(tasks, 100, 300, 50)).toEqual({ count: 3, longest: 120, overGoal: 2 });
  });

  it('says none for a window without tasks', () => {
    expect(longTasksBetween(tasks, 0, 89, 50)).toEqual({ count: 0, longest: 0, overGoal: 0 });
  });
});

describe('indexedDbBytes', () => {
  it("takes Chromium's IndexedDB share when it is given", () => {
    expect(indexedDbBytes({ usage: 900, usageDetails: { indexedDB: 700, serviceWorkerRegistrations: 200 } })).toEqual({ bytes: 700, split: true });
  });

  it("falls back to the origin's whole usage", () => {
    expect(indexedDbBytes({ usage: 900, quota: 10_000 })).toEqual({ bytes: 900, split: false });
  });

  it('refuses an estimate without usage', () => {
    expect(() => indexedDbBytes({ quota: 10 })).toThrow(/no usage/);
  });
});

describe('timedAfterWarmup', () => {
  it('leaves out the warm-up runs before the percentiles', () => {
    expect(timedAfterWarmup([1000, 900, 10, 20, 30, 40], 2)).toEqual({ p50: 20, p95: 40, max: 40, runs: 4 });
  });

  it('refuses when nothing is left to measure', () => {
    expect(() => timedAfterWarmup([5, 6], 2)).toThrow(/warm-up/);
  });
});

describe('overPlainPuts', () => {
  it('is the console time over the plain time', () => {
    expect(overPlainPuts(30_000, 20_000)).toBe(1.5);
  });

  it('refuses a plain time of zero', () => {
    expect(() => overPlainPuts(1, 0)).toThrow(/plain puts/);
  });
});
