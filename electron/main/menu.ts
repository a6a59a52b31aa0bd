import type { MenuItemConstructorOptions } from 'electron';
import { can } from '../../shared/auth/capabilities';
import type { Role } from '../../shared/domain/records';
import type { MenuCommand } from '../../shared/ipc/channels';
import { menuTexts, type MenuTexts } from './menuTexts';

export type MenuActions = {
  /** Runs a console command in the page (`menu:command`). */
  run(command: MenuCommand): void;
  syncNow(): void;
  /** Brings the window back from the tray before a command that needs the page. */
  showWindow(): void;
  reload(): void;
  quit(): void;
  about(): void;
};

export type MenuInput = MenuActions & {
  platform: NodeJS.Platform;
  locale: string;
  isPackaged: boolean;
  /** The signed-in user's role, null when nobody is: the menu offers only what it may use. */
  role: Role | null;
};

/**
 * The keys the page itself answers to (renderer/commands/commands.ts; keep the two in step), as
 * Electron accelerators. The menu only SHOWS them: the page decides when a key is a command and
 * when it is typing, so the menu must never take the key for itself.
 */
export const PAGE_SHORTCUTS: Readonly<Record<MenuCommand, string>> = {
  'ticket:new': 'C',
  'call:answer': 'A',
  'ticket:take-next': 'N',
  'ticket:close': 'Escape',
  'palette:open': 'CmdOrCtrl+K',
  'queue:search': '/',
  'queue:following': 'F',
  'view:statistics': 'S',
  'view:accounts': 'U',
};

const MODIFIER = /^(CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+/i;
export const hasModifier = (accelerator: string): boolean => MODIFIER.test(accelerator);

type Item = MenuItemConstructorOptions;
const separator: Item = { type: 'separator' };

const commandItem = (command: MenuCommand, input: MenuInput, texts: MenuTexts): Item => {
  const accelerator = PAGE_SHORTCUTS[command];
  // registerAccelerator is honoured on Windows and Linux only; a macOS menu would take a bare key
  // ("a", Escape) from every text field, so there the single keys are not put on the menu at all.
  const shortcut = input.platform === 'darwin' && !hasModifier(accelerator) ? {} : { accelerator, registerAccelerator: false };
  return {
    id: command,
    label: texts.commands[command],
    ...shortcut,
    click: () => {
      input.showWindow();
      input.run(command);
    },
  };
};

const macAppMenu = (input: MenuInput, texts: MenuTexts): Item => ({
  label: 'Meja',
  submenu: [
    { id: 'about', label: texts.about, click: input.about },
    separator,
    { role: 'services', label: texts.macApp.services },
    separator,
    { role: 'hide', label: texts.macApp.hide },
    { role: 'hideOthers', label: texts.macApp.hideOthers },
    { role: 'unhide', label: texts.macApp.unhide },
    separator,
    { id: 'quit', label: texts.quit, accelerator: 'Cmd+Q', click: input.quit },
  ],
});

/**
 * The application menu: the console's commands with their shortcuts, and the shell's own actions
 * (sync, reload, quit, about). macOS gets its app menu first (About, Hide, Quit live there) and a
 * Window menu; elsewhere Quit is under File and About under Help. Developer tools only in
 * development builds.
 */
export const applicationMenuTemplate = (input: MenuInput): Item[] => {
  const texts = menuTexts(input.locale);
  const isMac = input.platform === 'darwin';
  const command = (id: MenuCommand): Item => commandItem(id, input, texts);
  const editRoles = ['undo', 'redo', null, 'cut', 'copy', 'paste', ...(isMac ? (['pasteAndMatchStyle'] as const) : []), 'delete', null, 'selectAll'] as const;
  const zoomRoles = ['resetZoom', 'zoomIn', 'zoomOut', null, 'togglefullscreen'] as const;
  return [
    ...(isMac ? [macAppMenu(input, texts)] : []),
    {
      label: texts.menus.file,
      submenu: [
        command('ticket:new'),
        command('call:answer'),
        ...(isMac ? [] : [separator, { id: 'quit', label: texts.quit, accelerator: 'Ctrl+Q', click: input.quit }]),
      ],
    },
    {
      label: texts.menus.edit,
      submenu: editRoles.map((role): Item => (role === null ? separator : { role, label: texts.edit[role] })),
    },
    { label: texts.menus.ticket, submenu: [command('ticket:take-next'), command('ticket:close')] },
    {
      label: texts.menus.view,
      submenu: [
        command('palette:open'),
        command('queue:search'),
        command('queue:following'),
        // Left out, as in the palette, where the role cannot use them (the page checks again).
        ...(input.role !== null && can(input.role, 'stats:read') ? [command('view:statistics')] : []),
        ...(input.role !== null && can(input.role, 'users:manage') ? [command('view:accounts')] : []),
        separator,
        { id: 'reload', label: texts.reload, accelerator: 'CmdOrCtrl+R', click: input.reload },
        ...(input.isPackaged ? [] : [{ id: 'toggleDevTools', role: 'toggleDevTools', label: texts.toggleDevTools } satisfies Item]),
        separator,
        ...zoomRoles.map((role): Item => (role === null ? separator : { role, label: texts.zoom[role] })),
      ],
    },
    {
      label: texts.menus.sync,
      submenu: [{ id: 'syncNow', label: texts.syncNow, accelerator: 'CmdOrCtrl+Shift+S', click: input.syncNow }],
    },
    ...(isMac
      ? [{ role: 'windowMenu', label: texts.menus.window } satisfies Item]
      : [{ label: texts.menus.help, submenu: [{ id: 'about', label: texts.about, click: input.about }] } satisfies Item]),
  ];
};

/** What installing needs of Electron's Menu; the real class satisfies it. */
export type MenuBuilder<M> = { buildFromTemplate(template: Item[]): M; setApplicationMenu(menu: M | null): void };

/** Builds the menu and makes it the application's; call after `app` is ready, again when the language or the signed-in user changes. */
export const installApplicationMenu = <M>(menu: MenuBuilder<M>, template: Item[]): M => {
  const built = menu.buildFromTemplate(template);
  menu.setApplicationMenu(built);
  return built;
};
