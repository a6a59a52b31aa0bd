import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from './windowStateFile';

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-window-state-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('window state file', () => {
  it('reads back what it saved, leaving no temporary file behind', async () => {
    const state = { x: 40, y: 30, width: 1300, height: 820, maximized: true };
    saveWindowState(folder, state);
    expect(await loadWindowState(folder)).toEqual(state);
    expect(await readdir(folder)).toEqual(['window-state.json']);
  });

  it('treats a missing file as nothing remembered', async () => {
    expect(await loadWindowState(folder)).toBeNull();
  });

  it.each([
    ['truncated JSON', '{"x":40,"y":'],
    ['JSON of the wrong shape', '{"x":"left"}'],
    ['binary junk', '\u0000\u00ff\u0013'],
  ])('ignores a corrupt file (%s)', async (_label, content) => {
    await writeFile(join(folder, 'window-state.json'), content, 'utf8');
    expect(await loadWindowState(folder)).toBeNull();
  });
});
