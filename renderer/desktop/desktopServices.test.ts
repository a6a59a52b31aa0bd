import { describe, expect, it } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import type { SessionInfo } from '../../shared/ipc/contract';
import { makeUser } from '../../tests/support/factories';
import type { Workspace } from '../sync/workspace';
import { createDesktopServices, fetchAppInfo } from './desktopServices';
import { makeStandInBridge } from './standInBridge';

const tina = makeUser({ id: 'user-tina', username: 'tina' });
const SERVER = 'https://helpdesk.example.test';

/** A main process with one account; it keeps the session the way session.ts does (token never returned). */
const mainProcess = (remembered: SessionInfo | null = null) => {
  let session = remembered;
  return makeStandInBridge({
    'session:signIn': (args) => {
      const { username, password, allowUnencrypted } = args as { username: string; password: string; allowUnencrypted?: boolean };
      if (username === 'offline') return { signedIn: false, reason: 'unreachable' };
      if (username === 'lan' && allowUnencrypted !== true) return { signedIn: false, reason: 'unencrypted_connection' };
      if (username === 'broken') return { signedIn: false, reason: 'server_error' };
      if (username !== 'tina' || password !== 'demo-password') return { signedIn: false, reason: 'invalid_credentials' };
      session = { user: tina, serverUrl: SERVER };
      return { signedIn: true, session };
    },
    'session:get': () => session,
    'session:signOut': () => {
      session = null;
      return null;
    },
    'app:info': () => ({ version: '1.2.3', platform: 'linux', serverUrl: SERVER, secretStorage: 'plain-text', isUnencryptedAllowed: false }),
  });
};

const noWorkspace = (user: PublicUser): Workspace => {
  throw new Error(`no workspace in this test (${user.id})`);
};

describe('desktop session services', () => {
  it('signs in through the main process and gets the user, never a token', async () => {
    const main = mainProcess();
    const services = createDesktopServices(main.bridge, noWorkspace);
    const result = await services.signIn('tina', 'demo-password');
    expect(result).toEqual({ ok: true, value: tina });
    expect(JSON.stringify(result)).not.toMatch(/token/i);
    expect(main.calls).toEqual([{ channel: 'session:signIn', args: { username: 'tina', password: 'demo-password' } }]);
  });

  it.each([
    ['tina', 'wrong', { code: 'invalid' }],
    ['offline', 'x', { code: 'network' }],
    ['broken', 'x', { code: 'unexpected' }],
    ['lan', 'x', { code: 'unencrypted' }],
  ])('gives the refusal of %s as the sign-in card’s code', async (username, password, error) => {
    const services = createDesktopServices(mainProcess().bridge, noWorkspace);
    expect(await services.signIn(username, password)).toEqual({ ok: false, error });
  });

  it('passes the consent to an unencrypted connection only when it was given', async () => {
    const main = mainProcess();
    const services = createDesktopServices(main.bridge, noWorkspace);
    await services.signIn('lan', 'x', { allowUnencrypted: false });
    await services.signIn('lan', 'x', { allowUnencrypted: true });
    expect(main.calls).toEqual([
      { channel: 'session:signIn', args: { username: 'lan', password: 'x' } },
      { channel: 'session:signIn', args: { username: 'lan', password: 'x', allowUnencrypted: true } },
    ]);
  });

  it('treats a refused request (bad args, failed handler) as an unexpected answer', async () => {
    const services = createDesktopServices(makeStandInBridge({}).bridge, noWorkspace);
    expect(await services.signIn('tina', 'demo-password')).toEqual({ ok: false, error: { code: 'unexpected' } });
  });

  it('restores the session the main process remembers, and nothing when it remembers none', async () => {
    const remembered = createDesktopServices(mainProcess({ user: tina, serverUrl: SERVER }).bridge, noWorkspace);
    const restored = await remembered.restore();
    expect(restored?.user).toEqual(tina);
    // The main process checks the token as it syncs; the page keeps the session meanwhile.
    expect(await restored?.check()).toEqual({ kind: 'unknown' });

    expect(await createDesktopServices(mainProcess().bridge, noWorkspace).restore()).toBeNull();
    expect(await createDesktopServices(makeStandInBridge({}).bridge, noWorkspace).restore()).toBeNull();
  });

  it('signs out in the main process, so the next start shows the sign-in form', async () => {
    const main = mainProcess({ user: tina, serverUrl: SERVER });
    const services = createDesktopServices(main.bridge, noWorkspace);
    await services.signOut('user');
    expect(await services.restore()).toBeNull();
    expect(main.channelsCalled()).toEqual(['session:signOut', 'session:get']);
  });

  it('never throws when the shell refuses the sign-out', async () => {
    const services = createDesktopServices(makeStandInBridge({}).bridge, noWorkspace);
    await expect(services.signOut('ended')).resolves.toBeUndefined();
  });

  it('reads the app info, or null when the shell will not say', async () => {
    expect(await fetchAppInfo(mainProcess().bridge)).toEqual({
      version: '1.2.3',
      platform: 'linux',
      serverUrl: SERVER,
      secretStorage: 'plain-text',
      isUnencryptedAllowed: false,
    });
    expect(await fetchAppInfo(makeStandInBridge({}).bridge)).toBeNull();
  });
});
