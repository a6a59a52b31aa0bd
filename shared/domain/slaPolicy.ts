import { z } from 'zod';
import { describeZodError } from './mutate';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla';
import { fail, ok, type Result } from '../result';

const target = z.strictObject({
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
});

const overrides = z.strictObject({ low: target.optional(), normal: target.optional(), high: target.optional(), urgent: target.optional() });

/**
 * A desk's own targets over the defaults, e.g. `{"urgent": {"firstResponseMinutes": 10, "resolutionMinutes": 120}}`.
 * Priorities left out keep their default targets.
 */
export const parseSlaPolicy = (json: string): Result<SlaPolicy> => {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail('invalid_args', 'The SLA policy is not valid JSON.');
  }
  const parsed = overrides.safeParse(value);
  if (!parsed.success) return fail('invalid_args', `Invalid SLA policy: ${describeZodError(parsed.error)}`);
  const policy: SlaPolicy = {
    low: parsed.data.low ?? DEFAULT_SLA_POLICY.low,
    normal: parsed.data.normal ?? DEFAULT_SLA_POLICY.normal,
    high: parsed.data.high ?? DEFAULT_SLA_POLICY.high,
    urgent: parsed.data.urgent ?? DEFAULT_SLA_POLICY.urgent,
  };
  for (const [priority, t] of Object.entries(policy)) {
    if (t.firstResponseMinutes > t.resolutionMinutes) {
      return fail('invalid_args', `Invalid SLA policy: ${priority}: the first response target is later than the resolution target.`);
    }
  }
  return ok(policy);
};
