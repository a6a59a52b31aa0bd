import type { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { isMutationName, MUTATION_ARGS, type MutationArgsMap, type MutationName } from './mutationArgs';
import { MUTATORS, type EntityRef, type MutationContext, type StateReader, type Write } from './mutators';

export type ParsedMutation<K extends MutationName = MutationName> = { [N in K]: { name: N; args: MutationArgsMap[N] } }[K];

/** One line a person can act on, naming the field: `requester.name: must not be blank`. */
export const describeZodError = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/** Validates a mutation's name and arguments; the same check runs on the client before queueing and on the server. */
export const parseMutation = (name: string, args: unknown): Result<ParsedMutation> => {
  if (!isMutationName(name)) return fail('unknown_mutation', `Unknown mutation ${JSON.stringify(name.slice(0, 64))}.`);
  const parsed = MUTATION_ARGS[name].safeParse(args);
  if (!parsed.success) return fail('invalid_args', `Invalid ${name}: ${describeZodError(parsed.error)}`);
  // The schema for `name` produced these args, so the pair is well typed.
  return ok({ name, args: parsed.data } as ParsedMutation);
};

/** The records a mutation's rule reads, when `actorId` makes it. */
export const mutationReads = <K extends MutationName>(mutation: ParsedMutation<K>, actorId: string): EntityRef[] => {
  const { name, args } = mutation as { name: K; args: MutationArgsMap[K] };
  return MUTATORS[name].reads(args, actorId);
};

/**
 * What the rule needs beyond `mutationReads`, named by those records (a problem's incidents, on
 * the problem): read with the first records loaded; load these too before `applyMutation`.
 */
export const mutationFollowReads = <K extends MutationName>(mutation: ParsedMutation<K>, read: StateReader): EntityRef[] => {
  const { name, args } = mutation as { name: K; args: MutationArgsMap[K] };
  return MUTATORS[name].follow?.(args, read) ?? [];
};

export const applyMutation = <K extends MutationName>(mutation: ParsedMutation<K>, read: StateReader, ctx: MutationContext): Result<Write[]> => {
  const { name, args } = mutation as { name: K; args: MutationArgsMap[K] };
  return MUTATORS[name].apply(args, read, ctx);
};
