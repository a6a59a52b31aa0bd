import { sql } from 'kysely';
import { HELP_LIMITS, helpWords, type HelpArticle, type HelpArticleSummary } from '../../shared/knowledge/help';
import type { Db } from '../db/connect';
import { likeContains } from '../search/searchTickets';

const iso = (ms: number | string): string => new Date(Number(ms)).toISOString();

/**
 * Published public articles whose title, category, tags or body contain every word of the query
 * (any case), most recently changed first. No query: the most recent ones. Only published public
 * articles are ever read: drafts and internal articles do not exist for the public routes.
 */
export const searchPublicArticles = async (db: Db, q: string): Promise<HelpArticleSummary[]> => {
  let query = db.selectFrom('articles').select(['id', 'title', 'category', 'updated_at']).where('status', '=', 'published').where('visibility', '=', 'public');
  for (const word of helpWords(q)) query = query.where(sql<boolean>`${sql.ref('search_text')} like ${likeContains(word)} escape '\\'`);
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(HELP_LIMITS.results).execute();
  return rows.map((row) => ({ id: row.id, title: row.title, category: row.category, updatedAt: iso(row.updated_at) }));
};

/** A published public article by id, or null for anything else (unknown, draft or internal alike). */
export const findPublicArticle = async (db: Db, id: string): Promise<HelpArticle | null> => {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'title', 'body', 'category', 'updated_at'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('visibility', '=', 'public')
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, title: row.title, body: row.body, category: row.category, updatedAt: iso(row.updated_at) };
};
