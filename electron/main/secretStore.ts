import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PublicUser } from '../../shared/domain/records';
import type { SecretStorageKind } from '../../shared/ipc/contract';
import { normaliseServerUrl, parsePublicUser } from './sessionUser';

/** The part of Electron's safeStorage this store uses; the real one satisfies it. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption. */
  getSelectedStorageBackend(): string;
};

export type StoredSession = { serverUrl: string; user: PublicUser; token: string };

export type SecretStore = {
  /** Read on every call: safeStorage only knows after the app is ready. */
  kind(): SecretStorageKind;
  /** Keeps the session for the next start (encrypted), or in memory only when the OS has no encryption. */
  save(session: StoredSession): Promise<void>;
  /** The saved session, or null when there is none or it can no longer be read. */
  load(): Promise<StoredSession | null>;
  /** Forgets the session but not the server it was on. */
  clear(): Promise<void>;
  /** The server of the last sign-in, kept after sign-out so the next sign-in goes there. */
  lastServerUrl(): Promise<string | null>;
  /**
   * The origins (`http://host:port`) the technician allowed plain http to, kept across sign-outs
   * and sessions, so the consent is asked once per server.
   */
  unencryptedAllowed(): Promise<string[]>;
  /** Adds `origin` to those (kept in the file even without OS encryption: it holds no secret). */
  allowUnencrypted(origin: string): Promise<void>;
};

export const SESSION_FILE = 'session.json';

const serverUrl = z.string().transform((value, context) => {
  const url = normaliseServerUrl(value);
  if (url !== null) return url;
  context.addIssue({ code: 'custom', message: 'not a server URL' });
  return z.NEVER;
});

// Origins only: consent is per machine and port, whatever path the server is served under.
const serverOrigin = z.string().regex(/^http:\/\/[^/?#@]+$/, 'not an http origin');

const sessionFileSchema = z.object({
  version: z.literal(1),
  lastServerUrl: serverUrl.nullable(),
  // Absent in files written before consent was asked for: nothing allowed yet.
  unencryptedAllowed: z.array(serverOrigin).max(1000).default([]),
  session: z
    .object({
      serverUrl,
      user: z.unknown(),
      // Base64 of what safeStorage.encryptString gave: never the token itself.
      encryptedToken: z.base64().min(1),
    })
    .nullable(),
});
type SessionFile = z.infer<typeof sessionFileSchema>;
type SessionFileFields = Omit<SessionFile, 'version' | 'unencryptedAllowed'>;

/**
 * `os` when a real keyring encrypts; `plain-text` when Linux falls back to Chromium's fixed
 * password (`basic_text`), which only hides the token from a casual look; `unknown` counts as
 * plain-text because nothing vouches for it.
 */
export const secretStorageKind = (safeStorage: SafeStorageLike, platform: string): SecretStorageKind => {
  if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
  if (platform !== 'linux') return 'os';
  const backend = safeStorage.getSelectedStorageBackend();
  return backend === 'basic_text' || backend === 'unknown' ? 'plain-text' : 'os';
};

/**
 * The signed-in session at rest in `folder/session.json`: the token encrypted with safeStorage,
 * written through a temporary file and a rename (mode 0600) so a crash never leaves half a file.
 * Calls run one at a time in the order made, so a sign-out right after a sign-in wins.
 */
export const createSecretStore = (options: { folder: string; safeStorage: SafeStorageLike; platform: string }): SecretStore => {
  const { folder, safeStorage, platform } = options;
  const target = join(folder, SESSION_FILE);
  // Without OS encryption the token lives here only, and a restart asks to sign in again.
  let memoryOnly: StoredSession | null = null;
  let remembered: string | null = null;
  // Every write keeps these, so read the file before the first write of a run (see `write`).
  const allowed = new Set<string>();
  let hasRead = false;
  let queue: Promise<unknown> = Promise.resolve();

  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };

  const write = async (fields: SessionFileFields): Promise<void> => {
    // A first save of this run (a sign-in before any restore) must not drop what an earlier run allowed.
    if (!hasRead) await read();
    const file: SessionFile = { version: 1, ...fields, unencryptedAllowed: [...allowed] };
    await mkdir(folder, { recursive: true });
    const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(file), { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  /** The file as written, null when missing; a file that is not ours is deleted and read as missing. */
  const read = async (): Promise<SessionFile | null> => {
    hasRead = true;
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch {
      return null;
    }
    try {
      const file = sessionFileSchema.parse(JSON.parse(text));
      remembered = file.lastServerUrl ?? remembered;
      for (const origin of file.unencryptedAllowed) allowed.add(origin);
      return file;
    } catch {
      await rm(target, { force: true });
      return null;
    }
  };

  const encrypt = (token: string): string | null => {
    if (!safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.encryptString(token).toString('base64');
    } catch {
      return null;
    }
  };

  return {
    kind: () => secretStorageKind(safeStorage, platform),

    save: (session) =>
      inTurn(async () => {
        remembered = session.serverUrl;
        const encryptedToken = encrypt(session.token);
        memoryOnly = encryptedToken === null ? session : null;
        await write({
          lastServerUrl: session.serverUrl,
          session: encryptedToken === null ? null : { serverUrl: session.serverUrl, user: session.user, encryptedToken },
        });
      }),

    load: () =>
      inTurn(async () => {
        if (memoryOnly !== null) return memoryOnly;
        const file = await read();
        if (file?.session == null) return null;
        // The keyring may be locked or not up yet: keep the file for a start when it is.
        if (!safeStorage.isEncryptionAvailable()) return null;
        const user = parsePublicUser(file.session.user);
        let token = '';
        try {
          token = safeStorage.decryptString(Buffer.from(file.session.encryptedToken, 'base64'));
        } catch {
          // Another keyring or a damaged blob: it will never decrypt, so it leaves the disk.
        }
        if (user === null || token === '') {
          await write({ lastServerUrl: file.lastServerUrl, session: null });
          return null;
        }
        return { serverUrl: file.session.serverUrl, user, token };
      }),

    clear: () =>
      inTurn(async () => {
        memoryOnly = null;
        const file = await read();
        await write({ lastServerUrl: file?.lastServerUrl ?? remembered, session: null });
      }),

    lastServerUrl: () =>
      inTurn(async () => {
        await read();
        return remembered;
      }),

    unencryptedAllowed: () =>
      inTurn(async () => {
        await read();
        return [...allowed];
      }),

    allowUnencrypted: (origin) =>
      inTurn(async () => {
        const file = await read();
        if (allowed.has(origin)) return;
        allowed.add(origin);
        await write({ lastServerUrl: file?.lastServerUrl ?? remembered, session: file?.session ?? null });
      }),
  };
};
