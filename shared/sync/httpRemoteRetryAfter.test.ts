import { describe, expect, it } from 'vitest';
import type { Timers } from '../platform';
import { createHttpRemote, type FetchLike } from './httpRemote';

/*
 * The event stream of a server whose database is away: refused with 503 and Retry-After, it tries
 * again no sooner than asked, and a pull refused the same way does not wake it early; a pull that
 * gets through does. The server is a stand-in answering on cue; time is a test clock.
 */

type Answer = { status: number; retryAfter?: string };

const testTimers = () => {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { callback: () => void; at: number }>();
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
    advance: (ms: number) => {
      now += ms;
      for (const [id, timer] of [...pending].sort(([, x], [, y]) => x.at - y.at)) {
        if (timer.at > now) continue;
        pending.delete(id);
        timer.callback();
      }
    },
  };
};

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** A server whose answers the test sets; event streams that it accepts stay open and silent. */
const stubServer = () => {
  const state = { answer: { status: 503, retryAfter: '2' } as Answer, streamTries: 0 };
  const fetch: FetchLike = async (url) => {
    if (url.endsWith('/api/sync/events')) state.streamTries += 1;
    const { status, retryAfter } = state.answer;
    const body =
      status === 200 && !url.endsWith('/api/sync/events')
        ? { protocol: 1, changes: [], cursor: 'c', hasMore: false }
        : { code: 'database_unavailable', message: 'away' };
    return {
      ok: status === 200,
      status,
      headers: { get: (name: string) => (name.toLowerCase() === 'retry-after' ? (retryAfter ?? null) : null) },
      json: async () => body,
      body:
        status === 200 && url.endsWith('/api/sync/events')
          ? { getReader: () => ({ read: () => new Promise<{ done: boolean }>(() => undefined), cancel: async () => undefined }) }
          : null,
    };
  };
  return { state, fetch };
};

describe('event stream and the server’s Retry-After', () => {
  it('waits at least the Retry-After of a refused stream, a refused pull does not wake it, and a pull that gets through does', async () => {
    const time = testTimers();
    const server = stubServer();
    const remote = createHttpRemote({ baseUrl: 'http://server', fetch: server.fetch, getToken: () => 't', random: () => 1, timers: time.timers });
    const stop = remote.subscribe(() => undefined);
    await settle();
    expect(server.state.streamTries).toBe(1);
    // Its own backoff would try again after 500 ms; the server asked for 2 s.
    time.advance(1_999);
    await settle();
    expect(server.state.streamTries).toBe(1);
    // A pull refused alike says nothing new: the stream keeps waiting.
    await expect(remote.pull(null, 10)).rejects.toMatchObject({ status: 503, retryAfterMs: 2_000 });
    await settle();
    expect(server.state.streamTries).toBe(1);
    time.advance(1);
    await settle();
    expect(server.state.streamTries).toBe(2);

    // The database is back: a pull that gets through wakes the waiting stream at once.
    server.state.answer = { status: 200 };
    await remote.pull(null, 10);
    await settle();
    expect(server.state.streamTries).toBe(3);
    stop();
  });
});
