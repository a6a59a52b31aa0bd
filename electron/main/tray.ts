import type { SyncStatus } from '../../shared/sync/engine';
import { trayLabel, trayTexts } from './trayTexts';
import { formatNumber } from '../../shared/format/numbers';

/** A menu item as Electron's Menu.buildFromTemplate takes it (the part the tray uses). */
export type TrayMenuItem = { label?: string; type?: 'normal' | 'separator'; enabled?: boolean; click?: () => void };

/** What the controller needs of Electron's Tray; a fake in tests. */
export type TrayLike<M> = {
  setToolTip(toolTip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: M | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
};

export type TrayControllerOptions<M> = {
  createTray(iconPath: string): TrayLike<M>;
  buildMenu(template: TrayMenuItem[]): M;
  iconPath: string;
  locale: string | (() => string);
  platform?: NodeJS.Platform;
  onOpen(): void;
  onSyncNow(): void;
  onQuit(): void;
};

export type TrayController = { update(status: SyncStatus): void; destroy(): void };

/**
 * The tray icon's file in build/tray (packed to <resources>/tray by electron-builder.yml); Electron
 * picks the @2x file beside it on HiDPI screens. macOS wants a black template image it tints itself.
 */
export const trayIconFile = (platform: NodeJS.Platform): string => (platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');

/**
 * The tray menu: the state line first and disabled (it carries the text where the desktop shows no
 * tooltip, as on many Linux panels), then the actions. "Sync now" is off while it cannot help.
 */
export const trayMenuTemplate = (
  status: Pick<SyncStatus, 'state' | 'pending'> | null,
  locale: string,
  actions: Pick<TrayControllerOptions<unknown>, 'onOpen' | 'onSyncNow' | 'onQuit'>,
): TrayMenuItem[] => {
  const texts = trayTexts(locale);
  const canSync = status !== null && status.state !== 'syncing' && status.state !== 'signed-out' && status.state !== 'stopped';
  return [
    { label: status === null ? texts.appName : trayLabel(status, locale), enabled: false },
    { type: 'separator' },
    { label: texts.open, click: actions.onOpen },
    { label: texts.syncNow, enabled: canSync, click: actions.onSyncNow },
    { type: 'separator' },
    { label: texts.quit, click: actions.onQuit },
  ];
};

/** The tray icon: changes waiting and sync state at a glance, and a way back to the window. */
export const createTrayController = <M>(options: TrayControllerOptions<M>): TrayController => {
  const platform = options.platform ?? process.platform;
  const locale = (): string => (typeof options.locale === 'string' ? options.locale : options.locale());
  const tray = options.createTray(options.iconPath);
  // Windows and some Linux panels: a left click on the icon brings the window back.
  tray.on('click', options.onOpen);
  let shown: string | null = null;
  let destroyed = false;

  /** `null` before the first sync status: the app's name only, no claim about the sync. */
  const render = (status: SyncStatus | null): void => {
    if (destroyed) return;
    const template = trayMenuTemplate(status, locale(), options);
    // Rebuilding the menu for an unchanged status makes some Linux panels flicker; skip it.
    const key = JSON.stringify(template.map(({ label, enabled }) => [label, enabled]));
    if (key === shown) return;
    shown = key;
    tray.setToolTip(template[0]?.label ?? '');
    // The macOS menu bar shows text beside the icon: just the count, nothing when all is sent.
    const pending = status?.pending ?? 0;
    if (platform === 'darwin') tray.setTitle(pending > 0 ? formatNumber(pending, locale()) : '');
    tray.setContextMenu(options.buildMenu(template));
  };

  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    tray.destroy();
  };

  render(null);
  return { update: render, destroy };
};
