import { useCallback, useEffect } from 'react';
import { useAppStore } from '../app/store';
import { paletteStore } from './paletteStore';
import { commandContext, commandForKey, findCommand, keyOf, type Command, type CommandId } from './commands';

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Keys a focused control acts on itself: a button's Enter or Space is the button's, not a shortcut. */
const isOwnKeyOfControl = (target: EventTarget | null, key: string): boolean =>
  (key === 'Enter' || key === ' ') && target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);

/** Runs commands from the keyboard while mounted. */
export const useCommandShortcuts = (): void => {
  const store = useAppStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const key = keyOf(event);
      if (key === null || isOwnKeyOfControl(event.target, key)) return;
      const context = commandContext(store.getState());
      const command = commandForKey(key, isTextField(event.target), context);
      // While the palette is open its own keys rule; only its shortcut (to close it) passes.
      if (command === undefined || (paletteStore.getState().isOpen && command.id !== 'palette:open')) return;
      // Keeps the key from also typing into the field the command focuses.
      event.preventDefault();
      command.run(context);
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
    const context = commandContext(store.getState());
    if (command.isEnabled(context)) command.run(context);
  }, [store, id]);
};

/** Runs a command picked from a list (the palette), if it may run now. */
export const useRunCommand = (): ((command: Command) => void) => {
  const store = useAppStore();
  return useCallback(
    (command: Command) => {
      const context = commandContext(store.getState());
      if (command.isEnabled(context)) command.run(context);
    },
    [store],
  );
};
