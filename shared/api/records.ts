import { z } from 'zod';
import type { EntityName } from '../sync/protocol';
import { ARTICLE_CHANGES, ARTICLE_FIELDS, ARTICLE_STATUSES, ARTICLE_VISIBILITIES } from '../knowledge/article';
import { ATTACHMENT_TYPES } from '../attachments/attachmentType';
import { ATTENDANCE } from '../training/trainingClass';
import { NOTE_VISIBILITIES, ROLES, SESSION_OUTCOMES, SESSION_TOOLS, STATUS_SOURCES } from '../domain/records';
import { CHANNELS, EDITABLE_FIELDS, LINK_ROLES, PRIORITIES, STATUSES, type Tier } from '../domain/ticket';

/**
 * The records of docs/API.md as zod schemas, for the published OpenAPI document and the tests that
 * check answers against it. The TypeScript types in shared/domain stay the source; records.test.ts
 * fails to compile when a schema and its type differ in any field.
 */

/** An ISO 8601 time with a zone, as every stored time is written. */
export const isoTime = z.string().meta({ format: 'date-time' });

export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]) satisfies z.ZodType<Tier>;

export const publicUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    tier: tierSchema.nullable().meta({ description: 'Set for technicians only.' }),
    active: z.boolean(),
  })
  .meta({ id: 'PublicUser', description: 'What every console may know about a member of staff (never the password hash).' });

const count = z.number().int().min(0);

export const ticketSchema = z
  .object({
    id: z.string(),
    number: z.number().int().nullable().meta({ description: 'Null until the server accepts the ticket.' }),
    code: z.string().meta({ description: 'The caller code, XXXX-XXXX.' }),
    title: z.string(),
    description: z.string(),
    requester: z.object({ name: z.string(), contact: z.string().nullable() }),
    category: z.string(),
    priority: z.enum(PRIORITIES),
    channel: z.enum(CHANNELS),
    status: z.enum(STATUSES),
    tier: tierSchema,
    assigneeId: z.string().nullable(),
    resolution: z.string().nullable(),
    createdBy: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime,
    firstRespondedAt: isoTime.nullable(),
    resolvedAt: isoTime.nullable(),
    closedAt: isoTime.nullable(),
    reopenCount: count,
    callMs: count,
    firstResponseDueAt: isoTime,
    resolutionDueAt: isoTime,
    pendingSince: isoTime.nullable(),
    pausedMs: count,
    tags: z.array(z.string()).optional().meta({ description: 'Normalised tags (trimmed, lower-case); absent on records written before tags existed: none.' }),
    links: z
      .array(z.object({ otherId: z.string(), kind: z.enum(LINK_ROLES).meta({ description: 'What the other ticket is to this one.' }) }))
      .optional()
      .meta({ description: 'Links to other tickets, kept on both tickets (docs/API.md, "Links"); absent: none.' }),
    isProblem: z.boolean().optional().meta({ description: 'Marked as a problem, which incidents are linked to; absent: false.' }),
    articles: z
      .array(z.string())
      .optional()
      .meta({ description: 'Ids of the knowledge-base articles linked to the ticket (ticket:linkArticle), in order; absent: none.' }),
    attachments: z
      .array(
        z.object({
          id: z.string().meta({ description: 'The id the attaching console gave it.' }),
          attachmentId: z.string().meta({ description: 'The upload, to read at GET /api/attachments/<attachmentId>.' }),
          name: z.string(),
          noteId: z.string().nullable().meta({ description: 'The note it was attached with; null: the ticket itself.' }),
          addedBy: z.string(),
          addedAt: isoTime,
          size: z.number().int().nullable().meta({ description: 'Bytes; null until the server has it (a console optimistic copy).' }),
          contentType: z.enum(ATTACHMENT_TYPES).nullable().meta({ description: 'The type found in its bytes; null until the server has it.' }),
        }),
      )
      .optional()
      .meta({ description: 'Files attached to the ticket or its notes (attachment:add), in order; absent: none.' }),
  })
  .meta({ id: 'Ticket' });

const eventBase = { id: z.string(), ticketId: z.string(), actorId: z.string(), at: isoTime };

