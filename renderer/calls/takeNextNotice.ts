import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { TakeNextOutcome } from './takeNextTicket';

/** Why the last "Take next" gave no ticket; shown in the header until dismissed or a ticket is taken. */
export type TakeNextNotice = Exclude<TakeNextOutcome, { kind: 'taken' }>;

export const takeNextNoticeStore = createStore<{ notice: TakeNextNotice | null }>()(() => ({ notice: null }));

export const setTakeNextNotice = (notice: TakeNextNotice | null): void => takeNextNoticeStore.setState({ notice });

export const useTakeNextNotice = (): TakeNextNotice | null => useStore(takeNextNoticeStore, (state) => state.notice);
