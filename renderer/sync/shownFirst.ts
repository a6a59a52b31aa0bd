import type { Ticket } from '../../shared/domain/ticket';
import { fail, type Result } from '../../shared/result';
import type { LocalMutation } from '../../shared/sync/localOps';
import type { LocalDb } from '../../shared/sync/localStore';
import { predictMutation } from '../../shared/sync/predictMutation';
import { mutate } from '../../shared/sync/syncStore';
import type { TicketChange } from '../queue/ticketChanges';
import type { HeldRecordBook } from './heldRecords';

/** Why the cache could not store a change, as a person can read it ("QuotaExceededError: …"). */
export const storageReason = (error: unknown): string =>
  error instanceof Error ? (error.message === '' ? error.name : `${error.name}: ${error.message}`) : String(error);

const changeOf = (written: Map<string, Ticket | null>): TicketChange => ({ kind: 'some', written, timelines: new Set() });

/**
 * Stores a technician's change with the change on screen first: the tickets it will write, worked
 * out from what the screens hold (predictMutation), are announced to the screens before the
 * cache's transaction starts, so the header and the queue row show them in the same frame as the
 * click. The transaction then stores the change and its outbox entry; its commit is announced as
 * every commit is, with the same records. If it fails (a full disk, a closed database), or stores
 * something else than was shown, the screens go back to what the cache holds, and a failure is
 * answered as `not_saved` with the reason: nothing is queued, so nothing is sent that was not stored.
 */
export const storeShownFirst = async (
  local: LocalDb,
  book: HeldRecordBook,
  announce: (change: TicketChange) => void,
  mutation: LocalMutation,
): Promise<Result<{ queued: boolean }>> => {
  const writes = predictMutation(mutation, book.held) ?? [];
  const shown = writes.flatMap((write) => (write.entity === 'ticket' ? [write.data] : []));
  if (shown.length > 0) {
    book.show(mutation.id, shown);
    announce(changeOf(new Map(shown.map((ticket) => [ticket.id, ticket]))));
  }
  const goBack = () => {
    const back = book.settle(mutation.id);
    if (back.size > 0) announce(changeOf(back));
  };
  try {
    const result = await mutate(local, mutation);
    // Stored as shown: the commit's own announcement carried the same records.
    if (result.ok && result.value.queued) book.settle(mutation.id);
    else goBack();
    return result;
  } catch (error) {
    goBack();
    return fail('not_saved', storageReason(error));
  }
};
