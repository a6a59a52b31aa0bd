import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoff', () => {
  it('doubles per attempt within [ceiling/2, ceiling]', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(2, () => 1)).toBe(2000);
    expect(backoffDelay(4, () => 0.5)).toBe(6000);
  });

  it('caps at the maximum', () => {
    expect(backoffDelay(30, () => 1)).toBe(60_000);
    expect(backoffDelay(30, () => 0)).toBe(30_000);
  });
});
