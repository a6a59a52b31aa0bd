import { afterEach, describe, expect, it, vi } from 'vitest';
import { NETWORK_CHECK_MS, watchNetwork } from './networkWatch';

describe('watchNetwork', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the state at once, then each change within one check, and nothing while it stays', () => {
    vi.useFakeTimers();
    let online = false;
    const seen: boolean[] = [];
    const stop = watchNetwork({ isOnline: () => online, onChange: (isOnline) => seen.push(isOnline) });
    expect(seen).toEqual([false]);
    vi.advanceTimersByTime(NETWORK_CHECK_MS * 3);
    expect(seen).toEqual([false]);
    online = true;
    vi.advanceTimersByTime(NETWORK_CHECK_MS);
    expect(seen).toEqual([false, true]);
    online = false;
    vi.advanceTimersByTime(NETWORK_CHECK_MS);
    expect(seen).toEqual([false, true, false]);
    stop();
    online = true;
    vi.advanceTimersByTime(NETWORK_CHECK_MS * 3);
    expect(seen).toEqual([false, true, false]);
  });
});
