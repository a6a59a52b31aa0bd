import { fail, ok, type Result } from '../result';
import { LIMITS, type Tier } from './ticket';

/** Escalation only goes up (1 -> 2 or 3, 2 -> 3) and always says why. */
export const checkEscalation = (current: Tier, toTier: number, reason: string): Result<{ toTier: Tier }> => {
  if (toTier !== 2 && toTier !== 3) {
    return fail('invalid_escalation', 'A ticket can be escalated to tier 2 or 3 only.');
  }
  if (toTier <= current) {
    return fail('invalid_escalation', `The ticket is at tier ${current}; escalation must go to a higher tier.`);
  }
  const trimmed = reason.trim();
  if (trimmed === '') return fail('invalid_escalation', 'An escalation needs a reason.');
  if (trimmed.length > LIMITS.reason) {
    return fail('invalid_escalation', `The reason is longer than ${LIMITS.reason} characters.`);
  }
  return ok({ toTier });
};
