import { ok } from '../result';
import { makeEvent, requireTicket, ticketRef, type Mutator } from './mutatorKit';
import type { MutationArgsMap } from './mutationArgs';

/** Marks a refused mail on the ticket's timeline (server only: the mail sender), so the desk learns the caller's address does not work. */
export const ticketMailRefused: Mutator<MutationArgsMap['ticket:mailRefused']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    return ok([makeEvent(ctx, a.id, 0, { type: 'mail_refused', data: { to: a.to, reason: a.reason } })]);
  },
};
