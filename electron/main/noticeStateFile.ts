import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a user's notice state lives: one small JSON file per user in the user data folder. */
const fileFor = (folder: string, userId: string): string => join(folder, 'notices', `${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);

export type NoticeStateFile = {
  /** The saved state, or null when there is none or it cannot be read. */
  load(userId: string): unknown;
  save(userId: string, state: unknown): void;
};

/**
 * Keeps the notice tracker's state across restarts: an incremental sync after a restart only
 * brings what changed, so without it an untouched ticket of mine would never get its SLA notice.
 * Losing it costs a missed notice, never data, so failures are only reported.
 */
export const createNoticeStateFile = (folder: string, onError: (error: unknown) => void): NoticeStateFile => ({
  load: (userId) => {
    try {
      return JSON.parse(readFileSync(fileFor(folder, userId), 'utf8')) as unknown;
    } catch {
      return null;
    }
  },
  save: (userId, state) => {
    const path = fileFor(folder, userId);
    try {
      mkdirSync(join(folder, 'notices'), { recursive: true });
      // Written beside and renamed over: a crash mid-write leaves the previous state, not half of one.
      writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      onError(error);
    }
  },
});
