import { seededRandom } from '../../shared/seededRandom';
import type { Db } from '../db/connect';
import { recordHelpFeedback } from '../help/feedback';

/**
 * The demo's word from callers and readers (docs/METRICS.md, "The caller's word and knowledge"):
 * what a demo caller answers on /track, and the answers readers left under public articles on
 * /help, so the panel's satisfaction and knowledge figures are real ones.
 */

/** The ratings demo callers give, drawn evenly: mostly 4 and 5, as satisfaction surveys tend to be. */
const DEMO_RATINGS = [5, 5, 5, 4, 4, 4, 3, 2, 5, 4] as const;

export type DemoCallerAnswer = { solved: boolean; rating: number | undefined; comment: string | undefined };

/**
 * Whether a demo caller answers a resolution and what: about two in three answer, mostly content;
 * about one answer in twelve is a No. `canAnswer` false (a resolution the demo reopens, or one too
 * recent) draws once and answers nothing. Draws from `answers` only, so the rest of the demo stays
 * as it was whatever is drawn here.
 */
export const drawCallerAnswer = (answers: () => number, canAnswer: boolean): DemoCallerAnswer | null => {
  const said = answers();
  if (!canAnswer || said >= 0.65) return null;
  const solved = said >= 0.08;
  const rating = solved ? DEMO_RATINGS[Math.floor(answers() * DEMO_RATINGS.length)] : undefined;
  const comment = solved ? (answers() < 0.3 ? 'Works again, thank you!' : undefined) : 'It happened again this morning.';
  return { solved, rating, comment };
};

const DAY_MS = 24 * 60 * 60_000;

/**
 * Readers' answers to "Did this solve your problem?" under each public published article, spread
 * over the last thirty days: a handful to a dozen per article, about three in four Yes (the first
 * article listed is the most read). Deterministic, so every demo shows the same counts.
 */
export const seedDemoSelfHelp = async (db: Db, publicArticleIds: readonly string[], now: number): Promise<number> => {
  const random = seededRandom(20_261_208);
  let written = 0;
  for (const [index, articleId] of publicArticleIds.entries()) {
    const readers = 12 - 3 * index + Math.floor(random() * 4);
    for (let r = 0; r < readers; r += 1) {
      await recordHelpFeedback(db, articleId, random() < 0.75, now - Math.floor(random() * 30 * DAY_MS));
      written += 1;
    }
  }
  return written;
};
