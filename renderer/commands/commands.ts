import { can } from '../../shared/auth/capabilities';
import type { Status } from '../../shared/domain/ticket';
import type { AppState } from '../app/storeTypes';
import { answerCall } from '../calls/callStore';
import { setTakeNextNotice } from '../calls/takeNextNotice';
import { takeNextTicket } from '../calls/takeNextTicket';
import { commonTransitions } from '../queue/bulk';
import { solvedWithArticleTarget } from '../knowledge/solvedWithArticleTarget';
import { replyPickerTarget } from '../replies/replyPickerTarget';
import { paletteStore } from './paletteStore';
import { queueTarget, type QueueCommandTarget } from './queueTarget';

/** What a command sees when it is asked whether it may run, and when it runs. */
export type CommandContext = { state: AppState; queue: QueueCommandTarget | null };

/**
 * A user action as data, shared by buttons, keyboard shortcuts and the command palette, so each
 * is defined once. `title` is a key of the `commands` group of the `queue` namespace, or of the
 * `call` namespace for the call commands (`isCallTitle`).
 */
export type Command = {
  id: string;
  title: CommandTitle;
  /** `KeyboardEvent.key` that runs it; `Mod+` means Ctrl, or Cmd on a Mac. */
  shortcut: string | null;
  /** Further keys that run it (arrows beside j/k), not shown. */
  alsoKeys?: readonly string[];
  /**
   * A key that the command's own control handles, shown in the palette but never matched here:
   * Alt+Q belongs to the note form, which needs its text's cursor.
   */
  keyHint?: string;
  /** Whether it may run on a key press even while the focus is in a text field. */
  isGlobal: boolean;
  /**
   * Whether the signed-in user's role may use it at all (absent: everyone). A command a role may
   * not use is left out of the palette, not shown greyed out; `isEnabled` is whether it may run now.
   */
  isAllowed?(context: CommandContext): boolean;
  isEnabled(context: CommandContext): boolean;
  run(context: CommandContext): void;
};

/** Titles of the call commands, kept in the `call` namespace. */
export const CALL_COMMAND_TITLES = ['answerCall', 'takeNext'] as const;
export type CallCommandTitle = (typeof CALL_COMMAND_TITLES)[number];

export const isCallTitle = (title: CommandTitle): title is CallCommandTitle => CALL_COMMAND_TITLES.some((known) => known === title);

export type CommandTitle =
  | CallCommandTitle
  | 'newTicket'
  | 'closePanel'
  | 'palette'
  | 'next'
  | 'previous'
  | 'open'
  | 'search'
  | 'toggleSelect'
  | 'selectAll'
  | 'clear'
  | 'assignMe'
  | 'unassign'
  | 'statusOpen'
  | 'statusPending'
  | 'statusResolved'
  | 'statusClosed'
  | 'statistics'
  | 'accounts'
  | 'following'
  | 'insertReply'
  | 'replies'
  | 'knowledge'
  | 'classes'
  | 'solvedWithArticle';

const isSignedIn = ({ state }: CommandContext) => state.session.status === 'signed-in';
const isDialogOpen = ({ state }: CommandContext) => state.isNewTicketOpen || state.isRejectedOpen;
const inQueue = (context: CommandContext): context is CommandContext & { queue: QueueCommandTarget } =>
  isSignedIn(context) && !isDialogOpen(context) && context.queue !== null;

const signedInUser = ({ state }: CommandContext) => (state.session.status === 'signed-in' ? state.session.account : null);
const isTechnician = (context: CommandContext) => (signedInUser(context)?.tier ?? null) !== null;
const seesStats = (context: CommandContext) => {
  const user = signedInUser(context);
  return user !== null && can(user.role, 'stats:read');
};
const managesAccounts = (context: CommandContext) => {
  const user = signedInUser(context);
  return user !== null && can(user.role, 'users:manage');
};
const managesReplies = (context: CommandContext) => {
  const user = signedInUser(context);
  return user !== null && can(user.role, 'replies:manage');
};

