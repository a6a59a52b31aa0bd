/**
 * The ticket panel beside the queue: its width in CSS pixels, chosen by each technician with the
 * split handle and kept per user in this browser. The queue keeps at least `MIN_QUEUE_WIDTH`, so
 * its filters and the columns a technician works by (code, title, status, priority, SLA) stay.
 */
export const DETAIL_WIDTH = { min: 360, initial: 460, step: 40, largeStep: 120 } as const;
export const MIN_QUEUE_WIDTH = 560;

export type WidthBounds = { min: number; max: number };

/** What the panel may take of `available` pixels (the workspace less the handle). */
export const detailWidthBounds = (available: number): WidthBounds => ({
  min: DETAIL_WIDTH.min,
  max: Math.max(DETAIL_WIDTH.min, Math.floor(available) - MIN_QUEUE_WIDTH),
});

export const clampWidth = (width: number, { min, max }: WidthBounds): number => Math.round(Math.min(max, Math.max(min, width)));

/**
 * The width after a key on the focused handle, or null for a key it does not take. The handle
 * stands left of the panel: Left moves it left and widens the panel, Right narrows it; Home gives
 * the panel its smallest width, End its largest (the window-splitter pattern, panel as primary).
 */
export const widthForKey = (key: string, width: number, bounds: WidthBounds, isLargeStep: boolean): number | null => {
  const step = isLargeStep ? DETAIL_WIDTH.largeStep : DETAIL_WIDTH.step;
  switch (key) {
    case 'ArrowLeft':
      return clampWidth(width + step, bounds);
    case 'ArrowRight':
      return clampWidth(width - step, bounds);
    case 'Home':
      return bounds.min;
    case 'End':
      return bounds.max;
    default:
      return null;
  }
};

/** localStorage's shape, declared here because tests compile without DOM types. */
export type WidthStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

const storageKey = (userId: string) => `meja.detailWidth.${userId}`;

/** The width this user chose last in this browser, or the initial one. */
export const loadDetailWidth = (storage: WidthStorage, userId: string): number => {
  const saved = Number(storage.getItem(storageKey(userId)) ?? Number.NaN);
  return Number.isFinite(saved) && saved >= DETAIL_WIDTH.min ? Math.round(saved) : DETAIL_WIDTH.initial;
};

export const storeDetailWidth = (storage: WidthStorage, userId: string, width: number): void => {
  storage.setItem(storageKey(userId), String(Math.round(width)));
};
