import { createHash, createHmac } from 'node:crypto';
import type { TicketEvent } from '../../shared/domain/records';
import { computeDueTimes } from '../../shared/domain/sla';
import type { Status, Ticket, Tier } from '../../shared/domain/ticket';
import { CODE_ALPHABET } from '../../shared/domain/ticketCode';

export const IMPORT_FORMATS = ['servicenow-events', 'helpdesk-events', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const isImportFormat = (value: string): value is ImportFormat => IMPORT_FORMATS.some((f) => f === value);

/** One thing the source says happened to a ticket; technicians are named as in the source. */
export type DraftStep = { at: string; line: number; status?: Status; assignee?: string | null; escalate?: boolean; resolution?: string | null };

/** A ticket as a source format describes it, before it gets Meja ids: what every format turns its rows into. */
export type ImportDraft = Pick<
  Ticket,
  | 'title'
  | 'description'
  | 'requester'
  | 'category'
  | 'priority'
  | 'channel'
  | 'status'
  | 'resolution'
  | 'createdAt'
  | 'firstRespondedAt'
  | 'resolvedAt'
  | 'closedAt'
> & {
  externalId: string;
  line: number;
  initialTier: Tier;
  /** The technician as the source names them; the writer gives each an account. */
  assignee: string | null;
  /** The source's own count (UCI's largest reopen_count); null: count the reopenings among the steps. */
  reopenCount: number | null;
  /** Whom the source credits with the resolution (resolved tickets only), to count disagreements with the statistics. */
  expectedCredit: string | null;
  madeSla: boolean | null;
  extra: Record<string, string | null>;
  steps: DraftStep[];
};

/** The records one draft becomes: ids, code and number are decided by the writer. */
export type DraftIds = { ticketId: string; code: string; number: number; actorId: string; technicianId: (name: string) => string };

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A UUID-shaped id that the same input always gives, so importing again finds the same records. */
export const stableId = (...parts: string[]): string => {
  const hex = sha256(parts.join('\n')).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/**
 * A caller code for an imported ticket, keyed with this database's secret (see importCodeKey):
 * the same source id gives the same code on this database, so two imports of one file racing
 * each other write the same code, yet without the secret nobody can compute a ticket's code
 * from its incident number. `attempt` moves on to another code if one is taken.
 */
export const derivedCode = (key: string, format: ImportFormat, externalId: string, attempt: number): string => {
  const bytes = createHmac('sha256', key).update(`code\n${format}\n${externalId}\n${attempt}`).digest();
  let out = '';
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  for (let i = 0; i < 8; i += 1) out += `${i === 4 ? '-' : ''}${CODE_ALPHABET[(bytes[i] ?? 0) % 32] ?? '0'}`;
  return out;
};

export const ticketIdOf = (format: ImportFormat, externalId: string): string => stableId('ticket', format, externalId);

// Zero-padded so that events at the same instant sort in source order (ties are broken by id).
const eventId = (ticketId: string, index: number): string => `${ticketId}:${String(index).padStart(5, '0')}`;

const ACTIVE: ReadonlySet<Status> = new Set(['new', 'open', 'pending']);
const later = (a: string, b: string | null): string => (b !== null && Date.parse(b) > Date.parse(a) ? b : a);

/**
 * Replays the steps into timeline events: `created`, then `assigned` when the technician changes,
 * `escalated`, and `status_changed` when the status changes (a reopen when a resolved or closed
 * ticket becomes active again). The statistics credit whoever these `assigned` events leave in
 * charge at the resolution instant.
 */
export const buildRecords = (format: ImportFormat, draft: ImportDraft, ids: DraftIds): { ticket: Ticket; events: TicketEvent[] } => {
  const { ticketId, actorId } = ids;
  const events: TicketEvent[] = [];
  const push = (at: string, payload: Omit<TicketEvent, 'id' | 'ticketId' | 'actorId' | 'at'>): void => {
    events.push({ id: eventId(ticketId, events.length), ticketId, type: payload.type, actorId, at, data: payload.data } as TicketEvent);
  };
  push(draft.createdAt, { type: 'created', data: { number: ids.number } });
  let status: Status = 'new';
  let assignee: string | null = null;
  let tier: Tier = draft.initialTier;
  let reopens = 0;
  let updatedAt = later(later(draft.createdAt, draft.resolvedAt), draft.closedAt);
  for (const step of draft.steps) {
    updatedAt = later(updatedAt, step.at);
    if (step.assignee !== undefined) {
      const to = step.assignee === null ? null : ids.technicianId(step.assignee);
      if (to !== assignee) push(step.at, { type: 'assigned', data: { from: assignee, to } });
      assignee = to;
    }
    if (step.escalate === true && tier < 3) {
      const toTier = (tier + 1) as Tier;
      push(step.at, { type: 'escalated', data: { fromTier: tier, toTier, reason: `Escalated in ${format}` } });
      tier = toTier;
    }
    if (step.status !== undefined && step.status !== status) {
      const isReopen = !ACTIVE.has(status) && ACTIVE.has(step.status);
      if (isReopen) reopens += 1;
      const resolution = ACTIVE.has(step.status) ? null : (step.resolution ?? null);
      push(step.at, { type: 'status_changed', data: { from: status, to: step.status, resolution, isReopen } });
      status = step.status;
    }
  }
  const ticket: Ticket = {
    id: ticketId,
    number: ids.number,
    code: ids.code,
    title: draft.title,
    description: draft.description,
    requester: draft.requester,
    category: draft.category,
    priority: draft.priority,
    channel: draft.channel,
    status: draft.status,
    tier,
    assigneeId: draft.assignee === null ? null : ids.technicianId(draft.assignee),
    resolution: draft.resolution,
    createdBy: actorId,
    createdAt: draft.createdAt,
    updatedAt,
    firstRespondedAt: draft.firstRespondedAt,
    resolvedAt: draft.resolvedAt,
    closedAt: draft.closedAt,
    reopenCount: draft.reopenCount ?? reopens,
    callMs: 0,
    // Pauses of the source are not known: due times run on the calendar clock from creation.
    ...computeDueTimes(draft.createdAt, draft.priority, 0),
    pendingSince: null,
    pausedMs: 0,
  };
  return { ticket, events };
};
