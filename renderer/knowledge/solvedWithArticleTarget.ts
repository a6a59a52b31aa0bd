/**
 * The open ticket's "Solved with article" control, which the `w` command asks to open its picker.
 * It registers itself while mounted, as the note form does for canned replies
 * (replies/replyPickerTarget.ts), so the command stays plain data and is offered only with a ticket open.
 */
export type SolvedWithArticleTarget = { openPicker(): void };

let current: SolvedWithArticleTarget | null = null;

/** Registers `target`; the function returned unregisters it, if it is still the one registered. */
export const setSolvedWithArticleTarget = (target: SolvedWithArticleTarget): (() => void) => {
  current = target;
  return () => {
    if (current === target) current = null;
  };
};

export const solvedWithArticleTarget = (): SolvedWithArticleTarget | null => current;
