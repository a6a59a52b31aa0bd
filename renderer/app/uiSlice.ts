import type { AppSlice } from './storeTypes';

/** Screen state that is nobody's data: what is selected, filtered or open. */
export type UiSlice = {
  queueFilter: string;
  selectedTicketId: string | null;
  isNewTicketOpen: boolean;
  isRejectedOpen: boolean;
  /** The statistics panel in place of the queue (supervisors and admins). */
  isStatsOpen: boolean;
  setQueueFilter(filter: string): void;
  selectTicket(id: string | null): void;
  openNewTicket(): void;
  closeNewTicket(): void;
  setRejectedOpen(isOpen: boolean): void;
  setStatsOpen(isOpen: boolean): void;
  resetUi(): void;
};

const INITIAL = { queueFilter: '', selectedTicketId: null, isNewTicketOpen: false, isRejectedOpen: false, isStatsOpen: false } as const;

export const createUiSlice: AppSlice<UiSlice> = (set) => ({
  ...INITIAL,
  setQueueFilter: (queueFilter) => set({ queueFilter }),
  selectTicket: (selectedTicketId) => set({ selectedTicketId }),
  openNewTicket: () => set({ isNewTicketOpen: true }),
  closeNewTicket: () => set({ isNewTicketOpen: false }),
  setRejectedOpen: (isRejectedOpen) => set({ isRejectedOpen }),
  setStatsOpen: (isStatsOpen) => set({ isStatsOpen }),
  resetUi: () => set(INITIAL),
});
