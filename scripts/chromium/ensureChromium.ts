import { existsSync } from 'node:fs';
import { canInstallDebianPackages, installDebianPackages } from '../apt/aptGet';
import type { AptProgress } from '../apt/aptProgress';
import { DEBIAN_CHROMIUM, noChromiumMessage, type ChromiumChoice } from './chooseChromium';
import { findChromium } from './findChromium';

export type EnsureChromiumDeps = {
  find: () => ChromiumChoice;
  /** Whether installing Debian's package is possible here: root, on Debian, with apt-get. */
  canInstall: boolean;
  install: (progress: (step: AptProgress) => void) => Promise<void>;
  log: (line: string) => void;
  now: () => number;
};

/** The Chromium to launch: one already there (chooseChromium's order), else Debian's, installed now where possible; else an Error of one line. */
export const ensureChromium = async (deps: EnsureChromiumDeps): Promise<string> => {
  const first = deps.find();
  if (first.kind === 'found') return first.path;
  if (!first.installable) throw new Error(first.message);
  if (!deps.canInstall) throw new Error(noChromiumMessage(false));
  const started = deps.now();
  deps.log(`Chromium not found: installing Debian's chromium (apt-get update && apt-get install -y chromium), about 1.5 min, once per machine…`);
  let shown = -1;
  await deps.install((step) => {
    // A line per tenth, so a log that is not a terminal shows it moving without flooding.
    const tenth = Math.floor(step.percent / 10);
    if (tenth <= shown) return;
    shown = tenth;
    deps.log(`  chromium: ${step.percent}% ${step.text}`);
  });
  const second = deps.find();
  if (second.kind === 'missing') throw new Error(`apt-get installed chromium, yet: ${second.message}`);
  deps.log(`Chromium installed in ${Math.round((deps.now() - started) / 1000)} s: ${second.path}`);
  return second.path;
};

/** Debian's package, as root: the same browser CI has always used (docs/TOOLCHAIN.md). */
const installDebianChromium = async (progress: (step: AptProgress) => void): Promise<void> => {
  await installDebianPackages(['chromium'], progress);
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`apt-get install chromium left no ${DEBIAN_CHROMIUM}`);
};

export const ensureChromiumOnThisMachine = (): Promise<string> =>
  ensureChromium({
    find: () => findChromium(),
    canInstall: canInstallDebianPackages(),
    install: installDebianChromium,
    log: (line) => process.stdout.write(`${line}\n`),
    now: () => Date.now(),
  });
