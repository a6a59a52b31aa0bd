import { PRIORITIES, STATUSES, TIERS } from '../../shared/domain/ticket';
import type { SlaState } from '../../shared/domain/sla';
import type { FilterContext, QueueFilter } from './queueFilter';
import { slaOfTimes, type QueueEntry, type SlaTimes } from './queueEntry';

/*
 * The facets of every entry as small numbers in typed arrays, indexed by the entry's slot. A
 * filter change tests 100,000 rows; reading each row's object from the heap was most of that
 * (the entries are scattered, a sorted order visits them at random: a cache miss per row). Here
 * the loop reads a few bytes per row from arrays that fit in the CPU's cache.
 */

const STATUS_SHIFT = 0;
const PRIORITY_SHIFT = 8;
const TIER_SHIFT = 16;
const allBits = (count: number, shift: number) => ((1 << count) - 1) << shift;
const STATUS_ALL = allBits(STATUSES.length, STATUS_SHIFT);
const PRIORITY_ALL = allBits(PRIORITIES.length, PRIORITY_SHIFT);
const TIER_ALL = allBits(TIERS.length, TIER_SHIFT);

const statusBit = (status: QueueEntry['status']) => 1 << (STATUS_SHIFT + STATUSES.indexOf(status));
const priorityBit = (priority: QueueEntry['priority']) => 1 << (PRIORITY_SHIFT + PRIORITIES.indexOf(priority));
const tierBit = (tier: QueueEntry['tier']) => 1 << (TIER_SHIFT + TIERS.indexOf(tier));

const DONE_BITS = statusBit('resolved') | statusBit('closed');
const DAY_MS = 86_400_000;

/** Unassigned, in the assignee column. */
const NOBODY = -1;
/** A person no entry names yet: matches no assignee or creator, nor NOBODY. */
const NO_ONE_KNOWN = -2;
const CLOSED_BIT = statusBit('closed');

/** Most tickets have no tag: one shared empty list instead of one per slot. */
const NO_TAGS: readonly number[] = [];

/** A time column's value for "none" (NaN compares false with everything, as the filter wants). */
const orNaN = (time: number | null) => time ?? Number.NaN;
const orNull = (time: number | undefined) => (time === undefined || Number.isNaN(time) ? null : time);

export type QueueColumns = {
  /** Writes the facets of the entry now in `slot`. */
  set(slot: number, entry: QueueEntry): void;
  /**
   * Every test of the filter but the search as one test of a slot, the same answer as
   * compileFilter gives; null when none of them restricts. `escalatedSlots`: the slots of the
   * tickets in `context.escalatedByMe`, for `following`.
   */
  compile(filter: QueueFilter, context: FilterContext, escalatedSlots: ReadonlySet<number>): ((slot: number) => boolean) | null;
};

