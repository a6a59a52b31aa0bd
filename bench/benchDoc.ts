import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces the `## <heading>` section of docs/BENCHMARKS.md (up to the next `## ` heading) with
 * `section`, or appends it; every other section stays as the last run of its part left it.
 */
export const writeBenchSection = (heading: string, section: string, file = 'docs/BENCHMARKS.md'): void => {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = current.indexOf(`\n## ${heading}\n`);
  if (start === -1) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + 1);
  writeFileSync(file, `${current.slice(0, start + 1)}${section}${next === -1 ? '' : `\n${current.slice(next + 1)}`}`);
};
