import type { TicketEvent } from '../domain/records';
import { isInPeriod, type Period } from './period';
import { resolvedIn, type StatsQuery } from './selection';
import type { History, TicketFacts } from './ticketFacts';

/**
 * The knowledge base at work (docs/METRICS.md, "The caller's word and knowledge"): how often
 * resolutions lean on an article, which articles, and what readers of /help answered.
 */

/** Per resolved ticket, overall and per technician. */
export type ArticleFigures = {
  /** Articles linked to the tickets resolved in the period, divided by those tickets; null when none was resolved. */
  articlesPerResolvedTicket: number | null;
};

/** Desk-wide: a self-help answer has no ticket, so the filters do not apply. */
export type SelfHelpFigures = {
  /** "Did this solve your problem?" answered Yes on /help in the period. */
  selfHelpYes: number;
  /** … answered No. */
  selfHelpNo: number;
};

/** One of the articles most linked to the tickets resolved in the period. */
export type MostUsedArticle = {
  id: string;
  title: string;
  /** Tickets resolved in the period that link it. */
  tickets: number;
  /** Of those, how many were ever reopened (as the reopen rate counts them). */
  reopened: number;
};

/** How many articles the most-used list holds at most. */
export const MOST_USED_ARTICLES = 10;

/** Each ticket's linked articles, from its `article_linked` events (linking again writes no event, so each is there once). */
export const articleLinksOf = (events: readonly TicketEvent[]): Map<string, string[]> => {
  const links = new Map<string, string[]>();
  for (const e of events) {
    if (e.type !== 'article_linked') continue;
    const linked = links.get(e.ticketId);
    if (linked === undefined) links.set(e.ticketId, [e.data.articleId]);
    else linked.push(e.data.articleId);
  }
  return links;
};

/** Links over resolved tickets; null when nothing was resolved. */
export const articlesPerTicket = (links: number, resolved: number): number | null => (resolved === 0 ? null : links / resolved);

const linksOver = (resolved: readonly TicketFacts[], links: ReadonlyMap<string, readonly string[]>): number =>
  resolved.reduce((sum, f) => sum + (links.get(f.ticket.id)?.length ?? 0), 0);

/** The figures of some resolved tickets (all of the period's, or one technician's credited ones). */
export const articleFiguresOf = (resolved: readonly TicketFacts[], links: ReadonlyMap<string, readonly string[]>): ArticleFigures => ({
  articlesPerResolvedTicket: articlesPerTicket(linksOver(resolved, links), resolved.length),
});

/**
 * The most-used first: most tickets, then title, then id (the SQL sorts its rows with this too, so
 * both databases and the reference break ties alike), at most MOST_USED_ARTICLES.
 */
export const rankMostUsed = (rows: readonly MostUsedArticle[]): MostUsedArticle[] =>
  [...rows]
    .sort((a, b) => b.tickets - a.tickets || a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MOST_USED_ARTICLES);

/** The articles linked to the tickets resolved in the period (filters applied), most used first. */
export const computeMostUsedArticles = (history: History, query: StatsQuery, facts: ReadonlyMap<string, TicketFacts>): MostUsedArticle[] => {
  const links = articleLinksOf(history.events);
  const titles = new Map((history.articles ?? []).map((a) => [a.id, a.title]));
  const byArticle = new Map<string, MostUsedArticle>();
  for (const f of resolvedIn(facts.values(), query.period, query.filters)) {
    for (const id of links.get(f.ticket.id) ?? []) {
      const row = byArticle.get(id) ?? { id, title: titles.get(id) ?? id, tickets: 0, reopened: 0 };
      byArticle.set(id, { ...row, tickets: row.tickets + 1, reopened: row.reopened + (f.isReopened ? 1 : 0) });
    }
  }
  return rankMostUsed([...byArticle.values()]);
};

/** The self-help answers given in the period, whatever the article. */
export const computeSelfHelp = (history: History, period: Period): SelfHelpFigures => {
  const answers = (history.selfHelp ?? []).filter((a) => isInPeriod(a.at, period));
  return { selfHelpYes: answers.filter((a) => a.solved).length, selfHelpNo: answers.filter((a) => !a.solved).length };
};

/** The desk's knowledge figures for a query, as the summary carries them. */
export const computeKnowledgeFigures = (history: History, query: StatsQuery, facts: ReadonlyMap<string, TicketFacts>): ArticleFigures & SelfHelpFigures => ({
  ...articleFiguresOf(resolvedIn(facts.values(), query.period, query.filters), articleLinksOf(history.events)),
  ...computeSelfHelp(history, query.period),
});
