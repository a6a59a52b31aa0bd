import { NEAR_BREACH_SHARE, nextDeadlineOfTimes, type Deadline, type SlaState } from '../../shared/domain/sla';
import { isProblem, linksOf } from '../../shared/domain/links';
import { tagsOf } from '../../shared/domain/tags';
import { searchHaystack } from '../../shared/domain/ticketSearch';
import { PRIORITIES, STATUSES, type Priority, type Status, type Ticket, type Tier } from '../../shared/domain/ticket';

/**
 * One ticket as the queue keeps it in memory: only what the queue shows, filters or sorts on,
 * with times as epoch milliseconds and a lower-case search haystack, computed once per change.
 * Invariant: derived from exactly one cached ticket version; rebuilt, never mutated, on change.
 */
export type QueueEntry = {
  id: string;
  code: string;
  number: number | null;
  title: string;
  requester: string;
  category: string;
  /** Normalised and sorted, as the ticket holds them. */
  tags: readonly string[];
  /** Marked as a problem (shared/domain/links.ts): the queue marks it, the link picker offers it as one. */
  isProblem: boolean;
  /** How many links the ticket holds (a problem: one per incident). */
  links: number;
  priority: Priority;
  tier: Tier;
  status: Status;
  assigneeId: string | null;
  /** Who created it: with the tickets I escalated, what I follow (shared/domain/following.ts). */
  createdBy: string;
  updatedAt: string;
  resolutionDueAt: string;
  createdMs: number;
  updatedMs: number;
  /** Stored resolution due time; a running pause pushes the effective one back (see slaOf). */
  dueMs: number;
  firstResponseDueMs: number;
  firstRespondedMs: number | null;
  /**
   * What the SLA column sorts by: the next deadline (deadlineOf) without a running pause, which
   * would make the key move with the clock and the cached order go stale; done tickets, which
   * have none, last.
   */
  nextDueMs: number;
  pendingSinceMs: number | null;
  /** When it was resolved or closed, the later of the two; null while active. */
  doneMs: number | null;
  resolvedMs: number | null;
  haystack: string;
  titleKey: string;
  requesterKey: string;
  categoryKey: string;
  priorityRank: number;
  statusRank: number;
};

const parse = (time: string | null): number | null => (time === null ? null : Date.parse(time));

export const toQueueEntry = (ticket: Ticket): QueueEntry => {
  const resolvedMs = parse(ticket.resolvedAt);
  const closedMs = parse(ticket.closedAt);
  const title = ticket.title.toLowerCase();
  const requester = ticket.requester.name.toLowerCase();
  const category = ticket.category.toLowerCase();
  const dueMs = Date.parse(ticket.resolutionDueAt);
  const firstResponseDueMs = Date.parse(ticket.firstResponseDueAt);
  const firstRespondedMs = parse(ticket.firstRespondedAt);
  const isDone = ticket.status === 'resolved' || ticket.status === 'closed';
  const tags = tagsOf(ticket);
  return {
    id: ticket.id,
    code: ticket.code,
    number: ticket.number,
    title: ticket.title,
    requester: ticket.requester.name,
    category: ticket.category,
    tags,
    isProblem: isProblem(ticket),
    links: linksOf(ticket).length,
    priority: ticket.priority,
    tier: ticket.tier,
    status: ticket.status,
    assigneeId: ticket.assigneeId,
    createdBy: ticket.createdBy,
    updatedAt: ticket.updatedAt,
    resolutionDueAt: ticket.resolutionDueAt,
    createdMs: Date.parse(ticket.createdAt),
    updatedMs: Date.parse(ticket.updatedAt),
    dueMs,
    firstResponseDueMs,
    firstRespondedMs,
    nextDueMs: isDone ? Number.MAX_SAFE_INTEGER : firstRespondedMs === null ? firstResponseDueMs : dueMs,
    pendingSinceMs: parse(ticket.pendingSince),
    doneMs: closedMs ?? resolvedMs,
    resolvedMs,
    haystack: searchHaystack(ticket),
    titleKey: title,
    requesterKey: requester,
    categoryKey: category,
    priorityRank: PRIORITIES.indexOf(ticket.priority),
    statusRank: STATUSES.indexOf(ticket.status),
  };
};

/** The ticket's next deadline as of `nowMs`, by the shared rule (nextDeadlineOfTimes): what the SLA column shows. */
export const deadlineOf = (entry: QueueEntry, nowMs: number): Deadline | null =>
  nextDeadlineOfTimes(
    {
      isDone: entry.status === 'resolved' || entry.status === 'closed',
      createdMs: entry.createdMs,
      firstRespondedMs: entry.firstRespondedMs,
      firstResponseDueMs: entry.firstResponseDueMs,
      resolutionDueMs: entry.dueMs,
      pendingSinceMs: entry.pendingSinceMs,
    },
    nowMs,
  );

/** The times slaOf reads; null where the ticket has none. */
export type SlaTimes = { isDone: boolean; dueMs: number; pendingSinceMs: number | null; createdMs: number; resolvedMs: number | null };

/** slaState of shared/domain/sla.ts on pre-parsed numbers: the same rules, no date parsing per row. */
export const slaOfTimes = ({ isDone, dueMs, pendingSinceMs, createdMs, resolvedMs }: SlaTimes, nowMs: number): SlaState => {
  const due = pendingSinceMs === null ? dueMs : dueMs + Math.max(0, nowMs - pendingSinceMs);
  if (isDone) return (resolvedMs ?? nowMs) <= due ? 'met' : 'breached';
  if (nowMs > due) return 'breached';
  if (pendingSinceMs !== null) return 'paused';
  return due - nowMs <= (due - createdMs) * NEAR_BREACH_SHARE ? 'near' : 'ok';
};

export const slaOf = (entry: QueueEntry, nowMs: number): SlaState =>
  slaOfTimes(
    {
      isDone: entry.status === 'resolved' || entry.status === 'closed',
      dueMs: entry.dueMs,
      pendingSinceMs: entry.pendingSinceMs,
      createdMs: entry.createdMs,
      resolvedMs: entry.resolvedMs,
    },
    nowMs,
  );
