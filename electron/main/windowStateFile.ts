import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWindowState, type WindowState } from './windowState';

const FILE_NAME = 'window-state.json';

/** The remembered window state in `folder` (the user-data folder), or null if missing or corrupt. */
export const loadWindowState = async (folder: string): Promise<WindowState | null> => {
  try {
    return parseWindowState(JSON.parse(await readFile(join(folder, FILE_NAME), 'utf8')));
  } catch {
    // A missing or unreadable file only means the window opens at its default place.
    return null;
  }
};

/**
 * Writes the state through a temporary file and a rename, so a crash mid-write leaves the old file
 * whole. Synchronous on purpose: it runs as the window closes, and the app may quit right after.
 */
export const saveWindowState = (folder: string, state: WindowState): void => {
  const target = join(folder, FILE_NAME);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), 'utf8');
  renameSync(temporary, target);
};
