import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's clamav-daemon puts clamd in /usr/sbin, which a non-root PATH often lacks. */
export const findClamd = (): string | null => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'clamd');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
};

export const NO_CLAMD =
  "clamd (ClamAV's scanning daemon) is not installed, and the attachment tests scan with the real one: run `apt-get install clamav-daemon` as root (Debian), or run the tests as root on Debian so they install it.";
