import { isFollowing } from '../../shared/domain/following';
import type { SlaState } from '../../shared/domain/sla';
import type { Priority, Status, Tier } from '../../shared/domain/ticket';
import { slaOf, type QueueEntry } from './queueEntry';

/** `me` and `unassigned` are resolved when the filter is compiled; anything else is a user id. */
export type AssigneeChoice = 'me' | 'unassigned' | (string & {});

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
  /** Only tickets resolved or closed within this many days. */
  doneWithinDays: number | null;
  /** Only tickets I follow and that are not mine, nor closed (isFollowing). */
  following: boolean;
  search: string;
};

export const EMPTY_FILTER: QueueFilter = {
  statuses: [],
  tiers: [],
  assignees: [],
  priorities: [],
  categories: [],
  sla: [],
  doneWithinDays: null,
  following: false,
  search: '',
};

/** Who is asking and when; `escalatedByMe`: the tickets I escalated (from the cache's timeline), for `following`. */
export type FilterContext = { meId: string; nowMs: number; escalatedByMe?: ReadonlySet<string> };

const DAY_MS = 86_400_000;

export const searchWords = (search: string): string[] => search.toLowerCase().split(/\s+/).filter((word) => word !== '');

/** Whether a filter restricts anything (search aside). */
export const hasFacets = (filter: QueueFilter): boolean =>
  filter.statuses.length + filter.tiers.length + filter.assignees.length + filter.priorities.length + filter.categories.length + filter.sla.length > 0 ||
  filter.doneWithinDays !== null ||
  filter.following;

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
    words.every((word) => entry.haystack.includes(word));
};

/** Whether the filter's answer depends on the current time (SLA states, "done within"). */
export const usesClock = (filter: QueueFilter): boolean => filter.sla.length > 0 || filter.doneWithinDays !== null;
