/**
 * The open ticket's note form, which the "Insert canned reply" command asks to show its picker.
 * The form registers itself while mounted, as the queue does (commands/queueTarget.ts), so the
 * command stays plain data and is offered only while there is a note to insert into.
 */
export type ReplyPickerTarget = { openPicker(): void };

let current: ReplyPickerTarget | null = null;

/** Registers `target`; the function returned unregisters it, if it is still the one registered. */
export const setReplyPickerTarget = (target: ReplyPickerTarget): (() => void) => {
  current = target;
  return () => {
    if (current === target) current = null;
  };
};

export const replyPickerTarget = (): ReplyPickerTarget | null => current;
