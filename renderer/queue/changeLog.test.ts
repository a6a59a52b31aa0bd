import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { createChangeLog } from './changeLog';
import { toQueueEntry } from './queueEntry';

const entry = (title: string) => toQueueEntry(makeTicket({ id: 't1', title }));

describe('change log', () => {
  it('joins the changes since a version into one per slot, first before and last after', () => {
    const log = createChangeLog();
    const [a, b, c] = [entry('a'), entry('b'), entry('c')];
    log.record(1, [{ slot: 0, before: undefined, after: a }]);
    log.record(2, [
      { slot: 0, before: a, after: b },
      { slot: 1, before: undefined, after: c },
    ]);
    log.record(3, [{ slot: 1, before: c, after: undefined }]);
    expect(log.since(3, 3)).toEqual([]);
    expect(log.since(2, 3)).toEqual([{ slot: 1, before: c, after: undefined }]);
    expect(log.since(0, 3)).toEqual([
      { slot: 0, before: undefined, after: b },
      { slot: 1, before: undefined, after: undefined },
    ]);
  });

  it('knows nothing past a change too large to follow, an unknown one, or its oldest version', () => {
    const log = createChangeLog({ maxVersions: 2, maxSlots: 1 });
    const a = entry('a');
    log.record(1, [{ slot: 0, before: undefined, after: a }]);
    log.record(2, [
      { slot: 1, before: undefined, after: a },
      { slot: 2, before: undefined, after: a },
    ]);
    log.record(3, [{ slot: 3, before: undefined, after: a }]);
    expect(log.since(1, 3)).toBeNull();
    expect(log.since(2, 3)).toHaveLength(1);
    log.record(4, [{ slot: 4, before: undefined, after: a }]);
    log.record(5, [{ slot: 5, before: undefined, after: a }]);
    expect(log.since(2, 5)).toBeNull();
    expect(log.since(3, 5)).toHaveLength(2);
    log.record(6, null);
    expect(log.since(5, 6)).toBeNull();
    // Asked about a version it has not reached (an answer from before a clear and reload).
    expect(log.since(3, 2)).toBeNull();
  });
});
