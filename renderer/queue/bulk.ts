import { allowedTransitions } from '../../shared/domain/status';
import type { Status } from '../../shared/domain/ticket';
import type { Result } from '../../shared/result';

/** Status changes allowed for every one of `statuses` (the life cycle of shared/domain/status.ts). */
export const commonTransitions = (statuses: Iterable<Status>): Status[] => {
  let common: Status[] | null = null;
  for (const status of statuses) {
    const allowed: readonly Status[] = allowedTransitions(status);
    common = common === null ? [...allowed] : common.filter((to) => allowed.includes(to));
  }
  return common ?? [];
};

export type BulkRefusal = { id: string; code: string; message: string };
export type BulkOutcome = { applied: number; refusals: BulkRefusal[] };

/**
 * Runs one change per ticket, one after the other (each is its own local transaction and outbox
 * entry, so a refusal of one never holds back the others), and collects the refusals.
 */
export const runBulk = async <T extends { id: string; code: string }>(
  targets: readonly T[],
  change: (target: T) => Promise<Result<unknown>>,
): Promise<BulkOutcome> => {
  const refusals: BulkRefusal[] = [];
  for (const target of targets) {
    const result = await change(target);
    if (!result.ok) refusals.push({ id: target.id, code: target.code, message: result.error.message });
  }
  return { applied: targets.length - refusals.length, refusals };
};
