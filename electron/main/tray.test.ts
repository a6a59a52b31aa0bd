import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { initialSyncStatus, type SyncStatus } from '../../shared/sync/engine';
import { createTrayController, trayIconFile, trayMenuTemplate, type TrayLike, type TrayMenuItem } from './tray';
import { trayLabel } from './trayTexts';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({ ...initialSyncStatus('idle'), live: true, ...patch });

/** A tray that records what it was told; the "menu" is the template itself. */
const fakeTray = () => {
  const calls: Array<[string, unknown]> = [];
  const listeners: Array<() => void> = [];
  let menu: TrayMenuItem[] | null = null;
  const tray: TrayLike<TrayMenuItem[]> = {
    setToolTip: (text) => calls.push(['toolTip', text]),
    setTitle: (text) => calls.push(['title', text]),
    setContextMenu: (built) => {
      menu = built;
      calls.push(['menu', built?.[0]?.label]);
    },
    on: (_event, listener) => listeners.push(listener),
    destroy: () => calls.push(['destroy', null]),
  };
  return { tray, calls, listeners, menu: () => menu, click: (label: string) => menu?.find((item) => item.label === label)?.click?.() };
};

const setUp = (platform: NodeJS.Platform, locale: string | (() => string) = 'en') => {
  const fake = fakeTray();
  const actions: string[] = [];
  const icons: string[] = [];
  const controller = createTrayController({
    createTray: (icon) => {
      icons.push(icon);
      return fake.tray;
    },
    buildMenu: (template) => template,
    iconPath: '/app/build/icon.png',
    locale,
    platform,
    onOpen: () => actions.push('open'),
    onSyncNow: () => actions.push('sync'),
    onQuit: () => actions.push('quit'),
  });
  return { ...fake, actions, icons, controller };
};

describe('tray label', () => {
  it('tells the changes waiting and the sync state', () => {
    expect(trayLabel(status({ pending: 3, state: 'offline' }), 'en')).toBe('Meja · 3 changes waiting · Offline');
    expect(trayLabel(status({ pending: 1 }), 'en')).toBe('Meja · 1 change waiting');
    expect(trayLabel(status({}), 'en-GB')).toBe('Meja · Up to date');
    expect(trayLabel(status({ state: 'syncing' }), 'en')).toBe('Meja · Syncing');
    expect(trayLabel(status({ pending: 1200, state: 'error' }), 'en')).toBe('Meja · 1,200 changes waiting · Sync error');
  });

  it('speaks Bahasa Indonesia', () => {
    expect(trayLabel(status({ pending: 3, state: 'offline' }), 'id-ID')).toBe('Meja · 3 perubahan menunggu dikirim · Luring');
    expect(trayLabel(status({}), 'id')).toBe('Meja · Sudah tersinkron');
    expect(trayLabel(status({ pending: 1200, state: 'signed-out' }), 'id')).toBe('Meja · 1.200 perubahan menunggu dikirim · Sesi berakhir');
  });
});

describe('tray menu', () => {
  const actions = { onOpen: () => undefined, onSyncNow: () => undefined, onQuit: () => undefined };
  it('starts with the disabled state line, then Open, Sync now and Quit', () => {
    const template = trayMenuTemplate(status({ pending: 2, state: 'offline' }), 'en', actions);
    expect(template.map(({ label, type, enabled }) => ({ label, type, enabled }))).toEqual([
      { label: 'Meja · 2 changes waiting · Offline', type: undefined, enabled: false },
      { label: undefined, type: 'separator', enabled: undefined },
      { label: 'Open Meja', type: undefined, enabled: undefined },
      { label: 'Sync now', type: undefined, enabled: true },
      { label: undefined, type: 'separator', enabled: undefined },
      { label: 'Quit Meja', type: undefined, enabled: undefined },
    ]);
  });

  it('turns Sync now off while syncing or signed out', () => {
    const syncNow = (state: SyncStatus['state']) => trayMenuTemplate(status({ state }), 'en', actions)[3]?.enabled;
    expect(['idle', 'offline', 'error', 'syncing', 'signed-out', 'stopped'].map((s) => syncNow(s as SyncStatus['state']))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('fits the Electron Tray and Menu types', () => {
    expectTypeOf<TrayMenuItem>().toExtend<MenuItemConstructorOptions>();
    expectTypeOf<Tray>().toExtend<TrayLike<Menu>>();
  });
});

describe('tray icon', () => {
  it('is a template image on macOS and the colour icon elsewhere', () => {
    expect([trayIconFile('darwin'), trayIconFile('linux'), trayIconFile('win32')]).toEqual(['trayTemplate.png', 'tray.png', 'tray.png']);
  });
});

describe('tray controller', () => {
  it('shows the name only until the first status, then tooltip and first menu item carry the label', () => {
    const { calls, icons, controller, menu } = setUp('linux');
    expect(icons).toEqual(['/app/build/icon.png']);
    expect(calls).toEqual([
      ['toolTip', 'Meja'],
      ['menu', 'Meja'],
    ]);
    controller.update(status({ pending: 3, state: 'offline' }));
    expect(calls.slice(2)).toEqual([
      ['toolTip', 'Meja · 3 changes waiting · Offline'],
      ['menu', 'Meja · 3 changes waiting · Offline'],
    ]);
    expect(menu()?.[3]).toMatchObject({ label: 'Sync now', enabled: true });
  });

  it('sets the macOS title to the count, and clears it when all is sent', () => {
    const { calls, controller } = setUp('darwin');
    controller.update(status({ pending: 3 }));
    controller.update(status({ pending: 0 }));
    expect(calls.filter(([kind]) => kind === 'title')).toEqual([
      ['title', ''],
      ['title', '3'],
      ['title', ''],
    ]);
  });

  it('does not rebuild the menu when nothing it shows changed', () => {
    const { calls, controller } = setUp('linux');
    controller.update(status({ pending: 1, received: 10 }));
    controller.update(status({ pending: 1, received: 20, lastSyncedAt: '2026-03-02T09:00:00.000Z' }));
    expect(calls.filter(([kind]) => kind === 'menu')).toHaveLength(2);
  });

  it('runs the actions of the menu and of a click on the icon', () => {
    const { click, listeners, actions, controller } = setUp('win32');
    controller.update(status({}));
    click('Open Meja');
    click('Sync now');
    click('Quit Meja');
    listeners.forEach((listener) => listener());
    expect(actions).toEqual(['open', 'sync', 'quit', 'open']);
  });

  it('follows a language change at the next status', () => {
    let locale = 'en';
    const { calls, controller } = setUp('linux', () => locale);
    locale = 'id';
    controller.update(status({ state: 'offline' }));
    expect(calls.at(-1)).toEqual(['menu', 'Meja · Luring']);
  });

  it('is destroyed once and ignores statuses afterwards', () => {
    const { calls, controller } = setUp('linux');
    controller.destroy();
    controller.destroy();
    controller.update(status({ pending: 5 }));
    expect(calls.filter(([kind]) => kind === 'destroy')).toHaveLength(1);
    expect(calls.at(-1)).toEqual(['destroy', null]);
  });
});
