import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

type PaletteState = { isOpen: boolean; setOpen(isOpen: boolean): void };

/** Whether the command palette is open; apart from the app store, which the commands module does not own. */
export const paletteStore = createStore<PaletteState>()((set) => ({ isOpen: false, setOpen: (isOpen) => set({ isOpen }) }));

export const usePaletteOpen = (): boolean => useStore(paletteStore, (state) => state.isOpen);
