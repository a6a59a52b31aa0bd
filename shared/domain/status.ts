import { fail, ok, type Result } from '../result';
import type { Status } from './ticket';

/**
 * The ticket life cycle: new -> open -> pending <-> open -> resolved -> closed, and
 * new -> resolved for a problem fixed while the caller is still on the line (first-contact
 * resolution: one step, not "mark open" first). resolved or closed -> open is a reopen.
 * Everything else is refused. Assigning a new ticket to someone also opens it (see `ticket:assign`).
 */
const ALLOWED: Readonly<Record<Status, readonly Status[]>> = {
  new: ['open', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const allowedTransitions = (from: Status): readonly Status[] => ALLOWED[from];

export const isReopen = (from: Status, to: Status): boolean => to === 'open' && (from === 'resolved' || from === 'closed');

export type TransitionRequest = { from: Status; to: Status; resolution?: string | null | undefined };

/** Checks one status change against the life cycle; resolving needs a non-blank resolution text. */
export const checkTransition = ({ from, to, resolution }: TransitionRequest): Result<{ isReopen: boolean }> => {
  if (from === to) return fail('invalid_transition', `The ticket is already ${from}.`);
  if (!ALLOWED[from].includes(to)) {
    const options = ALLOWED[from].join(' or ');
    return fail('invalid_transition', `A ${from} ticket cannot become ${to}; it can become ${options}.`);
  }
  if (to === 'resolved' && (resolution ?? '').trim() === '') {
    return fail('resolution_required', 'Resolving a ticket needs a resolution text.');
  }
  return ok({ isReopen: isReopen(from, to) });
};
