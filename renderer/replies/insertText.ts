/** A text with `insert` put in place of the selection from `start` to `end`, and the cursor just after it. */
export const insertAt = (text: string, start: number, end: number, insert: string): { text: string; cursor: number } => {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, from));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
};
