import { describe, expect, it } from 'vitest';
import { clockOffsetFrom } from './engine';
import type { PullResponse } from './protocol';

const page = (serverTime?: string): PullResponse => ({
  protocol: 1,
  changes: [],
  cursor: 'c',
  hasMore: false,
  ...(serverTime === undefined ? {} : { serverTime }),
});
const at = (iso: string) => Date.parse(iso);

describe('clockOffsetFrom', () => {
  it("measures the server's clock minus this console's when the page arrived", () => {
    // This console's clock is a day ahead of the server's.
    expect(clockOffsetFrom({ page: page('2026-03-02T10:00:00.000Z'), arrivedAt: at('2026-03-03T10:00:00.000Z') }, 0)).toBe(-86_400_000);
    expect(clockOffsetFrom({ page: page('2026-03-02T10:00:05.000Z'), arrivedAt: at('2026-03-02T10:00:00.000Z') }, 0)).toBe(5_000);
  });

  it('keeps the known offset when a page differs from it by network jitter only, or says nothing', () => {
    expect(clockOffsetFrom({ page: page('2026-03-02T10:00:00.400Z'), arrivedAt: at('2026-03-02T10:00:00.000Z') }, 0)).toBe(0);
    expect(clockOffsetFrom({ page: page('2026-03-02T10:00:02.300Z'), arrivedAt: at('2026-03-02T10:00:00.000Z') }, 2_000)).toBe(2_000);
    expect(clockOffsetFrom({ page: page(), arrivedAt: at('2026-03-02T10:00:00.000Z') }, 7_000)).toBe(7_000);
    expect(clockOffsetFrom({ page: page('not a time'), arrivedAt: at('2026-03-02T10:00:00.000Z') }, 7_000)).toBe(7_000);
  });
});
