import { requesterKey } from './requester';
import { openedIn, type StatsQuery } from './selection';
import type { TicketFacts } from './ticketFacts';

/** How many requesters a training topic suggests for a class. */
export const TOP_REQUESTERS = 10;

/** A requester's tickets opened in one category in the period: how many, and the latest of them. */
export type RequesterGroup = {
  category: string;
  /** `requesterKey`: the same requester as the repeat-contact rule sees it. */
  key: string;
  tickets: number;
  /** The latest ticket's creation (epoch ms) and id, which spell the requester's name and contact. */
  lastAt: number;
  lastId: string;
};

/**
 * One suggested attendee of a class on a training topic: a requester with the most tickets opened
 * in that category in the period (and matching the filters), named and reached as on their latest
 * such ticket.
 */
export type TopRequester = { category: string; name: string; contact: string | null; tickets: number };

const later = (a: { lastAt: number; lastId: string }, b: { lastAt: number; lastId: string }): boolean =>
  a.lastAt > b.lastAt || (a.lastAt === b.lastAt && a.lastId > b.lastId);

/**
 * The `n` requesters of each category to suggest, in order: more tickets first, then the one whose
 * latest ticket is newer (ticket id on a tie), so the answer is one order on every engine. The
 * categories come in the order given.
 */
export const rankRequesters = <G extends RequesterGroup>(groups: readonly G[], categories: readonly string[], n = TOP_REQUESTERS): G[] =>
  categories.flatMap((category) =>
    groups
      .filter((g) => g.category === category)
      .sort((a, b) => b.tickets - a.tickets || (later(a, b) ? -1 : later(b, a) ? 1 : 0))
      .slice(0, n),
  );

/**
 * The reference: for each of `categories` (the training topics), its `n` requesters with the most
 * tickets opened in the period, named as on their latest one. docs/METRICS.md, "Suggested attendees".
 */
export const computeTopRequesters = (facts: Iterable<TicketFacts>, query: StatsQuery, categories: readonly string[], n = TOP_REQUESTERS): TopRequester[] => {
  const wanted = new Set(categories);
  const groups = new Map<string, RequesterGroup & { name: string; contact: string | null }>();
  for (const f of openedIn(facts, query.period, query.filters)) {
    const t = f.ticket;
    if (!wanted.has(t.category)) continue;
    const key = requesterKey(t);
    const id = JSON.stringify([t.category, key]);
    const at = Date.parse(t.createdAt);
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, { category: t.category, key, tickets: 1, lastAt: at, lastId: t.id, name: t.requester.name, contact: t.requester.contact });
      continue;
    }
    group.tickets += 1;
    if (later({ lastAt: at, lastId: t.id }, group)) Object.assign(group, { lastAt: at, lastId: t.id, name: t.requester.name, contact: t.requester.contact });
  }
  return rankRequesters([...groups.values()], categories, n).map((g) => ({ category: g.category, name: g.name, contact: g.contact, tickets: g.tickets }));
};
