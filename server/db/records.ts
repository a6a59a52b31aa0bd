import type { Transaction } from 'kysely';
import type { Write } from '../../shared/domain/mutators';
import type { CallerAnswer, CannedReply, Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { Article, ArticleVersion } from '../../shared/knowledge/article';
import { attendeeKey, type TrainingClass } from '../../shared/training/trainingClass';
import type { Schema } from './schema';
import { refreshTicketFacts } from '../stats/ticketFactsTable';
import { writeTicketSearch } from '../search/ticketSearchTable';
import { runAtOnce, type WriteRunner } from './writeBatch';

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

/** The row of a caller's answer, from its event. */
export const trackAnswerRow = (e: Pick<TicketEvent, 'id' | 'ticketId' | 'at'>, a: CallerAnswer): Schema['track_answers'] => ({
  ticket_id: e.ticketId,
  resolved_at: ms(a.resolvedAt),
  event_id: e.id,
  solved: a.solved ? 1 : 0,
  rating: a.rating,
  technician_id: a.technicianId,
  answered_at: ms(e.at),
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
 * What the self-help search looks for words in, lower-cased here rather than in SQL: SQLite's
 * `lower` folds ASCII letters only, so "Ü" would never match "ü" there.
 */
export const articleSearchText = (a: Pick<Article, 'title' | 'category' | 'tags' | 'body'>): string =>
  [a.title, a.category, ...a.tags, a.body].join('\n').toLowerCase();

const articleRow = (a: Article): Schema['articles'] => ({
  id: a.id,
  title: a.title,
  body: a.body,
  category: a.category,
  tags: JSON.stringify(a.tags),
  visibility: a.visibility,
  status: a.status,
  version: a.version,
  author_id: a.authorId,
  created_at: ms(a.createdAt),
  updated_by: a.updatedBy,
  updated_at: ms(a.updatedAt),
  published_at: msOrNull(a.publishedAt),
  search_text: articleSearchText(a),
});

const articleVersionRow = (v: ArticleVersion): Schema['article_versions'] => ({
  id: v.id,
  article_id: v.articleId,
  version: v.version,
  actor_id: v.actorId,
  at: ms(v.at),
  data: JSON.stringify(v),
});

const trainingClassRow = (c: TrainingClass): Schema['training_classes'] => ({
  id: c.id,
  title: c.title,
  topic: c.topic,
  trainer_ids: JSON.stringify(c.trainerIds),
  starts_at: ms(c.startsAt),
  duration_minutes: c.durationMinutes,
  place: c.place,
  materials: JSON.stringify(c.materials),
  version: c.version,
  created_by: c.createdBy,
  created_at: ms(c.createdAt),
  updated_by: c.updatedBy,
  updated_at: ms(c.updatedAt),
});

/** A class's attendee rows replace what it had: the delete and the inserts touch the same keys, so they run at once, in order. */
const writeClassAttendees = async (trx: Transaction<Schema>, c: TrainingClass): Promise<void> => {
  await trx.deleteFrom('training_class_attendees').where('class_id', '=', c.id).execute();
  if (c.attendees.length === 0) return;
  await trx
    .insertInto('training_class_attendees')
    .values(c.attendees.map((a) => ({ class_id: c.id, requester_key: attendeeKey(a), name: a.name, contact: a.contact, attendance: a.attendance })))
    .execute();
};

/**
 * The ticket's stored record before this write, when the writer read it: `known` false when it did
 * not (then its rows are replaced whatever they hold), `record` undefined when the ticket is new.
 */
export type PreviousTicket = { known: false } | { known: true; record: Ticket | undefined };

const UNKNOWN: PreviousTicket = { known: false };

/** Whether the rows of a list need no rewrite: the stored record had the same list (none when the ticket is new). */
const isUnchanged = <T>(previous: PreviousTicket, before: (ticket: Ticket) => readonly T[] | undefined, after: readonly T[]): boolean =>
  previous.known && JSON.stringify(previous.record === undefined ? [] : (before(previous.record) ?? [])) === JSON.stringify(after);

/**
 * A ticket's tags as rows of ticket_tags. A record without `tags` (written before tags existed)
 * has none, and no rows to replace; nor has a ticket whose tags did not change (most writes).
 */
const writeTags = async (trx: Transaction<Schema>, ticket: Ticket, previous: PreviousTicket): Promise<void> => {
  if (ticket.tags === undefined || isUnchanged(previous, (t) => t.tags, ticket.tags)) return;
  // A new ticket has no rows yet: every writer of ticket_tags writes the ticket's feed record in the same transaction.
  if (!previous.known || previous.record !== undefined) await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticket.id).execute();
  if (ticket.tags.length > 0)
    await trx
      .insertInto('ticket_tags')
      .values(ticket.tags.map((tag) => ({ ticket_id: ticket.id, tag })))
      .execute();
};

/**
 * A ticket's links as rows of ticket_links. A record without `links` (written before links
 * existed) has none, and no rows to replace; nor has a ticket whose links did not change.
 */
const writeLinks = async (trx: Transaction<Schema>, ticket: Ticket, previous: PreviousTicket): Promise<void> => {
  if (ticket.links === undefined || isUnchanged(previous, (t) => t.links, ticket.links)) return;
  if (!previous.known || previous.record !== undefined) await trx.deleteFrom('ticket_links').where('ticket_id', '=', ticket.id).execute();
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
  await refreshDerivedRows(trx, touched, ticketsOf(writes));
};

/** The ticket records among some writes. */
export const ticketsOf = (writes: readonly Write[]): Ticket[] => writes.flatMap((write) => (write.entity === 'ticket' ? [write.data] : []));

/**
 * The rows derived from records: the statistics facts of the touched tickets, and the search rows
 * of the tickets written (their newest records). In the writer's transaction, after every record
 * row of it: the statistics never see a ticket without its facts, nor search a ticket as it was.
 * A push group calls it once for all its mutations (server/sync/pushGroup.ts), which leaves the
 * same rows as once per mutation: both are functions of the stored records alone.
 */
export const refreshDerivedRows = async (trx: Transaction<Schema>, touched: Iterable<string>, tickets: readonly Ticket[]): Promise<void> => {
  await refreshTicketFacts(trx, touched);
  await writeTicketSearch(trx, tickets);
};

/**
 * The record rows alone, without the derived rows (refreshDerivedRows); returns the tickets touched.
 * `previous` gives the stored record of a ticket the writer read, so that unchanged tag and link
 * rows are left alone; `run` takes the statements that write one row each (a ticket's tag and link
 * rows, a delete and then inserts, are written at once). Only writeRecords, a push group, and
 * tests that build a database as an older version left it should call it.
 */
export const writeRecordRows = async (
  trx: Transaction<Schema>,
  writes: readonly Write[],
  previous: (ticketId: string) => PreviousTicket = () => UNKNOWN,
  run: WriteRunner = runAtOnce,
): Promise<Set<string>> => {
  const touched = new Set<string>();
  for (const write of writes) {
    if (write.entity === 'ticket') touched.add(write.data.id);
    else if (write.entity === 'event' || write.entity === 'session') touched.add(write.data.ticketId);
    switch (write.entity) {
      case 'ticket': {
        const row = ticketRow(write.data);
        await run(
          trx
            .insertInto('tickets')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        const before = previous(write.data.id);
        await writeTags(trx, write.data, before);
        await writeLinks(trx, write.data, before);
        break;
      }
      case 'event': {
        const row = eventRow(write.data);
        await run(
          trx
            .insertInto('ticket_events')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        // No upsert: a second answer to one resolution must fail (a unique violation, which a push group retries and then answers duplicate).
        if (write.data.type === 'caller_answered') await run(trx.insertInto('track_answers').values(trackAnswerRow(write.data, write.data.data)));
        break;
      }
      case 'note': {
        const row = noteRow(write.data);
        await run(
          trx
            .insertInto('notes')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        break;
      }
      case 'session': {
        const row = sessionRow(write.data);
        await run(
          trx
            .insertInto('remote_sessions')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        break;
      }
      case 'reply': {
        if (write.data === null) {
          await run(trx.deleteFrom('canned_replies').where('id', '=', write.id));
          break;
        }
        const row = replyRow(write.data);
        await run(
          trx
            .insertInto('canned_replies')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        break;
      }
      case 'article': {
        const row = articleRow(write.data);
        await run(
          trx
            .insertInto('articles')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        break;
      }
      case 'articleVersion': {
        const row = articleVersionRow(write.data);
        await run(
          trx
            .insertInto('article_versions')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        break;
      }
      case 'class': {
        const row = trainingClassRow(write.data);
        await run(
          trx
            .insertInto('training_classes')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet(row)),
        );
        await writeClassAttendees(trx, write.data);
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
