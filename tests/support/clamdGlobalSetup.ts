import { canInstallDebianPackages, installDebianPackages } from '../../scripts/apt/aptGet';
import { findClamd } from './findClamd';

/*
 * Vitest's global setup: the attachment tests scan uploads with a real clamd (tests/support/realClamd.ts).
 * A fresh machine has none; where Debian's package can be installed, it is, once, before any test
 * runs. Where it cannot, the tests that need it fail with how to install it (they never skip).
 */
export const setup = async (): Promise<void> => {
  if (findClamd() !== null || !canInstallDebianPackages()) return;
  const started = Date.now();
  process.stdout.write("clamd not found: installing Debian's clamav-daemon for the attachment tests (apt-get), once per machine…\n");
  let shown = -1;
  await installDebianPackages(['clamav-daemon'], (step) => {
    const tenth = Math.floor(step.percent / 10);
    if (tenth <= shown) return;
    shown = tenth;
    process.stdout.write(`  clamav-daemon: ${step.percent}% ${step.text}\n`);
  });
  process.stdout.write(`clamav-daemon installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
};