/** Assigns the user the ticket waiting longest at their tier and opens it, or says why none. */
const takeNext = async ({ state }: CommandContext): Promise<void> => {
  if (state.session.status !== 'signed-in') return;
  const { workspace, account } = state.session;
  const outcome = await takeNextTicket(workspace, account);
  if (outcome.kind === 'taken') state.selectTicket(outcome.ticketId);
  setTakeNextNotice(outcome.kind === 'taken' ? null : outcome);
};

const hasTargets = (context: CommandContext) => inQueue(context) && context.queue.targetStatuses().length > 0;

const statusCommand = (to: Status, title: CommandTitle): Command => ({
  id: `queue:status-${to}`,
  title,
  shortcut: null,
  isGlobal: false,
  // Offered only when every targeted ticket may make that change.
  isEnabled: (context) => inQueue(context) && commonTransitions(context.queue.targetStatuses()).includes(to),
  run: (context) => context.queue?.transition(to),
});

export const COMMANDS = [
  {
    id: 'ticket:new',
    title: 'newTicket',
    shortcut: 'c',
    isGlobal: false,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context),
    run: ({ state }) => state.openNewTicket(),
  },
  {
    id: 'call:answer',
    title: 'answerCall',
    shortcut: 'a',
    isGlobal: false,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context),
    run: (context) => {
      const user = signedInUser(context);
      if (user === null) return;
      // The call starts now, before anything is typed: its time counts from the answer.
      answerCall(user.id);
      context.state.openNewTicket();
    },
  },
  {
    id: 'ticket:take-next',
    title: 'takeNext',
    shortcut: 'n',
    isGlobal: false,
    // Only technicians work a tier's queue; a supervisor has no tier to take from.
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && isTechnician(context),
    run: (context) => void takeNext(context),
  },
  {
    id: 'ticket:close',
    title: 'closePanel',
    shortcut: 'Escape',
    // Not while typing: Escape in the note field must not throw the ticket (and the note) away.
    isGlobal: false,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && context.state.selectedTicketId !== null,
    run: ({ state }) => state.selectTicket(null),
  },
  {
    id: 'view:statistics',
    title: 'statistics',
    shortcut: 's',
    isGlobal: false,
    isAllowed: seesStats,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && seesStats(context),
    run: ({ state }) => state.setStatsOpen(!state.isStatsOpen),
  },
  {
    id: 'view:accounts',
    title: 'accounts',
    shortcut: 'u',
    isGlobal: false,
    isAllowed: managesAccounts,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && managesAccounts(context),
    run: ({ state }) => state.setAccountsOpen(!state.isAccountsOpen),
  },
  {
    id: 'view:replies',
    title: 'replies',
    shortcut: 'r',
    isGlobal: false,
    isAllowed: managesReplies,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && managesReplies(context),
    run: ({ state }) => state.setRepliesOpen(!state.isRepliesOpen),
  },
  {
    id: 'view:knowledge',
    title: 'knowledge',
    shortcut: 'b',
    isGlobal: false,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context),
    run: ({ state }) => state.setKnowledgeOpen(!state.isKnowledgeOpen),
  },
  {
    id: 'view:classes',
    title: 'classes',
    shortcut: 'l',
    isGlobal: false,
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context),
    run: ({ state }) => state.setClassesOpen(!state.isClassesOpen),
  },
  {
    id: 'note:insert-reply',
    title: 'insertReply',
    shortcut: null,
    keyHint: 'Alt+q',
    isGlobal: false,
    // Only while a ticket's note form is on screen to take the text.
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && replyPickerTarget() !== null,
    run: () => replyPickerTarget()?.openPicker(),
  },
  {
    id: 'ticket:solved-with-article',
    title: 'solvedWithArticle',
    shortcut: 'w',
    isGlobal: false,
    // Only while a ticket is open to link the article to.
    isEnabled: (context) => isSignedIn(context) && !isDialogOpen(context) && solvedWithArticleTarget() !== null,
    run: () => solvedWithArticleTarget()?.openPicker(),
  },
  {
    id: 'palette:open',
    title: 'palette',
    shortcut: 'Mod+k',
    isGlobal: true,
    isEnabled: (context) => isSignedIn(context) && !context.state.isNewTicketOpen && !context.state.isRejectedOpen,
    run: () => paletteStore.getState().setOpen(!paletteStore.getState().isOpen),
  },
  { id: 'queue:next', title: 'next', shortcut: 'j', alsoKeys: ['ArrowDown'], isGlobal: false, isEnabled: inQueue, run: ({ queue }) => queue?.moveCursor(1) },
  {
    id: 'queue:previous',
    title: 'previous',
    shortcut: 'k',
    alsoKeys: ['ArrowUp'],
    isGlobal: false,
    isEnabled: inQueue,
    run: ({ queue }) => queue?.moveCursor(-1),
  },
  {
    id: 'queue:open',
    title: 'open',
    shortcut: 'Enter',
    isGlobal: false,
    isEnabled: (context) => inQueue(context) && context.queue.hasCursor(),
    run: ({ queue }) => queue?.openCursor(),
  },
  { id: 'queue:search', title: 'search', shortcut: '/', isGlobal: false, isEnabled: inQueue, run: ({ queue }) => queue?.focusSearch() },
  { id: 'queue:following', title: 'following', shortcut: 'f', isGlobal: false, isEnabled: inQueue, run: ({ queue }) => queue?.showView('following') },
  {
    id: 'queue:toggle-select',
    title: 'toggleSelect',
    shortcut: 'x',
    isGlobal: false,
    isEnabled: (context) => inQueue(context) && context.queue.hasCursor(),
    run: ({ queue }) => queue?.toggleCursorSelection(),
  },
  { id: 'queue:select-all', title: 'selectAll', shortcut: null, isGlobal: false, isEnabled: inQueue, run: ({ queue }) => queue?.selectAllShown() },
  { id: 'queue:clear', title: 'clear', shortcut: 'Escape', isGlobal: false, isEnabled: inQueue, run: ({ queue }) => void queue?.clear() },
  { id: 'queue:assign-me', title: 'assignMe', shortcut: 't', isGlobal: false, isEnabled: hasTargets, run: ({ queue }) => queue?.assign('me') },
  { id: 'queue:unassign', title: 'unassign', shortcut: null, isGlobal: false, isEnabled: hasTargets, run: ({ queue }) => queue?.assign(null) },
  statusCommand('open', 'statusOpen'),
  statusCommand('pending', 'statusPending'),
  statusCommand('resolved', 'statusResolved'),
  statusCommand('closed', 'statusClosed'),
] as const satisfies readonly Command[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const commandContext = (state: AppState): CommandContext => ({ state, queue: queueTarget() });

/** The commands the signed-in user's role may use, in their order: what the palette lists. */
export const allowedCommands = (context: CommandContext): Command[] => COMMANDS.filter((command: Command) => command.isAllowed?.(context) ?? true);

export const findCommand = (id: CommandId): Command => {
  const command: Command | undefined = COMMANDS.find((candidate) => candidate.id === id);
  if (command === undefined) throw new Error(`No command ${id}`);
  return command;
};

/** The key of a key press as written in `shortcut`: `Mod+k` for Ctrl+K (Cmd+K on a Mac). */
export const keyOf = (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): string | null => {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) return `Mod+${event.key.toLowerCase()}`;
  return event.key;
};

/** The first enabled command a key press should run, if any; commands earlier in the list win. */
export const commandForKey = (key: string, isInTextField: boolean, context: CommandContext): Command | undefined =>
  COMMANDS.find(
    (command: Command) =>
      (command.shortcut === key || command.alsoKeys?.includes(key) === true) && (command.isGlobal || !isInTextField) && command.isEnabled(context),
  );
