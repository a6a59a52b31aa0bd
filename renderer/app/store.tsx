import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createSessionSlice, type SessionServices } from './sessionSlice';
import type { AppState } from './storeTypes';
import { createUiSlice } from './uiSlice';

export type AppStore = StoreApi<AppState>;

export const createAppStore = (services: SessionServices): AppStore =>
  createStore<AppState>()((...args) => ({
    ...createSessionSlice(services)(...args),
    ...createUiSlice(...args),
  }));

const AppStoreContext = createContext<AppStore | null>(null);

export const AppStoreProvider = ({ store, children }: { store: AppStore; children: ReactNode }) => <AppStoreContext value={store}>{children}</AppStoreContext>;

/** Reads one value from the UI store; pick narrowly (or with useShallow) to re-render only when it changes. */
export const useApp = <T,>(selector: (state: AppState) => T): T => useStore(useAppStore(), selector);

/** The store itself, for code that acts on events outside React's render (keyboard shortcuts). */
export const useAppStore = (): AppStore => {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore is used outside AppStoreProvider');
  return store;
};
