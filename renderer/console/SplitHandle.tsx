import { useRef } from 'react';
import { clampWidth, widthForKey, type WidthBounds } from './detailWidth';

/** The handle's own width: the gap between the queue and the ticket panel. */
export const SPLIT_HANDLE_WIDTH = 16;

export type SplitHandleProps = {
  /** The width of the panel right of the handle, in CSS pixels. */
  width: number;
  bounds: WidthBounds;
  label: string;
  /** The width in words, for screen readers. */
  valueText: string;
  /** The id of the panel it sizes. */
  controls: string;
  onChange(width: number): void;
};

/**
 * A vertical splitter that sizes the panel on its right: dragged with the pointer, or focused and
 * moved with the arrow keys (Shift for larger steps), Home and End. Props only.
 */
export const SplitHandle = ({ width, bounds, label, valueText, controls, onChange }: SplitHandleProps) => {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      aria-valuetext={valueText}
      tabIndex={0}
      className="split-handle"
      data-testid="detail-split"
      onKeyDown={(event) => {
        const next = widthForKey(event.key, width, bounds, event.shiftKey);
        if (next === null) return;
        // Taken here, so no shortcut (the queue's arrows) acts on it too.
        event.preventDefault();
        onChange(next);
      }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: width };
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (start === null) return;
        // The panel is on the right: moving the handle left widens it.
        onChange(clampWidth(start.startWidth + start.startX - event.clientX, bounds));
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
    />
  );
};