export const ticketEventSchema = z
  .discriminatedUnion('type', [
    z.object({ ...eventBase, type: z.literal('created'), data: z.object({ number: z.number().int().nullable() }) }),
    z.object({
      ...eventBase,
      type: z.literal('status_changed'),
      data: z.object({
        from: z.enum(STATUSES),
        to: z.enum(STATUSES),
        resolution: z.string().nullable(),
        isReopen: z.boolean(),
        via: z.string().optional().meta({ description: 'The problem or original whose resolution resolved this ticket with it.' }),
        source: z
          .enum(STATUS_SOURCES)
          .optional()
          .meta({ description: '`caller`: the caller answered No on /track (a reopen); `auto-close`: the server closed it. Absent for staff changes.' }),
      }),
    }),
    z.object({ ...eventBase, type: z.literal('assigned'), data: z.object({ from: z.string().nullable(), to: z.string().nullable() }) }),
    z.object({ ...eventBase, type: z.literal('escalated'), data: z.object({ fromTier: tierSchema, toTier: tierSchema, reason: z.string() }) }),
    z.object({ ...eventBase, type: z.literal('field_edited'), data: z.object({ field: z.enum(EDITABLE_FIELDS), from: z.string(), to: z.string() }) }),
    z.object({
      ...eventBase,
      type: z.literal('note_added'),
      data: z.object({ noteId: z.string(), visibility: z.enum(NOTE_VISIBILITIES), via: z.literal('email').optional() }),
    }),
    z.object({
      ...eventBase,
      type: z.literal('session_logged'),
      data: z.object({ sessionId: z.string(), phase: z.enum(['started', 'ended']), durationMs: z.number().nullable() }),
    }),
    z.object({ ...eventBase, type: z.literal('call_logged'), data: z.object({ startedAt: isoTime, durationMs: count }) }),
    z.object({ ...eventBase, type: z.literal('tags_changed'), data: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }) }),
    z.object({ ...eventBase, type: z.literal('linked'), data: z.object({ otherId: z.string(), kind: z.enum(LINK_ROLES) }) }),
    z.object({ ...eventBase, type: z.literal('unlinked'), data: z.object({ otherId: z.string(), kind: z.enum(LINK_ROLES) }) }),
    z.object({ ...eventBase, type: z.literal('problem_marked'), data: z.object({ isProblem: z.boolean() }) }),
    z.object({ ...eventBase, type: z.literal('article_linked'), data: z.object({ articleId: z.string() }) }),
    z.object({
      ...eventBase,
      type: z.literal('attachment_added'),
      data: z.object({
        attachmentId: z.string().meta({ description: "The ticket's attachment id (`attachments[].id`)." }),
        name: z.string(),
        noteId: z.string().nullable(),
      }),
    }),
    z.object({
      ...eventBase,
      type: z.literal('caller_answered'),
      data: z
        .object({
          resolvedAt: isoTime,
          solved: z.boolean(),
          rating: z.number().int().min(1).max(5).nullable(),
          comment: z.string().nullable(),
          technicianId: z.string().nullable(),
        })
        .meta({ description: "The caller's answer on /track to the resolution of `resolvedAt` (actorId `caller`)." }),
    }),
    z.object({
      ...eventBase,
      type: z.literal('mail_refused'),
      data: z.object({ to: z.string(), reason: z.string() }).meta({
        description: "A mail to the caller at `to` was refused by their mail server or given up; `reason` is the server's answer (actorId `system`).",
      }),
    }),
  ])
  .meta({ id: 'TicketEvent', description: 'A timeline entry; immutable once written.' });

export const noteSchema = z
  .object({ id: z.string(), ticketId: z.string(), authorId: z.string(), body: z.string(), visibility: z.enum(NOTE_VISIBILITIES), createdAt: isoTime })
  .meta({ id: 'Note' });

export const remoteSessionSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    technicianId: z.string(),
    tool: z.enum(SESSION_TOOLS),
    target: z.string(),
    consent: z.boolean(),
    startedAt: isoTime,
    endedAt: isoTime.nullable(),
    steps: z.array(z.object({ at: isoTime, text: z.string() })),
    outcome: z.enum(SESSION_OUTCOMES).nullable(),
    updatedAt: isoTime,
  })
  .meta({ id: 'RemoteSession' });

