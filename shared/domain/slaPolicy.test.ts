import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from './sla';
import { parseSlaPolicy } from './slaPolicy';

describe('SLA policy configuration', () => {
  it('overrides the priorities it names and keeps the defaults for the rest', () => {
    const result = parseSlaPolicy('{"urgent": {"firstResponseMinutes": 10, "resolutionMinutes": 120}}');
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SLA_POLICY, urgent: { firstResponseMinutes: 10, resolutionMinutes: 120 } } });
  });

  it('explains what is wrong', () => {
    expect(parseSlaPolicy('{urgent')).toMatchObject({ ok: false, error: { message: 'The SLA policy is not valid JSON.' } });
    const negative = parseSlaPolicy('{"low": {"firstResponseMinutes": -5, "resolutionMinutes": 60}}');
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.error.message).toContain('low.firstResponseMinutes');
    expect(parseSlaPolicy('{"someday": {"firstResponseMinutes": 5, "resolutionMinutes": 60}}').ok).toBe(false);
    const inverted = parseSlaPolicy('{"high": {"firstResponseMinutes": 600, "resolutionMinutes": 60}}');
    expect(inverted).toMatchObject({
      ok: false,
      error: { message: 'Invalid SLA policy: high: the first response target is later than the resolution target.' },
    });
  });
});
