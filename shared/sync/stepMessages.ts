import { z } from 'zod';
import { feedMarkSchema, pullResponseSchema } from '../api/sync';
import { isMutationName, type MutationName } from '../domain/mutationArgs';
import type { PushOutcome } from './localOps';
import type { OutboxEntry } from './localStore';
import type { EntityMap, EntityName } from './protocol';
import type { SyncSteps } from './syncSteps';

/*
 * The messages of the desktop app's store port (shared/sync/storePort.ts): one request and one
 * answer per SyncSteps call, checked on receipt at each end. Records inside a pull page are
 * checked for their shape (entity, id, op, an object with an id), not field by field: they are
 * the server's, forwarded by the main process, and a newer server may add fields or values that
 * this console must still store (the protocol adds without a version bump).
 */

export type StepName = keyof SyncSteps;
/** Each step's arguments, as the port carries them. */
export type StepArgs = { [K in StepName]: Parameters<SyncSteps[K]> };
/** Each step's answer. */
export type StepValue = { [K in StepName]: Awaited<ReturnType<SyncSteps[K]>> };

const count = z.number().int().min(0);

const isRecordWithId = (value: unknown): boolean => typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string';

const changeOf = <E extends EntityName>(entity: E) =>
  z.discriminatedUnion('op', [
    z.object({ entity: z.literal(entity), id: z.string(), op: z.literal('put'), data: z.custom<EntityMap[E]>(isRecordWithId) }),
    z.object({ entity: z.literal(entity), id: z.string(), op: z.literal('delete'), data: z.null() }),
  ]);

const changeShape = z.discriminatedUnion('entity', [
  changeOf('ticket'),
  changeOf('event'),
  changeOf('note'),
  changeOf('session'),
  changeOf('user'),
  changeOf('reply'),
  changeOf('article'),
  changeOf('articleVersion'),
  changeOf('class'),
]);

const pageShape = z.object({ ...pullResponseSchema.shape, changes: z.array(changeShape) });

const liveShape = z.object({
  ...pageShape.shape,
  after: feedMarkSchema,
  mark: feedMarkSchema,
  positions: z.array(z.tuple([z.number(), z.number()])),
  heldSince: z.string().optional(),
});

const pushOutcome = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('acked') }),
  z.object({ id: z.string(), kind: z.literal('rejected'), error: z.object({ code: z.string(), message: z.string(), current: z.unknown().optional() }) }),
  z.object({ id: z.string(), kind: z.literal('requeue'), newId: z.string(), args: z.unknown() }),
]) satisfies z.ZodType<PushOutcome>;

const outboxEntry = z.object({
  seq: z.number().int(),
  id: z.string(),
  name: z.custom<MutationName>((value) => typeof value === 'string' && isMutationName(value)),
  args: z.unknown(),
  at: z.string(),
  actorId: z.string(),
  state: z.enum(['pending', 'acked']),
  touched: z.array(z.string()),
}) satisfies z.ZodType<OutboxEntry>;

const ids = z.array(z.string());

/** Typed per step, so a SyncSteps method missing here, or a schema that drifts from its type, fails to compile. */
const ARGS: { [K in StepName]: z.ZodType<StepArgs[K]> } = {
  lastSyncedAt: z.tuple([]),
  nextPushBatch: z.tuple([z.object({ limit: z.number().int().min(1) })]),
  settlePush: z.tuple([z.object({ outcomes: z.array(pushOutcome), now: z.string(), limit: z.number().int().min(1) })]),
  beginPull: z.tuple([]),
  applyPull: z.tuple([z.object({ page: pageShape, reset: z.boolean(), scopeUserId: z.string().optional(), caughtUp: ids.optional() })]),
  applyLive: z.tuple([z.object({ batch: liveShape, scopeUserId: z.string().optional() })]),
  finishSync: z.tuple([z.object({ acked: ids, syncedAt: z.string(), pruneFor: z.string().optional() })]),
  pendingCount: z.tuple([]),
};

const VALUES: { [K in StepName]: z.ZodType<StepValue[K]> } = {
  lastSyncedAt: z.string().nullable(),
  nextPushBatch: z.object({ clientId: z.string(), entries: z.array(outboxEntry) }),
  settlePush: z.object({ next: z.array(outboxEntry), pending: count }),
  beginPull: z.object({ cursor: z.string().nullable(), acked: ids, heldSince: z.string().nullable() }),
  applyPull: z.discriminatedUnion('applied', [z.object({ applied: z.literal(true) }), z.object({ applied: z.literal(false), catchUp: ids })]),
  applyLive: z.object({ outcome: z.enum(['applied', 'ignored', 'pull']), heldSince: z.string().nullable(), skipped: count.optional() }),
  finishSync: z.object({ pending: count, pruned: count }),
  pendingCount: count,
};

const isStepName = (value: unknown): value is StepName => typeof value === 'string' && Object.hasOwn(ARGS, value);

/** A request as sent: `args` are the step's arguments. */
export type StepRequest<K extends StepName = StepName> = { id: number; op: K; args: StepArgs[K] };

/** An answer as sent; `value` is checked against the step of the call it answers (`parseValue`). */
export type StepAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string } };

const envelope = z.object({ id: z.number().int(), op: z.custom<StepName>(isStepName), args: z.unknown() });

const answerShape = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/** A request's envelope (a numeric id and a known step), its arguments not yet checked; null for anything else. */
export const parseRequest = (data: unknown): { id: number; op: StepName; args: unknown } | null => {
  const parsed = envelope.safeParse(data);
  return parsed.success ? parsed.data : null;
};

/** A step's arguments, checked against that step. */
export const parseArgs = <K extends StepName>(op: K, args: unknown): { ok: true; value: StepArgs[K] } | { ok: false; message: string } => {
  const parsed = ARGS[op].safeParse(args);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
};

/** A step's answer value, checked against that step. */
export const parseValue = <K extends StepName>(op: K, value: unknown): { ok: true; value: StepValue[K] } | { ok: false; message: string } => {
  const parsed = VALUES[op].safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
};

/** An answer's envelope, or null for anything else. */
export const parseAnswer = (data: unknown): StepAnswer | null => {
  const parsed = answerShape.safeParse(data);
  return parsed.success ? parsed.data : null;
};
