import { fail, ok, type Result } from '../result';
import { LIMITS, type LinkRole, type Status, type Ticket, type TicketLink } from './ticket';

/**
 * What `ticket:link` asks for, from the first ticket's side: `related` (both ways), `duplicate`
 * (the first ticket is a duplicate of the other, its original) or `problem` (the other ticket is
 * the problem the first one is an incident of).
 */
export const LINK_KINDS = ['related', 'duplicate', 'problem'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A ticket's links: a record written before links existed has none. */
export const linksOf = (ticket: Pick<Ticket, 'links'>): readonly TicketLink[] => ticket.links ?? [];

export const isProblem = (ticket: Pick<Ticket, 'isProblem'>): boolean => ticket.isProblem === true;

/** The other ticket's id of the first link of this kind (a duplicate's original, an incident's problem), or null. */
export const linkedIdOf = (ticket: Pick<Ticket, 'links'>, kind: LinkRole): string | null => linksOf(ticket).find((link) => link.kind === kind)?.otherId ?? null;

/** The ids of every link of this kind (a problem's incidents, an original's duplicates), in the order they were made. */
export const linkedIdsOf = (ticket: Pick<Ticket, 'links'>, kind: LinkRole): string[] =>
  linksOf(ticket).flatMap((link) => (link.kind === kind ? [link.otherId] : []));

export const linkBetween = (ticket: Pick<Ticket, 'links'>, otherId: string): TicketLink | undefined => linksOf(ticket).find((link) => link.otherId === otherId);

/** The two sides of a link as each ticket stores it: what the other ticket is to it. */
export const linkRoles = (kind: LinkKind): { mine: LinkRole; theirs: LinkRole } => {
  switch (kind) {
    case 'related':
      return { mine: 'related', theirs: 'related' };
    case 'duplicate':
      return { mine: 'original', theirs: 'duplicate' };
    case 'problem':
      return { mine: 'problem', theirs: 'incident' };
  }
};

/** The role the other side holds for a link this side holds as `role`. */
export const reverseRole = (role: LinkRole): LinkRole => {
  switch (role) {
    case 'related':
      return 'related';
    case 'original':
      return 'duplicate';
    case 'duplicate':
      return 'original';
    case 'problem':
      return 'incident';
    case 'incident':
      return 'problem';
  }
};

const OPEN: readonly Status[] = ['new', 'open', 'pending'];
export const isOpenStatus = (status: Status): boolean => OPEN.includes(status);

/**
 * How a ticket is named in a refusal a person reads: its number once the server has given one,
 * else its caller code.
 */
export const ticketName = (ticket: Pick<Ticket, 'number' | 'code'>): string => (ticket.number === null ? ticket.code : `#${ticket.number}`);

/**
 * Whether `ticket` may be linked to `other` as `kind` (docs/API.md, "Links"). Each refusal has
 * its own code. A link of the same kind that already exists is fine (the rule then changes
 * nothing); any other link between the two must be removed first.
 */
export const checkLink = (ticket: Ticket, other: Ticket, kind: LinkKind): Result<{ exists: boolean }> => {
  if (ticket.id === other.id) return fail('link_to_self', 'A ticket cannot be linked to itself.');
  const { mine } = linkRoles(kind);
  const existing = linkBetween(ticket, other.id);
  if (existing !== undefined) {
    if (existing.kind === mine) return ok({ exists: true });
    return fail('already_linked', `${ticketName(ticket)} and ${ticketName(other)} are already linked (${existing.kind}); unlink them first.`, ticket);
  }
  if (linksOf(ticket).length >= LIMITS.links || linksOf(other).length >= LIMITS.links) {
    return fail('too_many_links', `A ticket holds at most ${LIMITS.links} links.`, ticket);
  }
  if (kind === 'duplicate') {
    const original = linkedIdOf(other, 'original');
    if (original !== null) return fail('duplicate_of_duplicate', `${ticketName(other)} is itself a duplicate; link to its original instead.`, other);
    const current = linkedIdOf(ticket, 'original');
    if (current !== null) return fail('already_duplicate', `${ticketName(ticket)} is already a duplicate of another ticket; unlink it first.`, ticket);
    if (linkedIdsOf(ticket, 'duplicate').length > 0)
      return fail('has_duplicates', `${ticketName(ticket)} has duplicates of its own, so it cannot be a duplicate.`, ticket);
    if (isProblem(ticket))
      return fail('problem_cannot_be_duplicate', `${ticketName(ticket)} is a problem; link its incidents to the other problem instead.`, ticket);
  }
  if (kind === 'problem') {
    if (!isProblem(other)) return fail('not_a_problem', `${ticketName(other)} is not marked as a problem; mark it as a problem first.`, other);
    if (isProblem(ticket))
      return fail('problem_cannot_be_incident', `${ticketName(ticket)} is a problem itself, so it cannot be an incident of another.`, ticket);
    const current = linkedIdOf(ticket, 'problem');
    if (current !== null) return fail('already_incident', `${ticketName(ticket)} is already an incident of another problem; unlink it first.`, ticket);
  }
  return ok({ exists: false });
};

/** Whether a ticket may be marked as a problem, or stop being one. */
export const checkMarkProblem = (ticket: Ticket, wanted: boolean): Result<{ changes: boolean }> => {
  if (isProblem(ticket) === wanted) return ok({ changes: false });
  if (wanted) {
    if (linkedIdOf(ticket, 'problem') !== null)
      return fail('incident_cannot_be_problem', `${ticketName(ticket)} is an incident of a problem; unlink it first.`, ticket);
    if (linkedIdOf(ticket, 'original') !== null)
      return fail('duplicate_cannot_be_problem', `${ticketName(ticket)} is a duplicate; mark its original as the problem instead.`, ticket);
    return ok({ changes: true });
  }
  const incidents = linkedIdsOf(ticket, 'incident').length;
  if (incidents > 0) return fail('problem_has_incidents', `${ticketName(ticket)} has ${incidents} incident(s); unlink them first.`, ticket);
  return ok({ changes: true });
};

export const withLink = (ticket: Ticket, link: TicketLink): Ticket => ({ ...ticket, links: [...linksOf(ticket), link] });

export const withoutLink = (ticket: Ticket, otherId: string): Ticket => ({ ...ticket, links: linksOf(ticket).filter((link) => link.otherId !== otherId) });
