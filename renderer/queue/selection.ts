/** Multi-selection over the rows as shown: ids, plus the anchor a shift-click extends from. */
export type Selection = { ids: ReadonlySet<string>; anchorId: string | null };

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchorId: null };

export const toggleSelected = (selection: Selection, id: string): Selection => {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchorId: id };
};

/**
 * Shift-click: every row between the anchor and `id` (inclusive) takes the state the clicked row
 * gets. Without an anchor still shown, it is a plain toggle.
 */
export const selectRange = (selection: Selection, orderedIds: readonly string[], id: string): Selection => {
  const from = selection.anchorId === null ? -1 : orderedIds.indexOf(selection.anchorId);
  const to = orderedIds.indexOf(id);
  if (from === -1 || to === -1) return toggleSelected(selection, id);
  const shouldSelect = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
    const rowId = orderedIds[i];
    if (rowId === undefined) continue;
    if (shouldSelect) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { ids, anchorId: id };
};

/** The cursor row after moving by `delta`, kept within the rows; from nowhere it lands on the first. */
export const moveCursor = (orderedIds: readonly string[], cursorId: string | null, delta: number): string | null => {
  if (orderedIds.length === 0) return null;
  const at = cursorId === null ? -1 : orderedIds.indexOf(cursorId);
  if (at === -1) return orderedIds[0] ?? null;
  return orderedIds[Math.max(0, Math.min(orderedIds.length - 1, at + delta))] ?? null;
};
