import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAPPED_ROOTS, isNamedInMap, markdownSection, namedButMissing, pngNames, scriptsInTable, subfolders } from './docsTruth';

const tracked = (): string[] =>
  execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
const read = (path: string): string => readFileSync(path, 'utf8');

describe('the docs name what is there', () => {
  it("docs/ARCHITECTURE.md's folder map names every folder one level below each top folder, and only folders that exist", () => {
    const map = markdownSection(read('docs/ARCHITECTURE.md'), 'Folder map');
    const folders = subfolders(tracked(), MAPPED_ROOTS);
    expect(folders.length).toBeGreaterThan(30);
    expect(folders.filter((folder) => !isNamedInMap(map, folder))).toEqual([]);
    expect(namedButMissing(map, folders, MAPPED_ROOTS)).toEqual([]);
  });

  it("the README's scripts table has a row for every script of package.json, and none for a script it lacks", () => {
    const table = markdownSection(read('README.md'), 'Scripts');
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts).sort();
    expect(scriptsInTable(table)).toEqual(scripts);
  });

  it("the README's list of screenshots is the files in docs/screenshots/", () => {
    const documentation = markdownSection(read('README.md'), 'Documentation');
    const shots = tracked()
      .filter((file) => file.startsWith('docs/screenshots/') && file.endsWith('.png'))
      .map((file) => file.slice('docs/screenshots/'.length))
      .sort();
    expect(shots.length).toBeGreaterThan(0);
    expect(pngNames(documentation)).toEqual(shots);
  });
});

describe('the rules of the checks', () => {
  const map = [
    '| folder | what | may import |',
    '| `shared/domain/` | rules | `shared/` only |',
    '| `renderer/` | console: `app/` (store), `queue/` (queue) | `shared/` |',
    '| `tests/` | tests; `sync/proxy.test.ts`, `support/` | anything |',
  ].join('\n');

  it('takes a folder as named by its full path, or by its name in its top folder’s row', () => {
    expect(isNamedInMap(map, 'shared/domain')).toBe(true);
    expect(isNamedInMap(map, 'renderer/queue')).toBe(true);
    expect(isNamedInMap(map, 'tests/sync')).toBe(true);
    expect(isNamedInMap(map, 'renderer/desktop')).toBe(false);
    // A name in another folder's row does not count.
    expect(isNamedInMap(map, 'tests/queue')).toBe(false);
    expect(isNamedInMap(map, 'shared/sync')).toBe(false);
  });

  it('lists the folders one level down, and the full paths the map names that are gone', () => {
    expect(subfolders(['renderer/app/a.ts', 'renderer/b.ts', 'renderer/queue/q/x.ts', 'docs/x/y.md'], ['renderer'])).toEqual([
      'renderer/app',
      'renderer/queue',
    ]);
    expect(namedButMissing(map, ['shared/sync'], ['shared'])).toEqual(['shared/domain']);
  });

  it('reads script names from the first column only', () => {
    const table = [
      '| script | what |',
      '| `npm start` | starts; see `npm run dev` |',
      '| `npm run typecheck` / `npm run lint` | checks |',
      '| `npm run import -- <file>` | imports |',
      '| `npm test` | all |',
    ].join('\n');
    expect(scriptsInTable(table)).toEqual(['import', 'lint', 'start', 'test', 'typecheck']);
  });

  it('finds a section up to the next heading', () => {
    expect(markdownSection('# T\n\n## A\none\n## B\ntwo\n', 'A')).toBe('\n## A\none');
    expect(() => markdownSection('# T\n', 'A')).toThrow('no "## A" section');
  });
});
