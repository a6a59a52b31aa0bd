import { PRIORITIES, STATUSES, TIERS, type Tier } from '../../shared/domain/ticket';
import { EMPTY_FILTER, type QueueFilter, type TimeRange } from './queueFilter';

/** Active means someone still has to act: the queue's built-in views count only these. */
const ACTIVE = ['new', 'open', 'pending'] as const;

export const BUILT_IN_VIEW_IDS = ['all', 'mine', 'following', 'unassigned', 'breaching', 'pending', 'recent'] as const;
export type BuiltInViewId = (typeof BUILT_IN_VIEW_IDS)[number];

/** A named filter. Built-in views are named by the UI (translated); saved ones carry the user's name. */
export type QueueView = { id: string; name: string | null; filter: QueueFilter };

/**
 * The built-in views for a user. "Unassigned at my tier" is offered only to someone with a tier:
 * supervisors and admins have none, and the view would mean nothing for them.
 */
export const builtInViews = (myTier: Tier | null): Array<QueueView & { id: BuiltInViewId }> => [
  { id: 'all', name: null, filter: EMPTY_FILTER },
  { id: 'mine', name: null, filter: { ...EMPTY_FILTER, assignees: ['me'], statuses: ACTIVE } },
  // Handed on or left for others: created or escalated by me, someone else's or nobody's, not closed.
  { id: 'following', name: null, filter: { ...EMPTY_FILTER, following: true } },
  ...(myTier === null
    ? []
    : [{ id: 'unassigned' as const, name: null, filter: { ...EMPTY_FILTER, assignees: ['unassigned'], statuses: ACTIVE, tiers: [myTier] } }]),
  { id: 'breaching', name: null, filter: { ...EMPTY_FILTER, statuses: ACTIVE, sla: ['breached'] } },
  { id: 'pending', name: null, filter: { ...EMPTY_FILTER, statuses: ['pending'] } },
  { id: 'recent', name: null, filter: { ...EMPTY_FILTER, statuses: ['resolved', 'closed'], doneWithinDays: 7 } },
];

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((item) => b.includes(item));
const sameRange = (a: TimeRange | null, b: TimeRange | null): boolean => (a === null || b === null ? a === b : a.fromMs === b.fromMs && a.toMs === b.toMs);

/** Whether two filters select the same tickets (list order does not matter). */
export const sameFilter = (a: QueueFilter, b: QueueFilter): boolean =>
  sameList(a.statuses, b.statuses) &&
  sameList(a.tiers, b.tiers) &&
  sameList(a.assignees, b.assignees) &&
  sameList(a.priorities, b.priorities) &&
  sameList(a.categories, b.categories) &&
  sameList(a.sla, b.sla) &&
  sameList(a.tags, b.tags) &&
  sameList(a.resolvers, b.resolvers) &&
  a.doneWithinDays === b.doneWithinDays &&
  a.following === b.following &&
  sameRange(a.createdIn, b.createdIn) &&
  sameRange(a.resolvedIn, b.resolvedIn) &&
  a.search.trim() === b.search.trim();

const storageKey = (userId: string) => `meja.queue.views.${userId}`;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const oneOf = <T extends string | number>(allowed: readonly T[], value: unknown): T[] =>
  (Array.isArray(value) ? value : []).flatMap((item: unknown) => allowed.filter((candidate) => candidate === item));

const range = (value: unknown): TimeRange | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { fromMs, toMs } = value as Record<string, unknown>;
  return typeof fromMs === 'number' && typeof toMs === 'number' && fromMs < toMs ? { fromMs, toMs } : null;
};

/** A stored filter, read defensively: storage is user-editable and outlives releases (a view saved before a field existed lacks it). */
const readFilter = (value: unknown): QueueFilter => {
  if (typeof value !== 'object' || value === null) return EMPTY_FILTER;
  const raw = value as Record<string, unknown>;
  return {
    statuses: oneOf(STATUSES, raw.statuses),
    tiers: oneOf(TIERS, raw.tiers),
    assignees: strings(raw.assignees),
    priorities: oneOf(PRIORITIES, raw.priorities),
    categories: strings(raw.categories),
    sla: oneOf(['met', 'ok', 'near', 'breached', 'paused'] as const, raw.sla),
    tags: strings(raw.tags),
    doneWithinDays: typeof raw.doneWithinDays === 'number' ? raw.doneWithinDays : null,
    following: raw.following === true,
    createdIn: range(raw.createdIn),
    resolvedIn: range(raw.resolvedIn),
    resolvers: strings(raw.resolvers),
    search: typeof raw.search === 'string' ? raw.search : '',
  };
};

/** localStorage's shape, declared here because tests compile without DOM types. */
export type ViewStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** The user's own views, saved in this browser (localStorage), per user. */
export const loadSavedViews = (storage: ViewStorage, userId: string): QueueView[] => {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const raw = item as Record<string, unknown>;
      return typeof raw.id === 'string' && typeof raw.name === 'string' ? [{ id: raw.id, name: raw.name, filter: readFilter(raw.filter) }] : [];
    });
  } catch {
    return [];
  }
};

export const storeSavedViews = (storage: ViewStorage, userId: string, views: readonly QueueView[]): void => {
  storage.setItem(storageKey(userId), JSON.stringify(views));
};
