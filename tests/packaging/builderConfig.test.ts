import type { Configuration } from 'app-builder-lib';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { filesFilter, packedFilesOfModule, validateBuilderConfig } from './builderInternals';

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main?: string;
  description?: string;
  author?: string;
  dependencies?: Record<string, string>;
};

/** What `npm run build` must have produced for the app to start (main, its preload, the page). */
const BUILT_ENTRIES = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];

const filePatterns = (): string[] => {
  const files = config.files;
  if (!Array.isArray(files) || !files.every((pattern): pattern is string => typeof pattern === 'string')) throw new Error('files must be a list of patterns');
  return files;
};

/** Every file under `dir` (relative to the repository), for matching patterns against. */
const walk = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    return entry.isDirectory() ? walk(path) : [path];
  });

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (file: string): { width: number; height: number } => {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation (and that validation does reject a wrong option)', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateBuilderConfig(misspelt)).rejects.toThrow(/does not match the API schema/);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
  });

  it('sets the production fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    // onlyLoadAppFromAsar and asar integrity need the app packed as an asar archive.
    expect(config.asar).toBe(true);
  });

  it('registers meja:// links (electron-builder writes x-scheme-handler/meja into the Linux desktop entry from it)', () => {
    const protocols = Array.isArray(config.protocols) ? config.protocols : [config.protocols];
    expect(protocols.flatMap((protocol) => protocol?.schemes ?? [])).toEqual(['meja']);
    expect(config.linux?.executableName).toBe('meja');
    expect(config.extraMetadata).toMatchObject({ desktopName: 'meja.desktop' });
  });

  it('writes update files for a generic server, without uploading anywhere', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it('takes description and author from package.json', () => {
    expect(packageJson.description).toMatch(/\S/);
    expect(packageJson.author).toMatch(/\S/);
  });
});

describe('what gets packed (after npm run build)', () => {
  it('finds the build output', () => {
    const missing = BUILT_ENTRIES.filter((file) => !existsSync(join(root, file)));
    expect(missing, `missing ${missing.join(', ')}: run \`npm run build\` before these checks`).toEqual([]);
  });

  it('has each files pattern match something, and packs the built entries', () => {
    const patterns = filePatterns();
    const candidates = [...walk('dist'), 'package.json'];
    for (const pattern of patterns.filter((p) => !p.startsWith('!'))) {
      const takes = filesFilter(root, [pattern]);
      expect(candidates.filter(takes), `"${pattern}" matches nothing`).not.toEqual([]);
    }
    const packs = filesFilter(root, patterns);
    expect(BUILT_ENTRIES.filter((file) => !packs(file))).toEqual([]);
    expect(packs('server/main.ts')).toBe(false);
  });

  it('starts the built main entry: package.json main and extraMetadata.main name it', () => {
    expect(packageJson.main).toBe('dist/electron/main.cjs');
    expect(config.extraMetadata?.main ?? packageJson.main).toBe(packageJson.main);
    expect(statSync(join(root, 'dist/electron/main.cjs')).size).toBeGreaterThan(0);
  });

  it('packs none of the server’s production dependencies (main and preload are self-contained bundles)', async () => {
    const serverDependencies = Object.keys(packageJson.dependencies ?? {});
    expect(serverDependencies).toEqual(expect.arrayContaining(['fastify', 'better-sqlite3', 'pg']));
    for (const name of serverDependencies) {
      expect(await packedFilesOfModule(config, root, name), name).toEqual([]);
    }
    // The same walk without the exclusion packs them: the check above can fail.
    const withoutExclusion = { ...config, files: filePatterns().filter((p) => !p.includes('node_modules')) };
    expect((await packedFilesOfModule(withoutExclusion, root, 'fastify')).map((file) => relative(root, file))).toContain('node_modules/fastify/package.json');
  });

  it('has bundles that need no node_modules at run time (only Node built-ins and electron)', () => {
    const allowed = new Set([...builtinModules, 'electron']);
    for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
      const required = [...readFileSync(join(root, bundle), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
      expect(required, `${bundle} is read as CommonJS`).toContain('electron');
      const external = required.filter((name) => !allowed.has(name.replace(/^node:/, '')));
      expect(external, `${bundle} requires packages that are not packed`).toEqual([]);
    }
  });

  it('packs the tray icons at 16 px with their @2x pairs', () => {
    expect(config.extraResources).toEqual([{ from: 'build/tray', to: 'tray', filter: ['*.png'] }]);
    for (const [file, size] of [
      ['tray.png', 16],
      ['tray@2x.png', 32],
      ['trayTemplate.png', 16],
      ['trayTemplate@2x.png', 32],
    ] as const) {
      expect(pngSize(join(root, 'build/tray', file)), file).toEqual({ width: size, height: size });
    }
  });

  it('has the icon every platform uses, at least 512×512 and square', () => {
    const icons = new Set([config.linux?.icon, config.win?.icon, config.mac?.icon]);
    expect([...icons]).toEqual(['build/icon.png']);
    const { width, height } = pngSize(join(root, 'build/icon.png'));
    expect(width).toBeGreaterThanOrEqual(512);
    expect(height).toBe(width);
  });
});
