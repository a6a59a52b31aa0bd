import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, parseWindowState, restoreBounds, type Rect, type WindowState } from './windowState';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const small: Rect = { x: 0, y: 0, width: 1024, height: 728 };

const state = (rect: Rect, maximized = false): WindowState => ({ ...rect, maximized });

describe('restoreBounds', () => {
  it('keeps a remembered window that is on a current display', () => {
    const saved = state({ x: 100, y: 50, width: 1400, height: 900 }, true);
    expect(restoreBounds(saved, [laptop])).toEqual(saved);
  });

  it('keeps a window on a secondary display while it is still attached', () => {
    const saved = state({ x: 2200, y: 100, width: 1600, height: 1000 });
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centres the default size on the primary display when the remembered display is gone', () => {
    const saved = state({ x: 2200, y: 100, width: 1600, height: 1000 }, true);
    expect(restoreBounds(saved, [laptop])).toEqual({
      x: (laptop.width - DEFAULT_SIZE.width) / 2,
      y: (laptop.height - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('centres the default size when nothing is remembered', () => {
    expect(restoreBounds(null, [rightMonitor, laptop])).toEqual({
      x: rightMonitor.x + (rightMonitor.width - DEFAULT_SIZE.width) / 2,
      y: (rightMonitor.height - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('clamps the default size to a work area smaller than it', () => {
    expect(restoreBounds(null, [small])).toEqual({ ...small, maximized: false });
  });

  it('refuses a window that only peeks onto the display by a sliver', () => {
    const sliver = state({ x: laptop.width - 40, y: 100, width: 1200, height: 800 });
    expect(restoreBounds(sliver, [laptop]).x).toBe((laptop.width - DEFAULT_SIZE.width) / 2);
  });

  it('refuses a window whose title bar is above the work area', () => {
    const titleBarHidden = state({ x: 100, y: -200, width: 1200, height: 800 });
    expect(restoreBounds(titleBarHidden, [laptop]).y).toBe((laptop.height - DEFAULT_SIZE.height) / 2);
  });

  it('shrinks a remembered window larger than its display', () => {
    const huge = state({ x: 0, y: 0, width: 3000, height: 2000 });
    expect(restoreBounds(huge, [laptop])).toEqual({ x: 0, y: 0, width: laptop.width, height: laptop.height, maximized: false });
  });

  it('still gives a usable window when no display is reported', () => {
    expect(restoreBounds(null, [])).toMatchObject(DEFAULT_SIZE);
  });
});

describe('parseWindowState', () => {
  it('accepts a well-formed state, rounding fractional pixels', () => {
    expect(parseWindowState({ x: 10.4, y: -20, width: 800, height: 600.6, maximized: false })).toEqual({
      x: 10,
      y: -20,
      width: 800,
      height: 601,
      maximized: false,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['an array', [1, 2, 3, 4]],
    ['a missing field', { x: 0, y: 0, width: 800, maximized: false }],
    ['a string number', { x: '0', y: 0, width: 800, height: 600, maximized: false }],
    ['infinite size', { x: 0, y: 0, width: Infinity, height: 600, maximized: false }],
    ['NaN position', { x: Number.NaN, y: 0, width: 800, height: 600, maximized: false }],
    ['zero width', { x: 0, y: 0, width: 0, height: 600, maximized: false }],
    ['negative height', { x: 0, y: 0, width: 800, height: -1, maximized: false }],
    ['a non-boolean maximized', { x: 0, y: 0, width: 800, height: 600, maximized: 'yes' }],
  ])('refuses %s', (_label, value) => {
    expect(parseWindowState(value)).toBeNull();
  });
});
