import type { Write } from '../../shared/domain/mutators';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import { ticketFacts } from '../../shared/stats/ticketFacts';
import type { DatabaseKind } from '../config';
import { recordChanges, type FeedRecord } from '../db/changeFeed';
import type { Db } from '../db/connect';
import { writeRecords } from '../db/records';
import { eventFromRow, ticketFromRow } from '../db/rowReaders';
import type { Schema } from '../db/schema';
import { buildRecords, derivedCode, ticketIdOf, type ImportFormat, type ImportDraft } from './draft';
import { importCodeKey } from './importCodeKey';
import { ensureImportUsers, importActorIdOf, technicianIdOf } from './importUsers';
import type { SkipNote } from './serviceNow';

export type WriteSummary = {
  created: number;
  updated: number;
  unchanged: number;
  technicians: { total: number; created: number };
  /** Resolved tickets whose credited technician (statistics' replay) differs from the one the source credits. */
  creditDisagreements: number;
  notes: SkipNote[];
};

export type WriteOptions = { batchSize?: number; onProgress?: (written: number, total: number) => void; now?: () => number };

/** JSON with keys sorted, so a record read back from the database compares equal to the same record built again. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

const technicianNames = (drafts: readonly ImportDraft[]): string[] => {
  const names = new Set<string>();
  for (const d of drafts) {
    if (d.assignee !== null) names.add(d.assignee);
    for (const s of d.steps) if (s.assignee !== undefined && s.assignee !== null) names.add(s.assignee);
  }
  return [...names].sort();
};

/** A ticket's links and problem mark, when it has them (a record without them keeps its shape). */
const deskLinks = (ticket: Pick<Ticket, 'links' | 'isProblem'>): Pick<Ticket, 'links' | 'isProblem'> => ({
  ...(ticket.links === undefined ? {} : { links: ticket.links }),
  ...(ticket.isProblem === undefined ? {} : { isProblem: ticket.isProblem }),
});

type Stored = { ticket: Ticket; events: Map<string, TicketEvent>; provenance: Schema['ticket_imports'] | undefined };

const loadStored = async (trx: Db, format: ImportFormat, drafts: readonly ImportDraft[]): Promise<Map<string, Stored>> => {
  const ids = drafts.map((d) => ticketIdOf(format, d.externalId));
  const [tickets, events, provenance, tags, links] = await Promise.all([
    trx.selectFrom('tickets').selectAll().where('id', 'in', ids).execute(),
    trx.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', ids).execute(),
    trx
      .selectFrom('ticket_imports')
      .selectAll()
      .where('source', '=', format)
      .where(
        'external_id',
        'in',
        drafts.map((d) => d.externalId),
      )
      .execute(),
    trx.selectFrom('ticket_tags').select(['ticket_id', 'tag']).where('ticket_id', 'in', ids).execute(),
    // Links and the problem mark are the desk's own too; the mark has no column, so both come from the stored record.
    trx
      .selectFrom('sync_changes')
      .select(['entity_id', 'data'])
      .where('entity', '=', 'ticket')
      .where('entity_id', 'in', ids)
      .where((eb) => eb.or([eb('data', 'like', '%"links"%'), eb('data', 'like', '%"isProblem"%')]))
      .execute(),
  ]);
  const byTicket = new Map<string, Stored>();
  for (const row of tickets) byTicket.set(row.id, { ticket: ticketFromRow(row), events: new Map(), provenance: undefined });
  // Tags are the desk's own, never the source's: a ticket keeps them through every import.
  for (const row of tags) {
    const stored = byTicket.get(row.ticket_id);
    if (stored) stored.ticket = { ...stored.ticket, tags: [...(stored.ticket.tags ?? []), row.tag].sort() };
  }
  for (const row of links) {
    const stored = byTicket.get(row.entity_id);
    if (stored === undefined || row.data === null) continue;
    const record = JSON.parse(row.data) as Pick<Ticket, 'links' | 'isProblem'>;
    stored.ticket = { ...stored.ticket, ...deskLinks(record) };
  }
  for (const row of events) byTicket.get(row.ticket_id)?.events.set(row.id, eventFromRow(row));
  for (const row of provenance) {
    const stored = byTicket.get(row.ticket_id);
    if (stored) stored.provenance = row;
  }
  return byTicket;
};

/** Next free caller codes for new tickets: the source's id when it is a valid code, else keyed from it. */
const pickCodes = async (trx: Db, key: string, format: ImportFormat, drafts: readonly ImportDraft[]): Promise<string[]> => {
  const used = new Set<string>();
  const codes: string[] = [];
  for (const d of drafts) {
    const own = format === 'csv' ? normalizeTicketCode(d.externalId) : null;
    for (let attempt = 0; ; attempt += 1) {
      const candidate = attempt === 0 && own !== null ? own : derivedCode(key, format, d.externalId, attempt);
      if (used.has(candidate)) continue;
      const taken = await trx.selectFrom('tickets').select('id').where('code', '=', candidate).executeTakeFirst();
      if (taken !== undefined && taken.id !== ticketIdOf(format, d.externalId)) continue;
      used.add(candidate);
      codes.push(candidate);
      break;
    }
  }
  return codes;
};

const nextNumbers = async (trx: Db, count: number): Promise<number> => {
  if (count === 0) return 0;
  const counter = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return counter.value - count + 1;
};

