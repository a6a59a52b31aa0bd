import { useLiveQuery } from 'dexie-react-hooks';
import type { CannedReply } from '../../shared/domain/records';
import type { MejaDb } from '../db/database';

const NONE: readonly CannedReply[] = [];

/** The desk's canned replies from the cache, live (a supervisor's change shows with the next sync), by title. */
export const useReplies = (db: MejaDb, locale: string): readonly CannedReply[] =>
  useLiveQuery(async () => (await db.replies.toArray()).sort((a, b) => a.title.localeCompare(b.title, locale) || a.id.localeCompare(b.id)), [db, locale]) ??
  NONE;
