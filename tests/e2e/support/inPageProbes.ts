import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { PROBES_KEY, type InPageProbes } from './isolationTypes';

/**
 * The probes of tests/e2e/inPage, bundled into one script. That file is typed against the DOM
 * (tsconfig.e2e-page.json); this project has no DOM types, so it never imports it.
 */
const PROBES_SOURCE = resolve(import.meta.dirname, '../inPage/isolationProbes.ts');

let bundled: string | null = null;
const probesScript = (): string => {
  if (bundled === null) {
    const result = buildSync({ entryPoints: [PROBES_SOURCE], bundle: true, format: 'iife', target: 'es2023', write: false, logLevel: 'silent' });
    bundled = result.outputFiles[0]?.text ?? '';
    if (bundled === '') throw new Error(`could not bundle ${PROBES_SOURCE}`);
  }
  return bundled;
};

/** Puts the probes into every page and frame of `context`, before any of the page's own scripts. */
export const installProbes = async (context: BrowserContext): Promise<void> => {
  await context.addInitScript({ content: probesScript() });
};

type Probe = keyof InPageProbes;

/** Calls one probe in `page`'s main frame and returns what it returned. */
export const inPage = async <K extends Probe>(page: Page, name: K, ...args: Parameters<InPageProbes[K]>): Promise<Awaited<ReturnType<InPageProbes[K]>>> =>
  (await page.evaluate(
    ({ key, probe, given }) => {
      const probes: unknown = Reflect.get(globalThis, Symbol.for(key));
      const call: unknown = typeof probes === 'object' && probes !== null ? Reflect.get(probes, probe) : undefined;
      if (typeof call !== 'function') throw new Error(`no probe ${probe} in this page`);
      return Reflect.apply(call, probes, given) as unknown;
    },
    { key: PROBES_KEY, probe: name, given: args },
  )) as Awaited<ReturnType<InPageProbes[K]>>;
