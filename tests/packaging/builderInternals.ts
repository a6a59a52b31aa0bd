/**
 * The parts of electron-builder (app-builder-lib, a dependency of electron-builder) these checks
 * call, loaded with require as electron-builder itself loads them. The node_modules helpers are
 * internal (their .d.ts files declare nothing), so they are typed here by the shape electron-builder
 * calls them with.
 */
import type * as BuilderUtil from 'builder-util';
import type { Configuration } from 'app-builder-lib';
import type * as ConfigModule from 'app-builder-lib/out/util/config/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof ConfigModule;
const { DebugLogger } = require('builder-util') as typeof BuilderUtil;

type FileMatcherLike = { patterns: string[]; createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
type MacroExpander = (pattern: string) => string;

const fileMatcherModule = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, macroExpander: MacroExpander, patterns?: string[]) => FileMatcherLike;
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: MacroExpander,
    platformOptions: object,
    packager: { config: Configuration; debugLogger: BuilderUtil.DebugLogger },
  ): FileMatcherLike;
};
const copierModule = require('app-builder-lib/out/util/NodeModuleCopyHelper.js') as {
  NodeModuleCopyHelper: new (
    matcher: FileMatcherLike,
    packager: { appInfo: { type: string }; config: Configuration; getWorkspaceRoot(): Promise<string> },
  ) => { collectNodeModules(module: { name: string; dir: string }, excludedExts: string[], destination: string): Promise<Array<string | null>> };
};

const identity: MacroExpander = (pattern) => pattern;

/** Validates as electron-builder does before it packs anything (schema plus its own deprecation checks). */
export const validateBuilderConfig = (config: Configuration): Promise<void> => validateConfiguration(config, new DebugLogger(false));

/** Whether electron-builder's matcher for these `files` patterns takes this file (path relative to the app dir). */
export const filesFilter = (appDir: string, patterns: string[]): ((relativePath: string) => boolean) => {
  const filter = new fileMatcherModule.FileMatcher(appDir, '/packed/app', identity, patterns).createFilter();
  return (relativePath) => filter(`${appDir}/${relativePath}`, { isDirectory: () => false });
};

/**
 * The files of one installed package electron-builder would copy into the app, computed as its
 * computeNodeModuleFileSets does: the node_modules matcher built from `files`, then the module walk.
 */
export const packedFilesOfModule = async (config: Configuration, appDir: string, name: string): Promise<string[]> => {
  const destination = '/packed/app';
  const dir = `${appDir}/node_modules/${name}`;
  const main = fileMatcherModule.getNodeModuleFileMatcher(appDir, destination, identity, {}, { config, debugLogger: new DebugLogger(false) });
  const matcher = new fileMatcherModule.FileMatcher(dir, `${destination}/node_modules/${name}`, identity, main.patterns);
  const copier = new copierModule.NodeModuleCopyHelper(matcher, { appInfo: { type: 'app' }, config, getWorkspaceRoot: async () => appDir });
  const files = await copier.collectNodeModules({ name, dir }, [], `node_modules/${name}`);
  return files.filter((file): file is string => file !== null);
};
