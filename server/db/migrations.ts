import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from './connect';
import type { Schema } from './schema';
import { rebuildAllTicketFacts } from '../stats/ticketFactsTable';
import { assigneeOfEvent } from './eventJson';
import { forEachStoredTicketPage } from './storedTickets';
import { createTicketSearch, fillTicketSearch, indexTicketSearch } from '../search/ticketSearchTable';

/**
 * Links made before this table existed are on the tickets' records in the change feed (the
 * records the rules wrote): copied from there once, in the migration's transaction.
 */
const copyStoredLinks = (db: Kysely<Schema>): Promise<void> =>
  forEachStoredTicketPage(db, async (rows) => {
    const links = rows.flatMap((row) => linkRows(row.entity_id, row.data));
    if (links.length > 0) await db.insertInto('ticket_links').values(links).execute();
  });

const linkRows = (ticketId: string, json: string | null): Array<Schema['ticket_links']> => {
  if (json === null || !json.includes('"links"')) return [];
  const ticket = JSON.parse(json) as { links?: Array<{ otherId: string; kind: string }> };
  return (ticket.links ?? []).map((link) => ({ ticket_id: ticketId, other_id: link.otherId, kind: link.kind }));
};

/** One set of migrations for both engines; the few differences are spelled out where they occur. */
const migrations = (kind: DatabaseKind): Record<string, Migration> => ({
  '0001_initial': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('tier', 'integer')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();
      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.unique())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text', (c) => c.notNull())
        .addColumn('requester_contact', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('assignee_id', 'text')
        .addColumn('resolution', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('first_responded_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('reopen_count', 'integer', (c) => c.notNull())
        .addColumn('call_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('first_response_due_at', 'bigint', (c) => c.notNull())
        .addColumn('resolution_due_at', 'bigint', (c) => c.notNull())
        .addColumn('pending_since', 'bigint')
        .addColumn('paused_ms', 'bigint', (c) => c.notNull())
        .execute();
      for (const column of ['status', 'assignee_id', 'tier', 'category', 'created_at', 'resolved_at', 'updated_at']) {
        await db.schema.createIndex(`tickets_${column}`).on('tickets').column(column).execute();
      }
      await db.schema
        .createTable('ticket_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'at']).execute();
      await db.schema.createIndex('ticket_events_type').on('ticket_events').columns(['type', 'at']).execute();
      await db.schema
        .createTable('notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notes_ticket').on('notes').column('ticket_id').execute();
      await db.schema
        .createTable('remote_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('technician_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('consent', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('remote_sessions_ticket').on('remote_sessions').column('ticket_id').execute();
      await db.schema
        .createTable('sync_changes')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('data', 'text')
        .addColumn('tx', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull().unique())
        .addPrimaryKeyConstraint('sync_changes_pk', ['entity', 'entity_id'])
        .execute();
      await db.schema.createIndex('sync_changes_position').on('sync_changes').columns(['tx', 'seq']).execute();
      await db.schema
        .createTable('applied_mutations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('applied_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into counters (name, value) values ('ticket_number', 0), ('sync_seq', 0)`.execute(db);
      await sql`insert into meta (key, value) values ('epoch', ${randomBytes(8).toString('hex')}), ('horizon', '0:0')`.execute(db);
      // PostgreSQL: a real sequence, so concurrent writers never wait on one another for positions.
      if (kind === 'postgres') await sql`create sequence sync_seq`.execute(db);
    },
  },
  '0002_statistics': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ticket_facts')
        .addColumn('ticket_id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('is_open', 'integer', (c) => c.notNull())
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text')
        .addColumn('credited_to', 'text')
        .addColumn('is_reopened', 'integer', (c) => c.notNull())
        .addColumn('is_escalated', 'integer', (c) => c.notNull())
        .addColumn('calls', 'integer', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull())
        .addColumn('assignees', 'integer', (c) => c.notNull())
        .addColumn('resolution_due_at', 'bigint', (c) => c.notNull())
        .addColumn('pending_since', 'bigint')
        .addColumn('requester_key', 'text', (c) => c.notNull())
        .addColumn('next_contact_at', 'bigint')
        .execute();
      // One index per way in: period on creation, period on resolution, the open backlog, and
      // "did this requester call again about the same thing" (repeat contact).
      await db.schema.createIndex('ticket_facts_created').on('ticket_facts').column('created_at').execute();
      await db.schema.createIndex('ticket_facts_resolved').on('ticket_facts').column('resolved_at').execute();
      await db.schema.createIndex('ticket_facts_open').on('ticket_facts').columns(['is_open', 'tier']).execute();
      await db.schema.createIndex('ticket_facts_requester').on('ticket_facts').columns(['requester_key', 'category', 'created_at']).execute();
      await db.schema
        .createTable('ticket_tier_stays')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('ord', 'integer', (c) => c.notNull())
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('until', 'bigint')
        .addPrimaryKeyConstraint('ticket_tier_stays_pk', ['ticket_id', 'ord'])
        .execute();
      await db.schema.createIndex('remote_sessions_ended').on('remote_sessions').column('ended_at').execute();
      // The rows themselves are built by the last statistics migration (0004), which knows every column.
    },
  },
  '0003_imports': {
    up: async (db: Kysely<unknown>) => {
      // Where an imported ticket came from: importing the same file again finds it here.
      await db.schema
        .createTable('ticket_imports')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull().unique())
        .addColumn('made_sla', 'integer')
        .addColumn('extra', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_imports_pk', ['source', 'external_id'])
        .execute();
    },
  },
  '0004_statistics_speed': {
    up: async (db: Kysely<unknown>) => {
      // Tier stays fold into per-tier columns (summed in one pass instead of a join with count distinct).
      for (const tier of [1, 2, 3]) {
        await db.schema
          .alterTable('ticket_facts')
          .addColumn(`reached_t${tier}`, 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('ticket_facts')
          .addColumn(`escalated_t${tier}`, 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('ticket_facts')
          .addColumn(`settled_ms_t${tier}`, 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('ticket_facts').addColumn(`open_since_t${tier}`, 'bigint').execute();
      }
      await db.schema.alterTable('ticket_facts').addColumn('resolution_ms', 'bigint').execute();
      await db.schema.alterTable('ticket_facts').addColumn('first_contact_ms', 'bigint').execute();
      await db.schema.dropTable('ticket_tier_stays').execute();
      if (kind === 'sqlite') {
        // SQLite reads nearest-rank percentiles as the k-th resolution time in order from one of
        // these (no sort): overall, per priority and per credited technician. The period and the
        // tier and category filters ride along, so the walk never looks up the table; the
        // per-technician one also carries what the technicians table counts, so that whole pass
        // reads only this index, already in technician order. PostgreSQL sorts instead
        // (percentile_disc) and does not need them.
        const along = ['resolution_ms', 'resolved_at', 'tier', 'category'];
        await db.schema.createIndex('ticket_facts_resolution').on('ticket_facts').columns(along).execute();
        await db.schema
          .createIndex('ticket_facts_resolution_priority')
          .on('ticket_facts')
          .columns(['priority', ...along])
          .execute();
        await db.schema
          .createIndex('ticket_facts_resolution_credited')
          .on('ticket_facts')
          .columns(['credited_to', ...along, 'is_reopened', 'next_contact_at'])
          .execute();
      }
      await rebuildAllTicketFacts(db as Kysely<Schema>);
    },
  },
  '0005_audit_log': {
    up: async (db: Kysely<unknown>) => {
      // A growing integer id orders the entries and pages through them (`before`), also between
      // entries of the same millisecond. SQLite: AUTOINCREMENT so an id is never reused.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
  },
  '0006_import_code_key': {
    up: async (db: Kysely<unknown>) => {
      // Keys imported tickets' caller codes (server/import/importCodeKey.ts). Made here, once per
      // database under the migrator's lock, so every instance shares it. Tickets imported before
      // keep the codes they have: a caller may already hold one.
      await sql`insert into meta (key, value) values ('import_code_key', ${randomBytes(32).toString('hex')})`.execute(db);
    },
  },
  '0007_ticket_tags': {
    up: async (db: Kysely<unknown>) => {
      // Tickets' tags, one row each, written with the ticket (writeRecordRows). The key serves
      // the statistics' "has this tag" test per ticket; the index, every ticket with a tag.
      await db.schema
        .createTable('ticket_tags')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
        .execute();
      await db.schema.createIndex('ticket_tags_tag').on('ticket_tags').columns(['tag', 'ticket_id']).execute();
    },
  },
  '0008_ticket_links': {
    up: async (db: Kysely<unknown>) => {
      // Tickets' links, one row each, written with the ticket (writeRecordRows). The key serves the
      // statistics' join from an incident to its problem; the index, a problem's incidents.
      await db.schema
        .createTable('ticket_links')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('other_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'other_id'])
        .execute();
      await db.schema.createIndex('ticket_links_other').on('ticket_links').columns(['other_id', 'kind']).execute();
      await copyStoredLinks(db as Kysely<Schema>);
    },
  },
  '0009_canned_replies': {
    up: async (db: Kysely<unknown>) => {
      // The desk's shared reply texts (reply:save, reply:delete); a deleted one leaves no row.
      await db.schema
        .createTable('canned_replies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0010_working_set': {
    up: async (db: Kysely<unknown>) => {
      // A user's working set (server/sync/workingSet.ts) reads each of its parts through one of
      // these, so it costs what the part holds, not a scan of a desk's million tickets or their
      // events: tickets ended lately by closed_at (resolved_at and updated_at have indexes), and the
      // user's involvements by user and time. The two on ticket_events are partial: only
      // assignments and escalations pay for them on write, not every other event.
      await db.schema.createIndex('tickets_closed_at').on('tickets').column('closed_at').execute();
      await db.schema.createIndex('tickets_creator').on('tickets').columns(['created_by', 'created_at']).execute();
      await db.schema.createIndex('notes_author').on('notes').columns(['author_id', 'created_at']).execute();
      await db.schema.createIndex('remote_sessions_technician').on('remote_sessions').columns(['technician_id', 'updated_at']).execute();
      await sql`create index ticket_events_escalator on ticket_events (actor_id, at) where type = 'escalated'`.execute(db);
      // The assignee is inside the event's JSON: the index is on the expression the query spells (assigneeOfEvent).
      await sql`create index ticket_events_assignee on ticket_events (${assigneeOfEvent(kind)}, at) where type = 'assigned'`.execute(db);
    },
  },
  '0011_ticket_search': {
    up: async (db: Kysely<unknown>) => {
      // Search over the whole desk on the server (GET /api/tickets?q=): every ticket's haystack, indexed by trigrams.
      await createTicketSearch(db, kind);
      await fillTicketSearch(db as Kysely<Schema>);
      await indexTicketSearch(db, kind);
    },
  },
  '0012_ticket_opens': {
    up: async (db: Kysely<unknown>) => {
      // Tickets each user opened on demand (GET /api/tickets/<ref>), their latest opening only:
      // the `opened` part of the working set (server/sync/ticketOpens.ts). The index serves a
      // user's openings newest first, for the working set and for trimming on each write.
      await db.schema
        .createTable('ticket_opens')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_opens_pk', ['user_id', 'ticket_id'])
        .execute();
      await db.schema.createIndex('ticket_opens_user_time').on('ticket_opens').columns(['user_id', 'opened_at']).execute();
    },
  },
  '0013_feed_ticket': {
    up: async (db: Kysely<unknown>) => {
      // The ticket each feed row belongs to (the ticket itself, or the ticket of an event, note or
      // remote session; null for users, replies and deletions), so a scoped pull filters the feed
      // by the user's working set in SQL and a catch-up reads one ticket's records through an index.
      await db.schema.alterTable('sync_changes').addColumn('ticket_id', 'text').execute();
      const ticketOfData = kind === 'postgres' ? sql`data::json->>'ticketId'` : sql`json_extract(data, '$.ticketId')`;
      await sql`update sync_changes set ticket_id = case
        when op <> 'put' then null
        when entity = 'ticket' then entity_id
        when entity in ('event', 'note', 'session') then ${ticketOfData}
        else null end`.execute(db);
      await db.schema.createIndex('sync_changes_ticket').on('sync_changes').column('ticket_id').execute();
    },
  },
  '0014_articles': {
    up: async (db: Kysely<unknown>) => {
      // The knowledge base (article:create, article:update, article:publish) and every version of
      // each article. The articles' index serves the self-help routes, which read published public
      // ones only, searching `search_text` (articleSearchText); an article's history is read by
      // (article_id, version).
      await db.schema
        .createTable('articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('published_at', 'bigint')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('articles_shown').on('articles').columns(['status', 'visibility', 'updated_at']).execute();
      await db.schema
        .createTable('article_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('article_versions_article').on('article_versions').columns(['article_id', 'version']).unique().execute();
    },
  },
  '0015_help_feedback': {
    up: async (db: Kysely<unknown>) => {
      // The answers to "Did this solve your problem?" under public articles on /help: one row per
      // answer, no client address or other trace of who gave it. Counted by period
      // (countSelfHelpAnswers), so indexed by time.
      await db.schema
        .createTable('help_feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('solved', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('help_feedback_at').on('help_feedback').column('at').execute();
    },
  },
  '0016_track_answers': {
    up: async (db: Kysely<unknown>) => {
      // The callers' answers on /track, written with their `caller_answered` event (server/db/records.ts).
      // The key is the resolution answered: a second answer to it fails in the database too, even
      // from another instance; the statistics read answers by time and by technician.
      await db.schema
        .createTable('track_answers')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('solved', 'integer', (c) => c.notNull())
        .addColumn('rating', 'integer')
        .addColumn('technician_id', 'text')
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('track_answers_pk', ['ticket_id', 'resolved_at'])
        .execute();
      await db.schema.createIndex('track_answers_resolved').on('track_answers').columns(['resolved_at', 'technician_id']).execute();
    },
  },
  '0017_training_classes': {
    up: async (db: Kysely<unknown>) => {
      // Training classes (class:create, class:update, class:markAttendance) and their invited
      // requesters, one row each, keyed as the statistics key requesters (ticket_facts.requester_key),
      // so a class's attendees join their tickets; classes are found by topic and start.
      await db.schema
        .createTable('training_classes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('trainer_ids', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('materials', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('training_classes_topic').on('training_classes').columns(['topic', 'starts_at']).execute();
      await db.schema
        .createTable('training_class_attendees')
        .addColumn('class_id', 'text', (c) => c.notNull())
        .addColumn('requester_key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('attendance', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('training_class_attendees_pk', ['class_id', 'requester_key'])
        .execute();
      await db.schema.createIndex('training_class_attendees_requester').on('training_class_attendees').columns(['requester_key', 'class_id']).execute();
    },
  },
  '0018_attachments': {
    up: async (db: Kysely<unknown>) => {
      // Files received at POST /api/attachments; the bytes live in the file store (MEJA_FILES_DIR)
      // under their SHA-256. A ticket's attachments are read by ticket_id.
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .addColumn('note_id', 'text')
        .execute();
      await db.schema.createIndex('attachments_ticket').on('attachments').column('ticket_id').execute();
    },
  },
});

/** Every migration this version knows, in order; a database that lists another was made by a newer Meja. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations('sqlite')).sort();

const provider = (kind: DatabaseKind): MigrationProvider => ({ getMigrations: async () => migrations(kind) });

/** Migrates up to and including the named migration (tests of an upgrade from an older schema). */
export const migrateUpTo = async (db: Db, kind: DatabaseKind, name: string): Promise<void> => {
  const { error, results } = await new Migrator({ db, provider: provider(kind) }).migrateTo(name);
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
};

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (a table lock on PostgreSQL), so
 * several instances starting at once run each migration once.
 */
export const migrateToLatest = async (db: Db, kind: DatabaseKind): Promise<void> => {
  const migrator = new Migrator({ db, provider: provider(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
};
