import { describe, expect, it } from 'vitest';
import { clampWidth, DETAIL_WIDTH, detailWidthBounds, loadDetailWidth, MIN_QUEUE_WIDTH, storeDetailWidth, widthForKey } from './detailWidth';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

describe('the ticket panel width', () => {
  it('leaves the queue its minimum, and never goes below its own', () => {
    expect(detailWidthBounds(1224)).toEqual({ min: DETAIL_WIDTH.min, max: 1224 - MIN_QUEUE_WIDTH });
    // A window too narrow for both: the panel keeps its minimum.
    expect(detailWidthBounds(700)).toEqual({ min: DETAIL_WIDTH.min, max: DETAIL_WIDTH.min });
    expect(clampWidth(2000, { min: 360, max: 664 })).toBe(664);
    expect(clampWidth(100, { min: 360, max: 664 })).toBe(360);
  });

  it('moves by keys: left widens, right narrows, shift by more, Home and End to the ends', () => {
    const bounds = { min: 360, max: 664 };
    expect(widthForKey('ArrowLeft', 460, bounds, false)).toBe(460 + DETAIL_WIDTH.step);
    expect(widthForKey('ArrowRight', 460, bounds, false)).toBe(460 - DETAIL_WIDTH.step);
    expect(widthForKey('ArrowLeft', 460, bounds, true)).toBe(460 + DETAIL_WIDTH.largeStep);
    expect(widthForKey('ArrowLeft', 650, bounds, false)).toBe(664);
    expect(widthForKey('ArrowRight', 370, bounds, false)).toBe(360);
    expect(widthForKey('Home', 460, bounds, false)).toBe(360);
    expect(widthForKey('End', 460, bounds, false)).toBe(664);
    expect(widthForKey('ArrowUp', 460, bounds, false)).toBeNull();
    expect(widthForKey('j', 460, bounds, false)).toBeNull();
  });

  it('is kept per user, and anything unreadable gives the initial width', () => {
    const storage = memory();
    expect(loadDetailWidth(storage, 'tina')).toBe(DETAIL_WIDTH.initial);
    storeDetailWidth(storage, 'tina', 540.4);
    expect(loadDetailWidth(storage, 'tina')).toBe(540);
    expect(loadDetailWidth(storage, 'sam')).toBe(DETAIL_WIDTH.initial);
    for (const junk of ['wide', '', '12', 'NaN', '-500']) {
      storage.setItem('meja.detailWidth.sam', junk);
      expect(loadDetailWidth(storage, 'sam'), junk).toBe(DETAIL_WIDTH.initial);
    }
  });
});
