import { useState, type KeyboardEvent } from 'react';
import { stepCursor } from './listCursor';

/**
 * The highlighted row of a search box's results (the command palette, the canned reply picker, the
 * link form): ArrowDown and ArrowUp move it within the list, and it goes back to the top when the
 * search changes (`reset`). `current` is the highlighted row, undefined when the list is empty.
 */
export const useListCursor = <T>(items: readonly T[]) => {
  const [active, setActive] = useState(0);
  const current: T | undefined = items[Math.min(active, items.length - 1)];
  /** Moves the highlight on an arrow key and says whether the key was one, so the caller handles the others. */
  const moveOnArrow = (event: KeyboardEvent): boolean => {
    const { key } = event;
    if (key !== 'ArrowDown' && key !== 'ArrowUp') return false;
    event.preventDefault();
    setActive((index) => stepCursor(index, items.length, key === 'ArrowDown' ? 1 : -1));
    return true;
  };
  return { current, reset: () => setActive(0), moveOnArrow };
};
