/**
 * Checks that the docs name what is on disk: the folder map of docs/ARCHITECTURE.md against the
 * folders, and the README's scripts table and screenshot list against package.json and
 * docs/screenshots/. Pure functions over text and lists, so their rules have tests of their own;
 * scripts/docsTruth.test.ts runs them on the real files.
 */

/** The top folders whose subfolders (one level down) the folder map must name. */
export const MAPPED_ROOTS = ['shared', 'server', 'renderer', 'electron', 'tests', 'scripts', 'bench'] as const;

/** The text of a `## title` section of a Markdown file, up to the next `## ` heading. */
export const markdownSection = (markdown: string, title: string): string => {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no "## ${title}" section`);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
};

/** The folders one level below each root, from a list of file paths (as `git ls-files` gives them). */
export const subfolders = (files: readonly string[], roots: readonly string[]): string[] => {
  const found = new Set<string>();
  for (const file of files) {
    const [root, folder, ...rest] = file.split('/');
    if (root !== undefined && folder !== undefined && rest.length > 0 && roots.includes(root)) found.add(`${root}/${folder}`);
  }
  return [...found].sort();
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the map names `root/folder`: as `` `root/folder/…` `` anywhere, or as `` `folder/…` ``
 * in the row of `` `root/` ``, which names its folders relative to itself.
 */
export const isNamedInMap = (map: string, path: string): boolean => {
  const [root, folder] = path.split('/');
  if (root === undefined || folder === undefined) return false;
  if (new RegExp(`\`${escape(root)}/${escape(folder)}/`).test(map)) return true;
  const row = map.split('\n').find((line) => line.startsWith(`| \`${root}/\` |`));
  return row !== undefined && new RegExp(`\`${escape(folder)}/`).test(row);
};

/** Folders the map names as `` `root/folder/` `` (under a mapped root) that are not on disk. */
export const namedButMissing = (map: string, folders: readonly string[], roots: readonly string[]): string[] => {
  const named = [...map.matchAll(/`([a-z]+)\/([A-Za-z0-9_-]+)\/`/g)]
    .filter((match) => roots.includes(match[1] ?? ''))
    .map((match) => `${match[1]}/${match[2]}`);
  return [...new Set(named)].filter((path) => !folders.includes(path)).sort();
};

/** The npm scripts a README table names in its first column: `npm start`, `npm test`, `npm run build`, ... */
export const scriptsInTable = (section: string): string[] => {
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `npm')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`npm (?:run )?([\w:-]+)/g)) if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
};

/** The `.png` files a text names. */
export const pngNames = (text: string): string[] => [...new Set([...text.matchAll(/`([\w.-]+\.png)`/g)].map((match) => match[1] ?? ''))].sort();
