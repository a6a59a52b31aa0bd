import type { Status } from '../../shared/domain/ticket';
import type { BuiltInViewId } from '../queue/savedViews';

/**
 * What ticket commands may ask of the queue on screen. The queue registers itself while mounted;
 * commands find it through the command context, so they stay plain data.
 */
export type QueueCommandTarget = {
  moveCursor(delta: number): void;
  openCursor(): void;
  toggleCursorSelection(): void;
  selectAllShown(): void;
  focusSearch(): void;
  /** Clears the selection, else the search; false when there was nothing to clear. */
  clear(): boolean;
  hasCursor(): boolean;
  /** Statuses of the tickets a ticket command acts on: the selection, else the cursor row. */
  targetStatuses(): Status[];
  assign(to: 'me' | null): void;
  /** Resolving first asks for the resolution text. */
  transition(to: Status): void;
  /** Shows one of the built-in views. */
  showView(id: BuiltInViewId): void;
};

let current: QueueCommandTarget | null = null;

export const setQueueTarget = (target: QueueCommandTarget | null): void => {
  current = target;
};

export const queueTarget = (): QueueCommandTarget | null => current;
