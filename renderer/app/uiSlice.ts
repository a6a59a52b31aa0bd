import type { QueueFilter } from '../queue/queueFilter';
import type { StatsChoice } from '../stats/statsChoice';
import type { ClassPlan } from '../training/classDraft';
import type { AppSlice } from './storeTypes';

/** Screen state that is nobody's data: what is selected, filtered or open. */
export type UiSlice = {
  selectedTicketId: string | null;
  isNewTicketOpen: boolean;
  isRejectedOpen: boolean;
  /** The statistics panel in place of the queue (supervisors and admins). */
  isStatsOpen: boolean;
  /** The accounts view in place of the queue (admins). */
  isAccountsOpen: boolean;
  /** The canned replies' view in place of the queue (supervisors and admins). At most one of the views is open. */
  isRepliesOpen: boolean;
  /** The knowledge base in place of the queue (everyone). */
  isKnowledgeOpen: boolean;
  /** The training classes in place of the queue (everyone). */
  isClassesOpen: boolean;
  /** A class to plan that the Classes view opens its editor with (from a training topic of the statistics), handed over once. */
  classPlan: ClassPlan | null;
  /** A filter the queue takes up when it shows next (a figure of the statistics opened in the queue). */
  queueRequest: QueueFilter | null;
  /** The statistics' period and filters, kept while the queue is shown in their place. */
  statsChoice: StatsChoice | null;
  selectTicket(id: string | null): void;
  openNewTicket(): void;
  closeNewTicket(): void;
  setRejectedOpen(isOpen: boolean): void;
  setStatsOpen(isOpen: boolean): void;
  setAccountsOpen(isOpen: boolean): void;
  setRepliesOpen(isOpen: boolean): void;
  setKnowledgeOpen(isOpen: boolean): void;
  setClassesOpen(isOpen: boolean): void;
  /** Opens the Classes view with a new class's editor for this plan. */
  planClass(plan: ClassPlan): void;
  /** The plan, handed over once. */
  takeClassPlan(): ClassPlan | null;
  /** Closes the statistics and shows the queue filtered to exactly these tickets. */
  showInQueue(filter: QueueFilter): void;
  /** The queue's request, handed over once. */
  takeQueueRequest(): QueueFilter | null;
  setStatsChoice(choice: StatsChoice): void;
  resetUi(): void;
};

const INITIAL = {
  selectedTicketId: null,
  isNewTicketOpen: false,
  isRejectedOpen: false,
  isStatsOpen: false,
  isAccountsOpen: false,
  isRepliesOpen: false,
  isKnowledgeOpen: false,
  isClassesOpen: false,
  classPlan: null,
  queueRequest: null,
  statsChoice: null,
} as const;

/** The views that take the queue's place, all closed. */
const NO_VIEW = { isStatsOpen: false, isAccountsOpen: false, isRepliesOpen: false, isKnowledgeOpen: false, isClassesOpen: false } as const;

export const createUiSlice: AppSlice<UiSlice> = (set, get) => ({
  ...INITIAL,
  selectTicket: (selectedTicketId) => set({ selectedTicketId }),
  openNewTicket: () => set({ isNewTicketOpen: true }),
  closeNewTicket: () => set({ isNewTicketOpen: false }),
  setRejectedOpen: (isRejectedOpen) => set({ isRejectedOpen }),
  // Opening one view closes the others: each takes the queue's place.
  setStatsOpen: (isStatsOpen) => set(isStatsOpen ? { ...NO_VIEW, isStatsOpen } : { isStatsOpen }),
  setAccountsOpen: (isAccountsOpen) => set(isAccountsOpen ? { ...NO_VIEW, isAccountsOpen } : { isAccountsOpen }),
  setRepliesOpen: (isRepliesOpen) => set(isRepliesOpen ? { ...NO_VIEW, isRepliesOpen } : { isRepliesOpen }),
  setKnowledgeOpen: (isKnowledgeOpen) => set(isKnowledgeOpen ? { ...NO_VIEW, isKnowledgeOpen } : { isKnowledgeOpen }),
  setClassesOpen: (isClassesOpen) => set(isClassesOpen ? { ...NO_VIEW, isClassesOpen } : { isClassesOpen }),
  planClass: (classPlan) => set({ ...NO_VIEW, isClassesOpen: true, classPlan }),
  takeClassPlan: () => {
    const { classPlan } = get();
    if (classPlan !== null) set({ classPlan: null });
    return classPlan;
  },
  showInQueue: (queueRequest) => set({ ...NO_VIEW, queueRequest, selectedTicketId: null }),
  takeQueueRequest: () => {
    const { queueRequest } = get();
    if (queueRequest !== null) set({ queueRequest: null });
    return queueRequest;
  },
  setStatsChoice: (statsChoice) => set({ statsChoice }),
  resetUi: () => set(INITIAL),
});
