import { rm, stat } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connect';
import { schedulePeriodic } from '../periodicJob';
import type { FileStore } from './fileStore';

/** An upload nobody attached within a day is dropped: long enough for a console that uploaded and then lost the network. */
export const UNATTACHED_KEEP_MS = 24 * 3_600_000;
export const DEFAULT_UPLOAD_CLEANUP_EVERY_MS = 60 * 60_000;
/** Rows per run: a backlog goes in several runs rather than one long one. */
const BATCH = 500;

export type UploadCleanup = {
  /** Deletes the unattached uploads older than a day, and the files no other row names. */
  runOnce(): Promise<{ uploads: number; files: number }>;
};

export type UploadCleanupOptions = { db: Db; store: FileStore; keepMs?: number; now?: () => number };

export const createUploadCleanup = ({ db, store, keepMs = UNATTACHED_KEEP_MS, now = Date.now }: UploadCleanupOptions): UploadCleanup => ({
  runOnce: async () => {
    const cutoff = now() - keepMs;
    const stale = await db
      .selectFrom('attachments')
      .select(['id', 'sha256'])
      .where('ticket_id', 'is', null)
      .where('uploaded_at', '<', cutoff)
      .orderBy('uploaded_at')
      .limit(BATCH)
      .execute();
    if (stale.length === 0) return { uploads: 0, files: 0 };
    // Still unattached as it is deleted: an `attachment:add` that commits first keeps its row.
    const deleted = await db
      .deleteFrom('attachments')
      .where(
        'id',
        'in',
        stale.map((row) => row.id),
      )
      .where('ticket_id', 'is', null)
      .executeTakeFirst();
    let files = 0;
    for (const sha256 of new Set(stale.map((row) => row.sha256))) {
      const used = await db.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
      if (used !== undefined) continue;
      // The file store touches a file whenever the same bytes arrive again (FileStore.keep): a file
      // touched since the cutoff may be a new upload whose row is being written, and stays for the next run.
      const path = store.pathOf(sha256);
      const info = await stat(path).catch(() => null);
      if (info === null || info.mtimeMs >= cutoff) continue;
      await rm(path, { force: true });
      files += 1;
    }
    return { uploads: Number(deleted.numDeletedRows), files };
  },
});

/** Runs the cleanup every `everyMs`, never two at once; a failed run is logged and the next one tries again. */
export const scheduleUploadCleanup = (job: UploadCleanup, everyMs: number, log: FastifyBaseLogger): { stop(): void } =>
  schedulePeriodic(
    async () => {
      const done = await job.runOnce();
      if (done.uploads > 0) log.info(done, 'removed unattached uploads');
    },
    everyMs,
    (error) => log.warn({ err: error }, 'upload cleanup: a run failed; the next one tries again'),
  );
