import { randomUUID } from 'node:crypto';
import type { SelfHelpAnswers } from '../../shared/knowledge/help';
import type { Db } from '../db/connect';

/** Stores one reader's answer under a public article; nothing about who gave it is kept. */
export const recordHelpFeedback = async (db: Db, articleId: string, solved: boolean, at: number): Promise<void> => {
  await db
    .insertInto('help_feedback')
    .values({ id: randomUUID(), article_id: articleId, solved: solved ? 1 : 0, at })
    .execute();
};

/**
 * The self-help answers given in [from, to) (milliseconds): "yes" and "no" to "Did this solve your
 * problem?" under public articles on /help, every answer counted, whichever article it was about.
 */
export const countSelfHelpAnswers = async (db: Db, period: { from: number; to: number }): Promise<SelfHelpAnswers> => {
  const rows = await db
    .selectFrom('help_feedback')
    .select(['solved', db.fn.countAll<number | string>().as('answers')])
    .where('at', '>=', period.from)
    .where('at', '<', period.to)
    .groupBy('solved')
    .execute();
  const counted = (solved: number): number => Number(rows.find((row) => Number(row.solved) === solved)?.answers ?? 0);
  return { yes: counted(1), no: counted(0) };
};
