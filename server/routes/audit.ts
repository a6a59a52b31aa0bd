import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoTime } from '../../shared/api/records';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { readAudit, type AuditAction } from '../audit/auditLog';
import type { Db } from '../db/connect';
import { rolesWith } from '../../shared/auth/capabilities';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

const auditQuery = z.strictObject({
  /** The `next` of the previous page, sent back as received. */
  before: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'send back the next of the previous page as received')
    .transform(Number)
    .optional()
    .meta({ description: 'The `next` of the previous page, sent back as received.' }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `a whole number from 1 to ${MAX_AUDIT_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_AUDIT_LIMIT, `a whole number from 1 to ${MAX_AUDIT_LIMIT}`)
    .optional()
    .meta({ description: `Entries per page: a whole number from 1 to ${MAX_AUDIT_LIMIT} (default ${DEFAULT_AUDIT_LIMIT}).` }),
});

// Every action the log records (server/audit/auditLog.ts); server/api/answers.test.ts fails to compile when one is missing here.
const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'login_throttled',
  'logout',
  'user_created',
  'user_renamed',
  'user_role_changed',
  'user_deactivated',
  'user_reactivated',
  'user_password_reset',
  'stats_exported',
  'import',
] as const satisfies readonly AuditAction[];

export const auditPageSchema = z
  .object({
    entries: z.array(
      z.object({
        id: z.number().int(),
        at: isoTime,
        actorId: z.string().nullable(),
        action: z.enum(AUDIT_ACTIONS),
        subject: z.string(),
        address: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    next: z.string().nullable().meta({ description: 'Send back as `before` for the page after; null on the last page.' }),
  })
  .meta({ id: 'AuditPage' });

export const auditRoute = defineRoute({
  id: 'readAudit',
  method: 'GET',
  url: '/api/admin/audit',
  access: rolesWith('audit:read'),
  summary: 'The audit log, newest first, a page at a time',
  query: { schema: auditQuery, what: 'audit query' },
  responses: {
    200: { description: 'A page of entries (the actions and their details: docs/API.md, Audit log).', content: { 'application/json': auditPageSchema } },
  },
});

/** GET /api/admin/audit: the audit log, newest first, a page at a time (docs/API.md, Audit log). */
export const auditRoutes = (app: FastifyInstance, db: Db): void => {
  route(app, auditRoute, async ({ query }) => readAudit(db, { before: query.before, limit: query.limit ?? DEFAULT_AUDIT_LIMIT }));
};
