import type { AppSlice } from './storeTypes';

/** Screen state that is nobody's data: what is selected, filtered or open. */
export type UiSlice = {
  queueFilter: string;
  selectedTicketId: string | null;
  isNewTicketOpen: boolean;
  isRejectedOpen: boolean;
  /** The statistics panel in place of the queue (supervisors and admins). */
  isStatsOpen: boolean;
  /** The accounts view in place of the queue (admins). At most one of the two views is open. */
  isAccountsOpen: boolean;
  setQueueFilter(filter: string): void;
  selectTicket(id: string | null): void;
  openNewTicket(): void;
  closeNewTicket(): void;
  setRejectedOpen(isOpen: boolean): void;
  setStatsOpen(isOpen: boolean): void;
  setAccountsOpen(isOpen: boolean): void;
  resetUi(): void;
};

const INITIAL = { queueFilter: '', selectedTicketId: null, isNewTicketOpen: false, isRejectedOpen: false, isStatsOpen: false, isAccountsOpen: false } as const;

export const createUiSlice: AppSlice<UiSlice> = (set) => ({
  ...INITIAL,
  setQueueFilter: (queueFilter) => set({ queueFilter }),
  selectTicket: (selectedTicketId) => set({ selectedTicketId }),
  openNewTicket: () => set({ isNewTicketOpen: true }),
  closeNewTicket: () => set({ isNewTicketOpen: false }),
  setRejectedOpen: (isRejectedOpen) => set({ isRejectedOpen }),
  // Opening one view closes the other: both take the queue's place.
  setStatsOpen: (isStatsOpen) => set(isStatsOpen ? { isStatsOpen, isAccountsOpen: false } : { isStatsOpen }),
  setAccountsOpen: (isAccountsOpen) => set(isAccountsOpen ? { isAccountsOpen, isStatsOpen: false } : { isAccountsOpen }),
  resetUi: () => set(INITIAL),
});
