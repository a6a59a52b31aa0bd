/** A rectangle in screen coordinates (Electron's `Rectangle`, kept local so this stays pure). */
export type Rect = { x: number; y: number; width: number; height: number };

/** What we remember of the console window between runs: its normal (unmaximised) bounds. */
export type WindowState = Rect & { maximized: boolean };

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

// Enough of the window must lie on a display for the user to see and grab it.
const MIN_VISIBLE = { width: 120, height: 48 } as const;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Reads a remembered state from untrusted JSON (an old version, a hand edit, a torn write); null if unusable. */
export const parseWindowState = (value: unknown): WindowState | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  if (width <= 0 || height <= 0 || typeof maximized !== 'boolean') return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized };
};

const overlap = (a: Rect, b: Rect): { width: number; height: number } => ({
  width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
  height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
});

// The title bar is how a window is moved, so its top edge must be inside the work area too.
const isReachableOn = (window: Rect, area: Rect): boolean => {
  const shared = overlap(window, area);
  return shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height && window.y >= area.y && window.y < area.y + area.height;
};

const centredIn = (area: Rect): Rect => {
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
};

/**
 * Where to open the window. `workAreas` are the current displays' work areas, primary first.
 * The remembered bounds are kept only if the window would be reachable on some display today
 * (a monitor may have been unplugged since), shrunk to fit that display; otherwise the default
 * size is centred on the primary display. Maximised stays maximised only with remembered bounds,
 * so un-maximising never lands the window off-screen.
 */
export const restoreBounds = (saved: WindowState | null, workAreas: readonly Rect[]): WindowState => {
  const primary = workAreas[0];
  if (primary === undefined) return { x: 0, y: 0, ...DEFAULT_SIZE, maximized: false };
  const home = saved === null ? undefined : workAreas.find((area) => isReachableOn(saved, area));
  if (saved === null || home === undefined) return { ...centredIn(primary), maximized: false };
  return {
    x: saved.x,
    y: saved.y,
    width: Math.min(saved.width, home.width),
    height: Math.min(saved.height, home.height),
    maximized: saved.maximized,
  };
};
