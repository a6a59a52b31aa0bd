import { useCallback, useLayoutEffect, useState } from 'react';
import { clampWidth, detailWidthBounds, loadDetailWidth, storeDetailWidth, type WidthBounds, type WidthStorage } from './detailWidth';
import { SPLIT_HANDLE_WIDTH } from './SplitHandle';

const storage = (): WidthStorage => {
  try {
    return window.localStorage;
  } catch {
    // Storage refused (a locked-down browser): the width lasts as long as the page.
    return { getItem: () => null, setItem: () => undefined };
  }
};

export type DetailWidth = {
  /** A callback ref for the workspace the queue and the panel share: it is measured. */
  attach(element: HTMLElement | null): void;
  width: number;
  bounds: WidthBounds;
  change(width: number): void;
};

/** The ticket panel's width: the user's choice, kept in this browser, fitted to the workspace as it is now. */
export const useDetailWidth = (userId: string): DetailWidth => {
  const [chosen, setChosen] = useState(() => loadDetailWidth(storage(), userId));
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [available, setAvailable] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (element === null) return undefined;
    // Measured before the first paint, then on every resize of the window or the workspace.
    const measure = (contentWidth: number) => setAvailable(contentWidth - SPLIT_HANDLE_WIDTH);
    const style = getComputedStyle(element);
    measure(element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  const bounds = detailWidthBounds(available ?? chosen + 10_000);
  const change = useCallback(
    (width: number) => {
      setChosen(width);
      storeDetailWidth(storage(), userId, width);
    },
    [userId],
  );
  return { attach: setElement, width: clampWidth(chosen, bounds), bounds, change };
};
