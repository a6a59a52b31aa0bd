import { searchWords } from '../domain/ticketSearch';

/**
 * The public self-help answers: what anyone, without signing in, may read of the knowledge base
 * (published public articles only; docs/API.md, "Self-help").
 */

/** Limits of the self-help search (GET /api/help/articles?q=). */
export const HELP_LIMITS = { query: 200, words: 8, results: 50 } as const;

/** One hit of the search: a published public article, without its body. */
export type HelpArticleSummary = { id: string; title: string; category: string; updatedAt: string };

/** GET /api/help/articles?q= */
export type HelpArticleList = { articles: HelpArticleSummary[] };

/** GET /api/help/articles/<id>: the article to read, its body in Markdown. */
export type HelpArticle = { id: string; title: string; body: string; category: string; updatedAt: string };

/** Words of a self-help query, as the ticket search splits them: at most HELP_LIMITS.words, repeats dropped. */
export const helpWords = (q: string): string[] => [...new Set(searchWords(q))].slice(0, HELP_LIMITS.words);

/** POST /api/help/articles/<id>/feedback: a reader's answer to "Did this solve your problem?". */
export type HelpFeedback = { solved: boolean };

/** Self-help answers counted over a period: how many readers said an article solved their problem, and how many said not. */
export type SelfHelpAnswers = { yes: number; no: number };
