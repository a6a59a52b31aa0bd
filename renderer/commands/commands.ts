import type { AppState } from '../app/storeTypes';

/**
 * A user action as data, shared by buttons, keyboard shortcuts and (later) menus and the command
 * palette, so each is defined once.
 */
export type Command = {
  id: string;
  title: string;
  /** `KeyboardEvent.key` that runs it, without modifiers. */
  shortcut: string | null;
  /** Whether it may run on a key press even while the focus is in a text field. */
  isGlobal: boolean;
  isAvailable(state: AppState): boolean;
  run(state: AppState): void;
};

const isSignedIn = (state: AppState) => state.session.status === 'signed-in';
const isDialogOpen = (state: AppState) => state.isNewTicketOpen || state.isRejectedOpen;

export const COMMANDS = [
  {
    id: 'ticket:new',
    title: 'New ticket',
    shortcut: 'c',
    isGlobal: false,
    isAvailable: (state) => isSignedIn(state) && !isDialogOpen(state),
    run: (state) => state.openNewTicket(),
  },
  {
    id: 'ticket:close',
    title: 'Close the open ticket',
    shortcut: 'Escape',
    // Not while typing: Escape in the note field must not throw the ticket (and the note) away.
    isGlobal: false,
    isAvailable: (state) => isSignedIn(state) && !isDialogOpen(state) && state.selectedTicketId !== null,
    run: (state) => state.selectTicket(null),
  },
] as const satisfies readonly Command[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const findCommand = (id: CommandId): Command => {
  const command = COMMANDS.find((candidate) => candidate.id === id);
  if (command === undefined) throw new Error(`No command ${id}`);
  return command;
};

/** The command a key press should run, if any. */
export const commandForKey = (key: string, isInTextField: boolean, state: AppState): Command | undefined =>
  COMMANDS.find((command) => command.shortcut === key && (command.isGlobal || !isInTextField) && command.isAvailable(state));
