import type { Transaction } from 'kysely';
import type { Write } from '../../shared/domain/mutators';
import type { CannedReply, Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { Schema } from './schema';
import { refreshTicketFacts } from '../stats/ticketFactsTable';
import { writeTicketSearch } from '../search/ticketSearchTable';

const ms = (iso: string): number => Date.parse(iso);
const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The rows of records as `writeRecordRows` stores them; the benchmarks' bulk loader writes the same rows. */
export const ticketRow = (t: Ticket): Schema['tickets'] => ({
  id: t.id,
  number: t.number,
  code: t.code,
  title: t.title,
  description: t.description,
  requester_name: t.requester.name,
  requester_contact: t.requester.contact,
  category: t.category,
  priority: t.priority,
  channel: t.channel,
  status: t.status,
  tier: t.tier,
  assignee_id: t.assigneeId,
  resolution: t.resolution,
  created_by: t.createdBy,
  created_at: ms(t.createdAt),
  updated_at: ms(t.updatedAt),
  first_responded_at: msOrNull(t.firstRespondedAt),
  resolved_at: msOrNull(t.resolvedAt),
  closed_at: msOrNull(t.closedAt),
  reopen_count: t.reopenCount,
  call_ms: t.callMs,
  first_response_due_at: ms(t.firstResponseDueAt),
  resolution_due_at: ms(t.resolutionDueAt),
  pending_since: msOrNull(t.pendingSince),
  paused_ms: t.pausedMs,
});

export const eventRow = (e: TicketEvent): Schema['ticket_events'] => ({
  id: e.id,
  ticket_id: e.ticketId,
  type: e.type,
  actor_id: e.actorId,
  at: ms(e.at),
  data: JSON.stringify(e.data),
});

export const noteRow = (n: Note): Schema['notes'] => ({
  id: n.id,
  ticket_id: n.ticketId,
  author_id: n.authorId,
  body: n.body,
  visibility: n.visibility,
  created_at: ms(n.createdAt),
});

export const sessionRow = (s: RemoteSession): Schema['remote_sessions'] => ({
  id: s.id,
  ticket_id: s.ticketId,
  technician_id: s.technicianId,
  tool: s.tool,
  target: s.target,
  consent: s.consent ? 1 : 0,
  started_at: ms(s.startedAt),
  ended_at: msOrNull(s.endedAt),
  steps: JSON.stringify(s.steps),
  outcome: s.outcome,
  updated_at: ms(s.updatedAt),
});

const replyRow = (r: CannedReply): Schema['canned_replies'] => ({
  id: r.id,
  title: r.title,
  body: r.body,
  created_by: r.createdBy,
  created_at: ms(r.createdAt),
  updated_by: r.updatedBy,
  updated_at: ms(r.updatedAt),
});

/**
 * A ticket's tags as rows of ticket_tags. A record without `tags` (written before tags existed)
 * has none, and no rows to replace.
 */
const writeTags = async (trx: Transaction<Schema>, ticket: Ticket): Promise<void> => {
  if (ticket.tags === undefined) return;
  await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticket.id).execute();
  if (ticket.tags.length > 0)
    await trx
      .insertInto('ticket_tags')
      .values(ticket.tags.map((tag) => ({ ticket_id: ticket.id, tag })))
      .execute();
};

/**
 * A ticket's links as rows of ticket_links. A record without `links` (written before links
 * existed) has none, and no rows to replace.
 */
const writeLinks = async (trx: Transaction<Schema>, ticket: Ticket): Promise<void> => {
  if (ticket.links === undefined) return;
  await trx.deleteFrom('ticket_links').where('ticket_id', '=', ticket.id).execute();
  if (ticket.links.length > 0) {
    await trx
      .insertInto('ticket_links')
      .values(ticket.links.map((link) => ({ ticket_id: ticket.id, other_id: link.otherId, kind: link.kind })))
      .execute();
  }
};

/**
 * Writes what a rule produced into the queryable tables (statistics and lookups read these;
 * the change feed holds the same records as JSON for sync).
 */
export const writeRecords = async (trx: Transaction<Schema>, writes: Write[]): Promise<void> => {
  const touched = await writeRecordRows(trx, writes);
  // Same transaction: the statistics never see a ticket without its facts, nor search a ticket as it was.
  await refreshTicketFacts(trx, touched);
  await writeTicketSearch(
    trx,
    writes.flatMap((write) => (write.entity === 'ticket' ? [write.data] : [])),
  );
};

/**
 * The record rows alone, without the derived statistics rows; returns the tickets touched.
 * Only writeRecords should call it, and tests that build a database as an older version left it.
 */
export const writeRecordRows = async (trx: Transaction<Schema>, writes: Write[]): Promise<Set<string>> => {
  const touched = new Set<string>();
  for (const write of writes) {
    if (write.entity === 'ticket') touched.add(write.data.id);
    else if (write.entity === 'event' || write.entity === 'session') touched.add(write.data.ticketId);
    switch (write.entity) {
      case 'ticket': {
        const row = ticketRow(write.data);
        await trx
          .insertInto('tickets')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        await writeTags(trx, write.data);
        await writeLinks(trx, write.data);
        break;
      }
      case 'event': {
        const row = eventRow(write.data);
        await trx
          .insertInto('ticket_events')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        break;
      }
      case 'note': {
        const row = noteRow(write.data);
        await trx
          .insertInto('notes')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        break;
      }
      case 'session': {
        const row = sessionRow(write.data);
        await trx
          .insertInto('remote_sessions')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        break;
      }
      case 'reply': {
        if (write.data === null) {
          await trx.deleteFrom('canned_replies').where('id', '=', write.id).execute();
          break;
        }
        const row = replyRow(write.data);
        await trx
          .insertInto('canned_replies')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        break;
      }
      case 'user':
        throw new Error('Users are written through the user service, not by ticket rules.');
      default:
        write satisfies never;
    }
  }
  return touched;
};
