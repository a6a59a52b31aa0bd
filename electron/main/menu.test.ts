import type { Menu, MenuItemConstructorOptions } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MENU_COMMANDS } from '../../shared/ipc/channels';
import { applicationMenuTemplate, hasModifier, installApplicationMenu, PAGE_SHORTCUTS, type MenuBuilder, type MenuInput } from './menu';

type Item = MenuItemConstructorOptions;
type Platform = MenuInput['platform'];

const setUp = (overrides: Partial<Pick<MenuInput, 'platform' | 'locale' | 'isPackaged' | 'role'>> = {}) => {
  const calls: string[] = [];
  const input: MenuInput = {
    platform: 'win32',
    locale: 'en-US',
    isPackaged: true,
    role: 'admin',
    ...overrides,
    run: (command) => calls.push(`run ${command}`),
    syncNow: () => calls.push('syncNow'),
    showWindow: () => calls.push('showWindow'),
    reload: () => calls.push('reload'),
    quit: () => calls.push('quit'),
    about: () => calls.push('about'),
  };
  return { calls, template: applicationMenuTemplate(input) };
};

/** Every item of the menu, depth first, submenus included. */
const itemsOf = (template: Item[]): Item[] => template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? itemsOf(item.submenu) : [])]);

const byId = (template: Item[], id: string): Item => {
  const item = itemsOf(template).find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`no menu item ${id}`);
  return item;
};

const click = (item: Item): void => {
  if (item.click === undefined) throw new Error(`${item.label ?? item.id ?? '?'} does nothing`);
  // The real Menu passes the item, the window and the key event; ours read none of them.
  (item.click as () => void)();
};

const platforms: Platform[] = ['win32', 'linux', 'darwin'];

