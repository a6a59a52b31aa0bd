import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { articlesPerTicket, rankMostUsed, type ArticleFigures, type MostUsedArticle, type SelfHelpFigures } from '../../shared/stats/knowledge';
import type { Period } from '../../shared/stats/period';
import type { StatsFilters } from '../../shared/stats/selection';
import { countSelfHelpAnswers } from '../help/feedback';
import { boundsOf, countWhere, inPeriod, matchesFilters } from './sqlParts';

/**
 * The knowledge figures (shared/stats/knowledge.ts, the reference) over the `article_linked`
 * events of the tickets resolved in the period, and help_feedback for the self-help answers.
 */

/** The linked article's id out of an `article_linked` event's JSON data. */
const linkedArticleId = (kind: DatabaseKind): RawBuilder<string> =>
  kind === 'postgres' ? sql<string>`(cast(e.data as json) ->> 'articleId')` : sql<string>`json_extract(e.data, '$.articleId')`;

const resolvedInPeriod = (period: Period, filters: StatsFilters): RawBuilder<unknown> =>
  sql`f.resolved_at is not null and ${inPeriod('f.resolved_at', boundsOf(period))} and ${matchesFilters(filters, 'f.credited_to')}`;

type LinkRow = { id: string | null; resolved: number | string; links: number | string };

/** Resolved tickets and their links, overall (`id` null) or per credited technician. */
const linkRows = async (db: Db, period: Period, filters: StatsFilters, byTechnician: boolean): Promise<LinkRow[]> => {
  const key = byTechnician ? sql`f.credited_to` : sql`null`;
  const result = await sql<LinkRow>`
    select ${key} as id, count(*) as resolved, coalesce(sum(coalesce(l.links, 0)), 0) as links
    from ticket_facts f
    left join (select e.ticket_id, count(*) as links from ticket_events e where e.type = 'article_linked' group by e.ticket_id) l
      on l.ticket_id = f.ticket_id
    where ${resolvedInPeriod(period, filters)}
    ${byTechnician ? sql`group by f.credited_to` : sql``}`.execute(db);
  return result.rows;
};

const figuresOf = (row: LinkRow | undefined): ArticleFigures => ({
  articlesPerResolvedTicket: articlesPerTicket(Number(row?.links ?? 0), Number(row?.resolved ?? 0)),
});

/** The desk's articles per resolved ticket. */
export const articleFigures = async (db: Db, period: Period, filters: StatsFilters): Promise<ArticleFigures> =>
  figuresOf((await linkRows(db, period, filters, false))[0]);

/** Each credited technician's articles per resolved ticket; null for one who resolved nothing. */
export const articleFiguresByTechnician = async (db: Db, period: Period, filters: StatsFilters): Promise<(id: string) => ArticleFigures> => {
  const rows = await linkRows(db, period, filters, true);
  const byId = new Map(rows.flatMap((row) => (row.id === null ? [] : [[row.id, row] as const])));
  return (id) => figuresOf(byId.get(id));
};

type UsedRow = { article_id: string; tickets: number | string; reopened: number | string };

/**
 * Per article, the tickets resolved in the period that link it and how many of those were
 * reopened; titles by primary key; ranked in TypeScript (rankMostUsed) so that ties fall the same
 * on both databases, whatever their collation. One row per linked article: at most the size of
 * the knowledge base.
 */
export const mostUsedArticles = async (db: Db, kind: DatabaseKind, period: Period, filters: StatsFilters): Promise<MostUsedArticle[]> => {
  const used = await sql<UsedRow>`
    select ${linkedArticleId(kind)} as article_id, count(*) as tickets, ${countWhere(sql`f.is_reopened = 1`)} as reopened
    from ticket_facts f join ticket_events e on e.ticket_id = f.ticket_id and e.type = 'article_linked'
    where ${resolvedInPeriod(period, filters)}
    group by ${linkedArticleId(kind)}`.execute(db);
  const ids = used.rows.map((row) => row.article_id);
  const titles =
    ids.length === 0
      ? new Map<string, string>()
      : new Map((await db.selectFrom('articles').select(['id', 'title']).where('id', 'in', ids).execute()).map((a) => [a.id, a.title]));
  return rankMostUsed(
    used.rows.map((row) => ({
      id: row.article_id,
      title: titles.get(row.article_id) ?? row.article_id,
      tickets: Number(row.tickets),
      reopened: Number(row.reopened),
    })),
  );
};

/** The self-help answers of the period, desk-wide. */
export const selfHelpFigures = async (db: Db, period: Period): Promise<SelfHelpFigures> => {
  const { yes, no } = await countSelfHelpAnswers(db, boundsOf(period));
  return { selfHelpYes: yes, selfHelpNo: no };
};
