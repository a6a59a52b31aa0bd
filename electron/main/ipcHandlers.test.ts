import { describe, expect, it, vi } from 'vitest';
import type { makeFakeElectron } from '../testing/fakeElectron';
import { invokeEventFrom, makeFakeWebContents } from '../testing/fakeElectron';
import { isTrustedSenderFor, registerIpcHandlers } from './ipc';
import { createShellHandlers } from './ipcHandlers';

const fake = vi.hoisted(() => ({ electron: undefined as ReturnType<typeof makeFakeElectron> | undefined }));

vi.mock('electron', async () => {
  const { makeFakeElectron: make } = await import('../testing/fakeElectron');
  fake.electron = make();
  return fake.electron;
});

const APP = 'http://127.0.0.1:4780';

const setUp = () => {
  const electron = fake.electron;
  if (electron === undefined) throw new Error('the electron fake was not loaded');
  const titles: string[] = [];
  const unregister = registerIpcHandlers(electron.ipcMain, createShellHandlers(() => ({ setTitle: (title) => titles.push(title) })), isTrustedSenderFor(APP));
  const page = makeFakeWebContents(`${APP}/`);
  const invoke = (channel: string, ...args: unknown[]) => electron.ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), channel, ...args);
  return { electron, titles, unregister, invoke };
};

describe('createShellHandlers', () => {
  it('opens an http(s) address in the system browser', async () => {
    const { electron, invoke, unregister } = setUp();
    expect(await invoke('app:openExternal', { url: 'https://example.com/kb/42' })).toEqual({ ok: true, value: null });
    expect(await invoke('app:openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(electron.shell.opened).toEqual(['https://example.com/kb/42']);
    unregister();
  });

  it('shows the pending count in the window title', async () => {
    const { titles, invoke, unregister } = setUp();
    await invoke('window:setTitleBadge', { pending: 4 });
    await invoke('window:setTitleBadge', { pending: 0 });
    expect(titles).toEqual(['Meja (4)', 'Meja']);
    unregister();
  });

  it('answers session and sync with a reason until the main process holds them', async () => {
    const { invoke, unregister } = setUp();
    expect(await invoke('session:get')).toEqual({
      ok: false,
      error: { code: 'handler_failed', message: 'session:get: the main-process session is not in the desktop shell yet' },
    });
    expect(await invoke('sync:now')).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    unregister();
  });
});