/**
 * Writes drafts as Meja tickets and timelines, a few hundred per transaction, through the same
 * writeRecords/recordChanges path as a console's push (so the statistics' facts and the consoles'
 * feed follow). Idempotent: ids come from (format, source id); a ticket whose record, events and
 * provenance equal what is stored is not written at all (no new feed positions).
 */
export const writeImport = async (
  db: Db,
  kind: DatabaseKind,
  format: ImportFormat,
  drafts: readonly ImportDraft[],
  options: WriteOptions = {},
): Promise<WriteSummary> => {
  const now = options.now ?? Date.now;
  const technicians = await ensureImportUsers(db, kind, format, technicianNames(drafts), now());
  const actorId = importActorIdOf(format);
  const key = await importCodeKey(db);
  const technicianId = (name: string) => technicianIdOf(format, name);
  const summary: WriteSummary = { created: 0, updated: 0, unchanged: 0, technicians, creditDisagreements: 0, notes: [] };
  const batchSize = options.batchSize ?? 300;
  for (let start = 0; start < drafts.length; start += batchSize) {
    const batch = drafts.slice(start, start + batchSize);
    await db.transaction().execute(async (trx) => {
      const stored = await loadStored(trx, format, batch);
      const fresh = batch.filter((d) => !stored.has(ticketIdOf(format, d.externalId)));
      const codes = await pickCodes(trx, key, format, fresh);
      let number = await nextNumbers(trx, fresh.length);
      const writes: Write[] = [];
      const deleted: FeedRecord[] = [];
      const provenance: Array<Schema['ticket_imports']> = [];
      for (const draft of batch) {
        const ticketId = ticketIdOf(format, draft.externalId);
        const old = stored.get(ticketId);
        const ids = old
          ? { ticketId, code: old.ticket.code, number: old.ticket.number ?? 0, actorId, technicianId }
          : { ticketId, code: codes[fresh.indexOf(draft)] ?? '', number: number++, actorId, technicianId };
        const built = buildRecords(format, draft, ids);
        const { events } = built;
        const ticket = {
          ...(old?.ticket.tags === undefined ? built.ticket : { ...built.ticket, tags: old.ticket.tags }),
          ...(old === undefined ? {} : deskLinks(old.ticket)),
        };
        countCredit(summary, draft, ticket, events, technicianId);
        const row: Schema['ticket_imports'] = {
          source: format,
          external_id: draft.externalId,
          ticket_id: ticketId,
          made_sla: draft.madeSla === null ? null : draft.madeSla ? 1 : 0,
          extra: stableJson(draft.extra),
          imported_at: now(),
        };
        const changedEvents = events.filter((e) => old?.events.get(e.id) === undefined || stableJson(old.events.get(e.id)) !== stableJson(e));
        const stale = old ? [...old.events.keys()].filter((id) => !events.some((e) => e.id === id)) : [];
        const sameTicket = old !== undefined && stableJson(old.ticket) === stableJson(ticket);
        const sameProvenance = old?.provenance !== undefined && old.provenance.made_sla === row.made_sla && old.provenance.extra === row.extra;
        if (sameTicket && sameProvenance && changedEvents.length === 0 && stale.length === 0) {
          summary.unchanged += 1;
          continue;
        }
        if (old) summary.updated += 1;
        else summary.created += 1;
        // The ticket is always rewritten with its timeline, so its statistics facts are recomputed.
        writes.push({ entity: 'ticket', id: ticket.id, data: ticket }, ...changedEvents.map((e): Write => ({ entity: 'event', id: e.id, data: e })));
        deleted.push(...stale.map((id): FeedRecord => ({ entity: 'event', id, data: null })));
        provenance.push(row);
      }
      if (deleted.length > 0)
        await trx
          .deleteFrom('ticket_events')
          .where(
            'id',
            'in',
            deleted.map((d) => d.id),
          )
          .execute();
      if (writes.length > 0) {
        await writeRecords(trx, writes);
        await recordChanges(trx, kind, [...writes, ...deleted]);
      }
      for (const row of provenance) {
        await trx
          .insertInto('ticket_imports')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['source', 'external_id'])
              .doUpdateSet({ ticket_id: row.ticket_id, made_sla: row.made_sla, extra: row.extra, imported_at: row.imported_at }),
          )
          .execute();
      }
    });
    options.onProgress?.(Math.min(start + batchSize, drafts.length), drafts.length);
  }
  return summary;
};

const MAX_CREDIT_NOTES = 200;

/** Compares the statistics' credited technician (replay of `assigned` up to the resolution) with the source's rule. */
const countCredit = (summary: WriteSummary, draft: ImportDraft, ticket: Ticket, events: TicketEvent[], technicianId: (name: string) => string): void => {
  const facts = ticketFacts({ tickets: [ticket], events, sessions: [], users: [] }).get(ticket.id);
  if (facts?.resolvedAt === null || facts === undefined) return;
  const expected = draft.expectedCredit === null ? null : technicianId(draft.expectedCredit);
  if (facts.creditedTo === expected) return;
  summary.creditDisagreements += 1;
  if (summary.creditDisagreements <= MAX_CREDIT_NOTES) {
    summary.notes.push({
      line: draft.line,
      reason: `ticket ${draft.externalId}: the statistics credit ${facts.creditedTo === null ? 'nobody' : 'another technician'} at the resolution time, the source credits ${draft.expectedCredit ?? 'nobody'}`,
    });
  }
};
