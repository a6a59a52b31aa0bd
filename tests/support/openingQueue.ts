import type { Ticket } from '../../shared/domain/ticket';
import { toQueueEntry } from '../../renderer/queue/queueEntry';
import { EMPTY_FILTER } from '../../renderer/queue/queueFilter';
import { createQueueIndex, type QueueIndex } from '../../renderer/queue/queueIndex';
import { makeAssigneeKey, queryQueue } from '../../renderer/queue/queueQuery';
import { DEFAULT_SORT } from '../../renderer/queue/queueSort';

const context = { meId: 'user-me', nowMs: Date.parse('2026-03-05T00:00:00.000Z') };

/** The ids of the queue as it opens (every ticket, default order) over an index. */
export const openingQueue = (index: QueueIndex): string[] =>
  queryQueue(
    index,
    EMPTY_FILTER,
    DEFAULT_SORT,
    context,
    makeAssigneeKey(() => undefined),
  ).map((entry) => entry.id);

/** The ids of the queue as it opens over a complete index of `tickets`: what any first screen must begin. */
export const fullAnswer = (tickets: readonly Ticket[]): string[] => {
  const index = createQueueIndex();
  index.upsert(tickets.map(toQueueEntry));
  return openingQueue(index);
};
