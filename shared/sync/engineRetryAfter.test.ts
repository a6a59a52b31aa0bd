import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Timers } from '../platform';
import { createSyncEngine, type SyncEngine } from './engine';
import { createMemoryLocalDb } from './memoryLocalDb';
import { PROTOCOL_VERSION, type PullResponse } from './protocol';
import { RemoteError, type Remote } from './remote';
import { createSyncSteps } from './syncSteps';

/*
 * The engine against a server that answers 503 or 429 with Retry-After. The server here is a
 * stand-in that fails on cue (the real one over loopback: tests/server/storageFaults.test.ts);
 * time is a test clock, so waits of minutes take none.
 */

const START = Date.parse('2026-11-29T09:00:00Z');

type Timer = { callback: () => void; at: number };

/** A clock and timers that move only when the test says so. */
const testTime = () => {
  let now = START;
  let next = 1;
  const pending = new Map<number, Timer>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = next++;
      pending.set(id, { callback, at: now + ms });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => new Date(now),
    /** When each waiting timer fires, in ms from now. */
    waiting: () => [...pending.values()].map((timer) => timer.at - now).sort((a, b) => a - b),
    advance: (ms: number) => {
      now += ms;
      for (const [id, timer] of [...pending].sort(([, a], [, b]) => a.at - b.at)) {
        if (timer.at > now) continue;
        pending.delete(id);
        timer.callback();
      }
    },
  };
};

/** Lets the engine's promises run (its store and remote answer within a few turns). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const emptyPage: PullResponse = { protocol: PROTOCOL_VERSION, changes: [], cursor: 'c1', hasMore: false, remaining: 0 };

/** A server that refuses pulls with `refusal` while it is set, and pokes when the test says. */
const stubbornServer = () => {
  const state: { refusal: RemoteError | null; pulls: number; poke: () => void } = { refusal: null, pulls: 0, poke: () => undefined };
  const remote: Remote = {
    pull: async () => {
      state.pulls += 1;
      if (state.refusal !== null) throw state.refusal;
      return emptyPage;
    },
    push: async () => ({ results: [] }),
    ticketRecords: async () => ({ changes: [] }),
    subscribe: (onPoke) => {
      state.poke = onPoke;
      return () => undefined;
    },
  };
  return { state, remote };
};

const startEngine = async (remote: Remote, time: ReturnType<typeof testTime>): Promise<SyncEngine> => {
  const engine = createSyncEngine({
    steps: createSyncSteps(createMemoryLocalDb(), randomUUID),
    remote,
    timers: time.timers,
    now: time.now,
    random: () => 1,
    intervalMs: 3_600_000,
  });
  engine.start();
  await settle();
  return engine;
};

describe('sync engine and the server’s Retry-After', () => {
  it('waits at least the Retry-After before its next attempt, and pokes meanwhile do not bring it forward', async () => {
    const time = testTime();
    const { state, remote } = stubbornServer();
    state.refusal = new RemoteError('server', 'The server cannot write to its database.', 503, 30_000);
    const engine = await startEngine(remote, time);
    expect(state.pulls).toBe(1);
    // Its own backoff would retry after 1 s; the server asked for 30.
    expect(engine.status()).toMatchObject({ state: 'error', nextRetryAt: new Date(START + 30_000).toISOString() });
    expect(time.waiting()).toEqual([30_000]);

    // The event stream pokes and the network comes back: still no attempt before 30 s.
    state.poke();
    engine.syncSoon();
    time.advance(29_999);
    await settle();
    expect(state.pulls).toBe(1);

    state.refusal = null;
    time.advance(1);
    await settle();
    expect(state.pulls).toBe(2);
    expect(engine.status()).toMatchObject({ state: 'idle', error: null, nextRetryAt: null });
    // Synced again: pokes work at once.
    state.poke();
    time.advance(5);
    await settle();
    expect(state.pulls).toBe(3);
    engine.stop();
  });

  it('does not run the follow-up asked for during a refused cycle before the pause is over', async () => {
    const time = testTime();
    const { state, remote } = stubbornServer();
    state.refusal = new RemoteError('server', 'Busy.', 429, 20_000);
    const engine = createSyncEngine({
      steps: createSyncSteps(createMemoryLocalDb(), randomUUID),
      remote,
      timers: time.timers,
      now: time.now,
      random: () => 1,
      intervalMs: 3_600_000,
    });
    engine.start();
    // Asked for while the first cycle is still under way: it joins it, and would run once more after.
    void engine.syncNow();
    await settle();
    expect(state.pulls).toBe(1);
    expect(time.waiting()).toEqual([20_000]);
    state.refusal = null;
    time.advance(20_000);
    await settle();
    expect(state.pulls).toBe(2);
    engine.stop();
  });

  it('keeps its own backoff when the server sends no Retry-After, or a shorter one', async () => {
    for (const retryAfterMs of [undefined, 200]) {
      const time = testTime();
      const { state, remote } = stubbornServer();
      state.refusal = new RemoteError('server', 'Too many requests.', 429, retryAfterMs);
      const engine = await startEngine(remote, time);
      expect(time.waiting()).toEqual([1_000]);
      expect(engine.status().nextRetryAt).toBe(new Date(START + 1_000).toISOString());
      time.advance(1_000);
      await settle();
      expect(state.pulls).toBe(2);
      // No pause from the server: a poke tries after the engine's short syncSoon delay.
      if (retryAfterMs === undefined) {
        state.poke();
        time.advance(5);
        await settle();
        expect(state.pulls).toBe(3);
      }
      engine.stop();
    }
  });

  it('still syncs at once when asked explicitly (a person, or a new local change), and goes back to the pause if refused again', async () => {
    const time = testTime();
    const { state, remote } = stubbornServer();
    state.refusal = new RemoteError('server', 'Busy.', 503, 60_000);
    const engine = await startEngine(remote, time);
    time.advance(10_000);
    expect((await engine.syncNow()).ok).toBe(false);
    expect(state.pulls).toBe(2);
    expect(time.waiting()).toEqual([60_000]);
    state.refusal = null;
    expect((await engine.syncNow()).ok).toBe(true);
    engine.stop();
  });
});
