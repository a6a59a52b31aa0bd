import { applyMutation, mutationFollowReads, mutationReads, parseMutation } from '../domain/mutate';
import type { EntityRef, StateReader, Write } from '../domain/mutators';
import type { SlaPolicy } from '../domain/sla';
import type { LocalMutation } from './localOps';
import type { EntityMap, EntityName } from './protocol';

/**
 * Records a screen holds in memory. `undefined` means "not held here", never "does not exist":
 * the cache may well have it, so a rule that reads it cannot be worked out from memory.
 */
export type HeldRecords = <E extends EntityName>(entity: E, id: string) => EntityMap[E] | undefined;

/**
 * What a technician's change will write to the cache, worked out from records held in memory,
 * so the screen can show it before the cache's transaction commits. The same rule with the same
 * mutation id, time and state writes the same records when the change is stored (enqueueMutation),
 * so what is shown is what will be stored. null when memory cannot tell: a record the rule reads is
 * not held, the rule refuses (the stored path says why), or the change alters nothing.
 */
export const predictMutation = (mutation: LocalMutation, held: HeldRecords, slaPolicy?: SlaPolicy): Write[] | null => {
  const parsed = parseMutation(mutation.name, mutation.args);
  if (!parsed.ok) return null;
  const allHeld = (refs: EntityRef[]) => refs.every((ref) => held(ref.entity, ref.id) !== undefined);
  if (!allHeld(mutationReads(parsed.value, mutation.actorId))) return null;
  const read: StateReader = (entity, id) => held(entity, id);
  if (!allHeld(mutationFollowReads(parsed.value, read))) return null;
  const ctx = { mutationId: mutation.id, actorId: mutation.actorId, now: mutation.at, ...(slaPolicy ? { slaPolicy } : {}) };
  const result = applyMutation(parsed.value, read, ctx);
  return result.ok && result.value.length > 0 ? result.value : null;
};
