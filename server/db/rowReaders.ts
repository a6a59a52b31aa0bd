import type { TicketEvent } from '../../shared/domain/records';
import type { Channel, Priority, Status, Ticket, Tier } from '../../shared/domain/ticket';
import type { Schema } from './schema';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** The inverse of `ticketRow` in records.ts: the stored columns read back as the domain record. */
export const ticketFromRow = (row: Schema['tickets']): Ticket => ({
  id: row.id,
  number: row.number,
  code: row.code,
  title: row.title,
  description: row.description,
  requester: { name: row.requester_name, contact: row.requester_contact },
  category: row.category,
  // The columns only ever hold values the domain validated on the way in.
  priority: row.priority as Priority,
  channel: row.channel as Channel,
  status: row.status as Status,
  tier: row.tier as Tier,
  assigneeId: row.assignee_id,
  resolution: row.resolution,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  firstRespondedAt: isoOrNull(row.first_responded_at),
  resolvedAt: isoOrNull(row.resolved_at),
  closedAt: isoOrNull(row.closed_at),
  reopenCount: row.reopen_count,
  callMs: row.call_ms,
  firstResponseDueAt: iso(row.first_response_due_at),
  resolutionDueAt: iso(row.resolution_due_at),
  pendingSince: isoOrNull(row.pending_since),
  pausedMs: row.paused_ms,
});

export const eventFromRow = (row: Schema['ticket_events']): TicketEvent =>
  ({ id: row.id, ticketId: row.ticket_id, type: row.type, actorId: row.actor_id, at: iso(row.at), data: JSON.parse(row.data) as unknown }) as TicketEvent;
