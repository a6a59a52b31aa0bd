import { z } from 'zod';
import { ATTACHMENT_ID_PATTERN, PENDING_UPLOAD } from '../attachments/pendingUpload';
import { ARTICLE_LIMITS, ARTICLE_VISIBILITIES } from '../knowledge/article';
import { ATTENDANCE, CLASS_LIMITS } from '../training/trainingClass';
import { LINK_KINDS } from './links';
import { NOTE_VISIBILITIES, SESSION_OUTCOMES, SESSION_TOOLS } from './records';
import { normalizeTag, tagProblem, TAG_LIMITS, TAG_PROBLEM_TEXT } from './tags';
import { CHANNELS, LIMITS, PRIORITIES, STATUSES } from './ticket';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'ids are letters, digits and _ : . -');
// PostgreSQL text cannot hold NUL, and no person types one: refuse it here, where clients see it too.
const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
const required = (max: number) => text(max).refine((s) => s.trim() !== '', 'must not be blank');
const isoTime = z.iso.datetime({ offset: true });

export const ticketCreateArgs = z.strictObject({
  id,
  code: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'a code is XXXX-XXXX in Crockford base32'),
  title: required(LIMITS.title),
  description: text(LIMITS.description),
  requester: z.strictObject({
    name: required(LIMITS.name),
    contact: text(LIMITS.contact).nullish(),
  }),
  category: required(LIMITS.category),
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS),
  /** Whose it is from the start (the technician who answered the call): it is then created open. */
  assigneeId: id.nullish(),
});

