import type { PublicUser } from '../../shared/domain/records';
import { slaState, type SlaState } from '../../shared/domain/sla';
import type { Priority, Status, Ticket, Tier } from '../../shared/domain/ticket';
import { userName } from './format';

/** One line of the queue, everything already resolved to what is shown. */
export type QueueRow = {
  id: string;
  code: string;
  number: number | null;
  title: string;
  requester: string;
  category: string;
  priority: Priority;
  tier: Tier;
  status: Status;
  assignee: string | null;
  sla: SlaState;
  updatedAt: string;
};

/** Queue rows, most recently updated first (ties by code, so the order is stable). */
export const toQueueRows = (tickets: readonly Ticket[], users: ReadonlyMap<string, PublicUser>, now: string): QueueRow[] =>
  tickets
    .map((ticket) => ({
      id: ticket.id,
      code: ticket.code,
      number: ticket.number,
      title: ticket.title,
      requester: ticket.requester.name,
      category: ticket.category,
      priority: ticket.priority,
      tier: ticket.tier,
      status: ticket.status,
      assignee: userName(users, ticket.assigneeId),
      sla: slaState(ticket, now),
      updatedAt: ticket.updatedAt,
    }))
    .sort((a, b) => (a.updatedAt === b.updatedAt ? a.code.localeCompare(b.code) : a.updatedAt < b.updatedAt ? 1 : -1));

const searchText = (row: QueueRow): string =>
  [row.code, row.number === null ? '' : `#${row.number} ${row.number}`, row.title, row.requester, row.category, row.priority, row.status, `tier ${row.tier}`, row.assignee ?? '']
    .join('\n')
    .toLowerCase();

/** Rows matching every word of `filter` somewhere (code, number, title, requester, category, …). */
export const filterQueueRows = (rows: readonly QueueRow[], filter: string): readonly QueueRow[] => {
  const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = searchText(row);
    return words.every((word) => text.includes(word));
  });
};
