import { fail, ok } from '../result';
import { checkLink, checkMarkProblem, linkBetween, linkRoles, reverseRole, withLink, withoutLink } from './links';
import type { MutationArgsMap } from './mutationArgs';
import { makeEvent, requireTicket, ticketRef, ticketWrite, type Mutator } from './mutatorKit';

/**
 * `ticket:link`: writes the link on both tickets with a `linked` event on each, and nothing else.
 * A ticket linked to a problem or an original that is resolved already stays as it is: a caller
 * who calls about it again is saying it is not fixed, and must not be told it is (the technician
 * resolves it as a duplicate in one action, or reopens the problem).
 */
export const ticketLink: Mutator<MutationArgsMap['ticket:link']> = {
  reads: (a) => [ticketRef(a.id), ticketRef(a.otherId)],
  apply: (a, read, ctx) => {
    if (a.id === a.otherId) return fail('link_to_self', 'A ticket cannot be linked to itself.');
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const foundOther = requireTicket(read, a.otherId);
    if (!foundOther.ok) return fail('not_found', `No ticket with id ${a.otherId} to link to.`);
    const check = checkLink(found.value, foundOther.value, a.kind);
    if (!check.ok) return check;
    if (check.value.exists) return ok([]);
    const { mine, theirs } = linkRoles(a.kind);
    const ticket = { ...withLink(found.value, { otherId: a.otherId, kind: mine }), updatedAt: ctx.now };
    const other = { ...withLink(foundOther.value, { otherId: a.id, kind: theirs }), updatedAt: ctx.now };
    return ok([
      ticketWrite(ticket),
      ticketWrite(other),
      makeEvent(ctx, a.id, 0, { type: 'linked', data: { otherId: a.otherId, kind: mine } }),
      makeEvent(ctx, a.otherId, 1, { type: 'linked', data: { otherId: a.id, kind: theirs } }),
    ]);
  },
};

/** `ticket:unlink`: removes whatever link the two tickets have, from both, with an `unlinked` event on each. */
export const ticketUnlink: Mutator<MutationArgsMap['ticket:unlink']> = {
  reads: (a) => [ticketRef(a.id), ticketRef(a.otherId)],
  apply: (a, read, ctx) => {
    if (a.id === a.otherId) return fail('link_to_self', 'A ticket cannot be linked to itself.');
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const foundOther = requireTicket(read, a.otherId);
    if (!foundOther.ok) return foundOther;
    const link = linkBetween(found.value, a.otherId) ?? linkBetween(foundOther.value, a.id);
    // Someone else unlinked them first: nothing left to do.
    if (link === undefined) return ok([]);
    const mine = linkBetween(found.value, a.otherId)?.kind ?? reverseRole(link.kind);
    return ok([
      ticketWrite({ ...withoutLink(found.value, a.otherId), updatedAt: ctx.now }),
      ticketWrite({ ...withoutLink(foundOther.value, a.id), updatedAt: ctx.now }),
      makeEvent(ctx, a.id, 0, { type: 'unlinked', data: { otherId: a.otherId, kind: mine } }),
      makeEvent(ctx, a.otherId, 1, { type: 'unlinked', data: { otherId: a.id, kind: reverseRole(mine) } }),
    ]);
  },
};

/** `ticket:markProblem`: a problem groups incidents; it stops being one only once it has none. */
export const ticketMarkProblem: Mutator<MutationArgsMap['ticket:markProblem']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const check = checkMarkProblem(found.value, a.isProblem);
    if (!check.ok) return check;
    if (!check.value.changes) return ok([]);
    return ok([
      ticketWrite({ ...found.value, isProblem: a.isProblem, updatedAt: ctx.now }),
      makeEvent(ctx, a.id, 0, { type: 'problem_marked', data: { isProblem: a.isProblem } }),
    ]);
  },
};