export const ticketUpdateArgs = z
  .strictObject({
    id,
    title: required(LIMITS.title).optional(),
    description: text(LIMITS.description).optional(),
    category: required(LIMITS.category).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .refine(
    (a) => a.title !== undefined || a.description !== undefined || a.category !== undefined || a.priority !== undefined,
    'change at least one of title, description, category, priority',
  );

export const ticketAssignArgs = z.strictObject({
  id,
  assigneeId: id.nullable(),
  /** "Take next": only if nobody has taken it meanwhile (else a conflict, not a silent takeover). */
  ifUnassigned: z.boolean().optional(),
});

export const ticketTransitionArgs = z.strictObject({
  id,
  from: z.enum(STATUSES),
  to: z.enum(STATUSES),
  resolution: text(LIMITS.resolution).nullish(),
});

export const ticketEscalateArgs = z.strictObject({
  id,
  toTier: z.number().int(),
  reason: text(LIMITS.reason),
});

export const noteAddArgs = z.strictObject({
  id,
  ticketId: id,
  body: required(LIMITS.noteBody),
  visibility: z.enum(NOTE_VISIBILITIES),
});

/**
 * `id` is the console's own for this attachment (its waiting file is kept under it); `attachmentId`
 * the upload's (POST /api/attachments), which must be the pusher's and attached nowhere yet: the
 * server checks. A console offline names `pending` until its engine has uploaded the file.
 */
export const attachmentAddArgs = z.strictObject({
  id,
  attachmentId: z.union([z.literal(PENDING_UPLOAD), z.string().regex(ATTACHMENT_ID_PATTERN, 'an attachment id is the one POST /api/attachments answered')]),
  ticketId: id,
  noteId: id.optional(),
  name: required(LIMITS.fileName),
});

export const sessionSaveArgs = z.strictObject({
  id,
  ticketId: id,
  tool: z.enum(SESSION_TOOLS),
  target: text(LIMITS.target),
  startedAt: isoTime,
  endedAt: isoTime.nullish(),
  consent: z.boolean(),
  steps: z.array(z.strictObject({ at: isoTime, text: required(LIMITS.stepText) })).max(LIMITS.steps),
  outcome: z.enum(SESSION_OUTCOMES).nullish(),
});

export const callLogArgs = z
  .strictObject({ ticketId: id, startedAt: isoTime, endedAt: isoTime })
  .refine((a) => Date.parse(a.endedAt) >= Date.parse(a.startedAt), { message: 'a call cannot end before it starts', path: ['endedAt'] })
  .refine((a) => Date.parse(a.endedAt) - Date.parse(a.startedAt) <= 24 * 3_600_000, { message: 'a call lasts at most 24 hours', path: ['endedAt'] });

// A tag as typed; checked as it will be stored (normalizeTag), so "  VPN " is fine and "a,b" is not.
const tag = z
  .string()
  .max(TAG_LIMITS.length * 2, `at most ${TAG_LIMITS.length} characters`)
  .superRefine((raw, context) => {
    const problem = tagProblem(normalizeTag(raw));
    if (problem !== null) context.addIssue({ code: 'custom', message: TAG_PROBLEM_TEXT[problem] });
  });
const tagList = z.array(tag).max(TAG_LIMITS.count, `at most ${TAG_LIMITS.count} tags at once`);

/** Adds and removes tags as sets, so concurrent changes by several technicians merge (changeTags). */
export const ticketTagArgs = z
  .strictObject({ id, add: tagList.optional(), remove: tagList.optional() })
  .refine((a) => (a.add?.length ?? 0) + (a.remove?.length ?? 0) > 0, 'add or remove at least one tag');

/** Creates a canned reply, or replaces its title and body (supervisors and admins only). */
export const replySaveArgs = z.strictObject({
  id,
  title: required(LIMITS.replyTitle),
  body: required(LIMITS.replyBody),
});

export const replyDeleteArgs = z.strictObject({ id });

/**
 * Links two tickets (docs/API.md, "Links"): `kind` says what the first is to the other: `related`,
 * a `duplicate` of it (its original), or an incident of it as its `problem`.
 */
export const ticketLinkArgs = z.strictObject({ id, otherId: id, kind: z.enum(LINK_KINDS) });

/** Removes whatever link the two tickets have. */
export const ticketUnlinkArgs = z.strictObject({ id, otherId: id });

/** Marks a ticket as a problem, which incidents can be linked to, or stops it being one. */
export const ticketMarkProblemArgs = z.strictObject({ id, isProblem: z.boolean() });

const articleTagList = z.array(tag).max(ARTICLE_LIMITS.tags, `at most ${ARTICLE_LIMITS.tags} tags`);

/** A new article, always a draft (shared/knowledge/articleMutators.ts); the client gives its id. */
export const articleCreateArgs = z.strictObject({
  id,
  title: required(ARTICLE_LIMITS.title),
  body: text(ARTICLE_LIMITS.body),
  category: required(ARTICLE_LIMITS.category),
  tags: articleTagList,
  visibility: z.enum(ARTICLE_VISIBILITIES),
});

/**
 * Changes some of an article's fields. `baseVersion` is the version the writer saw: if the article
 * has moved on since, the change is refused as a conflict with the current article, never merged
 * over someone else's words. `restoredFrom`: the earlier version these fields put back (restoreArgs).
 */
export const articleUpdateArgs = z
  .strictObject({
    id,
    baseVersion: z.number().int().min(1),
    title: required(ARTICLE_LIMITS.title).optional(),
    body: text(ARTICLE_LIMITS.body).optional(),
    category: required(ARTICLE_LIMITS.category).optional(),
    tags: articleTagList.optional(),
    visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
    restoredFrom: z.number().int().min(1).optional(),
  })
  .refine(
    (a) => a.title !== undefined || a.body !== undefined || a.category !== undefined || a.tags !== undefined || a.visibility !== undefined,
    'change at least one of title, body, category, tags, visibility',
  );

export const articlePublishArgs = z.strictObject({ id });

/** Records that an article solved a ticket: an event on the ticket's timeline. */
export const ticketLinkArticleArgs = z.strictObject({ ticketId: id, articleId: id });

const classAttendee = z.strictObject({ name: required(CLASS_LIMITS.name), contact: text(CLASS_LIMITS.contact).nullish() });
const classFields = {
  title: required(CLASS_LIMITS.title),
  topic: required(CLASS_LIMITS.topic),
  trainerIds: z.array(id).min(1, 'at least one trainer').max(CLASS_LIMITS.trainers, `at most ${CLASS_LIMITS.trainers} trainers`),
  startsAt: isoTime,
  durationMinutes: z.number().int().min(1).max(CLASS_LIMITS.durationMinutes, `at most ${CLASS_LIMITS.durationMinutes} minutes`),
  place: required(CLASS_LIMITS.place),
  materials: z.array(id).max(CLASS_LIMITS.materials, `at most ${CLASS_LIMITS.materials} articles`),
  attendees: z.array(classAttendee).max(CLASS_LIMITS.attendees, `at most ${CLASS_LIMITS.attendees} attendees`),
};

/** A new training class at version 1 (shared/training/classMutators.ts); the client gives its id. Attendees start unmarked. */
export const classCreateArgs = z.strictObject({ id, ...classFields });

/**
 * Changes some of a class's fields. `baseVersion` is the version the writer saw: if the class has
 * moved on since, the change is refused as a conflict with the current class, as article:update is.
 */
export const classUpdateArgs = z
  .strictObject({
    id,
    baseVersion: z.number().int().min(1),
    title: classFields.title.optional(),
    topic: classFields.topic.optional(),
    trainerIds: classFields.trainerIds.optional(),
    startsAt: classFields.startsAt.optional(),
    durationMinutes: classFields.durationMinutes.optional(),
    place: classFields.place.optional(),
    materials: classFields.materials.optional(),
    attendees: classFields.attendees.optional(),
  })
  .refine(
    (a) => Object.keys(a).some((key) => key !== 'id' && key !== 'baseVersion'),
    'change at least one of title, topic, trainerIds, startsAt, durationMinutes, place, materials, attendees',
  );

/**
 * Marks whether invited requesters came, once the class has started. Each mark names an attendee by
 * name and contact (matched as the repeat-contact rule matches requesters); marks for different
 * attendees made on different consoles are all kept, so it names no base version.
 */
export const classMarkAttendanceArgs = z.strictObject({
  id,
  marks: z
    .array(z.strictObject({ ...classAttendee.shape, attendance: z.enum(ATTENDANCE) }))
    .min(1, 'at least one mark')
    .max(CLASS_LIMITS.attendees),
});
/** What a caller may say about one resolution (shared/domain/callerWord.ts); a rating goes with a Yes only, and a No needs the caller's words. */
export const ticketCallerAnswerArgs = z
  .strictObject({
    id,
    /** The resolution answered: the ticket's `resolvedAt` when the caller read it. */
    resolvedAt: isoTime,
    solved: z.boolean(),
    rating: z.number().int().min(1).max(5).nullish(),
    comment: text(LIMITS.callerComment).nullish(),
    /** A Yes closes the ticket at once (MEJA_CLOSE_ON_CONFIRM). */
    closeOnConfirm: z.boolean().optional(),
  })
  .refine((a) => a.solved || (a.comment ?? '').trim() !== '', { message: "a No needs the caller's words", path: ['comment'] })
  .refine((a) => a.solved || a.rating === undefined || a.rating === null, { message: 'a rating goes with a Yes only', path: ['rating'] });

/** Closes a resolved ticket nobody reopened within MEJA_AUTO_CLOSE_DAYS, or one its caller confirmed. */
export const ticketAutoCloseArgs = z.strictObject({ id, resolvedAt: isoTime });

/** A caller's mail server refused a mail about this ticket (server only: the mail sender, server/mail/mailSender.ts). */
export const ticketMailRefusedArgs = z.strictObject({ id, to: required(LIMITS.contact), reason: required(LIMITS.reason) });
/**
 * A caller's mail about their ticket (server only: the inbound mail listener): a public note from
 * the caller, which reopens a resolved ticket. `noteId` derives from the mail's Message-ID, so the
 * same mail delivered twice makes one note.
 */
export const ticketCallerMailArgs = z.strictObject({ id, noteId: id, body: required(LIMITS.noteBody) });

export const MUTATION_ARGS = {
  'ticket:create': ticketCreateArgs,
  'ticket:update': ticketUpdateArgs,
  'ticket:assign': ticketAssignArgs,
  'ticket:transition': ticketTransitionArgs,
  'ticket:escalate': ticketEscalateArgs,
  'ticket:tag': ticketTagArgs,
  'ticket:link': ticketLinkArgs,
  'ticket:unlink': ticketUnlinkArgs,
  'ticket:markProblem': ticketMarkProblemArgs,
  'note:add': noteAddArgs,
  'attachment:add': attachmentAddArgs,
  'session:save': sessionSaveArgs,
  'call:log': callLogArgs,
  'reply:save': replySaveArgs,
  'reply:delete': replyDeleteArgs,
  'article:create': articleCreateArgs,
  'article:update': articleUpdateArgs,
  'article:publish': articlePublishArgs,
  'ticket:linkArticle': ticketLinkArticleArgs,
  'class:create': classCreateArgs,
  'class:update': classUpdateArgs,
  'class:markAttendance': classMarkAttendanceArgs,
  'ticket:callerAnswer': ticketCallerAnswerArgs,
  'ticket:autoClose': ticketAutoCloseArgs,
  'ticket:mailRefused': ticketMailRefusedArgs,
  'ticket:callerMail': ticketCallerMailArgs,
} as const;

export type MutationArgsMap = { [K in keyof typeof MUTATION_ARGS]: z.infer<(typeof MUTATION_ARGS)[K]> };
export type MutationName = keyof MutationArgsMap;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

export const isMutationName = (name: string): name is MutationName => Object.hasOwn(MUTATION_ARGS, name);

/**
 * Mutations only the server makes on its own account (a caller's answer on /track, the automatic
 * close, a refused mail, a caller's mail): a push from a console naming one is refused, whoever signed in.
 */
export const SERVER_ONLY_MUTATIONS: readonly MutationName[] = ['ticket:callerAnswer', 'ticket:autoClose', 'ticket:mailRefused', 'ticket:callerMail'];

export const isServerOnlyMutation = (name: string): boolean => SERVER_ONLY_MUTATIONS.some((known) => known === name);