export const createQueueColumns = (): QueueColumns => {
  let bits = new Uint32Array(1024);
  let categories = new Int32Array(1024);
  let assignees = new Int32Array(1024);
  let creators = new Int32Array(1024);
  let times = {
    due: new Float64Array(1024),
    pendingSince: new Float64Array(1024),
    created: new Float64Array(1024),
    resolved: new Float64Array(1024),
    done: new Float64Array(1024),
  };
  // Strings to small numbers, never forgotten: a few hundred staff and categories at most.
  // Assignees and creators are both people: one numbering.
  const categoryIds = new Map<string, number>();
  const assigneeIds = new Map<string, number>();
  const tagIds = new Map<string, number>();
  /** Each slot's tags by their numbers: a plain array, since tags are few and most slots have none. */
  const tagsBySlot: Array<readonly number[]> = [];
  const idOf = (ids: Map<string, number>, key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };

  const grow = <T extends Uint32Array | Int32Array | Float64Array>(array: T, slot: number, make: (length: number) => T): T => {
    if (slot < array.length) return array;
    const larger = make(Math.max(slot + 1, array.length * 2));
    larger.set(array);
    return larger;
  };

  return {
    set: (slot, entry) => {
      bits = grow(bits, slot, (length) => new Uint32Array(length));
      categories = grow(categories, slot, (length) => new Int32Array(length));
      assignees = grow(assignees, slot, (length) => new Int32Array(length));
      creators = grow(creators, slot, (length) => new Int32Array(length));
      const float = (length: number) => new Float64Array(length);
      times = {
        due: grow(times.due, slot, float),
        pendingSince: grow(times.pendingSince, slot, float),
        created: grow(times.created, slot, float),
        resolved: grow(times.resolved, slot, float),
        done: grow(times.done, slot, float),
      };
      times.due[slot] = entry.dueMs;
      times.pendingSince[slot] = orNaN(entry.pendingSinceMs);
      times.created[slot] = entry.createdMs;
      times.resolved[slot] = orNaN(entry.resolvedMs);
      times.done[slot] = orNaN(entry.doneMs);
      bits[slot] = statusBit(entry.status) | priorityBit(entry.priority) | tierBit(entry.tier);
      categories[slot] = idOf(categoryIds, entry.categoryKey);
      assignees[slot] = entry.assigneeId === null ? NOBODY : idOf(assigneeIds, entry.assigneeId);
      creators[slot] = idOf(assigneeIds, entry.createdBy);
      tagsBySlot[slot] = entry.tags.length === 0 ? NO_TAGS : entry.tags.map((tag) => idOf(tagIds, tag));
    },
    compile: (filter, context, escalatedSlots) => {
      const statusMask = filter.statuses.length === 0 ? STATUS_ALL : filter.statuses.reduce((mask, status) => mask | statusBit(status), 0);
      const priorityMask = filter.priorities.length === 0 ? PRIORITY_ALL : filter.priorities.reduce((mask, priority) => mask | priorityBit(priority), 0);
      const tierMask = filter.tiers.length === 0 ? TIER_ALL : filter.tiers.reduce((mask, tier) => mask | tierBit(tier), 0);
      // Wanted categories and assignees by their numbers; a value no entry has yet matches nothing.
      const wantedCategories =
        filter.categories.length === 0 ? null : new Set(filter.categories.flatMap((category) => categoryIds.get(category.toLowerCase()) ?? []));
      const wantedAssignees =
        filter.assignees.length === 0
          ? null
          : new Set(
              filter.assignees.flatMap((choice) => (choice === 'unassigned' ? [NOBODY] : (assigneeIds.get(choice === 'me' ? context.meId : choice) ?? []))),
            );
      const wantedSla = filter.sla.length === 0 ? null : new Set<SlaState>(filter.sla);
      const doneSince = filter.doneWithinDays === null ? null : context.nowMs - filter.doneWithinDays * DAY_MS;
      const wantedTags = filter.tags.length === 0 ? null : new Set(filter.tags.flatMap((tag) => tagIds.get(tag) ?? []));
      const { createdIn, resolvedIn } = filter;
      const isMasked = statusMask !== STATUS_ALL || priorityMask !== PRIORITY_ALL || tierMask !== TIER_ALL;
      const isRanged = createdIn !== null || resolvedIn !== null;
      if (
        !isMasked &&
        !isRanged &&
        wantedCategories === null &&
        wantedAssignees === null &&
        wantedSla === null &&
        doneSince === null &&
        wantedTags === null &&
        !filter.following
      )
        return null;
      // As isFollowing: created or escalated by me, not assigned to me, not closed.
      const me = assigneeIds.get(context.meId) ?? NO_ONE_KNOWN;
      // Captured as constants: the arrays may be replaced by a larger copy after this filter was compiled.
      const [bitsNow, categoriesNow, assigneesNow, creatorsNow, timesNow] = [bits, categories, assignees, creators, times];
      const isFollowed = (slot: number, value: number) =>
        (value & CLOSED_BIT) === 0 && assigneesNow[slot] !== me && (creatorsNow[slot] === me || escalatedSlots.has(slot));
      const inRange = (time: number | undefined, range: { fromMs: number; toMs: number }) => time !== undefined && time >= range.fromMs && time < range.toMs;
      // One object reused for every row's SLA: no allocation per row.
      const scratch: SlaTimes = { isDone: false, dueMs: 0, pendingSinceMs: null, createdMs: 0, resolvedMs: null };
      const slaAt = (slot: number, value: number): SlaState => {
        scratch.isDone = (value & DONE_BITS) !== 0;
        scratch.dueMs = timesNow.due[slot] ?? 0;
        scratch.pendingSinceMs = orNull(timesNow.pendingSince[slot]);
        scratch.createdMs = timesNow.created[slot] ?? 0;
        scratch.resolvedMs = orNull(timesNow.resolved[slot]);
        return slaOfTimes(scratch, context.nowMs);
      };
      return (slot) => {
        const value = bitsNow[slot] ?? 0;
        return (
          (value & statusMask) !== 0 &&
          (value & priorityMask) !== 0 &&
          (value & tierMask) !== 0 &&
          (wantedCategories === null || wantedCategories.has(categoriesNow[slot] ?? NOBODY)) &&
          (wantedAssignees === null || wantedAssignees.has(assigneesNow[slot] ?? NOBODY)) &&
          (doneSince === null || (timesNow.done[slot] ?? Number.NaN) >= doneSince) &&
          (!filter.following || isFollowed(slot, value)) &&
          (createdIn === null || inRange(timesNow.created[slot], createdIn)) &&
          (resolvedIn === null || ((value & DONE_BITS) !== 0 && inRange(timesNow.resolved[slot], resolvedIn))) &&
          (wantedTags === null || (tagsBySlot[slot] ?? NO_TAGS).some((tag) => wantedTags.has(tag))) &&
          (wantedSla === null || wantedSla.has(slaAt(slot, value)))
        );
      };
    },
  };
};
