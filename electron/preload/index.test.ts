import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS } from '../../shared/ipc/contract';
import type { makeFakeElectron } from '../testing/fakeElectron';

const fake = vi.hoisted(() => ({ electron: undefined as ReturnType<typeof makeFakeElectron> | undefined }));

vi.mock('electron', async () => {
  const { makeFakeElectron: make } = await import('../testing/fakeElectron');
  fake.electron = make();
  return fake.electron;
});

describe('preload', () => {
  it('exposes one object, window.meja, with nothing but the contract', async () => {
    await import('./index');
    const exposed = fake.electron?.contextBridge.exposed;
    expect([...(exposed?.keys() ?? [])]).toEqual(['meja']);
    const meja = exposed?.get('meja');
    expect(typeof meja === 'object' && meja !== null ? Object.keys(meja).sort() : meja).toEqual([...BRIDGE_KEYS].sort());
  });
});
