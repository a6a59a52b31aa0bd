import { z } from 'zod';
import { HELP_LIMITS } from '../knowledge/help';
import { isoTime } from './records';

/** One hit of GET /api/help/articles?q=: a published public article, without its body. */
export const helpArticleSummarySchema = z
  .object({ id: z.string(), title: z.string(), category: z.string(), updatedAt: isoTime })
  .meta({ id: 'HelpArticleSummary' });

export const helpArticleListSchema = z
  .object({
    articles: z
      .array(helpArticleSummarySchema)
      .meta({ description: `Published public articles matching every word, most recently changed first; at most ${HELP_LIMITS.results}.` }),
  })
  .meta({ id: 'HelpArticleList' });

/** GET /api/help/articles/<id>: a published public article to read. */
export const helpArticleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().meta({ description: 'Markdown; shown as shared/knowledge/markdown.ts renders it (no raw HTML, http(s) links only).' }),
    category: z.string(),
    updatedAt: isoTime,
  })
  .meta({ id: 'HelpArticle' });

/** POST /api/help/articles/<id>/feedback: the reader's answer under a public article on /help. */
export const helpFeedbackSchema = z
  .strictObject({ solved: z.boolean().meta({ description: 'Whether the article solved the problem.' }) })
  .meta({ id: 'HelpFeedback' });

/** What POST /api/help/articles/<id>/feedback answers once the answer is stored. */
export const helpFeedbackRecordedSchema = z.object({ articleId: z.string(), solved: z.boolean() }).meta({ id: 'HelpFeedbackRecorded' });
