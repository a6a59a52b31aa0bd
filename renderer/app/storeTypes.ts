import type { StateCreator } from 'zustand/vanilla';
import type { SessionSlice } from './sessionSlice';
import type { UiSlice } from './uiSlice';

/** The console's one UI store, made of slices. Persistent data is not here: it lives in Dexie. */
export type AppState = SessionSlice & UiSlice;

export type AppSlice<T> = StateCreator<AppState, [], [], T>;
