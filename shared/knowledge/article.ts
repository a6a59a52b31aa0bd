import { normalizeTag } from '../domain/tags';

export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
/** `internal`: staff only. `public`: also on the self-help pages at /help, once published. */
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** The fields a person writes; every version keeps all of them, so any version can be read and restored alone. */
export const ARTICLE_FIELDS = ['title', 'body', 'category', 'tags', 'visibility'] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

export const ARTICLE_LIMITS = {
  title: 200,
  /** Markdown source; a long how-to with its steps fits, a pasted log file does not. */
  body: 100_000,
  category: 60,
  tags: 10,
} as const;

/**
 * A knowledge-base article as the server stores it and every console caches it (it belongs to every
 * working set). Invariants: `version` starts at 1 and grows by one with every accepted change
 * (`article:update`, `article:publish`), and the article's `ArticleVersion` of that number holds
 * exactly its fields; `tags` are normalised, unique and sorted; `publishedAt` is set once, when it is
 * first published, and a published article stays published when edited.
 */
export type Article = {
  id: string;
  title: string;
  /** Markdown, shown only through shared/knowledge/markdown.ts (no raw HTML, http(s) links only). */
  body: string;
  category: string;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  version: number;
  authorId: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedAt: string | null;
};

export const ARTICLE_CHANGES = ['created', 'edited', 'published', 'restored'] as const;
export type ArticleChange = (typeof ARTICLE_CHANGES)[number];

/**
 * One entry of an article's history, never changed once written: who made version `version`, when,
 * which fields it changed, and the article's fields as they were then. Its id is `articleVersionId`.
 */
export type ArticleVersion = {
  id: string;
  articleId: string;
  version: number;
  actorId: string;
  at: string;
  change: ArticleChange;
  /** The fields this version changed (all of them when created; none when only published). */
  changed: ArticleField[];
  /** Set when the version restored an earlier one's fields. */
  restoredFrom: number | null;
  title: string;
  body: string;
  category: string;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
};

/** Versions are records of their own, one id per article and number, so both sides of a sync name them alike. */
export const articleVersionId = (articleId: string, version: number): string => `${articleId}:v${version}`;

/** Tags as an article stores them: normalised (as tickets' tags), without repeats, sorted, so equal sets are equal records. */
export const articleTags = (raw: readonly string[]): string[] => [...new Set(raw.map(normalizeTag))].sort();

const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((tag, i) => tag === b[i]);

type ArticleFields = Pick<Article, ArticleField>;

/** The fields whose values differ between two states of an article, in ARTICLE_FIELDS order. */
export const changedFields = (before: ArticleFields, after: ArticleFields): ArticleField[] =>
  ARTICLE_FIELDS.filter((field) => (field === 'tags' ? !sameTags(before.tags, after.tags) : before[field] !== after[field]));

/** The changed fields of an `article:update` that puts back an earlier version: what differs from the current article. */
export type RestoreArgs = { id: string; baseVersion: number; restoredFrom: number } & Partial<ArticleFields>;

/**
 * The `article:update` that restores `earlier` over `current`: only the fields that differ, based
 * on the current version (so a restore made while someone else edits is refused as any stale edit
 * is). Null when the earlier version's fields are the current ones: there is nothing to restore.
 */
export const restoreArgs = (current: Article, earlier: ArticleVersion): RestoreArgs | null => {
  const fields = changedFields(current, earlier);
  if (fields.length === 0) return null;
  const args: RestoreArgs = { id: current.id, baseVersion: current.version, restoredFrom: earlier.version };
  for (const field of fields) Object.assign(args, { [field]: earlier[field] });
  return args;
};
