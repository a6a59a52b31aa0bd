import { describe, expect, it } from 'vitest';
import { HEADLINES, headlineChange, type HeadlineKey } from './headlineChange';

const spec = (key: HeadlineKey) => {
  const found = HEADLINES.find((h) => h.key === key);
  if (found === undefined) throw new Error(key);
  return found;
};

describe('headlineChange', () => {
  it('gives rate changes in percentage points', () => {
    expect(headlineChange(spec('slaAttainment'), 0.9, 0.85)).toEqual({ delta: 5, arrow: 'up', verdict: 'good' });
  });
  it('judges a rising reopen rate as bad', () => {
    expect(headlineChange(spec('reopenRate'), 0.1, 0.05)?.verdict).toBe('bad');
  });
  it('judges falling resolution hours as good', () => {
    expect(headlineChange(spec('medianResolutionHours'), 3, 4.5)).toEqual({ delta: -1.5, arrow: 'down', verdict: 'good' });
  });
  it('gives a mean rating its change in points of the scale, a rise good', () => {
    expect(headlineChange(spec('satisfactionMean'), 4.25, 4)).toEqual({ delta: 0.3, arrow: 'up', verdict: 'good' });
    expect(headlineChange(spec('callerReopenRate'), 0.2, 0.1)?.verdict).toBe('bad');
  });
  it('calls more tickets opened neither good nor bad', () => {
    expect(headlineChange(spec('opened'), 12, 8)).toEqual({ delta: 4, arrow: 'up', verdict: 'neutral' });
  });
  it('treats no change as flat', () => {
    expect(headlineChange(spec('resolved'), 5, 5)).toEqual({ delta: 0, arrow: 'flat', verdict: 'neutral' });
  });
  it('has nothing to say when a side is missing', () => {
    expect(headlineChange(spec('reopenRate'), null, 0.1)).toBeNull();
    expect(headlineChange(spec('reopenRate'), 0.1, null)).toBeNull();
  });
});
