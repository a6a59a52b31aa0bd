import { useCallback, useEffect } from 'react';
import { useAppStore } from '../app/store';
import { commandForKey, findCommand, type CommandId } from './commands';

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Runs commands from the keyboard while mounted. */
export const useCommandShortcuts = (): void => {
  const store = useAppStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const command = commandForKey(event.key, isTextField(event.target), store.getState());
      if (command === undefined) return;
      // Keeps the key from also typing into the field the command focuses.
      event.preventDefault();
      command.run(store.getState());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
};

/** A command as a click handler, for buttons and menus. */
export const useCommand = (id: CommandId): (() => void) => {
  const store = useAppStore();
  return useCallback(() => {
    const command = findCommand(id);
    if (command.isAvailable(store.getState())) command.run(store.getState());
  }, [store, id]);
};
