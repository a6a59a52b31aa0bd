import { describe, expect, it } from 'vitest';
import { checkEscalation } from './escalation';

describe('escalation', () => {
  it('goes up from tier 1 to 2 or 3, and from 2 to 3', () => {
    expect(checkEscalation(1, 2, 'needs AD rights')).toEqual({ ok: true, value: { toTier: 2 } });
    expect(checkEscalation(1, 3, 'server down')).toEqual({ ok: true, value: { toTier: 3 } });
    expect(checkEscalation(2, 3, 'vendor bug')).toEqual({ ok: true, value: { toTier: 3 } });
  });

  it('never goes sideways or down, nor outside 1-3', () => {
    for (const [from, to] of [
      [2, 2],
      [3, 3],
      [3, 2],
      [2, 1],
      [1, 4],
      [1, 1],
      [1, 0],
    ] as const) {
      const result = checkEscalation(from, to, 'reason');
      expect(result.ok, `${from} -> ${to}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_escalation');
    }
  });

  it('needs a reason', () => {
    const result = checkEscalation(1, 2, '  ');
    expect(result).toEqual({ ok: false, error: { code: 'invalid_escalation', message: 'An escalation needs a reason.' } });
    expect(checkEscalation(1, 2, 'x'.repeat(2001)).ok).toBe(false);
  });
});