describe('applicationMenuTemplate', () => {
  it.each(platforms)('reaches every console command on %s, each running its own id after showing the window', (platform) => {
    for (const command of MENU_COMMANDS) {
      const { calls, template } = setUp({ platform });
      click(byId(template, command));
      expect(calls).toEqual(['showWindow', `run ${command}`]);
    }
  });

  it('runs the shell actions from their items', () => {
    for (const [id, expected] of [
      ['syncNow', 'syncNow'],
      ['reload', 'reload'],
      ['quit', 'quit'],
      ['about', 'about'],
    ] as const) {
      for (const platform of platforms) {
        const { calls, template } = setUp({ platform });
        click(byId(template, id));
        expect(calls, `${id} on ${platform}`).toEqual([expected]);
      }
    }
  });

  it('groups the commands as a technician looks for them', () => {
    const { template } = setUp();
    const menu = (label: string) => template.find((item) => item.label === label);
    const ids = (label: string) => (Array.isArray(menu(label)?.submenu) ? itemsOf(menu(label)?.submenu as Item[]) : []).map((item) => item.id ?? item.role);
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'Ticket', 'View', 'Sync', 'Help']);
    expect(ids('File')).toEqual(['ticket:new', 'call:answer', undefined, 'quit']);
    expect(ids('Ticket')).toEqual(['ticket:take-next', 'ticket:close']);
    expect(ids('View')).toEqual(
      expect.arrayContaining(['palette:open', 'queue:search', 'queue:following', 'reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
    expect(ids('Edit')).toEqual(['undo', 'redo', undefined, 'cut', 'copy', 'paste', 'delete', undefined, 'selectAll']);
  });

  it.each(platforms)('shows the page shortcuts on %s but never registers them, so typing stays typing', (platform) => {
    const { template } = setUp({ platform });
    for (const command of MENU_COMMANDS) {
      const item = byId(template, command);
      if (item.accelerator !== undefined) {
        expect(item.accelerator).toBe(PAGE_SHORTCUTS[command]);
        expect(item.registerAccelerator, command).toBe(false);
      }
    }
  });

  it.each(platforms)('registers no single-key accelerator anywhere on %s', (platform) => {
    const { template } = setUp({ platform, isPackaged: false });
    for (const item of itemsOf(template)) {
      if (item.accelerator !== undefined && !hasModifier(item.accelerator)) expect(item.registerAccelerator, item.label).toBe(false);
    }
  });

  it('offers Statistics and Accounts only to the roles that may use them, and neither before sign-in', () => {
    const offered = (role: MenuInput['role']) =>
      itemsOf(setUp({ role }).template).flatMap((item) => (item.id === 'view:statistics' || item.id === 'view:accounts' ? [item.id] : []));
    expect(offered('technician')).toEqual([]);
    expect(offered('supervisor')).toEqual(['view:statistics']);
    expect(offered('admin')).toEqual(['view:statistics', 'view:accounts']);
    expect(offered(null)).toEqual([]);
  });

  it('shows the single keys on Windows and Linux, where the menu can show without taking them', () => {
    const { template } = setUp({ platform: 'linux' });
    expect(byId(template, 'call:answer').accelerator).toBe('A');
    expect(byId(template, 'queue:search').accelerator).toBe('/');
    expect(byId(template, 'palette:open').accelerator).toBe('CmdOrCtrl+K');
  });

  it('leaves single keys off the macOS menu, which would take them from every text field', () => {
    const { template } = setUp({ platform: 'darwin' });
    expect(byId(template, 'call:answer').accelerator).toBeUndefined();
    expect(byId(template, 'ticket:close').accelerator).toBeUndefined();
    expect(byId(template, 'palette:open').accelerator).toBe('CmdOrCtrl+K');
  });

  it('offers the developer tools only in development builds', () => {
    const roles = (isPackaged: boolean) => itemsOf(setUp({ isPackaged }).template).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS, with About, Hide and Quit, and no Quit under File', () => {
    const { template } = setUp({ platform: 'darwin' });
    const first = template[0];
    const submenu = Array.isArray(first?.submenu) ? first.submenu : [];
    expect(submenu.map((item) => item.id ?? item.role)).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'quit']));
    expect(byId(template, 'quit').accelerator).toBe('Cmd+Q');
    const file = template.find((item) => item.label === 'File');
    expect(itemsOf(Array.isArray(file?.submenu) ? file.submenu : []).map((item) => item.id)).not.toContain('quit');
    expect(template.at(-1)?.role).toBe('windowMenu');
  });

  it('speaks Bahasa Indonesia when the locale is id', () => {
    for (const locale of ['id', 'id-ID']) {
      const { template } = setUp({ locale });
      expect(template.map((item) => item.label)).toEqual(['Berkas', 'Edit', 'Tiket', 'Tampilan', 'Sinkronisasi', 'Bantuan']);
      expect(byId(template, 'ticket:new').label).toBe('Tiket baru');
      expect(byId(template, 'call:answer').label).toBe('Terima panggilan');
      expect(byId(template, 'syncNow').label).toBe('Sinkronkan sekarang');
      expect(byId(template, 'quit').label).toBe('Keluar dari Meja');
    }
  });

  it('labels every item in both languages, and differently', () => {
    const labels = (locale: string) => itemsOf(setUp({ locale, isPackaged: false }).template).map((item) => item.label);
    const english = labels('en');
    const indonesian = labels('id');
    for (const label of [...english, ...indonesian]) expect(label === undefined || label.trim() !== '').toBe(true);
    const items = itemsOf(setUp().template).filter((item) => item.type !== 'separator');
    expect(items.every((item) => typeof item.label === 'string')).toBe(true);
    // "Edit" is the word Indonesian software uses too; everything else is translated.
    expect(indonesian.filter((label, index) => label !== undefined && label === english[index])).toEqual(['Edit']);
  });
});

describe('installApplicationMenu', () => {
  it("takes Electron's own Menu class (checked by the typecheck)", () => {
    expectTypeOf<typeof Menu>().toMatchTypeOf<MenuBuilder<Menu>>();
  });

  it('builds the template and makes it the application menu', () => {
    const built: Item[][] = [];
    let installed: string | null = null;
    const { template } = setUp();
    const result = installApplicationMenu(
      {
        buildFromTemplate: (given) => {
          built.push(given);
          return 'the-menu';
        },
        setApplicationMenu: (menu) => {
          installed = menu;
        },
      },
      template,
    );
    expect(built).toEqual([template]);
    expect(installed).toBe('the-menu');
    expect(result).toBe('the-menu');
  });
});

describe('PAGE_SHORTCUTS', () => {
  it('has one shortcut for each menu command', () => {
    expect(Object.keys(PAGE_SHORTCUTS).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it.each([
    ['CmdOrCtrl+K', true],
    ['Ctrl+Q', true],
    ['Shift+/', true],
    ['A', false],
    ['Escape', false],
    ['/', false],
  ])('%s has a modifier: %s', (accelerator, expected) => {
    expect(hasModifier(accelerator)).toBe(expected);
  });
});
