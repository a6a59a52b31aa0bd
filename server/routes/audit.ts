import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readAudit } from '../audit/auditLog';
import type { Db } from '../db/connect';
import { parseInput } from '../http';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

const auditQuery = z.strictObject({
  /** The `next` of the previous page, sent back as received. */
  before: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'send back the next of the previous page as received')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `a whole number from 1 to ${MAX_AUDIT_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_AUDIT_LIMIT, `a whole number from 1 to ${MAX_AUDIT_LIMIT}`)
    .optional(),
});

/** GET /api/admin/audit: the audit log, newest first, a page at a time (docs/API.md, Audit log). */
export const auditRoutes = (app: FastifyInstance, db: Db): void => {
  app.get('/api/admin/audit', { config: { access: ['admin'] } }, async (request) => {
    const query = parseInput(auditQuery, request.query, 'audit query');
    return readAudit(db, { before: query.before, limit: query.limit ?? DEFAULT_AUDIT_LIMIT });
  });
};