export const cannedReplySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().meta({ description: 'May hold placeholders: {{caller.name}}, {{ticket.code}}, {{ticket.title}}, {{technician.name}}.' }),
    createdBy: z.string(),
    createdAt: isoTime,
    updatedBy: z.string(),
    updatedAt: isoTime,
  })
  .meta({ id: 'CannedReply', description: 'A reply text the whole desk shares; supervisors and admins write them.' });

const articleFields = {
  title: z.string(),
  body: z.string().meta({ description: 'Markdown; shown without raw HTML, with http(s) links only.' }),
  category: z.string(),
  tags: z.array(z.string()).meta({ description: "Normalised as tickets' tags, unique, sorted." }),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  status: z.enum(ARTICLE_STATUSES),
};

export const articleSchema = z
  .object({
    id: z.string(),
    ...articleFields,
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Starts at 1; one more with every accepted change. article:update names the version it was written from.' }),
    authorId: z.string(),
    createdAt: isoTime,
    updatedBy: z.string(),
    updatedAt: isoTime,
    publishedAt: isoTime.nullable(),
  })
  .meta({ id: 'Article', description: 'A knowledge-base article; every console holds every article.' });

export const articleVersionSchema = z
  .object({
    id: z.string().meta({ description: '`<articleId>:v<version>`' }),
    articleId: z.string(),
    version: z.number().int().min(1),
    actorId: z.string(),
    at: isoTime,
    change: z.enum(ARTICLE_CHANGES),
    changed: z.array(z.enum(ARTICLE_FIELDS)),
    restoredFrom: z.number().int().nullable(),
    ...articleFields,
  })
  .meta({
    id: 'ArticleVersion',
    description: "One entry of an article's history: who made the version, when, what it changed, and the fields as they were then.",
  });

export const trainingClassSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    topic: z.string().meta({ description: 'The ticket category the class teaches about.' }),
    trainerIds: z.array(z.string()).meta({ description: 'Users who teach it, without repeats.' }),
    startsAt: isoTime,
    durationMinutes: z.number().int().min(1),
    place: z.string().meta({ description: 'A room, or a link to an online meeting.' }),
    materials: z.array(z.string()).meta({ description: 'Ids of knowledge-base articles, the course material.' }),
    attendees: z.array(z.object({ name: z.string(), contact: z.string().nullable(), attendance: z.enum(ATTENDANCE) })).meta({
      description:
        'Invited requesters, no two with the same name and contact as the repeat-contact rule compares them (trimmed, ASCII-case-folded); `attendance` stays `unmarked` until marked once the class has started.',
    }),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Starts at 1; one more with every accepted change. class:update names the version it was written from.' }),
    createdBy: z.string(),
    createdAt: isoTime,
    updatedBy: z.string(),
    updatedAt: isoTime,
  })
  .meta({ id: 'TrainingClass', description: 'A training class for requesters; every console holds every class.' });

const RECORD_SCHEMAS = {
  ticket: ticketSchema,
  event: ticketEventSchema,
  note: noteSchema,
  session: remoteSessionSchema,
  user: publicUserSchema,
  reply: cannedReplySchema,
  article: articleSchema,
  articleVersion: articleVersionSchema,
  class: trainingClassSchema,
} as const;

/** Builds the put and delete entries of one entity, keeping each entity's data type. */
const changesOf = <E extends EntityName>(entity: E) =>
  [
    z.object({ entity: z.literal(entity), id: z.string(), op: z.literal('put'), data: RECORD_SCHEMAS[entity] }),
    z.object({ entity: z.literal(entity), id: z.string(), op: z.literal('delete'), data: z.null() }),
  ] as const;

export const changeSchema = z
  .union([
    ...changesOf('ticket'),
    ...changesOf('event'),
    ...changesOf('note'),
    ...changesOf('session'),
    ...changesOf('user'),
    ...changesOf('reply'),
    ...changesOf('article'),
    ...changesOf('articleVersion'),
    ...changesOf('class'),
  ])
  .meta({ id: 'Change', description: 'One entry of the change feed: the newest state of one record, or its deletion.' });
