import { makeTicketCode, type RandomBytes } from '../domain/ticketCode';
import type { OutboxEntry } from './localStore';
import type { PushOutcome } from './localOps';
import type { PushResult } from './protocol';

type Ids = { newId: () => string; randomBytes: RandomBytes };

const ticketIdOf = (entry: OutboxEntry): string | undefined => {
  const args = entry.args;
  if (typeof args !== 'object' || args === null) return undefined;
  const record = args as Record<string, unknown>;
  const id = entry.name.startsWith('ticket:') ? record.id : record.ticketId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Turns the server's answers into what the cache should do. A ticket whose caller code was
 * already taken gets a new code and is sent again (with a new mutation id, since ids are
 * single-use), and so are the changes to that ticket the server refused in the same batch
 * only because the ticket did not exist yet. Entries without an answer stay pending.
 */
export const decidePushOutcomes = (sent: OutboxEntry[], results: PushResult[], ids: Ids): PushOutcome[] => {
  const byId = new Map(results.map((result) => [result.id, result]));
  const recreated = new Set<string>();
  const outcomes: PushOutcome[] = [];
  for (const entry of sent) {
    const result = byId.get(entry.id);
    if (result === undefined) continue;
    if (result.status === 'applied' || result.status === 'duplicate') {
      outcomes.push({ id: entry.id, kind: 'acked' });
      continue;
    }
    const error = {
      code: result.error?.code ?? 'rejected',
      message: result.error?.message ?? 'The server refused this change.',
      ...(result.error?.current === undefined ? {} : { current: result.error.current }),
    };
    const ticketId = ticketIdOf(entry);
    if (entry.name === 'ticket:create' && error.code === 'code_taken' && typeof entry.args === 'object' && entry.args !== null) {
      if (ticketId !== undefined) recreated.add(ticketId);
      outcomes.push({ id: entry.id, kind: 'requeue', newId: ids.newId(), args: { ...entry.args, code: makeTicketCode(ids.randomBytes) } });
    } else if (error.code === 'not_found' && ticketId !== undefined && recreated.has(ticketId)) {
      outcomes.push({ id: entry.id, kind: 'requeue', newId: ids.newId(), args: entry.args });
    } else {
      outcomes.push({ id: entry.id, kind: 'rejected', error });
    }
  }
  return outcomes;
};
