/** Where an arrow key moves the highlight in a list of `count` rows: one step, held at both ends. */
export const stepCursor = (index: number, count: number, step: 1 | -1): number => Math.max(0, Math.min(count - 1, Math.min(index, count - 1) + step));
