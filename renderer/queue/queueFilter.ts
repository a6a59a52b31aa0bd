import { isFollowing } from '../../shared/domain/following';
import { matchesWords, searchWords } from '../../shared/domain/ticketSearch';
import type { SlaState } from '../../shared/domain/sla';
import type { Priority, Status, Tier } from '../../shared/domain/ticket';
import { slaOf, type QueueEntry } from './queueEntry';

/** `me` and `unassigned` are resolved when the filter is compiled; anything else is a user id. */
export type AssigneeChoice = 'me' | 'unassigned' | (string & {});

/** A half-open span of time [fromMs, toMs), in epoch milliseconds, as the statistics count periods. */
export type TimeRange = { fromMs: number; toMs: number };

/**
 * What the queue shows. Each list is "any of these"; an empty list does not restrict.
 * Lists combine with "and", as do the words of `search`.
 */
export type QueueFilter = {
  statuses: readonly Status[];
  tiers: readonly Tier[];
  assignees: readonly AssigneeChoice[];
  priorities: readonly Priority[];
  categories: readonly string[];
  sla: readonly SlaState[];
  /** Tickets with any of these tags (normalised). */
  tags: readonly string[];
  /** Only tickets resolved or closed within this many days. */
  doneWithinDays: number | null;
  /** Only tickets I follow and that are not mine, nor closed (isFollowing). */
  following: boolean;
  /** Only tickets created in this span (the statistics' "opened in the period"). */
  createdIn: TimeRange | null;
  /** Only tickets resolved or closed now whose last resolution falls in this span (the statistics' "resolved in the period"). */
  resolvedIn: TimeRange | null;
  /**
   * Only tickets credited to any of these technicians: the assignee at the last resolution, as
   * the statistics credit it (docs/METRICS.md). Told by `FilterContext.creditedOf`.
   */
  resolvers: readonly string[];
  search: string;
};

export const EMPTY_FILTER: QueueFilter = {
  statuses: [],
  tiers: [],
  assignees: [],
  priorities: [],
  categories: [],
  sla: [],
  tags: [],
  doneWithinDays: null,
  following: false,
  createdIn: null,
  resolvedIn: null,
  resolvers: [],
  search: '',
};

/**
 * What a filter is tested against besides the entries. `escalatedByMe`: the tickets I escalated
 * (from the cache's timeline), for `following`. `creditedOf` tells a resolved entry's credited
 * technician (null: nobody), or undefined while that is not known yet (it is read from the
 * entry's timeline, see creditedResolvers.ts): such an entry matches no resolver.
 */
export type FilterContext = {
  meId: string;
  nowMs: number;
  escalatedByMe?: ReadonlySet<string>;
  creditedOf?: (entry: QueueEntry) => string | null | undefined;
};

const DAY_MS = 86_400_000;

const isIn = (ms: number | null, range: TimeRange): boolean => ms !== null && ms >= range.fromMs && ms < range.toMs;

/** Resolved or closed now, with its last resolution in the range (a reopened ticket has none). */
export const isResolvedIn = (entry: Pick<QueueEntry, 'status' | 'resolvedMs'>, range: TimeRange): boolean =>
  (entry.status === 'resolved' || entry.status === 'closed') && isIn(entry.resolvedMs, range);

/** The resolver test alone: credited to one of `resolvers`, as far as the context knows. */
export const compileResolvers = (resolvers: readonly string[], context: FilterContext): ((entry: QueueEntry) => boolean) => {
  const wanted = new Set(resolvers);
  return (entry) => {
    const credited = context.creditedOf?.(entry);
    return credited !== undefined && credited !== null && wanted.has(credited);
  };
};

/**
 * The filter as one predicate. Cheap tests come first and the search last, so most rows are
 * rejected before their haystack is scanned.
 */
export const compileFilter = (filter: QueueFilter, context: FilterContext): ((entry: QueueEntry) => boolean) => {
  const statuses = filter.statuses.length === 0 ? null : new Set(filter.statuses);
  const tiers = filter.tiers.length === 0 ? null : new Set(filter.tiers);
  const priorities = filter.priorities.length === 0 ? null : new Set(filter.priorities);
  const categories = filter.categories.length === 0 ? null : new Set(filter.categories.map((category) => category.toLowerCase()));
  const sla = filter.sla.length === 0 ? null : new Set(filter.sla);
  const wantsUnassigned = filter.assignees.includes('unassigned');
  const assignees = filter.assignees.length === 0 ? null : new Set(filter.assignees.map((choice) => (choice === 'me' ? context.meId : choice)));
  const doneSince = filter.doneWithinDays === null ? null : context.nowMs - filter.doneWithinDays * DAY_MS;
  const tags = filter.tags.length === 0 ? null : new Set(filter.tags);
  const { createdIn, resolvedIn } = filter;
  const resolvers = filter.resolvers.length === 0 ? null : compileResolvers(filter.resolvers, context);
  const words = searchWords(filter.search);
  return (entry) =>
    (statuses === null || statuses.has(entry.status)) &&
    (tiers === null || tiers.has(entry.tier)) &&
    (priorities === null || priorities.has(entry.priority)) &&
    (assignees === null || (entry.assigneeId === null ? wantsUnassigned : assignees.has(entry.assigneeId))) &&
    (categories === null || categories.has(entry.categoryKey)) &&
    (doneSince === null || (entry.doneMs !== null && entry.doneMs >= doneSince)) &&
    (sla === null || sla.has(slaOf(entry, context.nowMs))) &&
    (!filter.following || isFollowing(context.meId, entry, context.escalatedByMe?.has(entry.id) === true)) &&
    (tags === null || entry.tags.some((tag) => tags.has(tag))) &&
    (createdIn === null || isIn(entry.createdMs, createdIn)) &&
    (resolvedIn === null || isResolvedIn(entry, resolvedIn)) &&
    (resolvers === null || resolvers(entry)) &&
    matchesWords(entry.haystack, words);
};

/** Whether the filter's answer depends on the current time (SLA states, "done within"). */
export const usesClock = (filter: QueueFilter): boolean => filter.sla.length > 0 || filter.doneWithinDays !== null;
