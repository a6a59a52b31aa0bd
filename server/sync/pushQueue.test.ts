import { describe, expect, it } from 'vitest';
import type { PushResult } from '../../shared/sync/protocol';
import type { GroupPush, GroupSlice, SliceOutcome } from './pushGroup';
import { createPushQueue } from './pushQueue';

/*
 * The scheduling of group commit, with a runner the test holds: which pushes go into which
 * transaction, and how each push is answered. What a group does inside its transaction is tested
 * against the real databases in tests/server/groupCommit.test.ts.
 */

const pushOf = (clientId: string, count: number): GroupPush => ({
  clientId,
  actorId: 'u-1',
  mutations: Array.from({ length: count }, (_, i) => ({
    mutation: { id: `${clientId}-${i}`, name: 'ticket:update', args: {} },
    now: '2026-01-01T00:00:00.000Z',
  })),
});

const applied = (slice: GroupSlice): PushResult[] =>
  slice.push.mutations.slice(slice.from, slice.to).map(({ mutation }) => ({ id: mutation.id, status: 'applied' }));

/** Slices as `client:from-to`, one string per group. */
const describeGroup = (slices: readonly GroupSlice[]): string => slices.map((s) => `${s.push.clientId}:${s.from}-${s.to}`).join(' ');

/** A runner whose groups wait until the test lets them commit, each answered by `answer`. */
const heldRunner = (answer: (slice: GroupSlice) => SliceOutcome = (slice) => ({ results: applied(slice), stopped: null })) => {
  const groups: string[] = [];
  const held: Array<() => void> = [];
  const runGroup = (slices: readonly GroupSlice[]): Promise<SliceOutcome[]> => {
    groups.push(describeGroup(slices));
    return new Promise((resolve) => held.push(() => resolve(slices.map(answer))));
  };
  /** Resolves once a group is running and waits to commit. */
  const running = async (): Promise<void> => {
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  /** Lets the oldest held group commit, once one is running. */
  const commitNext = async (): Promise<void> => {
    await running();
    held.shift()?.();
  };
  return { groups, runGroup, running, commitNext };
};

const conflict = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

describe('push queue', () => {
  it('takes the pushes that arrive while a group runs into the next group, together', async () => {
    const runner = heldRunner();
    const queue = createPushQueue({ runGroup: runner.runGroup });
    const first = queue.submit(pushOf('a', 1));
    await runner.running();
    const later = [queue.submit(pushOf('b', 1)), queue.submit(pushOf('c', 2)), queue.submit(pushOf('d', 1))];
    await runner.commitNext();
    await first;
    await runner.commitNext();
    const answers = await Promise.all(later);
    expect(runner.groups).toEqual(['a:0-1', 'b:0-1 c:0-2 d:0-1']);
    expect(answers.map((results) => results.map((r) => r.id))).toEqual([['b-0'], ['c-0', 'c-1'], ['d-0']]);
  });

  it('answers a push only once the group holding its last mutation has committed', async () => {
    const runner = heldRunner();
    const queue = createPushQueue({ runGroup: runner.runGroup, maxMutations: 3 });
    let answered = false;
    const long = queue.submit(pushOf('a', 7)).then((results) => {
      answered = true;
      return results;
    });
    await runner.commitNext();
    await runner.commitNext();
    expect(answered).toBe(false);
    await runner.commitNext();
    expect((await long).map((r) => r.id)).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6']);
    expect(runner.groups).toEqual(['a:0-3', 'a:3-6', 'a:6-7']);
  });

  it('bounds a group, and a push cut by the bound goes on first in the next group, before later pushes', async () => {
    const runner = heldRunner();
    const queue = createPushQueue({ runGroup: runner.runGroup, maxMutations: 4 });
    const answers = [queue.submit(pushOf('a', 3)), queue.submit(pushOf('b', 3)), queue.submit(pushOf('c', 1))];
    for (let i = 0; i < 2; i += 1) await runner.commitNext();
    await Promise.all(answers);
    expect(runner.groups).toEqual(['a:0-3 b:0-1', 'b:1-3 c:0-1']);
  });

  it('fails every push of a group whose transaction failed with its error, and keeps serving the next ones', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let calls = 0;
    const queue = createPushQueue({
      runGroup: async (slices) => {
        calls += 1;
        if (calls === 1) throw full;
        return slices.map((slice) => ({ results: applied(slice), stopped: null }));
      },
    });
    const failed = [queue.submit(pushOf('a', 2)), queue.submit(pushOf('b', 1))];
    const outcomes = await Promise.allSettled(failed);
    expect(outcomes).toEqual([
      { status: 'rejected', reason: full },
      { status: 'rejected', reason: full },
    ]);
    expect(await queue.submit(pushOf('c', 1))).toEqual([{ id: 'c-0', status: 'applied' }]);
  });

  it('tries a group that failed as a whole with a race once more, then fails it', async () => {
    const seen: string[] = [];
    const queue = createPushQueue({
      runGroup: async (slices) => {
        seen.push(describeGroup(slices));
        throw conflict;
      },
    });
    await expect(queue.submit(pushOf('a', 2))).rejects.toBe(conflict);
    expect(seen).toEqual(['a:0-2', 'a:0-2']);
  });

  it('fails only the push whose mutation threw, with the outcomes before it kept in the group; the others are answered', async () => {
    const boom = new Error('boom');
    const committed: SliceOutcome[][] = [];
    const queue = createPushQueue({
      runGroup: async (slices) =>
        slices.map((slice) =>
          slice.push.clientId === 'b'
            ? { results: applied({ ...slice, to: slice.from + 1 }), stopped: { kind: 'failed', error: boom } }
            : { results: applied(slice), stopped: null },
        ),
      onCommit: (outcomes) => committed.push([...outcomes]),
    });
    const answers = await Promise.allSettled([queue.submit(pushOf('a', 1)), queue.submit(pushOf('b', 3)), queue.submit(pushOf('c', 1))]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: [{ id: 'a-0', status: 'applied' }] },
      { status: 'rejected', reason: boom },
      { status: 'fulfilled', value: [{ id: 'c-0', status: 'applied' }] },
    ]);
    expect(committed).toHaveLength(1);
  });

  it('goes on with a push that raced another transaction in the next group, from the mutation that raced; a second race on it fails the push', async () => {
    const seen: string[] = [];
    let races = 1;
    const queue = createPushQueue({
      runGroup: async (slices) => {
        seen.push(describeGroup(slices));
        return slices.map((slice): SliceOutcome => {
          if (slice.push.clientId === 'a' && slice.to > 1 && races > 0) {
            races -= 1;
            return { results: applied({ ...slice, to: 1 }), stopped: { kind: 'conflict', error: conflict } };
          }
          if (slice.push.clientId === 'b') return { results: [], stopped: { kind: 'conflict', error: conflict } };
          return { results: applied(slice), stopped: null };
        });
      },
    });
    const [a, b] = await Promise.allSettled([queue.submit(pushOf('a', 3)), queue.submit(pushOf('b', 1))]);
    expect(a).toEqual({ status: 'fulfilled', value: ['a-0', 'a-1', 'a-2'].map((id) => ({ id, status: 'applied' })) });
    expect(b).toEqual({ status: 'rejected', reason: conflict });
    expect(seen).toEqual(['a:0-3 b:0-1', 'a:1-3 b:0-1']);
  });

  it('answers an empty push at once, without a transaction', async () => {
    const seen: string[] = [];
    const queue = createPushQueue({
      runGroup: async (slices) => {
        seen.push(describeGroup(slices));
        return [];
      },
    });
    expect(await queue.submit(pushOf('a', 0))).toEqual([]);
    expect(seen).toEqual([]);
  });
});
