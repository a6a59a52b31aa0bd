import {
  makeEvent,
  requireTicket,
  ticketRef,
  ticketWrite,
  type EntityRef,
  type MutationContext,
  type Mutator,
  type StateReader,
  type Write,
} from '../domain/mutatorKit';
import type { MutationArgsMap } from '../domain/mutationArgs';
import { fail, ok, type Result } from '../result';
import { articleTags, articleVersionId, changedFields, type Article, type ArticleChange, type ArticleField, type ArticleVersion } from './article';

const articleRef = (id: string): EntityRef => ({ entity: 'article', id });

const requireArticle = (read: StateReader, id: string): Result<Article> => {
  const article = read('article', id);
  return article === undefined ? fail('not_found', `No article with id ${id}.`) : ok(article);
};

/** An article and the history entry of its new version: every accepted change writes both. */
const withVersion = (article: Article, change: ArticleChange, changed: ArticleField[], restoredFrom: number | null, ctx: MutationContext): Write[] => {
  const version: ArticleVersion = {
    id: articleVersionId(article.id, article.version),
    articleId: article.id,
    version: article.version,
    actorId: ctx.actorId,
    at: ctx.now,
    change,
    changed,
    restoredFrom,
    title: article.title,
    body: article.body,
    category: article.category,
    tags: article.tags,
    visibility: article.visibility,
    status: article.status,
  };
  return [
    { entity: 'article', id: article.id, data: article },
    { entity: 'articleVersion', id: version.id, data: version },
  ];
};

export const articleCreate: Mutator<MutationArgsMap['article:create']> = {
  reads: (a) => [articleRef(a.id)],
  apply: (a, read, ctx) => {
    if (read('article', a.id) !== undefined) return fail('already_exists', `Article ${a.id} already exists.`);
    const article: Article = {
      id: a.id,
      title: a.title.trim(),
      body: a.body,
      category: a.category.trim(),
      tags: articleTags(a.tags),
      visibility: a.visibility,
      status: 'draft',
      version: 1,
      authorId: ctx.actorId,
      createdAt: ctx.now,
      updatedBy: ctx.actorId,
      updatedAt: ctx.now,
      publishedAt: null,
    };
    return ok(withVersion(article, 'created', ['title', 'body', 'category', 'tags', 'visibility'], null, ctx));
  },
};

/**
 * Edits an article written from version `baseVersion`. Two technicians editing the same article
 * are never silently overwritten: whoever saves second, from the version both started from, is
 * refused with the current article (`conflict`), and decides on their words against it. A change
 * that leaves every field as it is writes nothing, not even a version.
 */
export const articleUpdate: Mutator<MutationArgsMap['article:update']> = {
  reads: (a) => [articleRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireArticle(read, a.id);
    if (!found.ok) return found;
    const current = found.value;
    if (current.version !== a.baseVersion) {
      return fail('conflict', `The article is at version ${current.version} now, not ${a.baseVersion}: someone else saved it meanwhile.`, current);
    }
    if (a.restoredFrom !== undefined && a.restoredFrom >= current.version) {
      return fail('invalid_args', `Version ${a.restoredFrom} is not an earlier version of this article.`);
    }
    const next = {
      title: a.title?.trim() ?? current.title,
      body: a.body ?? current.body,
      category: a.category?.trim() ?? current.category,
      tags: a.tags === undefined ? current.tags : articleTags(a.tags),
      visibility: a.visibility ?? current.visibility,
    };
    const changed = changedFields(current, next);
    if (changed.length === 0) return ok([]);
    const article: Article = { ...current, ...next, version: current.version + 1, updatedBy: ctx.actorId, updatedAt: ctx.now };
    const restoredFrom = a.restoredFrom ?? null;
    return ok(withVersion(article, restoredFrom === null ? 'edited' : 'restored', changed, restoredFrom, ctx));
  },
};

/** Publishes a draft as it stands. Publishing a published article changes nothing, so a repeat is harmless. */
export const articlePublish: Mutator<MutationArgsMap['article:publish']> = {
  reads: (a) => [articleRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireArticle(read, a.id);
    if (!found.ok) return found;
    const current = found.value;
    if (current.status === 'published') return ok([]);
    const article: Article = {
      ...current,
      status: 'published',
      version: current.version + 1,
      updatedBy: ctx.actorId,
      updatedAt: ctx.now,
      publishedAt: current.publishedAt ?? ctx.now,
    };
    return ok(withVersion(article, 'published', [], null, ctx));
  },
};

/**
 * Records that an article solved (or helps with) a ticket: the ticket lists the article, and its
 * timeline says who linked it when. Linking it again changes nothing.
 */
export const ticketLinkArticle: Mutator<MutationArgsMap['ticket:linkArticle']> = {
  reads: (a) => [ticketRef(a.ticketId), articleRef(a.articleId)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.ticketId);
    if (!found.ok) return found;
    const article = requireArticle(read, a.articleId);
    if (!article.ok) return article;
    const ticket = found.value;
    const linked = ticket.articles ?? [];
    if (linked.includes(a.articleId)) return ok([]);
    return ok([
      ticketWrite({ ...ticket, articles: [...linked, a.articleId], updatedAt: ctx.now }),
      makeEvent(ctx, a.ticketId, 0, { type: 'article_linked', data: { articleId: a.articleId } }),
    ]);
  },
};
