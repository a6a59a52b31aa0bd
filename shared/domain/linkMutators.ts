import { fail, ok } from '../result';
import { checkLink, checkMarkProblem, linkBetween, linkRoles, reverseRole, withLink, withoutLink } from './links';
import type { MutationArgsMap } from './mutationArgs';
import { makeEvent, requireTicket, ticketRef, ticketWrite, type Mutator, type Write } from './mutatorKit';
import { idCounter, resolveWith } from './resolveWith';

/**
 * `ticket:link`: writes the link on both tickets with a `linked` event on each. A ticket linked
 * open as an incident of a problem already resolved (or as a duplicate of an original already
 * resolved) is resolved with it in the same change, as it would have been had it been linked
 * before (resolveWith).
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
    const events: Write[] = [
      makeEvent(ctx, a.id, 0, { type: 'linked', data: { otherId: a.otherId, kind: mine } }),
      makeEvent(ctx, a.otherId, 1, { type: 'linked', data: { otherId: a.id, kind: theirs } }),
    ];
    const dependsOnOther = a.kind === 'problem' || a.kind === 'duplicate';
    const resolved = dependsOnOther && (other.status === 'resolved' || other.status === 'closed') ? resolveWith(ticket, other, ctx, idCounter(2)) : [];
    // resolveWith writes the ticket first when it resolves it; that version replaces the linked one.
    return ok(resolved.length > 0 ? [ticketWrite(other), ...events, ...resolved] : [ticketWrite(ticket), ticketWrite(other), ...events]);
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
    return ok([ticketWrite({ ...found.value, isProblem: a.isProblem, updatedAt: ctx.now }), makeEvent(ctx, a.id, 0, { type: 'problem_marked', data: { isProblem: a.isProblem } })]);
  },
};
